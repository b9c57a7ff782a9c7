package dev.lexecon.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorageException;
import dev.lexecon.testing.SampleRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("JdbcLedgerStorage")
class JdbcLedgerStorageTest {
  static final String CLASS_PREFIX = TestDatabase.RUN + "j";
  final List<Runnable> cleanups = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    cleanups.forEach(Runnable::run);
  }

  /** A storage over its own pool (URL mode) with a fresh table prefix, dropped after the test. */
  JdbcLedgerStorage open(TestDatabase db, String prefix) {
    TestDatabase.Login login = db.require();
    JdbcLedgerStorage storage = JdbcLedgerStorage.builder()
        .url(login.url()).credentials(login.user(), login.password())
        .tablePrefix(prefix).maximumPoolSize(4).open();
    cleanups.add(storage::close);
    return storage;
  }

  String newPrefix(TestDatabase db) {
    String prefix = CLASS_PREFIX + TestDatabase.uniquePrefix().replace(TestDatabase.RUN, "");
    cleanups.add(() -> {
      try {
        db.dropTables(db.require(), prefix);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    return prefix;
  }

  @ParameterizedTest(name = "{0}, killed after the entries were inserted")
  @EnumSource(TestDatabase.class)
  @DisplayName("a connection killed by the server mid-batch surfaces as LedgerStorageException, leaves no partial batch, and the next append succeeds")
  void connectionKilledMidBatch(TestDatabase db) throws Exception {
    connectionKilled(db, JdbcLedgerStorage.AppendHook.Stage.ENTRIES_INSERTED);
  }

  @ParameterizedTest(name = "{0}, killed just before commit")
  @EnumSource(TestDatabase.class)
  @DisplayName("a connection killed by the server just before commit surfaces as LedgerStorageException, loses no acknowledged entry, and the next append succeeds")
  void connectionKilledBeforeCommit(TestDatabase db) throws Exception {
    connectionKilled(db, JdbcLedgerStorage.AppendHook.Stage.BEFORE_COMMIT);
  }

  private void connectionKilled(TestDatabase db, JdbcLedgerStorage.AppendHook.Stage stage) throws Exception {
    String prefix = newPrefix(db);
    JdbcLedgerStorage storage = open(db, prefix);
    List<LedgerRecord> acknowledged = SampleRecords.after(null, 5);
    storage.append(0, acknowledged);
    List<LedgerRecord> batch = SampleRecords.after(acknowledged.get(4), 6); // seqs 5..10, with side records
    assertThat(batch).anyMatch(r -> r.sideRecord() != null);
    TestDatabase.Login login = db.require();
    storage.appendHook((at, connection) -> {
      if (at == stage) {
        killBackend(db, login, connection);
      }
    });

    assertThatThrownBy(() -> storage.append(5, batch))
        .isInstanceOf(LedgerStorageException.class)
        .isNotInstanceOf(LedgerConflictException.class)
        .hasMessageContaining("seq 5")
        .hasMessageContaining(stage == JdbcLedgerStorage.AppendHook.Stage.BEFORE_COMMIT
            ? "the connection failed while committing" : "lost the connection to the database");

    storage.appendHook(null);
    assertThat(storage.size()).isEqualTo(5);
    assertThat(storage.read(0, 100)).isEqualTo(acknowledged);
    try (Connection c = login.connect(); Statement st = c.createStatement()) {
      assertThat(count(st, "SELECT count(*) FROM " + prefix + "ledger_entries WHERE seq >= 5")).isZero();
      assertThat(count(st, "SELECT count(*) FROM " + prefix + "ledger_side_records WHERE seq >= 5")).isZero();
    }
    storage.append(5, batch);
    assertThat(storage.read(0, 100)).isEqualTo(concat(acknowledged, batch));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  @DisplayName("a commit whose acknowledgement is lost is found stored and reported as appended")
  void lostAcknowledgementResolved(TestDatabase db) {
    JdbcLedgerStorage storage = open(db, newPrefix(db));
    List<LedgerRecord> first = SampleRecords.after(null, 3);
    storage.append(0, first);
    storage.appendHook((at, connection) -> {
      if (at == JdbcLedgerStorage.AppendHook.Stage.AFTER_COMMIT) {
        throw new SQLTransientConnectionException("simulated: connection reset while reading the COMMIT reply", "08006");
      }
    });
    List<LedgerRecord> second = SampleRecords.after(first.get(2), 4);

    storage.append(3, second); // returns normally: the batch is there

    storage.appendHook(null);
    assertThat(storage.read(0, 100)).isEqualTo(concat(first, second));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  @DisplayName("when two writers pass the head check at once, the seq primary key lets only one commit and the other gets LedgerConflictException")
  void primaryKeyDecidesTheRace(TestDatabase db) throws Exception {
    String prefix = newPrefix(db);
    JdbcLedgerStorage winner = open(db, prefix);
    JdbcLedgerStorage loser = open(db, prefix);
    List<LedgerRecord> base = SampleRecords.after(null, 2);
    winner.append(0, base);
    CountDownLatch winnerInserted = new CountDownLatch(1);
    CountDownLatch loserWaiting = new CountDownLatch(1);
    winner.appendHook((at, connection) -> {
      if (at == JdbcLedgerStorage.AppendHook.Stage.BEFORE_COMMIT) {
        winnerInserted.countDown(); // seqs 2..4 inserted, not yet committed
        try {
          loserWaiting.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> winning = pool.submit(() -> {
        winner.append(2, SampleRecords.after(base.get(1), 3));
        return null;
      });
      assertThat(winnerInserted.await(1, TimeUnit.MINUTES)).isTrue();
      // the loser's head check still sees seq 1 as the head (the winner has not committed), so
      // only the primary key can stop it: its insert of seq 2 blocks on the winner's row
      CompletableFuture<Void> losing = CompletableFuture.runAsync(
          () -> loser.append(2, SampleRecords.after(base.get(1), 2)));
      awaitLockWait(db);
      loserWaiting.countDown();
      winning.get(1, TimeUnit.MINUTES);
      assertThatThrownBy(() -> losing.get(1, TimeUnit.MINUTES))
          .hasCauseInstanceOf(LedgerConflictException.class)
          .cause()
          .satisfies(e -> assertThat(((LedgerConflictException) e).actualNextSeq()).isEqualTo(5));
    } finally {
      pool.shutdownNow();
    }
    assertThat(loser.size()).isEqualTo(5);
    assertThat(loser.read(0, 10)).isEqualTo(concat(base, SampleRecords.after(base.get(1), 3)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  @DisplayName("many storages opening one new ledger at the same moment all succeed and migrate it once")
  void concurrentFirstOpen(TestDatabase db) throws Exception {
    String prefix = newPrefix(db);
    TestDatabase.Login login = db.require();
    int openers = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(openers);
    try {
      List<Future<JdbcLedgerStorage>> opened = new ArrayList<>();
      for (int i = 0; i < openers; i++) {
        opened.add(pool.submit(() -> {
          start.await();
          return open(db, prefix);
        }));
      }
      start.countDown();
      for (Future<JdbcLedgerStorage> f : opened) {
        assertThat(f.get(2, TimeUnit.MINUTES).size()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = login.connect(); Statement st = c.createStatement()) {
      assertThat(count(st, "SELECT count(*) FROM " + prefix + "schema_history")).isEqualTo(1);
      assertThat(count(st, "SELECT max(version) FROM " + prefix + "schema_history")).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  @DisplayName("the dialect is detected from the connection, and a schema migrated by a newer Lexecon is refused")
  void dialectAndSchemaVersion(TestDatabase db) throws Exception {
    String prefix = newPrefix(db);
    JdbcLedgerStorage storage = open(db, prefix);
    assertThat(storage.toString()).contains(db.label).contains(prefix + "ledger_entries");
    storage.close();
    open(db, prefix).close(); // a reopen does not migrate again
    TestDatabase.Login login = db.require();
    try (Connection c = login.connect(); Statement st = c.createStatement()) {
      assertThat(count(st, "SELECT count(*) FROM " + prefix + "schema_history")).isEqualTo(1);
      st.execute("INSERT INTO " + prefix + "schema_history (version, description, applied_at) "
          + "VALUES (42, 'from the future', '2030-01-01T00:00:00Z')");
    }
    assertThatThrownBy(() -> open(db, prefix))
        .isInstanceOf(LedgerStorageException.class)
        .hasMessageContaining("schema version 42");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  @DisplayName("erasure deletes the side record's row and leaves the entry's row untouched")
  void erasureDeletesRow(TestDatabase db) throws Exception {
    String prefix = newPrefix(db);
    JdbcLedgerStorage storage = open(db, prefix);
    List<LedgerRecord> records = SampleRecords.after(null, 8);
    storage.append(0, records);
    LedgerRecord target = records.stream().filter(r -> r.sideRecord() != null).findFirst().orElseThrow();
    assertThat(storage.eraseSideRecord(target.seq())).isTrue();
    try (Connection c = db.require().connect(); Statement st = c.createStatement()) {
      assertThat(count(st, "SELECT count(*) FROM " + prefix + "ledger_side_records WHERE seq = " + target.seq())).isZero();
      assertThat(count(st, "SELECT count(*) FROM " + prefix + "ledger_entries WHERE seq = " + target.seq())).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  @DisplayName("a given DataSource is borrowed from and stays open after close; columns wider than 255 characters are refused")
  void givenDataSourceStaysOpen(TestDatabase db) {
    String prefix = newPrefix(db);
    try (HikariDataSource pool = db.require().pool(3)) {
      JdbcLedgerStorage storage = JdbcLedgerStorage.builder().dataSource(pool).tablePrefix(prefix).open();
      LedgerRecord genesis = SampleRecords.after(null, 1).get(0);
      LedgerRecord wide = SampleRecords.hashed(0, "x".repeat(256), genesis.timestamp(), genesis.previousHash(), genesis.entry(), null);
      assertThatThrownBy(() -> storage.append(0, List.of(wide)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255");
      storage.append(0, List.of(genesis));
      storage.close();
      assertThat(pool.isClosed()).isFalse();
      assertThatThrownBy(storage::size).isInstanceOf(LedgerStorageException.class).hasMessageContaining("closed");
      JdbcLedgerStorage again = JdbcLedgerStorage.builder().dataSource(pool).tablePrefix(prefix).open();
      assertThat(again.size()).isEqualTo(1);
      again.close();
    }
  }

  @Test
  @DisplayName("an unreachable database fails with LedgerStorageException naming the URL, without the password")
  void unreachableDatabase() {
    assertThatThrownBy(() -> JdbcLedgerStorage.builder()
            .url("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=1&password=hunter2")
            .credentials("nobody", "hunter2")
            .connectionTimeout(Duration.ofMillis(300))
            .open())
        .isInstanceOf(LedgerStorageException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  @DisplayName("builder setters validate at once")
  void builderValidates() {
    JdbcLedgerStorage.Builder b = JdbcLedgerStorage.builder();
    assertThatThrownBy(() -> b.tablePrefix("Bad-Prefix")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z]");
    assertThatThrownBy(() -> b.tablePrefix("x".repeat(33))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.schema("public; drop table x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maximumPoolSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.connectionTimeout(Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.scanPageSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.url("postgresql://host/db")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(b::open).isInstanceOf(IllegalStateException.class).hasMessageContaining("url(...) or dataSource(...)");
    b.url("jdbc:postgresql://127.0.0.1/test");
    assertThatThrownBy(() -> b.dataSource(new HikariDataSource())).isInstanceOf(IllegalStateException.class);
    assertThat(b.tablePrefix("")).isSameAs(b);
  }

  // ----------------------------------------------------------------------------------- helpers

  static void killBackend(TestDatabase db, TestDatabase.Login login, Connection victim) throws SQLException {
    long id;
    try (Statement st = victim.createStatement();
        ResultSet rs = st.executeQuery(db == TestDatabase.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
      rs.next();
      id = rs.getLong(1);
    }
    try (Connection killer = login.connect(); Statement st = killer.createStatement()) {
      if (db == TestDatabase.POSTGRESQL) {
        st.execute("SELECT pg_terminate_backend(" + id + ")");
        // termination is asynchronous: wait until the backend is gone, so the victim's next
        // message cannot slip in before it dies
        for (int i = 0; i < 500 && count(st, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + id) > 0; i++) {
          sleep(10);
        }
      } else {
        st.execute("KILL " + id);
      }
    }
  }

  static void awaitLockWait(TestDatabase db) throws SQLException {
    String sql = db == TestDatabase.POSTGRESQL
        ? "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        : "SELECT count(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'";
    try (Connection c = db.require().connect(); Statement st = c.createStatement()) {
      for (int i = 0; i < 3000 && count(st, sql) == 0; i++) {
        sleep(10);
      }
      assertThat(count(st, sql)).as("the loser waits on the winner's row lock").isPositive();
    }
  }

  static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<LedgerRecord> concat(List<LedgerRecord> a, List<LedgerRecord> b) {
    List<LedgerRecord> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

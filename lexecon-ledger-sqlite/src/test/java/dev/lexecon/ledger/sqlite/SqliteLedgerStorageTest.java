package dev.lexecon.ledger.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorageException;
import dev.lexecon.testing.SampleRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SqliteLedgerStorage")
class SqliteLedgerStorageTest {
  @TempDir Path dir;

  @Test
  @DisplayName("erasure overwrites the side record's bytes in the database file and leaves none in the WAL")
  void erasureOverwritesBytesOnDisk() throws Exception {
    Path file = dir.resolve("erase.db");
    String erase = "ERASE-" + UUID.randomUUID();
    String keep = "KEEP-" + UUID.randomUUID();
    // one side record small enough to share a page, one large enough to spill into overflow pages
    byte[] smallSide = ("{\"subject\":\"" + erase + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] largeSide = (erase + "|").repeat(4000).getBytes(StandardCharsets.UTF_8);
    byte[] keptSide = ("{\"subject\":\"" + keep + "\"}").getBytes(StandardCharsets.UTF_8);
    List<LedgerRecord> records = new ArrayList<>(SampleRecords.after(null, 1));
    for (byte[] side : List.of(smallSide, largeSide, keptSide)) {
      LedgerRecord previous = records.get(records.size() - 1);
      long seq = previous.seq() + 1;
      String ts = SampleRecords.timestamp(seq);
      records.add(SampleRecords.hashed(seq, "decision", ts, previous.entryHash(),
          SampleRecords.canonicalEntry(seq, "decision", ts, previous.entryHash(), Map.of("commitment", SampleRecords.sha256Hex(side))),
          side));
    }
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      storage.append(0, records);
    }
    // closing checkpoints the WAL into the file: the test can see the bytes it is about to erase
    assertThat(occurrences(file, erase)).as("copies before erasure (a few straddle page boundaries)").isGreaterThan(3000);
    assertThat(occurrences(file, keep)).isEqualTo(1);

    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      assertThat(storage.eraseSideRecord(1)).isTrue();
      assertThat(storage.eraseSideRecord(2)).isTrue();

      // still open: nothing may linger in the main file, the WAL or the shared-memory index
      for (String suffix : List.of("", "-wal", "-shm")) {
        assertThat(occurrences(Path.of(file + suffix), erase)).as("copies in %s", file.getFileName() + suffix).isZero();
      }
      assertThat(occurrences(file, keep) + occurrences(Path.of(file + "-wal"), keep)).isPositive();
      assertThat(storage.read(1).orElseThrow().sideRecord()).isNull();
      assertThat(storage.read(1).orElseThrow().entry()).isEqualTo(records.get(1).entry());
      assertThat(storage.read(3).orElseThrow().sideRecord()).isEqualTo(keptSide);
    }
    assertThat(occurrences(file, erase)).isZero();
  }

  @Test
  @DisplayName("a writer that finds the file locked by another process fails after the busy timeout with a clear message, and nothing is written")
  void lockedFileFailsClearly() throws Exception {
    Path file = dir.resolve("locked.db");
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file).busyTimeout(Duration.ofMillis(200)).open();
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement otherSt = other.createStatement()) {
      List<LedgerRecord> first = SampleRecords.after(null, 3);
      storage.append(0, first);
      otherSt.execute("BEGIN IMMEDIATE"); // another process takes the write lock and keeps it

      List<LedgerRecord> next = SampleRecords.after(first.get(2), 2);
      assertThatThrownBy(() -> storage.append(3, next))
          .isInstanceOf(LedgerStorageException.class)
          .isNotInstanceOf(LedgerConflictException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("locked by another connection or process")
          .hasMessageContaining("busy timeout");
      // WAL readers are not blocked by the writer
      assertThat(storage.size()).isEqualTo(3);

      otherSt.execute("ROLLBACK");
      storage.append(3, next);
      assertThat(storage.size()).isEqualTo(5);
    }
  }

  @Test
  @DisplayName("a writer waits for the other process's write lock and succeeds once it is released")
  void writerWaitsForLock() throws Exception {
    Path file = dir.resolve("wait.db");
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file).busyTimeout(Duration.ofMinutes(1)).open();
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement otherSt = other.createStatement()) {
      otherSt.execute("BEGIN IMMEDIATE");
      CompletableFuture<Void> append = CompletableFuture.runAsync(() -> storage.append(0, SampleRecords.after(null, 4)));
      Thread.sleep(300);
      assertThat(append).as("append while the lock is held").isNotDone();
      otherSt.execute("ROLLBACK");
      append.get(1, TimeUnit.MINUTES);
      assertThat(storage.size()).isEqualTo(4);
    }
  }

  @Test
  @DisplayName("two storages on one file see each other's appends and the loser of a race gets LedgerConflictException")
  void twoStoragesOneFile() {
    Path file = dir.resolve("two.db");
    try (SqliteLedgerStorage a = SqliteLedgerStorage.open(file); SqliteLedgerStorage b = SqliteLedgerStorage.open(file)) {
      a.append(0, SampleRecords.after(null, 2));
      LedgerRecord seenByBoth = b.head().orElseThrow();
      assertThat(seenByBoth.seq()).isEqualTo(1);

      a.append(2, SampleRecords.after(seenByBoth, 3));
      List<LedgerRecord> stale = SampleRecords.after(seenByBoth, 1);
      assertThatThrownBy(() -> b.append(2, stale))
          .isInstanceOfSatisfying(LedgerConflictException.class, e -> assertThat(e.actualNextSeq()).isEqualTo(5));
      b.append(5, SampleRecords.after(b.head().orElseThrow(), 1));
      assertThat(a.size()).isEqualTo(6);
    }
  }

  @Test
  @DisplayName("a new file is in WAL mode, tagged as a Lexecon ledger and records its schema version once")
  void schemaAndPragmas() throws Exception {
    Path file = dir.resolve("schema.db");
    SqliteLedgerStorage.open(file).close();
    SqliteLedgerStorage.open(file).close(); // reopening must not migrate again
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      assertThat(query(st, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(query(st, "PRAGMA application_id")).isEqualTo(String.valueOf(0x4C58434E));
      assertThat(query(st, "SELECT group_concat(version || ':' || description, ';') FROM lexecon_schema_history"))
          .isEqualTo("1:ledger entries, side records, event type index");
      assertThat(query(st, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type IN ('table','index') ORDER BY name)"))
          .isEqualTo("ledger_entries,ledger_entries_by_type,ledger_side_records,lexecon_schema_history");
    }
  }

  @Test
  @DisplayName("a file written by a newer schema version is refused rather than misread")
  void newerSchemaRefused() throws Exception {
    Path file = dir.resolve("newer.db");
    SqliteLedgerStorage.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("INSERT INTO lexecon_schema_history VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
    }
    assertThatThrownBy(() -> SqliteLedgerStorage.open(file))
        .isInstanceOf(LedgerStorageException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("newer Lexecon");
  }

  @Test
  @DisplayName("an SQLite file of another application is refused")
  void foreignSqliteFileRefused() throws Exception {
    Path file = dir.resolve("foreign.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("PRAGMA application_id = 42");
      st.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)");
    }
    assertThatThrownBy(() -> SqliteLedgerStorage.open(file))
        .isInstanceOf(LedgerStorageException.class)
        .hasMessageContaining("another application");
  }

  @Test
  @DisplayName("a file that is not SQLite at all is refused with LedgerStorageException")
  void garbageFileRefused() throws IOException {
    Path file = dir.resolve("garbage.db");
    Files.write(file, "this is not a database, just some text that goes on and on".repeat(100).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> SqliteLedgerStorage.open(file))
        .isInstanceOf(LedgerStorageException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  @DisplayName("missing parent directories are created")
  void createsParentDirectories() {
    Path file = dir.resolve("a/b/c/ledger.db");
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      storage.append(0, SampleRecords.after(null, 1));
      assertThat(storage.path()).isEqualTo(file);
    }
    assertThat(file).exists();
  }

  @Test
  @DisplayName("with synchronous=NORMAL a storage still round-trips and survives reopening")
  void normalSynchronous() {
    Path file = dir.resolve("normal.db");
    List<LedgerRecord> records = SampleRecords.after(null, 10);
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file).synchronous(SqliteLedgerStorage.Synchronous.NORMAL).open()) {
      storage.append(0, records);
      assertThat(storage.toString()).contains("NORMAL");
    }
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      assertThat(storage.read(0, 100)).isEqualTo(records);
    }
  }

  @Test
  @DisplayName("builder setters validate at once")
  void builderValidates() {
    SqliteLedgerStorage.Builder builder = SqliteLedgerStorage.builder(dir.resolve("x.db"));
    assertThatThrownBy(() -> builder.busyTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("busy timeout");
    assertThatThrownBy(() -> builder.busyTimeout(Duration.ofDays(30)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.synchronous(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SqliteLedgerStorage.builder(null)).isInstanceOf(NullPointerException.class);
  }

  private static String query(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** How many times {@code marker} occurs in the raw bytes of {@code file} (0 if it does not exist). */
  private static int occurrences(Path file, String marker) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    byte[] haystack = Files.readAllBytes(file);
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    int count = 0;
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      count++;
    }
    return count;
  }
}

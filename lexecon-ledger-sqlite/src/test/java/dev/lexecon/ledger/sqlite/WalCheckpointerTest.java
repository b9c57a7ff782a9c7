package dev.lexecon.ledger.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("WAL checkpoints off the append path")
class WalCheckpointerTest {
  private static final String PADDING = "p".repeat(1000);

  @TempDir Path dir;

  @Test
  @DisplayName("a background thread copies the log into the file while appends continue; the writer copies only the rest, and the log rewinds")
  void backgroundCheckpointsRewindTheLog() throws Exception {
    Path file = dir.resolve("background.db");
    // inline threshold out of reach: the writer checkpoints only when the thread asks it to
    WalCheckpointer.Thresholds small = new WalCheckpointer.Thresholds(16 << 10, 64, 1L << 40);
    long count;
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file).checkpoints(small, true).open()) {
      LedgerRecord head = appendMegabytes(storage, null, 4);
      WalCheckpointer checkpointer = storage.checkpointer();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (checkpointer.rewinds.get() == 0 && System.nanoTime() < deadline) {
        head = appendMegabytes(storage, head, 0); // the writer finishes a rewind after a commit
      }
      assertThat(checkpointer.rewinds.get()).as("rewinds asked for by the thread").isPositive();
      assertThat(checkpointer.inlineCheckpoints.get()).isZero();
      assertThat(Files.size(file)).as("main file, written only by checkpoints while open").isGreaterThan(2L << 20);

      // The rewind copies what the thread's pass left with the write lock held, so the append after
      // it starts the log again. Provoke one more request with a single commit (over the trigger
      // and the restart threshold), let the thread's pass run, and look right after the commit that
      // finishes the rewind. Another pass can land between two appends and leave the log short of
      // the threshold; a few tries make that chance negligible.
      long frames = Long.MAX_VALUE;
      for (int attempt = 0; attempt < 5 && frames >= 16; attempt++) {
        long before = checkpointer.rewinds.get();
        List<LedgerRecord> provoke = chain(head, 300);
        storage.append(provoke.get(0).seq(), provoke);
        head = provoke.get(provoke.size() - 1);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (checkpointer.rewinds.get() == before && System.nanoTime() < until) {
          Thread.sleep(10);
          List<LedgerRecord> one = chain(head, 1); // the commit after the thread's pass rewinds
          storage.append(head.seq() + 1, one);
          head = one.get(0);
        }
        assertThat(checkpointer.rewinds.get()).as("rewind after a commit of 300 KB").isGreaterThan(before);
        List<LedgerRecord> one = chain(head, 1);
        storage.append(head.seq() + 1, one);
        head = one.get(0);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
          rs.next();
          frames = rs.getLong(2);
        }
      }
      assertThat(frames).as("frames in the log after one more append").isLessThan(16);
      count = storage.size();
      assertThat(count).isEqualTo(head.seq() + 1);
    }
    try (SqliteLedgerStorage reopened = SqliteLedgerStorage.open(file);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
      assertThat(reopened.size()).isEqualTo(count);
      assertThat(reopened.read(count - 1).orElseThrow().entry()).isNotEmpty();
    }
  }

  @Test
  @DisplayName("a pass that finds the checkpoint lock taken neither cancels a rewind nor resets the bound on the log")
  void busyPassChangesNothing() throws Exception {
    Path file = dir.resolve("busy.db");
    WalCheckpointer.Thresholds small = new WalCheckpointer.Thresholds(1L << 40, 64, 1L << 40);
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file).checkpoints(small, false).open()) {
      appendMegabytes(storage, null, 1);
      WalCheckpointer checkpointer = storage.checkpointer();
      long unrewound = checkpointer.unrewoundBytes();
      assertThat(unrewound).isGreaterThan(1L << 20);
      checkpointer.passed(new WalCheckpointer.Result(false, 500, 500)); // the log is over 64 frames
      assertThat(checkpointer.rewindDue).isTrue();
      // what PRAGMA wal_checkpoint reports when another connection holds the checkpoint lock
      checkpointer.passed(new WalCheckpointer.Result(true, -1, -1));
      assertThat(checkpointer.rewindDue).as("rewind still asked for").isTrue();
      assertThat(checkpointer.unrewoundBytes()).as("bytes since the last rewind").isEqualTo(unrewound);
      // a shorter log than the last pass saw is a rewind SQLite did itself
      checkpointer.passed(new WalCheckpointer.Result(false, 10, 10));
      assertThat(checkpointer.unrewoundBytes()).isZero();
      assertThat(checkpointer.rewindDue).isFalse();
    }
  }

  @Test
  @DisplayName("when the thread falls behind the writer checkpoints inline, so the log stays bounded")
  void inlineFallbackBoundsTheLog() throws Exception {
    Path file = dir.resolve("inline.db");
    Path wal = Path.of(file + "-wal");
    WalCheckpointer.Thresholds small = new WalCheckpointer.Thresholds(16 << 10, 64, 256 << 10);
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file).checkpoints(small, false).open()) {
      LedgerRecord head = null;
      long maxWal = 0;
      for (int i = 0; i < 200; i++) { // about 4 MiB of records
        head = appendMegabytes(storage, head, 0);
        maxWal = Math.max(maxWal, Files.size(wal));
      }
      assertThat(storage.checkpointer().inlineCheckpoints.get()).isPositive();
      assertThat(storage.checkpointer().rewinds.get()).isPositive();
      assertThat(maxWal).as("largest log seen, bytes").isLessThan(2L << 20);
      assertThat(storage.size()).isEqualTo(head.seq() + 1);
    }
  }

  @Test
  @DisplayName("SQLite's own automatic checkpoint is off on the write connection")
  void noAutomaticCheckpoint() throws Exception {
    Path file = dir.resolve("noauto.db");
    WalCheckpointer.Thresholds never = new WalCheckpointer.Thresholds(1L << 40, 1L << 40, 1L << 40);
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file).checkpoints(never, false).open()) {
      appendMegabytes(storage, null, 6); // SQLite would checkpoint after 1,000 pages (4 MiB)
      assertThat(Files.size(Path.of(file + "-wal"))).isGreaterThan(6L << 20);
      assertThat(storage.checkpointer().inlineCheckpoints.get()).isZero();
    }
  }

  @Test
  @DisplayName("closing stops the checkpoint thread, checkpoints the log away, and may be repeated")
  void closeStopsTheThread() throws Exception {
    Path file = dir.resolve("close.db");
    SqliteLedgerStorage storage = SqliteLedgerStorage.open(file);
    LedgerRecord head = appendMegabytes(storage, null, 3);
    WalCheckpointer checkpointer = storage.checkpointer();
    assertThat(checkpointer.stopped()).isFalse();
    storage.close();
    assertThat(checkpointer.stopped()).isTrue();
    storage.close();
    assertThat(Path.of(file + "-wal")).doesNotExist();
    try (SqliteLedgerStorage reopened = SqliteLedgerStorage.open(file)) {
      assertThat(reopened.size()).isEqualTo(head.seq() + 1);
    }
  }

  /** Appends batches of 20 records of about 1.1 KB until {@code megabytes} MiB (at least one batch). */
  private static LedgerRecord appendMegabytes(SqliteLedgerStorage storage, LedgerRecord head, int megabytes) {
    long bytes = 0;
    do {
      List<LedgerRecord> batch = chain(head, 20);
      storage.append(batch.get(0).seq(), batch);
      for (LedgerRecord r : batch) {
        bytes += r.entry().length + (r.sideRecord() == null ? 0 : r.sideRecord().length);
      }
      head = batch.get(batch.size() - 1);
    } while (bytes < ((long) megabytes << 20));
    return head;
  }

  private static List<LedgerRecord> chain(LedgerRecord head, int count) {
    List<LedgerRecord> out = new ArrayList<>(count);
    long seq = head == null ? 0 : head.seq() + 1;
    String previous = head == null ? SampleRecords.GENESIS_PREVIOUS_HASH : head.entryHash();
    for (int i = 0; i < count; i++, seq++) {
      String ts = SampleRecords.timestamp(seq);
      byte[] side = ("{\"subject\":\"subject-" + seq + "\"}").getBytes(StandardCharsets.UTF_8);
      LedgerRecord r = SampleRecords.hashed(seq, "decision", ts, previous,
          SampleRecords.canonicalEntry(seq, "decision", ts, previous, Map.of("pad", PADDING)), side);
      out.add(r);
      previous = r.entryHash();
    }
    return out;
  }
}

package dev.lexecon.ledger.sqlite;

import dev.lexecon.testing.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that need real separate processes: a writer killed with SIGKILL, several writers sharing
 * one file, and a scan of a million entries in a heap too small to hold them.
 */
@DisplayName("SqliteLedgerStorage across processes")
class SqliteChildProcessTest {
  /** Fast-starting child JVMs; the work they do is I/O bound. */
  static final List<String> CHILD_JVM = List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  @TempDir Path dir;

  @Test
  @DisplayName("a writer killed with SIGKILL at random moments never loses an acknowledged entry nor corrupts the file")
  void killedWriterLosesNothing() throws Exception {
    Path file = dir.resolve("crash.db");
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Map<Long, String> acknowledged = new HashMap<>();
    int rounds = 20;
    int killedWhileAppending = 0;
    long storedButUnacknowledged = 0;
    for (int round = 0; round < rounds; round++) {
      ChildJvm child = ChildJvm.start(dir, CHILD_JVM, AppenderProcess.class, file.toString(), "-1", "crash-" + round);
      if (round % 4 == 3) {
        // anywhere from JVM start through open and schema migration to the first appends
        Thread.sleep(random.nextInt(900));
      } else {
        awaitFirstLine(child);
        Thread.sleep(10 + random.nextInt(400));
      }
      boolean wasAppending = !child.lines().isEmpty();
      child.kill();
      if (wasAppending) {
        killedWhileAppending++;
      }
      for (String line : child.lines()) {
        String[] parts = line.split(" ");
        long seq = Long.parseLong(parts[0]);
        String previous = acknowledged.putIfAbsent(seq, parts[1]);
        if (previous != null && !previous.equals(parts[1])) {
          fail("round %d (seed %d): seq %d was acknowledged before with hash %s and again with %s, so the "
              + "earlier acknowledged entry was lost", round, seed, seq, previous, parts[1]);
        }
      }
      long size = verify(file, acknowledged, "round " + round + " (seed " + seed + ")");
      storedButUnacknowledged = size - acknowledged.size();
    }
    System.out.printf("crash test: %d rounds (%d killed mid-append), %d acknowledged, %d stored but not yet "
        + "acknowledged when killed, seed %d%n", rounds, killedWhileAppending, acknowledged.size(),
        storedButUnacknowledged, seed);
    assertThat(killedWhileAppending).as("rounds killed while appending").isGreaterThanOrEqualTo(rounds / 2);
    assertThat(acknowledged).isNotEmpty();
  }

  @Test
  @DisplayName("three processes appending to one file with conditional appends leave one unforked chain holding every acknowledged entry")
  void threeProcessesShareOneFile() throws Exception {
    Path file = dir.resolve("shared.db");
    // create the file first so the children race on appends, not on creating the schema
    SqliteLedgerStorage.open(file).close();
    int batchesEach = 60;
    List<ChildJvm> children = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      children.add(ChildJvm.start(dir, CHILD_JVM, AppenderProcess.class, file.toString(), String.valueOf(batchesEach), "process-" + p));
    }
    Map<Long, String> acknowledged = new TreeMap<>();
    for (int p = 0; p < children.size(); p++) {
      ChildJvm child = children.get(p);
      assertThat(child.await(120)).as("exit code of process %d; stderr:%n%s", p, child.stderr()).isZero();
      for (String line : child.lines()) {
        String[] parts = line.split(" ");
        String other = acknowledged.put(Long.parseLong(parts[0]), parts[1]);
        assertThat(other).as("seq %s acknowledged to two processes", parts[0]).isNull();
      }
    }
    long size = verify(file, acknowledged, "after three writers");
    assertThat(size).isEqualTo(acknowledged.size());
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      List<String> writers = new ArrayList<>();
      storage.scan(0, size, r -> {
        String entry = new String(r.entry(), StandardCharsets.UTF_8);
        writers.add(entry.substring(entry.indexOf("process-"), entry.indexOf("process-") + 9));
      });
      assertThat(writers).as("every process won some seqs").contains("process-0", "process-1", "process-2");
    }
  }

  @Test
  @DisplayName("scan streams a million entries through a 32 MiB heap")
  void millionEntryScanInSmallHeap() throws Exception {
    Path file = dir.resolve("million.db");
    int total = 1_000_000;
    String last;
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file)
        .synchronous(SqliteLedgerStorage.Synchronous.NORMAL).open()) {
      String previous = SampleRecords.GENESIS_PREVIOUS_HASH;
      List<LedgerRecord> batch = new ArrayList<>(20_000);
      for (long seq = 0; seq < total; seq++) {
        String ts = SampleRecords.timestamp(seq);
        byte[] entry = ("{\"seq\":" + seq + ",\"previous_hash\":\"" + previous + "\"}").getBytes(StandardCharsets.UTF_8);
        LedgerRecord r = SampleRecords.hashed(seq, seq == 0 ? "genesis" : "decision", ts, previous, entry, null);
        batch.add(r);
        previous = r.entryHash();
        if (batch.size() == 20_000) {
          storage.append(batch.get(0).seq(), batch);
          batch.clear();
        }
      }
      last = previous;
      assertThat(storage.size()).isEqualTo(total);
    }
    ChildJvm scan = ChildJvm.start(dir, List.of("-Xmx32m", "-XX:+UseSerialGC"), ScanProcess.class, file.toString());
    assertThat(scan.await(180)).as("scan process exit code; stderr:%n%s", scan.stderr()).isZero();
    assertThat(scan.lines()).containsExactly(total + " " + last);
  }

  private static void awaitFirstLine(ChildJvm child) throws InterruptedException {
    for (int i = 0; i < 6000 && child.lines().isEmpty(); i++) {
      if (!child.isAlive()) {
        fail("the appender died before appending; stderr:%n%s", child.stderr());
      }
      Thread.sleep(10);
    }
    assertThat(child.lines()).as("child appended within a minute").isNotEmpty();
  }

  /**
   * Checks the file the way an auditor would after a crash: SQLite's own integrity check, then every
   * entry from 0 to the head present once, hashing to its stored hash and linking to its
   * predecessor, and every acknowledged entry present with the acknowledged hash.
   *
   * @return the number of entries
   */
  static long verify(Path file, Map<Long, String> acknowledged, String when) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).as("integrity check %s", when).isEqualTo("ok");
    }
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      long size = storage.size();
      long[] next = {0};
      String[] previous = {SampleRecords.GENESIS_PREVIOUS_HASH};
      storage.scan(0, Long.MAX_VALUE, r -> {
        assertThat(r.seq()).as("seq %s", when).isEqualTo(next[0]);
        assertThat(r.previousHash()).as("link of seq %d %s", r.seq(), when).isEqualTo(previous[0]);
        assertThat(SampleRecords.sha256Hex(r.entry())).as("hash of seq %d %s", r.seq(), when).isEqualTo(r.entryHash());
        String ack = acknowledged.get(r.seq());
        if (ack != null) {
          assertThat(r.entryHash()).as("acknowledged seq %d %s", r.seq(), when).isEqualTo(ack);
        }
        previous[0] = r.entryHash();
        next[0]++;
      });
      assertThat(next[0]).as("entries scanned %s", when).isEqualTo(size);
      long maxAcknowledged = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
      assertThat(size).as("size %s covers every acknowledged seq", when).isGreaterThan(maxAcknowledged);
      return size;
    }
  }
}

package dev.lexecon.ledger.jdbc;

import dev.lexecon.testing.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("JdbcLedgerStorage shared by several processes")
class JdbcMultiProcessTest {
  static final List<String> CHILD_JVM = List.of("-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  @DisplayName("three JVMs appending concurrently with conditional appends leave one unforked, gapless chain holding every acknowledged entry")
  void threeProcessesOneLedger(TestDatabase db) throws Exception {
    TestDatabase.Login login = db.require();
    String prefix = TestDatabase.RUN + "m" + TestDatabase.uniquePrefix().replace(TestDatabase.RUN, "");
    try {
      // create the tables first, so the processes race on appends rather than on creating them
      JdbcLedgerStorage.builder().url(login.url()).credentials(login.user(), login.password())
          .tablePrefix(prefix).open().close();
      int processes = 3;
      int batchesEach = 80;
      List<ChildJvm> children = new ArrayList<>();
      for (int p = 0; p < processes; p++) {
        children.add(ChildJvm.start(dir, CHILD_JVM, JdbcAppenderProcess.class,
            login.url(), login.user(), login.password(), prefix, String.valueOf(batchesEach), "process-" + p));
      }
      Map<Long, String> acknowledged = new TreeMap<>();
      Map<String, Integer> wins = new HashMap<>();
      for (int p = 0; p < processes; p++) {
        ChildJvm child = children.get(p);
        assertThat(child.await(240)).as("exit code of process %d; stderr:%n%s", p, child.stderr()).isZero();
        for (String line : child.lines()) {
          String[] parts = line.split(" ");
          String other = acknowledged.put(Long.parseLong(parts[0]), parts[1]);
          assertThat(other).as("seq %s acknowledged to two processes", parts[0]).isNull();
          wins.merge("process-" + p, 1, Integer::sum);
        }
        child.stderr().lines().filter(l -> l.contains("conflicts")).forEach(l -> System.out.println(db.label + " " + l));
      }

      try (JdbcLedgerStorage storage = JdbcLedgerStorage.builder().url(login.url())
          .credentials(login.user(), login.password()).tablePrefix(prefix).open()) {
        assertThat(storage.size()).as("size equals the acknowledged entries").isEqualTo(acknowledged.size());
        long[] next = {0};
        String[] previous = {SampleRecords.GENESIS_PREVIOUS_HASH};
        storage.scan(0, Long.MAX_VALUE, r -> {
          assertThat(r.seq()).as("no gaps").isEqualTo(next[0]);
          assertThat(r.previousHash()).as("seq %d links to its predecessor (no fork)", r.seq()).isEqualTo(previous[0]);
          assertThat(SampleRecords.sha256Hex(r.entry())).as("seq %d hashes to its entry hash", r.seq()).isEqualTo(r.entryHash());
          assertThat(r.entryHash()).as("seq %d is the acknowledged record", r.seq()).isEqualTo(acknowledged.get(r.seq()));
          String entry = new String(r.entry(), StandardCharsets.UTF_8);
          assertThat(entry).contains("process-");
          previous[0] = r.entryHash();
          next[0]++;
        });
        assertThat(next[0]).isEqualTo(acknowledged.size());
      }
      System.out.printf("%s multi-process: %d entries, wins per process %s%n", db.label, acknowledged.size(), wins);
      assertThat(wins).as("every process won some seqs").hasSize(processes);
    } finally {
      db.dropTables(login, prefix);
    }
  }
}

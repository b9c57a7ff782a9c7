package dev.lexecon.ledger.sqlite;

import dev.lexecon.testing.deciding.Decisions;
import dev.lexecon.testing.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lexecon.Lexecon;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.ledger.Ledger;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteSigner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's guarantees end to end, through {@code Lexecon.decide()} in child JVMs: a process
 * killed with SIGKILL loses no decision whose {@code decide()} returned, and several processes
 * deciding on one file leave one chain. Every check reopens the ledger the way an application
 * restarts (a new {@code Lexecon} resuming from the stored head) and runs the ledger's own full
 * verification: every entry's hash and link, the Merkle tree and every signed checkpoint.
 */
@DisplayName("Lexecon deciding over a SQLite ledger across processes")
class SqliteDecideProcessTest {
  static final List<String> CHILD_JVM = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  static final long CHECKPOINT_EVERY = 64;

  @TempDir Path dir;

  /** A decision a child printed after {@code decide()} returned it. */
  record Ack(String decisionId, String entryId, String outcome) {
    static Ack parse(String line) {
      String[] parts = line.split(" ");
      return new Ack(parts[0], parts[1], parts[2]);
    }
  }

  @Test
  @DisplayName("decide() under SYNC and GROUP killed with SIGKILL at random moments: after every restart the ledger verifies and holds every acknowledged decision")
  void killedDecidingProcessLosesNoAcknowledgedDecision() throws Exception {
    Path file = dir.resolve("decide-crash.db");
    NoteSigner signer = NoteSigner.generate("lexecon.dev/test/decide-crash");
    Decisions.engine(SqliteLedgerStorage.open(file), Durability.GROUP, signer, CHECKPOINT_EVERY).close();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Map<String, Ack> acknowledged = new HashMap<>();
    Map<Durability, Integer> acknowledgedBy = new EnumMap<>(Durability.class);
    int rounds = 16;
    int killedWhileDeciding = 0;
    long storedButUnacknowledged = 0;
    for (int round = 0; round < rounds; round++) {
      Durability durability = round % 2 == 0 ? Durability.SYNC : Durability.GROUP;
      String when = "round " + round + " (" + durability + ", seed " + seed + ")";
      ChildJvm child = ChildJvm.start(dir, CHILD_JVM, DecidingProcess.class, file.toString(), durability.name(),
          "8", "-1", signer.encodedPrivateKey(), String.valueOf(CHECKPOINT_EVERY));
      if (round % 4 == 3) {
        // anywhere from JVM start through opening the ledger to the first decisions
        Thread.sleep(random.nextInt(1500));
      } else {
        awaitFirstLine(child);
        Thread.sleep(20 + random.nextInt(300));
      }
      boolean wasDeciding = !child.lines().isEmpty();
      child.kill();
      if (wasDeciding) {
        killedWhileDeciding++;
      }
      List<Ack> acks = new ArrayList<>();
      for (String line : child.lines()) {
        Ack ack = Ack.parse(line);
        assertThat(acknowledged.put(ack.decisionId(), ack)).as("decision id %s acknowledged twice", ack.decisionId())
            .isNull();
        acks.add(ack);
      }
      acknowledgedBy.merge(durability, acks.size(), Integer::sum);
      long size = reopenAndVerify(file, signer, acks, when);
      storedButUnacknowledged = size - acknowledged.size();
    }
    long decisions = checkAllDecisions(file, signer, acknowledged);
    System.out.printf("decide() crash test: %d rounds (%d killed mid-decide), acknowledged %s, %d decisions "
        + "stored, %d stored but not acknowledged when the last child died, seed %d%n", rounds,
        killedWhileDeciding, acknowledgedBy, decisions, decisions - acknowledged.size(), seed);
    assertThat(killedWhileDeciding).as("rounds killed while deciding").isGreaterThanOrEqualTo(rounds / 2);
    assertThat(acknowledgedBy.getOrDefault(Durability.SYNC, 0)).as("SYNC decisions acknowledged").isPositive();
    assertThat(acknowledgedBy.getOrDefault(Durability.GROUP, 0)).as("GROUP decisions acknowledged").isPositive();
    assertThat(storedButUnacknowledged).isNotNegative();
  }

  @Test
  @DisplayName("three processes deciding on one file leave one chain that verifies and holds every decision each acknowledged")
  void threeDecidingProcessesShareOneFile() throws Exception {
    Path file = dir.resolve("decide-shared.db");
    NoteSigner signer = NoteSigner.generate("lexecon.dev/test/decide-shared");
    Decisions.engine(SqliteLedgerStorage.open(file), Durability.GROUP, signer, CHECKPOINT_EVERY).close();
    List<ChildJvm> children = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      children.add(ChildJvm.start(dir, CHILD_JVM, DecidingProcess.class, file.toString(),
          (p == 0 ? Durability.SYNC : Durability.GROUP).name(), "3", "600", signer.encodedPrivateKey(),
          String.valueOf(CHECKPOINT_EVERY)));
    }
    Map<String, Ack> acknowledged = new HashMap<>();
    Map<String, String> entryOwners = new HashMap<>();
    for (int p = 0; p < children.size(); p++) {
      ChildJvm child = children.get(p);
      assertThat(child.await(180)).as("exit code of process %d; stderr:%n%s", p, child.stderr()).isZero();
      assertThat(child.lines()).as("decisions of process %d", p).hasSize(600);
      for (String line : child.lines()) {
        Ack ack = Ack.parse(line);
        assertThat(acknowledged.put(ack.decisionId(), ack)).isNull();
        String other = entryOwners.put(ack.entryId(), "process " + p);
        assertThat(other).as("%s acknowledged to process %d and to %s", ack.entryId(), p, other).isNull();
      }
    }
    long decisions = checkAllDecisions(file, signer, acknowledged);
    assertThat(decisions).as("every decision in the ledger was acknowledged").isEqualTo(acknowledged.size());
  }

  private static void awaitFirstLine(ChildJvm child) throws InterruptedException {
    for (int i = 0; i < 6000 && child.lines().isEmpty(); i++) {
      if (!child.isAlive()) {
        fail("the deciding process died before deciding; stderr:%n%s", child.stderr());
      }
      Thread.sleep(10);
    }
    assertThat(child.lines()).as("child decided within a minute").isNotEmpty();
  }

  /**
   * Restarts the way an application does after a crash: SQLite's integrity check, then a new
   * {@code Lexecon} over the file, which resumes from the stored head and appends on top of it, then
   * the ledger's full verification, then each of {@code acks} at the entry it was acknowledged with.
   *
   * @return the number of entries before the restart appended any
   */
  static long reopenAndVerify(Path file, NoteSigner signer, List<Ack> acks, String when) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).as("SQLite integrity check %s", when).isEqualTo("ok");
    }
    long stored;
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      stored = storage.size();
    }
    try (Lexecon lexecon = Decisions.engine(SqliteLedgerStorage.open(file), Durability.GROUP, signer, CHECKPOINT_EVERY)) {
      Ledger ledger = lexecon.ledger();
      // the key is announced already, so the first entry after the stored head is the policy
      assertThat(ledger.entry(stored).map(LedgerEntry::type)).as("entry at the stored head, %s", when)
          .contains(EventType.POLICY_LOADED);
      VerificationResult result = ledger.verify();
      assertThat(result.firstFailure()).as("verification %s", when).isEmpty();
      assertThat(result.entriesVerified()).as("entries verified %s", when).isGreaterThan(stored);
      for (Ack ack : acks) {
        LedgerEntry entry = ledger.entry(ack.entryId()).orElse(null);
        assertThat(entry).as("acknowledged %s at %s, %s", ack.decisionId(), ack.entryId(), when).isNotNull();
        assertThat(entry.type()).isEqualTo(EventType.DECISION);
        assertThat(entry.payload()).as("entry %s, %s", ack.entryId(), when)
            .containsEntry("decision_id", ack.decisionId())
            .containsEntry("outcome", ack.outcome());
      }
    }
    return stored;
  }

  /**
   * Reads every decision in the ledger once: no decision is recorded twice, and every acknowledged
   * one is at its entry. Then verifies the file again with a stand-alone {@link LedgerVerifier}
   * that trusts only the test's checkpoint key.
   *
   * @return the number of decisions in the ledger
   */
  static long checkAllDecisions(Path file, NoteSigner signer, Map<String, Ack> acknowledged) {
    Map<String, String> recorded = new HashMap<>();
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      VerificationResult result = LedgerVerifier.create().trusting(signer.verifier()).verify(storage);
      assertThat(result.firstFailure()).as("stand-alone verification trusting the pinned key").isEmpty();
      assertThat(result.checkpointsVerified()).isPositive();
      try (Lexecon lexecon = Decisions.engine(storage, Durability.GROUP, signer, CHECKPOINT_EVERY)) {
        Ledger ledger = lexecon.ledger();
        for (long from = 0; ; ) {
          List<LedgerEntry> page = ledger.entries(from, 4096);
          if (page.isEmpty()) {
            break;
          }
          for (LedgerEntry e : page) {
            if (e.type() == EventType.DECISION) {
              String id = (String) e.payload().get("decision_id");
              String twice = recorded.put(id, e.entryId());
              assertThat(twice).as("decision %s recorded at %s and %s", id, twice, e.entryId()).isNull();
            }
          }
          from += page.size();
        }
      }
    }
    acknowledged.values().forEach(ack ->
        assertThat(recorded.get(ack.decisionId())).as("entry of acknowledged %s", ack.decisionId())
            .isEqualTo(ack.entryId()));
    return recorded.size();
  }
}

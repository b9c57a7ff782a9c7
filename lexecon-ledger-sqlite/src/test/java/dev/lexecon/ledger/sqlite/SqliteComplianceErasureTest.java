package dev.lexecon.ledger.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.compliance.ErasureRequest;
import dev.lexecon.api.compliance.ErasureResult;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.ledger.Checkpoint;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.ledger.SignedNote;
import dev.lexecon.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDPR erasure through {@code lexecon.compliance()} on a SQLite ledger file: the erased values are
 * gone from every byte of the database, its WAL and its shared-memory index, while the chain, the
 * Merkle proofs and the checkpoints still verify, before and after reopening the file.
 */
@DisplayName("Erasure on a SQLite ledger file")
class SqliteComplianceErasureTest {
  static final String POLICY = """
      {"policy_id":"refunds","version":"1","mode":"strict",
       "terms":[{"term_id":"actor:customer","term_type":"actor","value":"customer:*"},
                {"term_id":"tool:refund","term_type":"tool"}],
       "relations":[{"relation_id":"refund","relation_type":"permits","source_term_id":"actor:customer",
                     "target_term_id":"tool:refund"}]}
      """;

  @TempDir Path dir;

  static int occurrences(Path file, String marker) throws IOException {
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

  static int onDisk(Path file, String marker) throws IOException {
    int n = 0;
    for (String suffix : List.of("", "-wal", "-shm")) {
      n += occurrences(Path.of(file + suffix), marker);
    }
    return n;
  }

  @Test
  @DisplayName("after erasure the subject's values are in no byte of the file, WAL or index, the held one stays, and every proof verifies across a reopen")
  void erasureOnDisk() throws Exception {
    Path file = dir.resolve("ledger.db");
    String subject = "customer:" + UUID.randomUUID();
    String intent = "refund for parcel " + UUID.randomUUID();
    String other = "customer:" + UUID.randomUUID();
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-02-01T09:00:00Z"));
    NoteSigner key = NoteSigner.generate("audit-key");
    List<Decision> mine = new ArrayList<>();
    Decision held;
    SignedNote checkpoint;
    List<InclusionProof> proofs = new ArrayList<>();
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock).checkpointSigner(key)
        .checkpointInterval(Duration.ZERO).ledger(SqliteLedgerStorage.open(file)).build()) {
      for (int i = 0; i < 4; i++) {
        clock.advance(Duration.ofMinutes(3));
        mine.add(lexecon.decide(DecisionRequest.builder(subject, "refund").tool("refund")
            .userIntent(intent).argument("amount", 10 + i).build()));
        lexecon.decide(DecisionRequest.builder(other, "refund").tool("refund")
            .userIntent("keep this one").build());
      }
      held = mine.get(1);
      checkpoint = lexecon.ledger().checkpoint();
      long size = Checkpoint.parse(checkpoint.text()).treeSize();
      for (Decision d : mine) {
        proofs.add(lexecon.ledger().inclusionProof(seq(d), size));
      }
      LegalHold hold = lexecon.compliance().placeLegalHold("chargeback dispute", "employee:counsel",
          List.of(held.decisionId()));
      assertThat(hold.decisionIds()).containsExactly(held.decisionId());
    }
    assertThat(onDisk(file, subject)).as("copies of the subject before erasure").isGreaterThanOrEqualTo(4);
    assertThat(onDisk(file, intent)).isGreaterThanOrEqualTo(4);

    clock.set(Instant.parse("2026-09-01T00:00:00Z"));
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock).checkpointSigner(key)
        .checkpointInterval(Duration.ZERO).ledger(SqliteLedgerStorage.open(file)).build()) {
      // holds are rebuilt from the ledger in a new process
      assertThat(lexecon.compliance().activeLegalHolds()).singleElement()
          .satisfies(h -> assertThat(h.decisionIds()).containsExactly(held.decisionId()));
      ErasureResult r = lexecon.compliance().erase(ErasureRequest.forDataSubject(subject, "employee:dpo"));
      assertThat(r.erasedEntryIds()).containsExactly(mine.get(0).ledgerEntryId(),
          mine.get(2).ledgerEntryId(), mine.get(3).ledgerEntryId());
      assertThat(r.deferred()).singleElement().satisfies(d -> assertThat(d.entryId()).isEqualTo(held.ledgerEntryId()));

      // still open: only the held entry's side record keeps the values, in the file or the WAL
      assertThat(onDisk(file, subject)).as("copies of the subject after erasure").isEqualTo(
          occurrences(file, subject) + occurrences(Path.of(file + "-wal"), subject)).isBetween(1, 2);
      assertThat(lexecon.ledger().entry(held.ledgerEntryId()).orElseThrow().personalData()).isNotEmpty();
      assertThat(onDisk(file, "keep this one")).isPositive();
      assertThat(lexecon.ledger().verify().valid()).isTrue();
    }
    // after close the WAL is checkpointed: exactly the held side record's copy remains
    assertThat(occurrences(file, subject)).isEqualTo(1);
    assertThat(occurrences(file, intent)).isEqualTo(1);

    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      assertThat(LedgerVerifier.create().trusting(key.verifier()).verify(storage).valid()).isTrue();
    }
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock).checkpointSigner(key)
        .checkpointInterval(Duration.ZERO).ledger(SqliteLedgerStorage.open(file)).build()) {
      Checkpoint cp = Checkpoint.parse(checkpoint.text());
      for (int i = 0; i < mine.size(); i++) {
        LedgerEntry e = lexecon.ledger().entry(mine.get(i).ledgerEntryId()).orElseThrow();
        assertThat(LedgerVerifier.verifyInclusion(e, proofs.get(i), cp.rootHash())).isTrue();
        assertThat(e.personalData().isEmpty()).isEqualTo(i != 1);
      }
      LegalHold h = lexecon.compliance().activeLegalHolds().get(0);
      lexecon.compliance().releaseLegalHold(h.id(), "employee:counsel");
      assertThat(lexecon.compliance().erase(ErasureRequest.forDataSubject(subject, "employee:dpo"))
          .erasedEntryIds()).containsExactly(held.ledgerEntryId());
      assertThat(onDisk(file, subject)).isZero();
      assertThat(onDisk(file, intent)).isZero();
      assertThat(lexecon.ledger().verify().valid()).isTrue();
    }
    assertThat(onDisk(file, subject)).isZero();
    assertThat(onDisk(file, "keep this one")).isPositive();
  }

  static long seq(Decision d) {
    return Long.parseLong(d.ledgerEntryId().substring("entry_".length()));
  }
}

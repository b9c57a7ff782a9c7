package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.compliance.DeferredErasure;
import dev.lexecon.api.compliance.ErasureRequest;
import dev.lexecon.api.compliance.ErasureResult;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.ReplayResult;
import dev.lexecon.ledger.Checkpoint;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.SignedNote;
import dev.lexecon.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Legal holds and erasure on a real in-memory ledger: what is erased, what is kept and why, and
 * that every proof still verifies afterwards. {@code SqliteErasureTest} repeats the storage part on
 * a SQLite file and greps its bytes.
 */
@DisplayName("Legal holds, GDPR erasure and the retention sweep")
class ComplianceErasureTest {
  static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
  static final String SUBJECT = "customer:c-1001";

  MutableClock clock;
  Lexecon lexecon;
  LedgerEngine ledger;

  @BeforeEach
  void open() {
    clock = MutableClock.startingAt(T0);
    lexecon = GovernedLedger.builder(clock).build();
    ledger = GovernedLedger.engine(lexecon);
  }

  @AfterEach
  void close() {
    lexecon.close();
  }

  static DecisionRequest refund(int amount, String channel) {
    return DecisionRequest.builder(SUBJECT, "transfer_funds").tool("transfer_funds")
        .argument("amount", amount).context("channel", channel)
        .userIntent("refund order 4711 to my card").build();
  }

  List<Decision> decideMixed() {
    List<Decision> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(1));
      out.add(lexecon.decide(refund(40 + i, "chat")));
      clock.advance(Duration.ofMinutes(1));
      out.add(lexecon.decide(LexeconLedgerTest.mail("billing@acme.example")));
    }
    return out;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Seqs of the records whose entry or side record bytes contain {@code text}. */
  List<Long> recordsContaining(String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    List<Long> found = new ArrayList<>();
    ledger.storage().scan(0, ledger.storage().size(), r -> {
      if (contains(r.entry(), needle) || r.sideRecord() != null && contains(r.sideRecord(), needle)) {
        found.add(r.seq());
      }
    });
    return found;
  }

  @Test
  @DisplayName("an erasure request inside the retention period erases nothing and records what it deferred until when")
  void erasureWaitsForRetention() {
    List<Decision> ds = decideMixed();
    ErasureResult r = lexecon.compliance().erase(ErasureRequest.forDataSubject(SUBJECT, "employee:dpo"));
    assertThat(r.erasedEntryIds()).isEmpty();
    assertThat(r.deferred()).extracting(DeferredErasure::entryId)
        .containsExactly(ds.get(0).ledgerEntryId(), ds.get(2).ledgerEntryId(), ds.get(4).ledgerEntryId());
    // 15 January + 6 months: deletable from midnight after 15 July (Reg. 1182/71 Art. 3(2)(c))
    assertThat(r.deferred()).allSatisfy(d -> {
      assertThat(d.retainUntil()).isEqualTo(Instant.parse("2026-07-16T00:00:00Z"));
      assertThat(d.held()).isFalse();
    });
    assertThat(recordsContaining(SUBJECT)).hasSize(3);

    LedgerEntry recorded = ledger.entry(r.entryId()).orElseThrow();
    assertThat(recorded.type()).isEqualTo(EventType.RETENTION_REDACTION);
    assertThat(recorded.payload()).containsEntry("scope", "data_subject")
        .containsEntry("basis", "GDPR Art. 17").containsEntry("erased_count", 0L)
        .containsEntry("deferred_count", 3L);
    assertThat(recorded.payload().toString()).doesNotContain(SUBJECT);
    assertThat(recorded.personalData()).containsOnlyKeys("/payload/requested_by");
  }

  @Test
  @DisplayName("after retention a subject's data is erased except where a legal hold covers it; chain, proofs, checkpoints and exports still verify")
  void erasureAfterRetentionRespectsHolds() throws Exception {
    List<Decision> ds = decideMixed();
    SignedNote before = lexecon.ledger().checkpoint();
    Checkpoint cp = Checkpoint.parse(before.text());
    Map<Long, InclusionProof> proofs = new HashMap<>();
    for (long seq = 0; seq < cp.treeSize(); seq++) {
      proofs.put(seq, lexecon.ledger().inclusionProof(seq, cp.treeSize()));
    }
    LegalHold hold = lexecon.compliance().placeLegalHold("regulator inquiry 2026-031",
        "employee:legal-counsel", List.of(ds.get(2).decisionId()));

    clock.set(Instant.parse("2026-07-16T00:00:00Z"));
    ErasureResult r = lexecon.compliance().erase(ErasureRequest.forDataSubject(SUBJECT, "employee:dpo"));
    assertThat(r.erasedEntryIds()).containsExactly(ds.get(0).ledgerEntryId(), ds.get(4).ledgerEntryId());
    assertThat(r.deferred()).singleElement().satisfies(d -> {
      assertThat(d.entryId()).isEqualTo(ds.get(2).ledgerEntryId());
      assertThat(d.holdIds()).containsExactly(hold.id());
      assertThat(d.erasableFrom()).isNull();
    });

    // the data is gone from storage, except in the held entry's side record
    long held = Long.parseLong(ds.get(2).ledgerEntryId().substring(6));
    assertThat(recordsContaining(SUBJECT)).containsExactly(held);
    assertThat(recordsContaining("refund order 4711")).containsExactly(held);
    for (int i : new int[] {0, 4}) {
      LedgerEntry e = lexecon.ledger().entry(ds.get(i).ledgerEntryId()).orElseThrow();
      assertThat(e.personalData()).isEmpty();
      assertThat(lexecon.replay(ds.get(i).decisionId()).status()).isEqualTo(ReplayResult.Status.INPUTS_ERASED);
    }
    // the other decisions' personal data stays: it belongs to no request
    assertThat(lexecon.ledger().entry(ds.get(1).ledgerEntryId()).orElseThrow().personalData()).isNotEmpty();

    assertThat(lexecon.ledger().verify().valid()).isTrue();
    assertThat(LedgerVerifier.create().verify(ledger.storage()).valid()).isTrue();
    for (var p : proofs.entrySet()) {
      LedgerEntry e = lexecon.ledger().entry(p.getKey()).orElseThrow();
      assertThat(LedgerVerifier.verifyInclusion(e, p.getValue(), cp.rootHash()))
          .as("inclusion of entry %d in the checkpoint signed before erasure", p.getKey()).isTrue();
    }
    assertThat(lexecon.ledger().rootHash(cp.treeSize())).isEqualTo(cp.rootHash());
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    lexecon.ledger().export(export, true);
    assertThat(LedgerVerifier.create().trusting(lexecon.ledger().checkpointKey())
        .verifyExport(new ByteArrayInputStream(export.toByteArray())).valid()).isTrue();
    assertThat(export.toString(StandardCharsets.UTF_8)).contains(SUBJECT); // the held entry's

    // once the hold is released, the request can be completed
    lexecon.compliance().releaseLegalHold(hold.id(), "employee:legal-counsel");
    ErasureResult again = lexecon.compliance().erase(ErasureRequest.forDataSubject(SUBJECT, "employee:dpo"));
    assertThat(again.erasedEntryIds()).containsExactly(ds.get(2).ledgerEntryId());
    assertThat(again.complete()).isTrue();
    assertThat(recordsContaining(SUBJECT)).isEmpty();
    assertThat(lexecon.ledger().verify().valid()).isTrue();
  }

  @Test
  @DisplayName("erasure by decision ids erases every entry of those decisions and names them in the record")
  void erasureByDecisions() {
    List<Decision> ds = decideMixed();
    lexecon.assessRisk(refund(40, "chat"), ds.get(0).decisionId()); // the request ds.get(0) decided
    clock.advance(Duration.ofDays(200));
    ErasureResult r = lexecon.compliance().erase(
        ErasureRequest.forDecisions(List.of(ds.get(0).decisionId()), "employee:dpo").withBasis("GDPR Art. 17(1)(d)"));
    LedgerEntry riskEntry = lexecon.ledger().entries(EventType.RISK_ASSESSMENT, 0, 1).get(0);
    assertThat(r.erasedEntryIds()).containsExactly(ds.get(0).ledgerEntryId(), riskEntry.entryId());
    assertThat(ledger.entry(r.entryId()).orElseThrow().payload())
        .containsEntry("scope", "decisions").containsEntry("basis", "GDPR Art. 17(1)(d)")
        .containsEntry("decision_ids", List.of(ds.get(0).decisionId()))
        .containsEntry("erased_seq_ranges", List.of(
            List.of(seq(ds.get(0)), seq(ds.get(0))), List.of(riskEntry.seq(), riskEntry.seq())));
    assertThat(lexecon.ledger().entry(ds.get(3).ledgerEntryId()).orElseThrow().personalData()).isNotEmpty();
  }

  static long seq(Decision d) {
    return Long.parseLong(d.ledgerEntryId().substring("entry_".length()));
  }

  @Test
  @DisplayName("the retention sweep erases every expired side record, keeps held and unexpired ones, and records nothing when idle")
  void retentionSweep() {
    List<Decision> early = decideMixed();
    LegalHold hold = lexecon.compliance().placeLegalHold("audit sample", "employee:auditor",
        List.of(early.get(1).decisionId()));
    clock.set(Instant.parse("2026-05-01T00:00:00Z"));
    List<Decision> late = decideMixed();
    clock.set(Instant.parse("2026-08-01T00:00:00Z"));

    ErasureResult r = lexecon.compliance().applyRetention("job:nightly-retention");
    List<String> expected = new ArrayList<>();
    for (Decision d : early) {
      if (!d.decisionId().equals(early.get(1).decisionId())) {
        expected.add(d.ledgerEntryId());
      }
    }
    assertThat(r.erasedEntryIds()).containsAll(expected).doesNotContain(early.get(1).ledgerEntryId());
    assertThat(r.erasedEntryIds()).noneMatch(id -> late.stream().anyMatch(d -> d.ledgerEntryId().equals(id)));
    assertThat(r.deferred()).extracting(DeferredErasure::entryId).contains(early.get(1).ledgerEntryId());
    assertThat(ledger.entry(r.entryId()).orElseThrow().payload()).containsEntry("scope", "retention_expired");
    for (Decision d : late) {
      assertThat(lexecon.ledger().entry(d.ledgerEntryId()).orElseThrow().personalData()).isNotEmpty();
    }
    assertThat(lexecon.ledger().verify().valid()).isTrue();

    lexecon.compliance().releaseLegalHold(hold.id(), "employee:auditor");
    lexecon.compliance().applyRetention("job:nightly-retention");
    long size = lexecon.ledger().size();
    // everything due is erased now: a further sweep on the same day finds nothing and records nothing
    ErasureResult idle = lexecon.compliance().applyRetention("job:nightly-retention");
    assertThat(idle.erasedEntryIds()).isEmpty();
    assertThat(idle.entryId()).isNull();
    assertThat(lexecon.ledger().size()).isEqualTo(size);
  }

  @Test
  @DisplayName("legal holds are legal_hold entries with the holder committed, rebuilt from the ledger with their release times")
  void legalHoldLifecycle() {
    List<Decision> ds = decideMixed();
    LegalHold hold = lexecon.compliance().placeLegalHold("litigation hold", "employee:legal-counsel",
        List.of(ds.get(0).decisionId(), ds.get(3).decisionId()));
    assertThat(hold.id()).startsWith("hold_");
    assertThat(hold.placedAt()).isEqualTo(clock.instant());
    LedgerEntry placed = lexecon.ledger().entries(EventType.LEGAL_HOLD, 0, 1).get(0);
    assertThat(placed.payload()).containsEntry("action", "placed").containsEntry("hold_id", hold.id())
        .containsEntry("reason", "litigation hold")
        .containsEntry("decision_ids", List.of(ds.get(0).decisionId(), ds.get(3).decisionId()).stream().sorted().toList());
    assertThat(LexeconLedgerTest.committed(placed.payload().get("held_by"))).isTrue();
    assertThat(lexecon.compliance().legalHolds()).containsExactly(hold);
    assertThat(lexecon.compliance().activeLegalHolds()).containsExactly(hold);

    clock.advance(Duration.ofDays(3));
    LegalHold released = lexecon.compliance().releaseLegalHold(hold.id(), "employee:legal-counsel");
    assertThat(released.releasedAt()).isEqualTo(clock.instant());
    assertThat(lexecon.compliance().legalHolds()).containsExactly(released);
    assertThat(lexecon.compliance().activeLegalHolds()).isEmpty();
    assertThatThrownBy(() -> lexecon.compliance().releaseLegalHold(hold.id(), "employee:x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> lexecon.compliance().releaseLegalHold("hold_nope", "employee:x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> lexecon.compliance().placeLegalHold("r", "employee:x", List.of()))
        .isInstanceOf(IllegalArgumentException.class);

    // once the holder's name is erased, the hold still stands and says so
    clock.advance(Duration.ofDays(400));
    lexecon.compliance().erase(ErasureRequest.forDataSubject("employee:legal-counsel", "employee:dpo"));
    assertThat(lexecon.compliance().legalHolds()).singleElement()
        .satisfies(h -> assertThat(h.heldBy()).isEqualTo("(erased)"));
  }

  @Test
  @DisplayName("a data subject is matched only by an exact value, including inside nested values, never by substring")
  void exactMatchOnly() {
    clock.advance(Duration.ofMinutes(1));
    Decision nested = lexecon.decide(DecisionRequest.builder("agent:support-1", "lookup_customer")
        .tool("lookup_customer").argument("customer", Map.of("ids", List.of("C-77", "C-1001"))).build());
    clock.advance(Duration.ofMinutes(1));
    lexecon.decide(DecisionRequest.builder("agent:support-1", "lookup_customer")
        .tool("lookup_customer").argument("customer", "C-10011").build());
    clock.advance(Duration.ofDays(365));
    ErasureResult r = lexecon.compliance().erase(ErasureRequest.forDataSubject("C-1001", "employee:dpo"));
    assertThat(r.erasedEntryIds()).containsExactly(nested.ledgerEntryId());
    assertThat(ErasureRequest.forDataSubject("C-1001", "employee:dpo").toString()).doesNotContain("C-1001");
  }

  @Test
  @DisplayName("the erased record itself carries no personal data of the subject in any stored byte")
  void redactionRecordHasNoSubject() {
    decideMixed();
    clock.advance(Duration.ofDays(365));
    ErasureResult r = lexecon.compliance().erase(ErasureRequest.forDataSubject(SUBJECT, "employee:dpo"));
    LedgerRecord rec = ledger.storage().read(Long.parseLong(r.entryId().substring(6))).orElseThrow();
    assertThat(new String(rec.entry(), StandardCharsets.UTF_8)).doesNotContain(SUBJECT).doesNotContain("c-1001");
    assertThat(new String(rec.sideRecord(), StandardCharsets.UTF_8)).contains("employee:dpo").doesNotContain(SUBJECT);
    assertThat(recordsContaining(SUBJECT)).isEmpty();
  }
}

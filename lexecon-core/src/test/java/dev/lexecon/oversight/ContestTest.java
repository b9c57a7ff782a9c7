package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Contest;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.EscalationTrigger;
import dev.lexecon.api.oversight.Explanation;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.api.oversight.EscalationStatus;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Explanation and contestation (GDPR Art. 22(3))")
class ContestTest {
  private final MutableClock clock = clock();

  @Test
  @DisplayName("a denial is explained in plain language with its rule ids and risk factors")
  void explainDenial() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(DecisionRequest.builder("agent:1", "wipe")
          .dataClasses("credentials").build());
      Explanation x = lexecon.oversight().explain(d.decisionId());
      assertThat(x.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(x.summary()).contains("the request to wipe", "was refused", d.decisionId());
      assertThat(x.because()).singleElement().asString().startsWith("A rule forbids it: ");
      assertThat(x.ruleIds()).containsExactly(d.reasons().get(0).ruleId());
      assertThat(x.riskFactors().get(0)).isEqualTo("Overall risk " + d.risk().overall() + " out of 100 (critical).");
      assertThat(x.riskFactors()).hasSizeGreaterThan(1);
      assertThat(x.contestNotice()).contains("contest", d.decisionId());
      assertThat(x.text()).contains(x.summary(), "Why:", "Risk:", x.contestNotice());
    }
  }

  @Test
  @DisplayName("the explanation comes from the ledger alone: another engine over the same ledger gives the same")
  void explanationFromLedger() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    Lexecon first = builder(clock).ledger(storage).build();
    Decision d = first.decide(critical());
    first.oversight().resolve(first.oversight().escalationsOf(d.decisionId()).get(0)
        .escalationId(), ALICE, Resolution.APPROVED, "test key");
    Explanation original = first.oversight().explain(d.decisionId());
    assertThat(original.summary()).contains("was sent to a person");
    assertThat(original.because()).anyMatch(b -> b.startsWith("It was judged too risky"));
    assertThat(original.humanReview()).singleElement().asString()
        .contains("risk threshold", "resolved as approved");
    first.ledger().flush();
    try (Lexecon second = builder(clock).ledger(storage).build()) {
      assertThat(second.oversight().explain(d.decisionId())).isEqualTo(original);
    }
  }

  @Test
  @DisplayName("a contest opens an escalation for human review; an approval upholds it and allows a token")
  void contestUpheld() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(wipe());
      Contest c = lexecon.oversight().contest(d.decisionId(), "user:ann", "the host is mine to wipe");
      assertThat(c.contestId()).startsWith("cst_");
      assertThat(c.contestant()).isEqualTo("user:ann");
      assertThat(c.outcome()).isNull();
      Escalation e = lexecon.oversight().escalation(c.escalationId()).orElseThrow();
      assertThat(e.trigger()).isEqualTo(EscalationTrigger.ACTOR_REQUEST);
      assertThat(e.decisionId()).isEqualTo(d.decisionId());
      assertThat(e.contextSummary()).contains("contested", "the host is mine to wipe");
      assertThatThrownBy(() -> lexecon.oversight().contest(d.decisionId(), "user:ann", "again"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("under review");

      lexecon.oversight().resolve(e.escalationId(), ALICE, Resolution.APPROVED, "owner verified");
      Contest decided = lexecon.oversight().contests(d.decisionId()).get(0);
      assertThat(decided.outcome().verdict()).isEqualTo(Contest.Verdict.UPHELD);
      assertThat(decided.outcome().reviewedBy()).isEqualTo(ALICE.id());
      LedgerEntry resolved = entries(lexecon, EventType.ESCALATION_RESOLVED).get(0);
      LedgerEntry outcome = entries(lexecon, EventType.CONTEST).get(1);
      assertThat(outcome.payload()).containsEntry("phase", "decided")
          .containsEntry("resolution_entry", resolved.entryId())
          .containsEntry("verdict", "upheld");
      assertThat(committed(entries(lexecon, EventType.CONTEST).get(0).payload().get("grounds")))
          .isTrue();
      assertThat(lexecon.tokenFor(d.decisionId())).isNotNull();
      assertThat(lexecon.oversight().explain(d.decisionId()).humanReview())
          .anyMatch(h -> h.contains("upheld the contest"));
      assertThat(lexecon.oversight().responsibility(d.decisionId()).accountable().level())
          .isEqualTo(dev.lexecon.api.oversight.ResponsibilityLevel.HUMAN_MADE);
    }
  }

  @Test
  @DisplayName("contesting an approval that the reviewer denies upholds it and revokes the token; a kept decision rejects it")
  void contestOutcomes() {
    try (Lexecon lexecon = lexecon(clock)) {
      DecisionRequest request = read();
      Decision approved = lexecon.decide(request);
      Contest c = lexecon.oversight().contest(approved.decisionId(), "user:ann",
          "my data was read without reason");
      lexecon.oversight().resolve(c.escalationId(), ALICE, Resolution.DENIED, null);
      assertThat(lexecon.oversight().contests(approved.decisionId()).get(0).outcome().verdict())
          .isEqualTo(Contest.Verdict.UPHELD);
      assertThat(lexecon.tokenVerifier().verify(approved.token().value(), ExpectedCall.of(request)))
          .isInstanceOf(TokenVerification.Rejected.class);

      Decision denied = lexecon.decide(wipe());
      Contest kept = lexecon.oversight().contest(denied.decisionId(), "user:bo", "please");
      lexecon.oversight().resolve(kept.escalationId(), BOB, Resolution.DENIED, "policy is right");
      assertThat(lexecon.oversight().contests(denied.decisionId()).get(0).outcome().verdict())
          .isEqualTo(Contest.Verdict.REJECTED);
      Contest referred = lexecon.oversight().contest(denied.decisionId(), "user:bo", "again");
      lexecon.oversight().resolve(referred.escalationId(), BOB, Resolution.ESCALATED_FURTHER, null);
      assertThat(lexecon.oversight().contests(denied.decisionId()).get(1).outcome().verdict())
          .isEqualTo(Contest.Verdict.REFERRED);
      assertThatThrownBy(() -> lexecon.oversight().contest("dec_missing", "user:x", "why"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> lexecon.oversight().explain("dec_missing"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("a review that expired unresolved no longer blocks: the person may contest again")
  void expiredReviewAllowsNewContest() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(wipe());
      Contest first = lexecon.oversight().contest(d.decisionId(), "user:ann", "the host is mine");
      Escalation review = lexecon.oversight().escalation(first.escalationId()).orElseThrow();
      clock.advance(Duration.between(START, review.deadline()).minusSeconds(1));
      assertThatThrownBy(() -> lexecon.oversight().contest(d.decisionId(), "user:ann", "still"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining(first.contestId());
      clock.advance(Duration.ofSeconds(1)); // the deadline: expired, nobody looked
      assertThat(lexecon.oversight().overdueEscalations()).extracting(Escalation::escalationId)
          .containsExactly(first.escalationId());

      Contest second = lexecon.oversight().contest(d.decisionId(), "user:ann", "nobody answered");
      assertThat(lexecon.oversight().escalation(second.escalationId()).orElseThrow()
          .status(clock.instant())).isEqualTo(EscalationStatus.PENDING);
      assertThat(lexecon.oversight().contests(d.decisionId()))
          .extracting(Contest::contestId).containsExactly(first.contestId(), second.contestId());
      assertThat(lexecon.oversight().contests(d.decisionId()).get(0).outcome()).isNull();
      assertThatThrownBy(() -> lexecon.oversight().resolve(first.escalationId(), ALICE,
          Resolution.APPROVED, "too late")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("expired");
      lexecon.oversight().resolve(second.escalationId(), ALICE, Resolution.APPROVED, "owner verified");
      assertThat(lexecon.oversight().contests(d.decisionId()).get(1).outcome().verdict())
          .isEqualTo(Contest.Verdict.UPHELD);
      assertThat(lexecon.tokenFor(d.decisionId())).isNotNull();
    }
  }

  @Test
  @DisplayName("refuses a missing, blank or overlong contestant or grounds, and records nothing")
  void contestRefusals() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(wipe());
      long size = lexecon.ledger().size();
      Oversight o = lexecon.oversight();
      assertThatThrownBy(() -> o.contest(d.decisionId(), "  ", "why"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contestant");
      assertThatThrownBy(() -> o.contest(d.decisionId(), "user:ann", " \t"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grounds");
      assertThatThrownBy(() -> o.contest(d.decisionId(), "user:ann", "x".repeat(2001)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2001");
      assertThatThrownBy(() -> o.contest(d.decisionId(), null, "why"))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> o.contest(null, "user:ann", "why"))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> o.contest("dec_missing", "user:ann", "why"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dec_missing");
      assertThat(lexecon.ledger().size()).isEqualTo(size);
      assertThat(o.contests(d.decisionId())).isEmpty();
      assertThat(o.openEscalations()).isEmpty();
    }
  }

  @Test
  @DisplayName("race: many people contesting one decision at once open exactly one contest and one review")
  void concurrentContests() throws Exception {
    try (Lexecon lexecon = lexecon(clock)) {
      for (int round = 0; round < 5; round++) {
        Decision d = lexecon.decide(wipe());
        List<Object> results = race(16, i -> () ->
            lexecon.oversight().contest(d.decisionId(), "user:" + i, "my grounds " + i));
        assertThat(results).filteredOn(r -> r instanceof Contest).hasSize(1);
        assertThat(results).filteredOn(r -> !(r instanceof Contest))
            .hasSize(15).allSatisfy(r -> assertThat(r).isInstanceOf(IllegalStateException.class));
        Contest winner = (Contest) results.stream().filter(r -> r instanceof Contest)
            .findFirst().orElseThrow();
        assertThat(lexecon.oversight().contests(d.decisionId())).containsExactly(winner);
        assertThat(lexecon.oversight().escalationsOf(d.decisionId()))
            .extracting(Escalation::escalationId).containsExactly(winner.escalationId());
      }
      assertThat(entries(lexecon, EventType.CONTEST)).hasSize(5);
      assertThat(entries(lexecon, EventType.ESCALATION_OPENED)).hasSize(5);
    }
  }
}

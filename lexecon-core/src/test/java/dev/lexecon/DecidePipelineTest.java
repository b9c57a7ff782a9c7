package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.ReplayResult;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.risk.RiskLevel;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.token.SignatureAlgorithm;
import dev.lexecon.token.SigningKey;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("decide() pipeline: risk overlay, ledger and capability tokens")
class DecidePipelineTest {
  static final Policy POLICY = Policy.builder("pipeline", "1").mode(PolicyMode.STRICT)
      .actor("actor:agent", "agent:*").action("action:read", null).action("action:wipe", null)
      .action("action:pay", null)
      .permits("actor:agent", "action:read")
      .forbids("actor:agent", "action:wipe")
      .requires("actor:agent", "action:pay", "invoice_attached")
      .permits("actor:agent", "action:pay")
      .build();

  private static Lexecon lexecon() {
    return Lexecon.builder().policy(POLICY).build();
  }

  private static DecisionRequest read(String... dataClasses) {
    return DecisionRequest.builder("agent:1", "read").dataClasses(dataClasses)
        .argument("path", "/srv/a").build();
  }

  @Test
  @DisplayName("CRITICAL risk escalates a permitted request, with a reason and no token")
  void criticalEscalates() {
    try (Lexecon lexecon = lexecon()) {
      Decision d = lexecon.decide(read("credentials"));
      assertThat(d.outcome()).isEqualTo(Outcome.ESCALATED);
      assertThat(d.risk().level()).isEqualTo(RiskLevel.CRITICAL);
      assertThat(d.reasons()).extracting(r -> r.code())
          .containsExactly(ReasonCode.PERMITTED, ReasonCode.RISK_ESCALATION);
      assertThat(d.reasons().get(1).message()).contains("overall risk 80 is CRITICAL", "secrets");
      assertThat(d.obligations()).containsExactly("human_confirmation");
      assertThat(d.token()).isNull();
    }
  }

  @Test
  @DisplayName("HIGH risk escalates only in PARANOID mode; a denial is never turned into an escalation")
  void highRiskAndDenials() {
    try (Lexecon lexecon = lexecon()) {
      assertThat(lexecon.decide(read("phi")).outcome()).isEqualTo(Outcome.APPROVED);
      DecisionRequest paranoid = read("phi").toBuilder().mode(PolicyMode.PARANOID).build();
      assertThat(lexecon.decide(paranoid).outcome()).isEqualTo(Outcome.ESCALATED);
      Decision wipe = lexecon.decide(DecisionRequest.builder("agent:1", "wipe").dataClasses("credentials").build());
      assertThat(wipe.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(wipe.risk().level()).isEqualTo(RiskLevel.CRITICAL);
      assertThat(wipe.reasons()).extracting(r -> r.code()).containsExactly(ReasonCode.FORBIDDEN);
    }
  }

  @Test
  @DisplayName("an approved decision carries a token the engine's verifier accepts for exactly that call")
  void approvedToken() {
    try (Lexecon lexecon = lexecon()) {
      DecisionRequest request = read();
      Decision d = lexecon.decide(request);
      assertThat(d.token()).isNotNull();
      TokenVerification ok = lexecon.tokenVerifier().verify(d.token().value(), ExpectedCall.of(request));
      assertThat(ok).isInstanceOf(TokenVerification.Accepted.class);
      assertThat(ok.claimsOrThrow().decisionId()).isEqualTo(d.decisionId());
      assertThat(ok.claimsOrThrow().ledgerEntryId()).isEqualTo(d.ledgerEntryId());

      DecisionRequest otherArgs = request.toBuilder().argument("path", "/etc/shadow").build();
      assertThat(lexecon.tokenVerifier().verify(d.token().value(), ExpectedCall.of(otherArgs)))
          .isInstanceOfSatisfying(TokenVerification.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(TokenRejection.WRONG_BINDING));

      String value = d.token().value();
      char last = value.charAt(value.length() - 2);
      String forged = value.substring(0, value.length() - 2) + (last == 'A' ? 'B' : 'A') + value.charAt(value.length() - 1);
      assertThat(lexecon.tokenVerifier().verify(forged, ExpectedCall.of(request)))
          .isInstanceOf(TokenVerification.Rejected.class);
    }
  }

  @Test
  @DisplayName("a CONDITIONAL decision's token lists its obligations; denied and escalated ones get none")
  void conditionalToken() {
    try (Lexecon lexecon = lexecon()) {
      Decision pay = lexecon.decide(DecisionRequest.builder("agent:1", "pay").build());
      assertThat(pay.outcome()).isEqualTo(Outcome.CONDITIONAL);
      assertThat(pay.token()).isNotNull();
      assertThat(pay.token().claims().obligations()).containsExactly("invoice_attached");
      assertThat(lexecon.decide(DecisionRequest.builder("agent:1", "wipe").build()).token()).isNull();
    }
  }

  @Test
  @DisplayName("revocations are ledgered and survive a restart; rotation keeps old tokens valid")
  void revocationAndRotation() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
    DecisionRequest request = read();
    Decision kept;
    Decision revoked;
    // Not closed: closing would close the shared in-memory storage the "restarted" engine reopens.
    Lexecon lexecon = Lexecon.builder().policy(POLICY).ledger(storage).tokenKey(key).build();
    {
      revoked = lexecon.decide(request);
      lexecon.revokeDecision(revoked.decisionId(), "operator stopped the agent");
      assertThat(lexecon.tokenVerifier().verify(revoked.token().value(), ExpectedCall.of(request)))
          .isInstanceOfSatisfying(TokenVerification.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(TokenRejection.REVOKED));
      kept = lexecon.decide(request);
      lexecon.rotateTokenKey();
      assertThat(lexecon.tokenVerifier().verify(kept.token().value(), ExpectedCall.of(request)))
          .isInstanceOf(TokenVerification.Accepted.class);
      Decision fresh = lexecon.decide(request);
      assertThat(fresh.token().keyId()).isNotEqualTo(kept.token().keyId());
      assertThat(lexecon.ledger().entries(EventType.TOKEN_REVOKED, 0, 10)).hasSize(1);
      assertThat(lexecon.ledger().entries(EventType.KEY_ROTATED, 0, 10)).hasSize(1);
      lexecon.ledger().flush();
    }
    try (Lexecon reopened = Lexecon.builder().policy(POLICY).ledger(storage).tokenKey(key).build()) {
      assertThat(reopened.tokenVerifier().verify(revoked.token().value(), ExpectedCall.of(request)))
          .isInstanceOfSatisfying(TokenVerification.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(TokenRejection.REVOKED));
      assertThat(reopened.tokenVerifier().verify(kept.token().value(), ExpectedCall.of(request)))
          .isInstanceOf(TokenVerification.Accepted.class);
    }
  }

  @Test
  @DisplayName("the ledger records the risk, and replay reproduces a risk escalation")
  void ledgerAndReplay() {
    try (Lexecon lexecon = lexecon()) {
      Decision d = lexecon.decide(read("credentials"));
      Map<String, Object> payload = lexecon.ledger().entry(d.ledgerEntryId()).orElseThrow().payload();
      Map<?, ?> risk = (Map<?, ?>) payload.get("risk");
      assertThat(risk.get("level")).isEqualTo("critical");
      assertThat(((Number) risk.get("overall")).intValue()).isEqualTo(80);
      ReplayResult replay = lexecon.replay(d.decisionId());
      assertThat(replay.status()).isEqualTo(ReplayResult.Status.REPRODUCED);
      assertThat(replay.replayedOutcome()).isEqualTo(Outcome.ESCALATED);
    }
  }

  @Test
  @DisplayName("a risk assessment on its own is recorded and linked to its decision")
  void standaloneAssessment() {
    try (Lexecon lexecon = lexecon()) {
      Decision d = lexecon.decide(read("pii"));
      var assessment = lexecon.assessRisk(read("pii"), d.decisionId());
      assertThat(assessment.level()).isEqualTo(RiskLevel.MEDIUM);
      assertThat(assessment).isEqualTo(d.risk());
      var unlinked = lexecon.assessRisk(read("credentials"), null);
      assertThat(unlinked.level()).isEqualTo(RiskLevel.CRITICAL);
      var entries = lexecon.ledger().entries(EventType.RISK_ASSESSMENT, 0, 10);
      assertThat(entries).hasSize(2);
      assertThat(entries.get(0).payload()).containsEntry("decision_id", d.decisionId())
          .containsEntry("decision_entry", d.ledgerEntryId())
          .containsEntry("action", "read")
          .hasEntrySatisfying("risk", r -> assertThat((Map<?, ?>) r)
              .satisfies(m -> {
                assertThat(m.get("level")).isEqualTo("medium");
                assertThat(m.get("overall")).isEqualTo(30L);
              }));
      assertThat(entries.get(1).payload()).doesNotContainKeys("decision_id", "decision_entry")
          .hasEntrySatisfying("risk", r -> assertThat(((Map<?, ?>) r).get("level"))
              .isEqualTo("critical"));
    }
  }

  @Test
  @DisplayName("a standalone assessment refuses a link to an unknown decision or to another request's, recording nothing")
  void standaloneAssessmentRefusals() {
    try (Lexecon lexecon = lexecon()) {
      Decision d = lexecon.decide(read("pii"));
      long size = lexecon.ledger().size();
      assertThatThrownBy(() -> lexecon.assessRisk(read("pii"), "dec_123"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dec_123");
      DecisionRequest other = DecisionRequest.builder("agent:1", "delete_all").tool("files").build();
      assertThatThrownBy(() -> lexecon.assessRisk(other, d.decisionId()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(d.decisionId()).hasMessageContaining("delete_all");
      assertThat(lexecon.ledger().size()).isEqualTo(size);
      assertThat(lexecon.ledger().entries(EventType.RISK_ASSESSMENT, 0, 10)).isEmpty();
    }
  }
}

package dev.lexecon;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Decision;
import dev.lexecon.api.evidence.ArtifactType;
import dev.lexecon.api.evidence.NewArtifact;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.Redactable;
import dev.lexecon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real engine whose ledger holds one of every governance primitive's records over a quarter:
 * decisions, a risk assessment, an escalation opened and resolved, an override, interventions by
 * three roles, evidence linked to controls, a legal hold and a checkpoint. Events the engine does
 * not produce itself yet (escalations, overrides, interventions) are appended with the payloads
 * the human-oversight feature records.
 */
final class GovernedLedger {
  static final Instant Q_START = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant Q_END = Instant.parse("2026-04-01T00:00:00Z");

  private GovernedLedger() {}

  static Lexecon.Builder builder(MutableClock clock) {
    return LexeconLedgerTest.builder().clock(clock);
  }

  static LedgerEngine engine(Lexecon lexecon) {
    return (LedgerEngine) lexecon.ledger();
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Decisions only, one a day from 10 January. */
  static List<Decision> decide(Lexecon lexecon, MutableClock clock, int count) {
    List<Decision> out = new ArrayList<>();
    List<DecisionRequest> requests = LexeconLedgerTest.requests();
    for (int i = 0; i < count; i++) {
      clock.set(Q_START.plus(Duration.ofDays(9 + i)).plusSeconds(3600 + i));
      out.add(lexecon.decide(requests.get(i % requests.size())));
    }
    return out;
  }

  /** Every primitive's records in the quarter, then a signed checkpoint. */
  static List<Decision> populate(Lexecon lexecon, MutableClock clock) {
    List<Decision> decisions = decide(lexecon, clock, 7);
    LedgerEngine ledger = engine(lexecon);
    clock.set(Q_START.plus(Duration.ofDays(20)));
    lexecon.assessRisk(LexeconLedgerTest.requests().get(2), decisions.get(2).decisionId());
    Decision escalated = decisions.get(3);
    ledger.append(EventType.ESCALATION_OPENED, map("escalation_id", "esc_1",
        "decision_id", escalated.decisionId(), "priority", "high",
        "sla_deadline", "2026-01-21T04:00:00.000000Z"));
    clock.advance(Duration.ofMinutes(42));
    ledger.append(EventType.ESCALATION_RESOLVED, map("escalation_id", "esc_1",
        "decision_id", escalated.decisionId(), "resolution", "approved",
        "resolved_by", Redactable.of("operator:jane@acme.example"), "response_time_ms", 2_520_000L));
    clock.advance(Duration.ofMinutes(5));
    ledger.append(EventType.OVERRIDE, map("decision_id", decisions.get(1).decisionId(),
        "by", Redactable.of("manager:omar@acme.example"), "original_outcome", "denied",
        "new_outcome", "approved", "justification", "vendor address confirmed by phone with finance"));
    String[][] interventions = {
        {"operator", "rejection", "2026-01-21T00:10:00Z", "PT2M"},
        {"operator", "confirmation", "2026-01-21T00:20:00Z", "PT4M"},
        {"operator", "modification", "2026-01-21T00:30:00Z", "PT9M"},
        {"supervisor", "rejection", "2026-01-21T00:40:00Z", "PT30M"},
        {"manager", "confirmation", "2026-01-21T00:50:00Z", null}};
    int i = 0;
    for (String[] iv : interventions) {
      Instant requested = Instant.parse(iv[2]);
      Instant at = iv[3] == null ? requested.plusSeconds(60) : requested.plus(Duration.parse(iv[3]));
      clock.set(at);
      Map<String, Object> p = map("intervention_id", "int_" + (++i),
          "decision_id", decisions.get(i % decisions.size()).decisionId(),
          "intervention_type", iv[1], "role", iv[0], "by", Redactable.of(iv[0] + ":person-" + i));
      if (iv[3] != null) {
        p.put("requested_at", iv[2]);
      }
      ledger.append(EventType.INTERVENTION, p);
    }
    clock.set(Q_START.plus(Duration.ofDays(40)));
    lexecon.evidence().register(NewArtifact.builder(ArtifactType.COMPLIANCE_DOCUMENT)
        .content("Technical documentation of the support agent, v2".getBytes(StandardCharsets.UTF_8))
        .controls("EU_AI_ACT:Art. 11", "ISO_27001:A.5.28").build());
    lexecon.evidence().register(NewArtifact.builder(ArtifactType.POLICY_DOCUMENT)
        .content("Serious incident reporting procedure".getBytes(StandardCharsets.UTF_8))
        .controls("EU_AI_ACT:Art. 73").decisions(decisions.get(0).decisionId()).build());
    clock.set(Q_START.plus(Duration.ofDays(50)));
    lexecon.compliance().placeLegalHold("litigation hold: customer complaint 2026-17",
        "employee:legal-counsel", List.of(decisions.get(2).decisionId()));
    clock.set(Q_START.plus(Duration.ofDays(60)));
    lexecon.ledger().checkpoint();
    return decisions;
  }
}

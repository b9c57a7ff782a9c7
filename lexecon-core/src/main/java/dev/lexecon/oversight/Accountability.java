package dev.lexecon.oversight;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.AccountabilityReport;
import dev.lexecon.api.oversight.Confirmation;
import dev.lexecon.api.oversight.DecisionOverride;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.EscalationResolution;
import dev.lexecon.api.oversight.Intervention;
import dev.lexecon.api.oversight.InterventionType;
import dev.lexecon.api.oversight.Responsibility;
import dev.lexecon.api.oversight.ResponsibilityChain;
import dev.lexecon.api.oversight.ResponsibilityLevel;
import dev.lexecon.ledger.Ledger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Responsibility chains and the accountability report, from the decision entry and the human
 * records linked to it. The rules: the engine is accountable for what it decided ({@code
 * automated}); a human who looked and let the outcome stand (confirmed it, approved an approval,
 * denied a denial, deferred) {@code reviewed} it; a human who settled or changed it (approved or
 * denied an escalated request, approved a denied one, denied an approved one, overrode, rejected,
 * modified) {@code human_made} it; a human who passed it on {@code delegated} it.
 */
final class Accountability {
  private static final int PAGE = 512;

  private Accountability() {}

  static ResponsibilityChain chain(LedgerEntry decision, Projection state) {
    Map<String, ?> p = decision.payload();
    String decisionId = (String) p.get("decision_id");
    Outcome outcome = Projection.enumOf(Outcome.class, (String) p.get("outcome"));
    boolean allowed = outcome == Outcome.APPROVED || outcome == Outcome.CONDITIONAL;
    String policyId = p.get("policy") instanceof Map<?, ?> pol ? (String) pol.get("policy_id") : "?";
    String reasoning = "";
    if (p.get("reasons") instanceof List<?> reasons && !reasons.isEmpty()) {
      reasoning = (String) ((Map<?, ?>) reasons.get(0)).get("message");
    }
    List<Responsibility> links = new ArrayList<>();
    links.add(new Responsibility(ResponsibilityLevel.AUTOMATED, "lexecon:" + policyId,
        "policy_engine", outcome.name().toLowerCase(java.util.Locale.ROOT) + ": " + reasoning,
        decision.timestamp(), decision.entryId()));
    for (Escalation e : state.escalationsOf(decisionId)) {
      for (Confirmation c : e.confirmations()) {
        if (c.verdict() == Confirmation.Verdict.CONFIRMED) {
          links.add(new Responsibility(ResponsibilityLevel.REVIEWED, c.principalId(),
              "four_eyes_confirmer", c.note() != null ? c.note() : "confirmed", c.at(),
              c.ledgerEntryId()));
        }
      }
      EscalationResolution r = e.resolution();
      if (r == null) {
        continue;
      }
      ResponsibilityLevel level = switch (r.resolution()) {
        case ESCALATED_FURTHER -> ResponsibilityLevel.DELEGATED;
        case DEFERRED -> ResponsibilityLevel.REVIEWED;
        case APPROVED -> allowed ? ResponsibilityLevel.REVIEWED : ResponsibilityLevel.HUMAN_MADE;
        case DENIED -> outcome == Outcome.DENIED ? ResponsibilityLevel.REVIEWED
            : ResponsibilityLevel.HUMAN_MADE;
      };
      links.add(new Responsibility(level, r.resolvedBy(), "escalation_reviewer",
          r.resolution().jsonName() + (r.notes() != null ? ": " + r.notes() : ""), r.resolvedAt(),
          r.ledgerEntryId()));
    }
    for (DecisionOverride o : state.overridesOf(decisionId)) {
      links.add(new Responsibility(ResponsibilityLevel.HUMAN_MADE, o.authorizedBy(),
          "override:" + o.type().jsonName(), o.justification(), o.createdAt(), o.ledgerEntryId()));
    }
    for (Intervention i : state.interventionsOf(decisionId)) {
      links.add(new Responsibility(
          i.type() == InterventionType.CONFIRMATION ? ResponsibilityLevel.REVIEWED
              : ResponsibilityLevel.HUMAN_MADE,
          i.by(), i.role().jsonName(), i.type().jsonName() + ": " + i.reason(), i.at(),
          i.ledgerEntryId()));
    }
    links.sort(Comparator.comparingLong(l -> Projection.seq(l.ledgerEntryId())));
    return new ResponsibilityChain(decisionId, links);
  }

  static AccountabilityReport report(Ledger ledger, Projection state, Instant from, Instant to) {
    Map<ResponsibilityLevel, Long> byLevel = new EnumMap<>(ResponsibilityLevel.class);
    for (ResponsibilityLevel l : ResponsibilityLevel.values()) {
      byLevel.put(l, 0L);
    }
    Map<String, Long> byParty = new HashMap<>();
    long count = 0;
    for (long offset = 0; ; offset += PAGE) {
      List<LedgerEntry> page = ledger.entries(EventType.DECISION, offset, PAGE);
      for (LedgerEntry e : page) {
        if (e.timestamp().isBefore(from) || !e.timestamp().isBefore(to)) {
          continue;
        }
        Responsibility r = chain(e, state).accountable();
        count++;
        byLevel.merge(r.level(), 1L, Long::sum);
        byParty.merge(r.decisionMaker() == null ? "[erased]" : r.decisionMaker(), 1L, Long::sum);
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    List<Map.Entry<String, Long>> parties = new ArrayList<>(byParty.entrySet());
    parties.sort(Map.Entry.<String, Long>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Long> sorted = new LinkedHashMap<>();
    parties.forEach(x -> sorted.put(x.getKey(), x.getValue()));
    return new AccountabilityReport(from, to, count, byLevel, sorted);
  }

}

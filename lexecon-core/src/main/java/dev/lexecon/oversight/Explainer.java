package dev.lexecon.oversight;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Contest;
import dev.lexecon.api.oversight.DecisionOverride;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.Explanation;
import dev.lexecon.api.oversight.Intervention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@code decision} ledger entry into words for the person it affects. Reads nothing but the
 * entry and the human records linked to it (themselves projected from the ledger): the explanation
 * of a decision is the same in any process that holds the ledger, years later.
 */
final class Explainer {
  private Explainer() {}

  /** Explains a decision entry, with what the human records of {@code state} say about it. */
  static Explanation explain(LedgerEntry entry, Projection state) {
    String decisionId = (String) entry.payload().get("decision_id");
    return explain(entry, humanReview(decisionId, state));
  }

  private static List<String> humanReview(String decisionId, Projection state) {
    List<String> review = new ArrayList<>();
    for (Escalation e : state.escalationsOf(decisionId)) {
      review.add("Sent to a person for review (" + e.escalationId() + ", " + e.trigger().jsonName()
          .replace('_', ' ') + ")" + (e.resolution() == null
              ? "; not yet resolved." : "; resolved as " + e.resolution().resolution().jsonName()
                  .replace('_', ' ') + (e.fourEyes() ? " after confirmation by "
                      + e.confirmations().size() + " persons." : ".")));
    }
    for (DecisionOverride o : state.overridesOf(decisionId)) {
      review.add("Overridden to " + o.newOutcome().name().toLowerCase(java.util.Locale.ROOT)
          + " (" + o.type().jsonName().replace('_', ' ') + "): " + o.justification());
    }
    for (Intervention i : state.interventionsOf(decisionId)) {
      review.add("A " + i.role().jsonName() + " intervened (" + i.type().jsonName() + "): "
          + i.reason());
    }
    for (Contest c : state.contestsOf(decisionId)) {
      review.add("Contested (" + c.contestId() + ")" + (c.outcome() == null
          ? "; under review." : "; the review " + switch (c.outcome().verdict()) {
            case UPHELD -> "upheld the contest.";
            case REJECTED -> "let the decision stand.";
            case REFERRED -> "was deferred or passed on.";
          }));
    }
    return review;
  }

  static Explanation explain(LedgerEntry entry, List<String> humanReview) {
    Map<String, ?> p = entry.payload();
    String decisionId = (String) p.get("decision_id");
    Outcome outcome = Projection.enumOf(Outcome.class, (String) p.get("outcome"));
    Map<?, ?> request = (Map<?, ?>) p.get("request");
    String action = (String) request.get("action");
    String tool = (String) request.get("tool");
    String what = "the request to " + action + (tool.equals(action) ? "" : " using " + tool)
        + (request.get("resource") instanceof String r ? " on " + r : "");
    List<?> obligations = p.get("obligations") instanceof List<?> l ? l : List.of();
    String verdict = switch (outcome) {
      case APPROVED -> "was approved";
      case CONDITIONAL -> "was approved on condition that these are met: " + join(obligations);
      case ESCALATED -> "was sent to a person to decide, and must wait for them"
          + (obligations.isEmpty() ? "" : " (" + join(obligations) + ")");
      case DENIED -> "was refused";
    };
    String summary = "On " + Fields.time(entry.timestamp()) + ", " + what + " " + verdict
        + " (decision " + decisionId + ").";

    List<String> because = new ArrayList<>();
    List<String> ruleIds = new ArrayList<>();
    for (Object o : (List<?>) p.get("reasons")) {
      Map<?, ?> r = (Map<?, ?>) o;
      because.add(lead((String) r.get("code")) + r.get("message"));
      if (r.get("rule_id") instanceof String id && !ruleIds.contains(id)) {
        ruleIds.add(id);
      }
    }
    List<String> risk = new ArrayList<>();
    if (p.get("risk") instanceof Map<?, ?> rm && rm.get("factors") instanceof List<?> factors) {
      risk.add("Overall risk " + rm.get("overall") + " out of 100 (" + rm.get("level") + ").");
      for (Object o : factors) {
        Map<?, ?> f = (Map<?, ?>) o;
        risk.add(f.get("dimension") + " risk raised by " + f.get("points") + ": " + f.get("reason"));
      }
    }
    String notice = "You may ask for a person to review this decision and contest it, quoting "
        + decisionId + " (GDPR Art. 22(3)); the review and its outcome are recorded.";
    return new Explanation(decisionId, outcome, summary, because, ruleIds, risk, humanReview, notice);
  }

  private static String lead(String code) {
    return switch (code) {
      case "forbidden" -> "A rule forbids it: ";
      case "permitted" -> "A rule allows it: ";
      case "obligation_unmet" -> "A condition was not met: ";
      case "human_confirmation_required" -> "A person has to confirm it: ";
      case "default_deny" -> "No rule allows it, and what no rule allows is refused: ";
      case "default_permit" -> "No rule covers it, and this system allows what no rule forbids: ";
      case "constraint" -> "A check that applies to every request took effect: ";
      case "risk_escalation" -> "It was judged too risky to go ahead without a person: ";
      case "domain_rule" -> "A rule of the business domain applies: ";
      case "halted" -> "A person stopped all such actions: ";
      default -> "";
    };
  }

  private static String join(List<?> values) {
    List<String> s = new ArrayList<>();
    values.forEach(v -> s.add(String.valueOf(v).replace('_', ' ')));
    return String.join(", ", s);
  }
}

package dev.lexecon.api.oversight;

import dev.lexecon.api.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * A decision explained to the person it affects, in plain language, from its ledger record alone:
 * what was decided, the rules that determined it (with their ids, so the explanation can be
 * checked against the policy), the risk factors, what humans did, and how to contest it (GDPR
 * Art. 22(3), AI Act Art. 86). Immutable and thread-safe.
 *
 * @param decisionId the decision
 * @param outcome what was decided
 * @param summary one sentence: what was asked and what was decided
 * @param because why, one sentence per reason, in the order the rules applied
 * @param ruleIds the policy relation or constraint ids behind those reasons
 * @param riskFactors the risk assessment in words: overall score and level, then each factor
 * @param humanReview what humans did about it (escalations, overrides, interventions, reviews)
 * @param contestNotice how the person can contest it
 * @since 0.1
 */
public record Explanation(
    String decisionId,
    Outcome outcome,
    String summary,
    List<String> because,
    List<String> ruleIds,
    List<String> riskFactors,
    List<String> humanReview,
    String contestNotice) {
  /** Checks and copies the parts. */
  public Explanation {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(summary, "summary");
    because = List.copyOf(because);
    ruleIds = List.copyOf(ruleIds);
    riskFactors = List.copyOf(riskFactors);
    humanReview = List.copyOf(humanReview);
    Objects.requireNonNull(contestNotice, "contestNotice");
  }

  /** The whole explanation as text, paragraphs separated by blank lines. */
  public String text() {
    StringBuilder sb = new StringBuilder(summary).append("\n\nWhy:\n");
    because.forEach(b -> sb.append("- ").append(b).append('\n'));
    if (!riskFactors.isEmpty()) {
      sb.append("\nRisk:\n");
      riskFactors.forEach(r -> sb.append("- ").append(r).append('\n'));
    }
    if (!humanReview.isEmpty()) {
      sb.append("\nHuman review:\n");
      humanReview.forEach(h -> sb.append("- ").append(h).append('\n'));
    }
    return sb.append('\n').append(contestNotice).toString();
  }
}

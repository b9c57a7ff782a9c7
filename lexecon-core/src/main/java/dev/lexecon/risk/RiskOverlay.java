package dev.lexecon.risk;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.risk.RiskLevel;
import dev.lexecon.policy.PolicyEvaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * Combines a policy evaluation with a risk assessment (DESIGN section 3, rule 4): CRITICAL risk
 * escalates to a human in every mode, and PARANOID mode also escalates HIGH risk; a DENIED
 * decision stays DENIED. An escalation adds the obligation {@code human_confirmation} and a
 * {@link ReasonCode#RISK_ESCALATION} reason naming the score and its top factor. Stateless.
 *
 * @since 0.1
 */
public final class RiskOverlay {
  private RiskOverlay() {}

  /** The evaluation with {@code risk} attached and, where the rules say so, escalated. */
  public static PolicyEvaluation apply(PolicyEvaluation evaluation, RiskAssessment risk) {
    boolean escalate =
        evaluation.outcome() != Outcome.DENIED
            && (risk.level() == RiskLevel.CRITICAL
                || (risk.level() == RiskLevel.HIGH && evaluation.mode() == PolicyMode.PARANOID));
    if (!escalate) {
      return new PolicyEvaluation(evaluation.outcome(), evaluation.reasons(),
          evaluation.obligations(), evaluation.advisories(), evaluation.mode(), risk);
    }
    List<Reason> reasons = new ArrayList<>(evaluation.reasons());
    reasons.add(new Reason(ReasonCode.RISK_ESCALATION, null, List.of(), message(risk)));
    List<String> obligations = new ArrayList<>(evaluation.obligations());
    if (!obligations.contains("human_confirmation")) {
      obligations.add("human_confirmation");
    }
    return new PolicyEvaluation(Outcome.ESCALATED, reasons, obligations, evaluation.advisories(),
        evaluation.mode(), risk);
  }

  private static String message(RiskAssessment risk) {
    String why = risk.level() == RiskLevel.CRITICAL
        ? "CRITICAL risks go to a human in every mode"
        : "PARANOID mode sends HIGH risks to a human";
    String top = risk.factors().stream()
        .max((a, b) -> Integer.compare(a.points(), b.points()))
        .map(f -> "; largest factor: " + f.reason())
        .orElse("");
    return "overall risk " + risk.overall() + " is " + risk.level() + ": " + why + top;
  }
}

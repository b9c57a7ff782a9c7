package dev.lexecon.policy;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.risk.RiskAssessment;
import java.util.List;
import java.util.Objects;

/**
 * What the policy alone says about a request: the outcome of relations, constraints and the mode,
 * before risk, oversight or the ledger have their say.
 *
 * @param outcome the policy outcome
 * @param reasons why, in rule order; never empty
 * @param obligations obligations still to meet (CONDITIONAL) or for a human to confirm (ESCALATED)
 * @param advisories notes from constraints whose actions do not change the outcome
 * @param mode the mode that applied
 * @param risk the request's risk assessment ({@link RiskAssessment#none()} from the policy engine
 *     alone; the decide pipeline adds the assessor's)
 * @since 0.1
 */
public record PolicyEvaluation(
    Outcome outcome,
    List<Reason> reasons,
    List<String> obligations,
    List<String> advisories,
    PolicyMode mode,
    RiskAssessment risk) {
  public PolicyEvaluation {
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    obligations = List.copyOf(obligations);
    advisories = List.copyOf(advisories);
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(risk, "risk");
  }
}

package dev.lexecon.policy;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
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
 * @since 0.1
 */
public record PolicyEvaluation(
    Outcome outcome,
    List<Reason> reasons,
    List<String> obligations,
    List<String> advisories,
    PolicyMode mode) {
  public PolicyEvaluation {
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    obligations = List.copyOf(obligations);
    advisories = List.copyOf(advisories);
    Objects.requireNonNull(mode, "mode");
  }
}

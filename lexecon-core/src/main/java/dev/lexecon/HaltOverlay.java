package dev.lexecon;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.policy.PolicyEvaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * The stop switch applied to an evaluation: DENIED, whatever the policy said, with a first reason
 * naming the halt; the policy's own reasons follow so an auditor still sees what would have
 * happened. Obligations are dropped (nothing is owed on a denial). Stateless.
 */
final class HaltOverlay {
  private HaltOverlay() {}

  static PolicyEvaluation apply(PolicyEvaluation evaluation, Halt halt) {
    List<Reason> reasons = new ArrayList<>(evaluation.reasons().size() + 1);
    reasons.add(new Reason(ReasonCode.HALTED, halt.haltId(), List.of(),
        "halted: " + halt.haltId() + " stops " + halt.scope().describe() + " (" + halt.reason()
            + ")"));
    reasons.addAll(evaluation.reasons());
    return new PolicyEvaluation(Outcome.DENIED, reasons, List.of(), evaluation.advisories(),
        evaluation.mode(), evaluation.risk());
  }

  static boolean isHalted(List<Reason> reasons) {
    return !reasons.isEmpty() && reasons.get(0).code() == ReasonCode.HALTED;
  }
}

package dev.lexecon.policy;

import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.PolicyIssue;
import java.util.List;
import java.util.Objects;

/**
 * A policy that loaded, with the warnings found on the way (unknown fields, implicit term
 * declarations, conditions that fail closed, shadowed relations). Errors never reach this type:
 * they throw {@link dev.lexecon.api.InvalidPolicyException}.
 *
 * @param policy the validated policy
 * @param warnings every warning, in document order
 * @since 0.1
 */
public record LoadedPolicy(Policy policy, List<PolicyIssue> warnings) {
  public LoadedPolicy {
    Objects.requireNonNull(policy, "policy");
    warnings = List.copyOf(warnings);
  }
}

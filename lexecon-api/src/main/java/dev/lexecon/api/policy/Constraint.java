package dev.lexecon.api.policy;

import org.jspecify.annotations.Nullable;

/**
 * A policy-level check evaluated after the relations. When its condition is true, its action
 * tightens the decision: {@code require_human_confirmation}, {@code require_dual_authorization} and
 * any {@code require_*_approval} or {@code require_*_review} escalate; {@code block*} and {@code
 * deny*} deny; any other {@code require_X} makes the decision CONDITIONAL with obligation {@code
 * X}; anything else is recorded as an advisory note. Constraints never loosen a decision.
 *
 * @param name unique name within the policy; reasons name it
 * @param condition a condition in the policy condition language
 * @param action what to do when it holds
 * @param justification text shown as the reason, or {@code null}
 * @since 0.1
 */
public record Constraint(
    String name, String condition, String action, @Nullable String justification) {
  public Constraint {
    Frozen.requireText(name, "constraint name");
    Frozen.requireText(condition, "condition of constraint " + name);
    Frozen.requireText(action, "action of constraint " + name);
  }
}

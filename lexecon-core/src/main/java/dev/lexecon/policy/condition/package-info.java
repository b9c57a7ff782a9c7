/**
 * The policy condition language: small boolean expressions over request fields, context and
 * tool-call arguments, such as {@code args.amount <= 1000 && context.region in eu_regions}.
 *
 * <p>A condition is parsed and compiled once, when a policy is loaded ({@link
 * dev.lexecon.policy.condition.Condition#compile Condition.compile}), and then evaluated on the
 * decision hot path against a {@link dev.lexecon.policy.condition.ConditionInput}. Evaluation is
 * three-valued ({@link dev.lexecon.policy.condition.Truth}): a condition that reads a missing
 * value or compares values of different types is {@code UNKNOWN}, never an exception, so the
 * policy engine can fail closed. The grammar and semantics are specified in {@code
 * docs/policy-language.md}, section "Conditions".
 *
 * <p>Every public type here is immutable and thread-safe; the parser, the syntax tree and the
 * value comparisons are package-private.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.policy.condition;

import org.jspecify.annotations.NullMarked;

package dev.lexecon.policy.condition;

import org.jspecify.annotations.Nullable;

/**
 * One side of a comparison, {@code in} or {@code matches}: either a path, resolved at each
 * evaluation, or a literal fixed at compile time. A single final class rather than two subclasses
 * so that the call stays monomorphic on the hot path.
 */
final class Operand {
  private final String @Nullable [] path;
  private final @Nullable Object constant;

  private Operand(String @Nullable [] path, @Nullable Object constant) {
    this.path = path;
    this.constant = constant;
  }

  static Operand path(String[] segments) {
    return new Operand(segments, null);
  }

  /** A literal: String, Boolean, Long, BigInteger, DecimalLiteral or an immutable List of them. */
  static Operand literal(Object value) {
    return new Operand(null, value);
  }

  boolean isPath() {
    return path != null;
  }

  @Nullable Object literalValue() {
    return constant;
  }

  /** The value, which is {@code null} or {@link ConditionInput#ABSENT} when unknown. */
  @Nullable Object value(ConditionInput input) {
    String[] p = path;
    return p != null ? input.resolve(p) : constant;
  }
}

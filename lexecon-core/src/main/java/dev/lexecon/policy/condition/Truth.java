package dev.lexecon.policy.condition;

import java.util.Objects;

/**
 * The result of evaluating a {@link Condition}: three-valued (Kleene) logic, where {@link
 * #UNKNOWN} stands for "could not be decided", for example because a value the condition reads is
 * absent or has the wrong type. A caller that must decide fails closed by treating anything but
 * {@link #TRUE} as not satisfied.
 *
 * <p>Enum constants are immutable and thread-safe.
 *
 * @since 0.1
 */
public enum Truth {
  /** The condition holds. */
  TRUE,
  /** The condition does not hold. */
  FALSE,
  /** The condition could not be decided from the input. */
  UNKNOWN;

  /** Returns {@link #TRUE} for {@code true} and {@link #FALSE} for {@code false}. */
  public static Truth of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /**
   * Kleene conjunction: {@link #FALSE} if either side is false, {@link #TRUE} if both are true,
   * otherwise {@link #UNKNOWN}. So {@code FALSE.and(UNKNOWN)} is {@code FALSE}.
   */
  public Truth and(Truth other) {
    Objects.requireNonNull(other, "other");
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
  }

  /**
   * Kleene disjunction: {@link #TRUE} if either side is true, {@link #FALSE} if both are false,
   * otherwise {@link #UNKNOWN}. So {@code TRUE.or(UNKNOWN)} is {@code TRUE}.
   */
  public Truth or(Truth other) {
    Objects.requireNonNull(other, "other");
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
  }

  /** Kleene negation: swaps {@link #TRUE} and {@link #FALSE}; {@link #UNKNOWN} stays unknown. */
  public Truth not() {
    switch (this) {
      case TRUE:
        return FALSE;
      case FALSE:
        return TRUE;
      default:
        return UNKNOWN;
    }
  }

  /** Returns whether this is {@link #TRUE}; the fail-closed reading of a result. */
  public boolean isTrue() {
    return this == TRUE;
  }
}

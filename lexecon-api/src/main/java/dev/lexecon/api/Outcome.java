package dev.lexecon.api;

/**
 * What Lexecon decided about a request. Declared from least to most restrictive, so {@link
 * #compareTo} orders outcomes by restrictiveness and {@link #mostRestrictive} combines them.
 *
 * @since 0.1
 */
public enum Outcome {
  /** The action may run; a capability token is issued for it. */
  APPROVED,
  /** The action may run once the listed obligations are met. */
  CONDITIONAL,
  /** A human must decide; the action must not run until the escalation is resolved. */
  ESCALATED,
  /** The action must not run. */
  DENIED;

  /** Returns whichever of the two outcomes is more restrictive. */
  public Outcome mostRestrictive(Outcome other) {
    return compareTo(other) >= 0 ? this : other;
  }
}

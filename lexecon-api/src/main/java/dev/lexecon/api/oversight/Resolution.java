package dev.lexecon.api.oversight;

import java.util.Locale;

/**
 * How a human resolved an escalation.
 *
 * @since 0.1
 */
public enum Resolution {
  /** The action may go ahead; a capability token can be obtained for the decision. */
  APPROVED,
  /** The action must not run. */
  DENIED,
  /** Postponed: the escalated action must not run now; no token is issued. */
  DEFERRED,
  /** Passed up to someone else; no token is issued. */
  ESCALATED_FURTHER;

  /** The lower-case name used in ledger payloads. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

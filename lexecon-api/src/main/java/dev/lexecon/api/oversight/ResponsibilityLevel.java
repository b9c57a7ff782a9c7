package dev.lexecon.api.oversight;

import java.util.Locale;

/**
 * Who carries responsibility for a decision, from least to most human.
 *
 * @since 0.1
 */
public enum ResponsibilityLevel {
  /** The engine decided under the policy; the policy's owners are accountable. */
  AUTOMATED,
  /** A human passed the decision on to someone else (an escalation escalated further). */
  DELEGATED,
  /** A human reviewed the automated decision and let it stand or confirmed it. */
  REVIEWED,
  /** A human made the decision: approved or denied an escalation, overrode, rejected, modified. */
  HUMAN_MADE;

  /** The lower-case name used in ledger payloads and reports. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.lexecon.api.oversight;

import java.util.Locale;

/**
 * The kind of an {@link Override}.
 *
 * @since 0.1
 */
public enum OverrideType {
  /** An emergency needs the action now; reviewed afterwards. */
  EMERGENCY_BYPASS,
  /** An executive decided to go ahead. */
  EXECUTIVE_OVERRIDE,
  /** An exception for a limited time; expires after 24 hours unless given another expiry. */
  TIME_LIMITED_EXCEPTION,
  /** The risk is known and accepted by someone entitled to accept it. */
  RISK_ACCEPTED;

  /** The lower-case name used in ledger payloads. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.lexecon.api.oversight;

import java.util.Locale;

/**
 * The oversight capacity a person intervenes in. A principal intervening as {@code OPERATOR} must
 * hold the role {@code operator} (and so on), besides {@link Permission#APPROVE_REQUESTS}.
 *
 * @since 0.1
 */
public enum InterventionRole {
  /** Operates the system day to day. */
  OPERATOR,
  /** Manages the operators. */
  MANAGER,
  /** Supervises the system's use. */
  SUPERVISOR;

  /** The {@link Role} a principal must hold to act in this capacity. */
  public Role role() {
    return Role.of(jsonName());
  }

  /** The lower-case name used in ledger payloads. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

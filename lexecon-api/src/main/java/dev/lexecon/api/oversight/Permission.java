package dev.lexecon.api.oversight;

import java.util.Locale;

/**
 * What a human operation needs. The default matrix of which {@link Role} grants which permission is
 * documented in {@code docs/oversight.md}; an application can change it.
 *
 * @since 0.1
 */
public enum Permission {
  /** See dashboards, decisions, escalations and reports. */
  VIEW_DASHBOARD,
  /** Generate audit reports; place legal holds; record incidents. */
  GENERATE_AUDIT,
  /** Resolve escalations, confirm four-eyes decisions, override, intervene, halt. */
  APPROVE_REQUESTS,
  /** Export ledger records. */
  EXPORT_DATA,
  /** Manage users and their roles (in the host application; Lexecon keeps no user store). */
  MANAGE_USERS,
  /** Load and swap policies. */
  MANAGE_POLICIES,
  /** See personal data: exports with side records. */
  VIEW_SENSITIVE;

  /** The lower-case name used in ledger payloads, such as {@code approve_requests}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.lexecon.api.risk;

import java.util.Locale;

/**
 * The six axes a request's risk is scored on, each 0–100.
 *
 * @since 0.1
 */
public enum RiskDimension {
  /** Credentials, code execution, system access. */
  SECURITY,
  /** Personal data of any kind. */
  PRIVACY,
  /** Regulated data and obligations (HIPAA, PCI DSS, GDPR special categories). */
  COMPLIANCE,
  /** Bulk, destructive or irreversible operations; the caller's own risk estimate. */
  OPERATIONAL,
  /** Communication that leaves the organisation in its name. */
  REPUTATIONAL,
  /** Money moving. */
  FINANCIAL;

  /** The lowercase name used in JSON and the ledger. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

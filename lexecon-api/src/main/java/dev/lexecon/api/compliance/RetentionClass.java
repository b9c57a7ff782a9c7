package dev.lexecon.api.compliance;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * How long a kind of record must be kept, and the rule that says so.
 *
 * <p>A period is counted in calendar days of the policy's zone, from the day of the record's
 * {@linkplain RetainedRecord#retentionStart() retention start}, and ends with the end of the day that
 * has the same date in the last month or year (the last day of the month when that date does not
 * exist), as periods in EU law are counted (Regulation (EEC, Euratom) No 1182/71, Art. 3). A
 * record may therefore be deleted from midnight after that day, never earlier.
 *
 * <p>The presets cite their rules; {@code docs/compliance.md} quotes them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a stable identifier ({@code pci_dss_audit_logs})
 * @param retention how long records of the class must be kept; positive, with no negative unit
 * @param immediatelyAvailable how much of that time they must stay immediately available for
 *     analysis (not archived offline); zero when the rule says nothing about it, never longer than
 *     {@code retention}
 * @param rule the rule that sets the periods, with its citation
 * @since 0.1
 */
public record RetentionClass(String name, Period retention, Period immediatelyAvailable, String rule) {

  /** Lexecon's standard class: 6 months, the AI Act's minimum for logs. Configurable per policy. */
  public static final RetentionClass STANDARD = new RetentionClass("standard", Period.ofMonths(6),
      Period.ZERO, "Lexecon standard retention (configurable); the default of six months meets the"
          + " minimum for automatically generated logs in Regulation (EU) 2024/1689 Art. 19(1)"
          + " and Art. 26(6)");

  /**
   * Lexecon's class for high-risk AI systems: 10 years, as long as the technical documentation
   * must be kept. Configurable per policy.
   */
  public static final RetentionClass HIGH_RISK = new RetentionClass("high_risk", Period.ofYears(10),
      Period.ZERO, "Lexecon retention for high-risk AI systems (configurable): records kept as long"
          + " as the documentation of Regulation (EU) 2024/1689 Art. 18(1), 10 years");

  /** EU AI Act logs: at least 6 months (Art. 19(1) for providers, Art. 26(6) for deployers). */
  public static final RetentionClass AI_ACT_LOGS = new RetentionClass("eu_ai_act_logs",
      Period.ofMonths(6), Period.ZERO, "Regulation (EU) 2024/1689 Art. 19(1) and Art. 26(6):"
          + " automatically generated logs of a high-risk AI system are kept for a period"
          + " appropriate to its intended purpose, of at least six months");

  /** EU AI Act documentation: 10 years (Art. 18(1)). */
  public static final RetentionClass AI_ACT_DOCUMENTATION = new RetentionClass(
      "eu_ai_act_documentation", Period.ofYears(10), Period.ZERO,
      "Regulation (EU) 2024/1689 Art. 18(1): technical documentation, quality management system"
          + " documentation and the EU declaration of conformity are kept for 10 years after the"
          + " system is placed on the market or put into service");

  /** HIPAA Security Rule documentation: 6 years (45 CFR 164.316(b)(2)(i)). */
  public static final RetentionClass HIPAA_DOCUMENTATION = new RetentionClass(
      "hipaa_documentation", Period.ofYears(6), Period.ZERO,
      "45 CFR 164.316(b)(2)(i): documentation required by the Security Rule is retained for 6"
          + " years from the date of its creation or the date when it last was in effect,"
          + " whichever is later");

  /** PCI DSS audit logs: 12 months, the most recent 3 immediately available (10.5.1). */
  public static final RetentionClass PCI_DSS_AUDIT_LOGS = new RetentionClass(
      "pci_dss_audit_logs", Period.ofMonths(12), Period.ofMonths(3),
      "PCI DSS v4.0.1 Requirement 10.5.1: audit log history is retained for at least 12 months,"
          + " with at least the most recent three months immediately available for analysis");

  public RetentionClass {
    Checks.requireText(name, "name");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(immediatelyAvailable, "immediatelyAvailable");
    Checks.requireText(rule, "rule");
    LocalDate origin = LocalDate.of(2000, 1, 31);
    if (retention.isNegative() || !origin.plus(retention).isAfter(origin)) {
      throw new IllegalArgumentException(
          "retention of class " + name + " must be positive, was " + retention);
    }
    if (immediatelyAvailable.isNegative()) {
      throw new IllegalArgumentException("immediately available period of class " + name
          + " must not be negative, was " + immediatelyAvailable);
    }
    if (origin.plus(immediatelyAvailable).isAfter(origin.plus(retention))) {
      throw new IllegalArgumentException("class " + name + " cannot keep records immediately"
          + " available (" + immediatelyAvailable + ") longer than it keeps them (" + retention
          + ")");
    }
  }
}

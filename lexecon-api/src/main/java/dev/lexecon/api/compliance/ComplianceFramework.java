package dev.lexecon.api.compliance;

/**
 * The frameworks in Lexecon's control catalog. The version and source document of each are data
 * in the catalog (see {@link Control#source()}), not part of this enum, so a revised edition is a
 * catalog change rather than an API change.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum ComplianceFramework {
  /** AICPA SOC 2: Trust Services Criteria (2017, points of focus revised 2022). */
  SOC2("SOC 2 Trust Services Criteria"),
  /** ISO/IEC 27001:2022 Annex A (2022 numbering). */
  ISO_27001("ISO/IEC 27001"),
  /** General Data Protection Regulation, Regulation (EU) 2016/679. */
  GDPR("GDPR"),
  /** HIPAA Security Rule, 45 CFR Part 164 Subpart C. */
  HIPAA("HIPAA Security Rule"),
  /** PCI DSS v4.0.1, Requirement 10. */
  PCI_DSS("PCI DSS"),
  /** NIST Cybersecurity Framework 2.0. */
  NIST_CSF("NIST CSF"),
  /** ISO/IEC 42001:2023 Annex A (AI management system). */
  ISO_42001("ISO/IEC 42001"),
  /** NIST SP 800-53 Rev. 5, Audit and Accountability (AU) family. */
  NIST_800_53("NIST SP 800-53"),
  /** Artificial Intelligence Act, Regulation (EU) 2024/1689. */
  EU_AI_ACT("EU AI Act");

  private final String displayName;

  ComplianceFramework(String displayName) {
    this.displayName = displayName;
  }

  /** A short human-readable name, without version ("PCI DSS", "EU AI Act"). */
  public String displayName() {
    return displayName;
  }
}

package dev.lexecon.api.evidence;

import java.util.Objects;
import java.util.Optional;

/**
 * What kind of record an evidence artifact is. Stored in the {@code evidence} ledger entry by its
 * {@linkplain #jsonName() JSON name}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum ArtifactType {
  /** A record of a decision made outside Lexecon, or an extract of one made inside it. */
  DECISION_RECORD("decision_record"),
  /** A policy, procedure or standard in force (an acceptable-use policy, a DPIA template). */
  POLICY_DOCUMENT("policy_document"),
  /** A log extract from another system (an application log, a SIEM export). */
  AUDIT_LOG("audit_log"),
  /** A record of something a person did (an approval e-mail, a signed acknowledgement). */
  USER_ACTION("user_action"),
  /** A record of something a system did (a deployment, a backup, a clock synchronisation). */
  SYSTEM_EVENT("system_event"),
  /** A compliance document (a DPIA, a conformity assessment, an audit report). */
  COMPLIANCE_DOCUMENT("compliance_document"),
  /** A risk assessment made outside Lexecon's own scorer. */
  RISK_ASSESSMENT("risk_assessment"),
  /** The record of an investigation (an incident report, a root-cause analysis). */
  INVESTIGATION_RECORD("investigation_record");

  private final String jsonName;

  ArtifactType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name stored in ledger entries, such as {@code policy_document}. */
  public String jsonName() {
    return jsonName;
  }

  /** The type with this JSON name, or empty for a name this version does not know. */
  public static Optional<ArtifactType> fromJsonName(String jsonName) {
    Objects.requireNonNull(jsonName, "jsonName");
    for (ArtifactType t : values()) {
      if (t.jsonName.equals(jsonName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Returns {@link #jsonName()}. */
  @Override
  public String toString() {
    return jsonName;
  }
}

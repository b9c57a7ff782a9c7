package dev.lexecon.api.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * The kinds of governance events the ledger records. Each entry's {@code event_type} is one of
 * these {@linkplain #jsonName() JSON names}; the payload of each is described in {@code
 * docs/ledger-format.md}. The set may grow in later versions, so readers of stored entries should
 * treat an unknown name as a valid entry of an unknown kind (see {@link #fromJsonName}).
 *
 * @since 0.1
 */
public enum EventType {
  /** Entry 0: names the ledger id, creation time, format version and checkpoint key. */
  GENESIS("genesis"),
  /** A policy became active; carries the complete canonical policy so decisions can be replayed. */
  POLICY_LOADED("policy_loaded"),
  /** One decision: the request inputs, outcome, reasons, obligations and policy it was made under. */
  DECISION("decision"),
  /** A risk assessment recorded on its own. */
  RISK_ASSESSMENT("risk_assessment"),
  /** An escalation to a human was opened. */
  ESCALATION_OPENED("escalation_opened"),
  /** A human took an open escalation (status pending to acknowledged). */
  ESCALATION_ACKNOWLEDGED("escalation_acknowledged"),
  /** An escalation was resolved by a human. */
  ESCALATION_RESOLVED("escalation_resolved"),
  /** An authorised human overrode a decision. */
  OVERRIDE("override"),
  /** A human intervened (EU AI Act Art. 14: rejection, modification, confirmation). */
  INTERVENTION("intervention"),
  /** An evidence artifact was linked. */
  EVIDENCE("evidence"),
  /** A legal hold was placed or lifted. */
  LEGAL_HOLD("legal_hold"),
  /** A signing key was introduced; for checkpoint keys, later checkpoints may be signed with it. */
  KEY_ROTATED("key_rotated"),
  /** A signed checkpoint (C2SP tlog-checkpoint) of the Merkle tree of all entries before it. */
  CHECKPOINT("checkpoint"),
  /** Personal data of earlier entries was erased under a retention rule or an erasure request. */
  RETENTION_REDACTION("retention_redaction"),
  /** A capability token, or every token of a decision, was revoked. */
  TOKEN_REVOKED("token_revoked"),
  /** The stop switch: decisions in a scope are denied from here on (EU AI Act Art. 14(4)(e)). */
  HALT("halt"),
  /** A halt was lifted by someone entitled to. */
  RESUME("resume"),
  /** One person's signed verdict on a decision that needs several (EU AI Act Art. 14(5)). */
  CONFIRMATION("confirmation"),
  /** A serious incident was opened or reported on (EU AI Act Art. 73). */
  INCIDENT("incident"),
  /** A person contested a decision, or the review of a contest concluded (GDPR Art. 22(3)). */
  CONTEST("contest"),
  /** A human operation was refused for lack of a permission, role or assignment. */
  ACCESS_DENIED("access_denied");

  private final String jsonName;

  EventType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name stored in entries, such as {@code policy_loaded}. */
  public String jsonName() {
    return jsonName;
  }

  /** The event type with this JSON name, or empty for a name this version does not know. */
  public static Optional<EventType> fromJsonName(String jsonName) {
    Objects.requireNonNull(jsonName, "jsonName");
    for (EventType t : values()) {
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

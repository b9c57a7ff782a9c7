package dev.lexecon.api.compliance;

/**
 * The things Lexecon does that leave evidence, and so can serve a control. Which ledger records
 * evidence each one is part of the mapping data ({@code docs/compliance.md}).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum GovernancePrimitive {
  /** A policy decision on an agent action ({@code decision} records). */
  DECISION,
  /** A six-dimension risk score of an action ({@code risk_assessment} records). */
  RISK_ASSESSMENT,
  /** Referral of an action to a human, with priority and SLA ({@code escalation_*} records). */
  ESCALATION,
  /** An authorised change of an outcome, with justification ({@code override} records). */
  OVERRIDE,
  /** EU AI Act Art. 14 human intervention: rejection, modification, confirmation. */
  INTERVENTION,
  /** Content-addressed, signed evidence artifacts linked to controls. */
  EVIDENCE,
  /** Verification of the hash chain, Merkle proofs and checkpoint signatures. */
  LEDGER_VERIFICATION,
  /** Signed checkpoints (tree heads) of the ledger ({@code checkpoint} records). */
  CHECKPOINT,
  /** Activation of a policy version, with its hash ({@code policy_loaded} records). */
  POLICY_CHANGE,
  /** Retention enforcement and legal holds ({@code retention_redaction}, {@code legal_hold}). */
  RETENTION
}

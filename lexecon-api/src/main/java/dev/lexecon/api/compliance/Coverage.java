package dev.lexecon.api.compliance;

/**
 * How much of a control a governance primitive serves when its records are present.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum Coverage {
  /**
   * The primitive's records are what the control asks for, within the scope Lexecon governs (the
   * actions of AI agents): for example, decisions recorded automatically for AI Act Art. 12(1).
   */
  FULL,
  /**
   * The primitive contributes evidence, but the control also needs measures outside Lexecon
   * (processes, infrastructure, documents) that an auditor must see elsewhere.
   */
  PARTIAL
}

package dev.lexecon.api.oversight;

import java.util.Locale;

/**
 * Why an escalation was opened.
 *
 * @since 0.1
 */
public enum EscalationTrigger {
  /** The request's risk crossed a threshold (CRITICAL, or HIGH in PARANOID mode). */
  RISK_THRESHOLD,
  /** Policy rules disagree, or a policy question needs a human answer. */
  POLICY_CONFLICT,
  /** A policy rule demands a human: an unmet {@code human_confirmation} or four-eyes obligation. */
  EXPLICIT_RULE,
  /** Someone asked for a human: an agent, an operator, or a person contesting a decision. */
  ACTOR_REQUEST,
  /** Monitoring found something unusual. */
  ANOMALY_DETECTED;

  /** The lower-case name used in ledger payloads. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

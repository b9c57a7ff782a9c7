package dev.lexecon.api.oversight;

/**
 * Where an escalation stands: {@code PENDING -> ACKNOWLEDGED -> RESOLVED}, or {@code EXPIRED} when
 * its deadline passed before anyone resolved it. Expired escalations can no longer be resolved: an
 * approval given after the SLA would rest on a situation that may have changed, so the agent has
 * to ask again (which opens a new escalation).
 *
 * @since 0.1
 */
public enum EscalationStatus {
  /** Opened; nobody has taken it yet. */
  PENDING,
  /** Someone took it and is working on it. */
  ACKNOWLEDGED,
  /** A human resolved it. */
  RESOLVED,
  /** Its deadline passed unresolved. */
  EXPIRED
}

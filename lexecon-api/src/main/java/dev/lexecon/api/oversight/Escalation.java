package dev.lexecon.api.oversight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request for a human decision, opened automatically by {@code decide()} for ESCALATED outcomes
 * (CRITICAL risk, PARANOID high risk, an obligation only a human can meet, four-eyes confirmation)
 * or by hand, and closed by a human {@linkplain EscalationResolution resolution}.
 *
 * <p>A snapshot: Lexecon projects it from the {@code escalation_opened}, {@code
 * escalation_acknowledged}, {@code confirmation} and {@code escalation_resolved} ledger entries, so
 * the same value comes back after a restart. Its {@linkplain #status(Instant) status} also depends
 * on the time it is looked at. Immutable and thread-safe.
 *
 * @param escalationId {@code esc_<ULID>}
 * @param decisionId the decision waiting for the human, or {@code null} for an escalation opened by
 *     hand about no particular decision
 * @param trigger why it was opened
 * @param priority how urgent; sets the deadline through the priority's SLA
 * @param assignees who may resolve it: principal ids, or {@code role:<name>} for anyone holding that
 *     role; at least one ({@code null} entries stand for ids erased from the ledger)
 * @param contextSummary what the human needs to know, or {@code null} when erased
 * @param openedAt when it was opened
 * @param deadline when its SLA runs out; unresolved after this it is {@link EscalationStatus#EXPIRED}
 * @param requiredConfirmations how many distinct persons must confirm (1 unless four-eyes applies)
 * @param confirmerRole the role confirmers must hold, or {@code null} for anyone with {@link
 *     Permission#APPROVE_REQUESTS}
 * @param acknowledgedBy who acknowledged it, or {@code null}
 * @param acknowledgedAt when, or {@code null}
 * @param confirmations four-eyes verdicts so far, in ledger order
 * @param resolution the resolution, or {@code null} while unresolved
 * @param ledgerEntryId the {@code escalation_opened} entry
 * @since 0.1
 */
public record Escalation(
    String escalationId,
    @Nullable String decisionId,
    EscalationTrigger trigger,
    EscalationPriority priority,
    List<@Nullable String> assignees,
    @Nullable String contextSummary,
    Instant openedAt,
    Instant deadline,
    int requiredConfirmations,
    @Nullable Role confirmerRole,
    @Nullable String acknowledgedBy,
    @Nullable Instant acknowledgedAt,
    List<Confirmation> confirmations,
    @Nullable EscalationResolution resolution,
    String ledgerEntryId) {

  /** Checks the parts. */
  public Escalation {
    Objects.requireNonNull(escalationId, "escalationId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(priority, "priority");
    assignees = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(assignees));
    if (assignees.isEmpty()) {
      throw new IllegalArgumentException("escalation " + escalationId + " has no assignee");
    }
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(deadline, "deadline");
    if (requiredConfirmations < 1) {
      throw new IllegalArgumentException("requiredConfirmations must be >= 1");
    }
    confirmations = List.copyOf(confirmations);
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }

  /** The status at {@code now}: resolved, expired (unresolved at or after the deadline), acknowledged or pending. */
  public EscalationStatus status(Instant now) {
    if (resolution != null) {
      return EscalationStatus.RESOLVED;
    }
    if (!now.isBefore(deadline)) {
      return EscalationStatus.EXPIRED;
    }
    return acknowledgedAt != null ? EscalationStatus.ACKNOWLEDGED : EscalationStatus.PENDING;
  }

  /** Whether a human can still act on it at {@code now}: pending or acknowledged. */
  public boolean isOpen(Instant now) {
    EscalationStatus s = status(now);
    return s == EscalationStatus.PENDING || s == EscalationStatus.ACKNOWLEDGED;
  }

  /** Whether {@code principal} is among the assignees, by id or by a {@code role:<name>} entry. */
  public boolean isAssignee(Principal principal) {
    for (String a : assignees) {
      if (a == null) {
        continue;
      }
      if (a.equals(principal.id())) {
        return true;
      }
      if (a.startsWith("role:") && principal.roles().contains(new Role(a.substring(5)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether this escalation waits for confirmation by several distinct persons. */
  public boolean fourEyes() {
    return requiredConfirmations > 1;
  }
}

package dev.lexecon.api.oversight;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How and by whom an escalation was resolved. Immutable and thread-safe.
 *
 * @param resolution the verdict
 * @param resolvedBy the id of the principal who resolved it (for a four-eyes escalation, the one
 *     whose confirmation or rejection settled it); {@code null} when erased from the ledger
 * @param notes the resolver's notes, or {@code null}
 * @param resolvedAt when it was resolved
 * @param responseTime from opening to resolution
 * @param withinSla whether it was resolved before its deadline
 * @param ledgerEntryId the {@code escalation_resolved} entry
 * @since 0.1
 */
public record EscalationResolution(
    Resolution resolution,
    @Nullable String resolvedBy,
    @Nullable String notes,
    java.time.Instant resolvedAt,
    Duration responseTime,
    boolean withinSla,
    String ledgerEntryId) {
  /** Checks the parts. */
  public EscalationResolution {
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    Objects.requireNonNull(responseTime, "responseTime");
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }
}

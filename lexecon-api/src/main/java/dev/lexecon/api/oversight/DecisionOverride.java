package dev.lexecon.api.oversight;

import dev.lexecon.api.Outcome;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An override: an authorised person turned a DENIED or ESCALATED decision into APPROVED or CONDITIONAL. While
 * it is {@linkplain #activeAt(Instant) active}, a capability token can be obtained for the
 * decision; once expired it stops applying. Projected from an {@code override} ledger entry.
 * Immutable and thread-safe.
 *
 * @param overrideId {@code ovr_<ULID>}
 * @param decisionId the decision overridden
 * @param type the kind of override
 * @param authorizedBy who authorised it; {@code null} when erased from the ledger
 * @param justification why, at least 20 characters after trimming
 * @param originalOutcome DENIED or ESCALATED
 * @param newOutcome APPROVED or CONDITIONAL
 * @param createdAt when it was recorded
 * @param expiresAt when it stops applying, or {@code null} for never (at most 90 days after
 *     {@code createdAt})
 * @param ledgerEntryId the {@code override} entry
 * @since 0.1
 */
public record DecisionOverride(
    String overrideId,
    String decisionId,
    OverrideType type,
    @Nullable String authorizedBy,
    String justification,
    Outcome originalOutcome,
    Outcome newOutcome,
    Instant createdAt,
    @Nullable Instant expiresAt,
    String ledgerEntryId) {
  /** Checks the parts. */
  public DecisionOverride {
    Objects.requireNonNull(overrideId, "overrideId");
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(originalOutcome, "originalOutcome");
    Objects.requireNonNull(newOutcome, "newOutcome");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }

  /** Whether the override applies at {@code now}: recorded at or before it and not yet expired. */
  public boolean activeAt(Instant now) {
    return !now.isBefore(createdAt) && (expiresAt == null || now.isBefore(expiresAt));
  }
}

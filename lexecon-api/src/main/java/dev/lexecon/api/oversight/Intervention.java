package dev.lexecon.api.oversight;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A human intervention in a decision (EU AI Act Art. 14(4)(d)), projected from an {@code
 * intervention} ledger entry. Immutable and thread-safe.
 *
 * @param interventionId {@code int_<ULID>}
 * @param decisionId the decision intervened in
 * @param type rejection, modification or confirmation
 * @param role the capacity the person acted in
 * @param by who intervened; {@code null} when erased from the ledger
 * @param reason why
 * @param notes further notes, or {@code null} (erasable)
 * @param at when
 * @param responseTime from the decision to the intervention
 * @param ledgerEntryId the {@code intervention} entry
 * @since 0.1
 */
public record Intervention(
    String interventionId,
    String decisionId,
    InterventionType type,
    InterventionRole role,
    @Nullable String by,
    String reason,
    @Nullable String notes,
    Instant at,
    Duration responseTime,
    String ledgerEntryId) {
  /** Checks the parts. */
  public Intervention {
    Objects.requireNonNull(interventionId, "interventionId");
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(responseTime, "responseTime");
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }
}

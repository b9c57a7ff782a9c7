package dev.lexecon.api.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an erasure did: which entries lost their personal data, which were kept and why, and the
 * {@code retention_redaction} entry that records it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param redactionId the id of the erasure ({@code red_<id>}), named by its ledger entry
 * @param entryId the {@code retention_redaction} entry that records the erasure, or {@code null}
 *     when nothing was recorded (a retention sweep that found nothing to do)
 * @param performedAt when it ran
 * @param erasedEntryIds the entries whose side records were deleted, in seq order
 * @param deferred the matching entries kept, in seq order
 * @since 0.1
 */
public record ErasureResult(
    String redactionId,
    @Nullable String entryId,
    Instant performedAt,
    List<String> erasedEntryIds,
    List<DeferredErasure> deferred) {
  public ErasureResult {
    Checks.requireText(redactionId, "redactionId");
    Objects.requireNonNull(performedAt, "performedAt");
    erasedEntryIds = List.copyOf(erasedEntryIds);
    deferred = List.copyOf(deferred);
  }

  /** Whether every matching entry was erased. */
  public boolean complete() {
    return deferred.isEmpty();
  }
}

package dev.lexecon.api.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An entry whose personal data an erasure did not delete, and why: its retention has not ended, or
 * a legal hold covers it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param entryId the entry ({@code entry_<seq>})
 * @param eventType its event type
 * @param retainUntil the first instant its retention allows deletion
 * @param holdIds the legal holds in force that cover it; empty when only retention blocks
 * @since 0.1
 */
public record DeferredErasure(
    String entryId, String eventType, Instant retainUntil, List<String> holdIds) {
  public DeferredErasure {
    Checks.requireText(entryId, "entryId");
    Checks.requireText(eventType, "eventType");
    Objects.requireNonNull(retainUntil, "retainUntil");
    holdIds = List.copyOf(holdIds);
  }

  /** Whether a legal hold, rather than retention alone, blocks the erasure. */
  public boolean held() {
    return !holdIds.isEmpty();
  }

  /** When the erasure may happen, or {@code null} while a hold covers the entry. */
  public @Nullable Instant erasableFrom() {
    return held() ? null : retainUntil;
  }
}

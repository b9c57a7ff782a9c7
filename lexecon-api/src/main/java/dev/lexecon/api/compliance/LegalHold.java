package dev.lexecon.api.compliance;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A legal hold: the records of the named decisions must not be deleted, whatever their retention
 * says, from {@code placedAt} until the hold is released.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the hold's identifier
 * @param reason why the records are held (litigation, investigation, regulator request)
 * @param heldBy who placed the hold
 * @param decisionIds the decisions whose records are held; not empty
 * @param placedAt when the hold took effect
 * @param releasedAt when it was released, or {@code null} while it is in force
 * @since 0.1
 */
public record LegalHold(
    String id,
    String reason,
    String heldBy,
    Set<String> decisionIds,
    Instant placedAt,
    @Nullable Instant releasedAt) {
  public LegalHold {
    Checks.requireText(id, "id");
    Checks.requireText(reason, "reason");
    Checks.requireText(heldBy, "heldBy");
    decisionIds = Set.copyOf(decisionIds);
    if (decisionIds.isEmpty()) {
      throw new IllegalArgumentException("legal hold " + id + " holds no decision");
    }
    Objects.requireNonNull(placedAt, "placedAt");
    if (releasedAt != null && releasedAt.isBefore(placedAt)) {
      throw new IllegalArgumentException("legal hold " + id + " cannot be released ("
          + releasedAt + ") before it was placed (" + placedAt + ")");
    }
  }

  /** Whether the hold is in force at {@code instant}: placed at or before it, not yet released. */
  public boolean inForceAt(Instant instant) {
    return !instant.isBefore(placedAt) && (releasedAt == null || instant.isBefore(releasedAt));
  }

  /** Whether the hold names any of {@code decisionIdsOfRecord}. */
  public boolean covers(Set<String> decisionIdsOfRecord) {
    for (String id : decisionIdsOfRecord) {
      if (decisionIds.contains(id)) {
        return true;
      }
    }
    return false;
  }
}

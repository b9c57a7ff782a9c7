package dev.lexecon.api.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a record may be deleted now, and from when.
 *
 * <p>Immutable and thread-safe.
 *
 * @param evaluatedAt the instant the decision is for
 * @param retainUntil the first instant the longest applicable retention allows deletion
 * @param governing the applicable class that lasts longest (of classes ending on the same day,
 *     the first by name)
 * @param applicable every class that applies to the record, ordered by name
 * @param immediatelyAvailableUntil the first instant the record may leave immediate availability
 *     (be archived offline); equal to the retention start when no class asks for it
 * @param holds the legal holds in force that cover the record; deletion waits for their release
 * @since 0.1
 */
public record RetentionDecision(
    Instant evaluatedAt,
    Instant retainUntil,
    RetentionClass governing,
    List<RetentionClass> applicable,
    Instant immediatelyAvailableUntil,
    List<LegalHold> holds) {
  public RetentionDecision {
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    Objects.requireNonNull(retainUntil, "retainUntil");
    Objects.requireNonNull(governing, "governing");
    applicable = List.copyOf(applicable);
    if (!applicable.contains(governing)) {
      throw new IllegalArgumentException("governing class " + governing.name()
          + " is not among the applicable classes");
    }
    Objects.requireNonNull(immediatelyAvailableUntil, "immediatelyAvailableUntil");
    holds = List.copyOf(holds);
  }

  /** Whether the record may be deleted at {@link #evaluatedAt()}: retention over and no hold. */
  public boolean deletable() {
    return holds.isEmpty() && !evaluatedAt.isBefore(retainUntil);
  }

  /**
   * When the record may be deleted: {@link #retainUntil()} (possibly already past), or empty while
   * a legal hold covers it, since a hold lasts until someone releases it.
   */
  public Optional<Instant> deletableFrom() {
    return holds.isEmpty() ? Optional.of(retainUntil) : Optional.empty();
  }
}

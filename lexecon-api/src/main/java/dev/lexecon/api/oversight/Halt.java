package dev.lexecon.api.oversight;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stop: while it is {@linkplain #active() active}, every decision in its {@linkplain #scope()
 * scope} is DENIED with a reason naming it, and the capability tokens in scope issued before it are
 * revoked (EU AI Act Art. 14(4)(e); MiFID II RTS 6 Art. 12 kill functionality). Projected from
 * {@code halt} and {@code resume} ledger entries, so a halt survives a restart. Immutable and
 * thread-safe.
 *
 * @param haltId {@code hlt_<ULID>}
 * @param scope what it stops
 * @param haltedBy who pressed stop; {@code null} when erased from the ledger
 * @param reason why
 * @param haltedAt when it took effect
 * @param ledgerEntryId the {@code halt} entry
 * @param resumption how it was lifted, or {@code null} while it is in force
 * @since 0.1
 */
public record Halt(
    String haltId,
    HaltScope scope,
    @Nullable String haltedBy,
    String reason,
    Instant haltedAt,
    String ledgerEntryId,
    @Nullable Resumption resumption) {
  /** Checks the parts. */
  public Halt {
    Objects.requireNonNull(haltId, "haltId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(haltedAt, "haltedAt");
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }

  /** Whether the halt is in force (not resumed). */
  public boolean active() {
    return resumption == null;
  }

  /** This halt, lifted by {@code resumption}. */
  public Halt resumed(Resumption resumption) {
    return new Halt(haltId, scope, haltedBy, reason, haltedAt, ledgerEntryId,
        Objects.requireNonNull(resumption, "resumption"));
  }

  /**
   * How a halt was lifted.
   *
   * @param resumedBy who resumed; {@code null} when erased from the ledger
   * @param reason why
   * @param resumedAt when
   * @param ledgerEntryId the {@code resume} entry
   * @since 0.1
   */
  public record Resumption(
      @Nullable String resumedBy, String reason, Instant resumedAt, String ledgerEntryId) {
    /** Checks the parts. */
    public Resumption {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(resumedAt, "resumedAt");
      Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
    }
  }
}

package dev.lexecon.api.oversight;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A person contests a decision and asks for human review (GDPR Art. 22(3)). Opening one opens an
 * escalation; resolving that escalation records the {@linkplain #outcome() outcome}, linked back
 * to the contest. Projected from {@code contest} ledger entries. Immutable and thread-safe.
 *
 * @param contestId {@code cst_<ULID>}
 * @param decisionId the decision contested
 * @param escalationId the escalation that brings it to a human
 * @param contestant who contests; {@code null} when erased from the ledger
 * @param grounds why, in the person's words; {@code null} when erased
 * @param openedAt when
 * @param ledgerEntryId the {@code contest} entry that opened it
 * @param outcome the outcome, or {@code null} while under review (and for good when the review's
 *     escalation expired unresolved: the decision can then be contested again)
 * @since 0.1
 */
public record Contest(
    String contestId,
    String decisionId,
    String escalationId,
    @Nullable String contestant,
    @Nullable String grounds,
    Instant openedAt,
    String ledgerEntryId,
    @Nullable Outcome outcome) {
  /** Checks the parts. */
  public Contest {
    Objects.requireNonNull(contestId, "contestId");
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(escalationId, "escalationId");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }

  /**
   * What the review found.
   *
   * @param verdict upheld, rejected or referred
   * @param resolution the escalation's resolution it follows from
   * @param reviewedBy who reviewed; {@code null} when erased
   * @param notes the reviewer's notes, or {@code null}
   * @param at when
   * @param ledgerEntryId the {@code contest} entry that records it
   * @since 0.1
   */
  public record Outcome(
      Verdict verdict,
      Resolution resolution,
      @Nullable String reviewedBy,
      @Nullable String notes,
      Instant at,
      String ledgerEntryId) {
    /** Checks the parts. */
    public Outcome {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(resolution, "resolution");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
    }
  }

  /**
   * The verdict on a contest.
   *
   * @since 0.1
   */
  public enum Verdict {
    /** The reviewer reversed the decision (approved what was refused, or denied what was approved). */
    UPHELD,
    /** The reviewer let the decision stand. */
    REJECTED,
    /** The reviewer deferred or passed it on; the decision stands for now. */
    REFERRED;

    /** The lower-case name used in ledger payloads. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

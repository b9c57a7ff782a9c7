package dev.lexecon.api.oversight;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One link of a decision's responsibility chain: who took responsibility, in what role, why and
 * when, with the ledger entry that shows it. Immutable and thread-safe.
 *
 * @param level what kind of responsibility
 * @param decisionMaker the principal id, or {@code lexecon:<policy id>} for the engine; {@code
 *     null} when erased from the ledger
 * @param role the role or capacity they acted in
 * @param reasoning why, in their or the policy's words
 * @param at when
 * @param ledgerEntryId the entry that records it
 * @since 0.1
 */
public record Responsibility(
    ResponsibilityLevel level,
    @Nullable String decisionMaker,
    String role,
    String reasoning,
    Instant at,
    String ledgerEntryId) {
  /** Checks the parts. */
  public Responsibility {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(reasoning, "reasoning");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }
}

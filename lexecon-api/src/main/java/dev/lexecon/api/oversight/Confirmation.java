package dev.lexecon.api.oversight;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One person's verdict on a decision that needs confirmation by several distinct persons (EU AI
 * Act Art. 14(5), "four eyes"). Recorded as a signed {@code confirmation} ledger entry. Immutable
 * and thread-safe.
 *
 * @param confirmationId {@code cnf_<ULID>}
 * @param escalationId the escalation the decision waits in
 * @param decisionId the decision confirmed or rejected
 * @param principalId who gave the verdict; {@code null} when erased from the ledger
 * @param roles the roles the person held when confirming
 * @param verdict confirmed or rejected
 * @param note the person's note, or {@code null}
 * @param at when
 * @param ledgerEntryId the {@code confirmation} entry
 * @since 0.1
 */
public record Confirmation(
    String confirmationId,
    String escalationId,
    String decisionId,
    @Nullable String principalId,
    Set<Role> roles,
    Verdict verdict,
    @Nullable String note,
    Instant at,
    String ledgerEntryId) {
  /** Checks the parts. */
  public Confirmation {
    Objects.requireNonNull(confirmationId, "confirmationId");
    Objects.requireNonNull(escalationId, "escalationId");
    Objects.requireNonNull(decisionId, "decisionId");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }

  /**
   * A confirmer's verdict.
   *
   * @since 0.1
   */
  public enum Verdict {
    /** The person confirms the decision may go ahead. */
    CONFIRMED,
    /** The person rejects it; one rejection denies the decision. */
    REJECTED;

    /** The lower-case name used in ledger payloads. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

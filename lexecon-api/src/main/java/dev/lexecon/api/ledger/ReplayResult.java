package dev.lexecon.api.ledger;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.Reason;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of re-evaluating a recorded decision under the policy recorded in the ledger, from
 * the ledger alone: does the recorded outcome, with the same reasons, obligations and advisories,
 * come out again? Immutable and thread-safe.
 *
 * @param decisionId the decision replayed
 * @param entryId the ledger entry that recorded it
 * @param status what the replay found
 * @param recordedOutcome the outcome the ledger records
 * @param recordedReasons the reasons the ledger records
 * @param replayedOutcome the outcome of the re-evaluation, or {@code null} when it could not run
 * @param replayedReasons the reasons of the re-evaluation; empty when it could not run
 * @param policyHash the hash of the policy the decision names
 * @param message a sentence that explains the status, naming what differs or what is missing
 * @since 0.1
 */
public record ReplayResult(
    String decisionId,
    String entryId,
    Status status,
    Outcome recordedOutcome,
    List<Reason> recordedReasons,
    @Nullable Outcome replayedOutcome,
    List<Reason> replayedReasons,
    String policyHash,
    String message) {

  public ReplayResult {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(recordedOutcome, "recordedOutcome");
    recordedReasons = List.copyOf(recordedReasons);
    replayedReasons = List.copyOf(replayedReasons);
    Objects.requireNonNull(policyHash, "policyHash");
    Objects.requireNonNull(message, "message");
  }

  /** True when the re-evaluation reproduced the recorded decision exactly. */
  public boolean reproduced() {
    return status == Status.REPRODUCED;
  }

  /**
   * What a replay found.
   *
   * @since 0.1
   */
  public enum Status {
    /** Outcome, reasons, obligations and advisories all came out as recorded. */
    REPRODUCED,
    /** The re-evaluation ran and gave something other than what was recorded. */
    DIVERGED,
    /** Inputs the evaluation needs were personal data and have been erased from the ledger. */
    INPUTS_ERASED,
    /** No {@code policy_loaded} entry carries the policy the decision names, or it does not hash to it. */
    POLICY_UNAVAILABLE
  }
}

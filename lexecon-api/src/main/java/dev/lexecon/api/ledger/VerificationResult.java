package dev.lexecon.api.ledger;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a verification of a ledger (or part of it) found. Immutable and thread-safe.
 *
 * @param fromSeq the first sequence number this verification checked (0 for a full verification,
 *     the last verified checkpoint for an incremental one)
 * @param entriesVerified how many entries were checked and found good, from {@code fromSeq} on
 * @param checkpointsVerified how many checkpoints were checked and found good
 * @param treeSize the number of entries the verified chain holds (on failure: up to the bad one)
 * @param rootHash the Merkle root of the first {@code treeSize} entries, recomputed from them
 * @param headHash the hash of the last good entry, or {@code null} when there is none
 * @param failure the first problem found, or {@code null} when the ledger verified
 * @since 0.1
 */
public record VerificationResult(
    long fromSeq,
    long entriesVerified,
    long checkpointsVerified,
    long treeSize,
    Hash rootHash,
    @Nullable String headHash,
    @Nullable VerificationFailure failure) {

  /** True when nothing was wrong. */
  public boolean valid() {
    return failure == null;
  }

  /** The first problem found, if any. */
  public Optional<VerificationFailure> firstFailure() {
    return Optional.ofNullable(failure);
  }

  /** One line for logs: "verified 1000 entries, 3 checkpoints, root ..." or the failure. */
  @Override
  public String toString() {
    return failure == null
        ? "verified " + entriesVerified + " entries from seq " + fromSeq + " and "
            + checkpointsVerified + " checkpoints; tree size " + treeSize + ", root " + rootHash
        : "verification FAILED at seq " + failure.seq() + " (" + failure.kind() + "): "
            + failure.message();
  }
}

package dev.lexecon.api.ledger;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The first place where a ledger failed verification, and what is wrong there. Messages name
 * sequence numbers, hashes and JSON Pointers but never personal data.
 *
 * @param seq the sequence number of the first bad entry (for {@link Kind#TRUNCATED}, the first
 *     missing one)
 * @param kind what is wrong
 * @param expected what verification expected there (usually a hash or a sequence number), or
 *     {@code null} when there is no single expected value
 * @param actual what it found, or {@code null} when there is nothing to show
 * @param message a sentence for humans that says all of the above
 * @since 0.1
 */
public record VerificationFailure(
    long seq, Kind kind, @Nullable String expected, @Nullable String actual, String message) {

  public VerificationFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /**
   * What verification found wrong.
   *
   * @since 0.1
   */
  public enum Kind {
    /** An entry's bytes do not hash to its recorded {@code entry_hash}. */
    HASH_MISMATCH,
    /** An entry's {@code previous_hash} is not the hash of the entry before it. */
    BROKEN_LINK,
    /** A sequence number is missing, repeated or out of place (dropped, duplicated, reordered). */
    GAP,
    /** Entries end before a size the verifier knows the ledger had (a checkpoint, a head). */
    TRUNCATED,
    /**
     * An entry is not a well-formed ledger entry: not canonical JSON, missing members, stored
     * columns that disagree with the hashed bytes, a genesis entry in the wrong place.
     */
    MALFORMED_ENTRY,
    /** A checkpoint's signature does not verify with any key the verifier may accept. */
    BAD_CHECKPOINT_SIGNATURE,
    /** A checkpoint names a tree size or root hash other than the one recomputed from the entries. */
    CHECKPOINT_MISMATCH,
    /** The Merkle root recomputed from the entries differs from the one the verifier expected. */
    ROOT_MISMATCH,
    /** A side record does not match the salted commitments in its entry. */
    SIDE_RECORD_MISMATCH,
    /**
     * An audit export disagrees with its manifest (counts, digest, scope, first or last entry), or
     * the manifest with its own signature.
     */
    MANIFEST_MISMATCH,
    /**
     * An audit report's contents differ from the rendering of the verified entries its manifest
     * describes: a row, a count or the chart was changed.
     */
    REPORT_MISMATCH
  }
}

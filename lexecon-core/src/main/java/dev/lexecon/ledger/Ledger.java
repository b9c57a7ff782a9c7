package dev.lexecon.ledger;

import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerReport;
import dev.lexecon.api.ledger.VerificationResult;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The tamper-evident ledger of governance events, as an application reads and audits it: queries,
 * verification, Merkle proofs, signed checkpoints and export. Obtain it from {@code
 * Lexecon.ledger()}; events are appended by Lexecon itself ({@code decide()}, policy loads, and
 * later humans-in-the-loop features), never through this interface.
 *
 * <p>Every entry is hash-chained to the one before it and is a leaf of an RFC 9162 Merkle tree
 * whose signed checkpoints ({@code checkpoint} entries, C2SP tlog-checkpoint notes) an auditor can
 * check with {@link #checkpointKey()} alone. The format is specified in {@code
 * docs/ledger-format.md}.
 *
 * <p><b>Sizes.</b> {@link #size()}, {@link #rootHash()} and the proofs describe the entries this
 * process has committed or read back from storage. When several processes share one storage,
 * entries the others appended are taken in at this process's next append; the entry queries
 * ({@link #entry}, {@link #entries}) read the storage directly and may already return them.
 *
 * <p>Thread-safe: every method may be called from any thread, concurrently with appends.
 *
 * @since 0.1
 */
public interface Ledger {

  /** The ledger's id ({@code ledger_<ULID>}), named by its genesis entry. */
  String ledgerId();

  /** The checkpoint origin line, {@code lexecon.dev/ledger/<ledger id>}. */
  String origin();

  /**
   * The public key that verifies the checkpoints this process signs, in the C2SP verifier key
   * format ({@link NoteVerifier#encoded()}); publish it so auditors can check exports offline.
   */
  NoteVerifier checkpointKey();

  /** The number of committed entries, which is also the next seq. */
  long size();

  /** The last committed entry. */
  Optional<LedgerEntry> head();

  /** The entry at {@code seq}, if there is one. */
  Optional<LedgerEntry> entry(long seq);

  /**
   * The entry with id {@code entry_<seq>}, if there is one.
   *
   * @throws IllegalArgumentException if {@code entryId} is not of the form {@code entry_<seq>}
   */
  Optional<LedgerEntry> entry(String entryId);

  /**
   * Up to {@code maxCount} entries from {@code fromSeq} on, in order.
   *
   * @throws IllegalArgumentException if an argument is negative
   */
  List<LedgerEntry> entries(long fromSeq, int maxCount);

  /**
   * Entries of one event type in seq order, skipping the first {@code offset} and returning at most
   * {@code limit}.
   *
   * @throws IllegalArgumentException if an argument is negative
   */
  List<LedgerEntry> entries(EventType type, long offset, int limit);

  /** Counts per event type and the time span of the committed entries. */
  LedgerReport report();

  /** The Merkle root of the committed entries. */
  Hash rootHash();

  /**
   * The Merkle root the ledger had at {@code treeSize} entries.
   *
   * @throws IllegalArgumentException unless {@code 0 <= treeSize <= size()}
   */
  Hash rootHash(long treeSize);

  /**
   * Proof that entry {@code seq} is in the tree of all committed entries. Check it with {@link
   * LedgerVerifier#verifyInclusion} against {@link #rootHash()} or a signed checkpoint's root.
   *
   * @throws IllegalArgumentException unless {@code 0 <= seq < size()}
   */
  InclusionProof inclusionProof(long seq);

  /**
   * Proof that entry {@code seq} is in the tree of the first {@code treeSize} entries.
   *
   * @throws IllegalArgumentException unless {@code 0 <= seq < treeSize <= size()}
   */
  InclusionProof inclusionProof(long seq, long treeSize);

  /**
   * Proof that the ledger of {@code oldSize} entries is a prefix of the ledger of {@code newSize}
   * entries.
   *
   * @throws IllegalArgumentException unless {@code 0 <= oldSize <= newSize <= size()}
   */
  ConsistencyProof consistencyProof(long oldSize, long newSize);

  /**
   * Appends a signed checkpoint of every entry committed so far and returns it, or returns the
   * latest checkpoint when nothing was appended since. Blocks until the checkpoint is committed.
   */
  SignedNote checkpoint();

  /** The most recent checkpoint entry's signed note, if any checkpoint was appended. */
  Optional<SignedNote> latestCheckpoint();

  /**
   * Verifies the whole ledger in one streaming pass over storage: every entry hash, every link,
   * sequence numbers, side records against their commitments, every checkpoint's signature and
   * root, and the Merkle root and leaves against what this process committed. Uses the common
   * fork-join pool for hashing. Returns the first problem found, if any.
   */
  VerificationResult verify();

  /**
   * Verifies from the last checkpoint that an earlier {@link #verify()} or {@code
   * verifyIncremental()} found good, to the end; the same checks as {@link #verify()} on that part.
   * Runs a full verification when there is no such checkpoint yet.
   */
  VerificationResult verifyIncremental();

  /** Blocks until every entry appended before this call is committed to storage. */
  void flush();

  /**
   * Writes the committed entries as an export file that {@link LedgerVerifier} checks without a
   * {@code Lexecon}: one JSON header line with a checkpoint signed now for exactly these entries
   * and the key that signed it, then one JSON line per entry. The stream is not closed.
   *
   * @param includePersonalData whether to include side records (the personal data behind
   *     commitments); verification works either way
   * @throws java.io.UncheckedIOException if writing fails
   */
  void export(OutputStream out, boolean includePersonalData);
}

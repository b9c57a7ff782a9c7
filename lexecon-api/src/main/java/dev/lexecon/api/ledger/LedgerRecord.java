package dev.lexecon.api.ledger;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One ledger entry as a {@link LedgerStorage} keeps it: the exact canonical bytes that were hashed,
 * plus the columns a storage indexes, plus an optional side record holding the personal data whose
 * salted commitments the entry carries (deletable for GDPR erasure without touching the chain).
 *
 * <p>Storages must return {@link #entry()} byte for byte as appended: verification hashes what was
 * written. The arrays are not copied, for speed on million-entry scans; callers must not modify
 * them. Immutable by contract and safe to share between threads.
 *
 * @since 0.1
 */
public final class LedgerRecord {
  private final long seq;
  private final String eventType;
  private final String timestamp;
  private final String previousHash;
  private final String entryHash;
  private final byte[] entry;
  private final byte @Nullable [] sideRecord;

  /**
   * Creates a record.
   *
   * @param seq 0-based position in the chain
   * @param eventType the entry's {@code event_type}, for filtering
   * @param timestamp the entry's RFC 3339 UTC timestamp with microseconds
   * @param previousHash lowercase hex SHA-256 of the previous entry (64 zeros for genesis)
   * @param entryHash lowercase hex SHA-256 of {@code entry}
   * @param entry the RFC 8785 canonical UTF-8 bytes of the entry without {@code entry_hash}
   * @param sideRecord canonical JSON bytes of the redactable values and their salts, or {@code
   *     null} when the entry has none (or they were erased)
   */
  public LedgerRecord(
      long seq,
      String eventType,
      String timestamp,
      String previousHash,
      String entryHash,
      byte[] entry,
      byte @Nullable [] sideRecord) {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0, was " + seq);
    }
    this.seq = seq;
    this.eventType = Objects.requireNonNull(eventType, "eventType");
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.previousHash = Objects.requireNonNull(previousHash, "previousHash");
    this.entryHash = Objects.requireNonNull(entryHash, "entryHash");
    this.entry = Objects.requireNonNull(entry, "entry");
    this.sideRecord = sideRecord;
  }

  /** 0-based position in the chain. */
  public long seq() {
    return seq;
  }

  /** {@code entry_<seq>}. */
  public String entryId() {
    return "entry_" + seq;
  }

  /** The entry's event type, such as {@code decision}. */
  public String eventType() {
    return eventType;
  }

  /** RFC 3339 UTC timestamp with microseconds. */
  public String timestamp() {
    return timestamp;
  }

  /** Hex hash of the previous entry. */
  public String previousHash() {
    return previousHash;
  }

  /** Hex SHA-256 of {@link #entry()}. */
  public String entryHash() {
    return entryHash;
  }

  /** Canonical bytes of the entry without {@code entry_hash}; do not modify. */
  public byte[] entry() {
    return entry;
  }

  /** Canonical bytes of the side record, or {@code null}; do not modify. */
  public byte @Nullable [] sideRecord() {
    return sideRecord;
  }

  /** This record without its side record, as after erasure. */
  public LedgerRecord withoutSideRecord() {
    return new LedgerRecord(seq, eventType, timestamp, previousHash, entryHash, entry, null);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LedgerRecord r
        && seq == r.seq
        && eventType.equals(r.eventType)
        && timestamp.equals(r.timestamp)
        && previousHash.equals(r.previousHash)
        && entryHash.equals(r.entryHash)
        && Arrays.equals(entry, r.entry)
        && Arrays.equals(sideRecord, r.sideRecord);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq) * 31 + entryHash.hashCode();
  }

  @Override
  public String toString() {
    return "LedgerRecord[seq=" + seq + ", type=" + eventType + ", hash=" + entryHash + "]";
  }
}

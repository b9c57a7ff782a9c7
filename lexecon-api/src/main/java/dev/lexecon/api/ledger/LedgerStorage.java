package dev.lexecon.api.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where ledger entries live: the storage SPI. Lexecon ships an in-memory implementation in
 * lexecon-core, SQLite in lexecon-ledger-sqlite and PostgreSQL/MariaDB in lexecon-ledger-jdbc;
 * every implementation passes the contract kit in lexecon-test.
 *
 * <p>Correctness rests on one rule: {@link #append} is atomic and conditional on the expected next
 * sequence number, and no two records ever share a {@code seq}. Several writers (threads or
 * processes sharing one database) therefore cannot fork the chain: the loser of a race gets a
 * {@link LedgerConflictException}, re-reads the head and rebuilds its batch on top.
 *
 * <p>Implementations must be thread-safe. Appends are serialised by the ledger (one writer at a
 * time), but reads come from any thread at any time, including during appends, and must only ever
 * see whole batches. {@link #append} may run on any application thread that appends to the ledger
 * (see {@link Durability}), with whatever that thread carries: it must not depend on thread-bound
 * context such as a caller's transaction, and it should not treat an interrupt of the calling
 * thread as final (the ledger keeps a caller's interrupt from the storage while it writes for
 * others, and retries a batch that failed because of one).
 *
 * @since 0.1
 */
public interface LedgerStorage extends AutoCloseable {

  /**
   * Appends {@code records} atomically, all or none. Their seqs must be {@code expectedNextSeq},
   * {@code expectedNextSeq + 1}, ... in order.
   *
   * @throws LedgerConflictException when the storage's next seq is not {@code expectedNextSeq}
   *     (another writer appended first); nothing was written
   * @throws LedgerStorageException when the storage failed; nothing was written
   * @throws IllegalArgumentException when the records are empty or their seqs are not consecutive
   *     from {@code expectedNextSeq}
   */
  void append(long expectedNextSeq, List<LedgerRecord> records);

  /** The last record, or empty for an empty ledger. */
  Optional<LedgerRecord> head();

  /** Number of records, which is also the next seq. */
  long size();

  /** The record at {@code seq}, or empty if there is none. */
  Optional<LedgerRecord> read(long seq);

  /** Up to {@code maxCount} records from {@code fromSeq} on, ascending. */
  List<LedgerRecord> read(long fromSeq, int maxCount);

  /**
   * Streams the records with {@code fromSeq <= seq < toSeqExclusive} to {@code consumer}, ascending,
   * in bounded memory (for verification and export of millions of entries).
   */
  void scan(long fromSeq, long toSeqExclusive, Consumer<LedgerRecord> consumer);

  /**
   * Streams the entry hashes of the records with {@code fromSeq <= seq < toSeqExclusive}, ascending,
   * each with its seq, event type and timestamp but without the entry bytes or side record.
   *
   * <p>Opening a ledger reads this for every stored entry to rebuild the Merkle tree from the
   * recorded hashes, and reads whole records only for the few entries it interprets (genesis, key
   * rotations, the last checkpoint). The default implementation reads whole records through {@link
   * #scan}; a storage that can leave the entry bytes unread, as the SQLite and JDBC storages do,
   * makes opening a large ledger several times faster. Bounded memory, like {@link #scan}.
   *
   * @since 0.1
   */
  default void scanHashes(long fromSeq, long toSeqExclusive, HashConsumer consumer) {
    scan(fromSeq, toSeqExclusive,
        r -> consumer.accept(r.seq(), r.eventType(), r.timestamp(), r.entryHash()));
  }

  /**
   * Receives one record's columns from {@link #scanHashes}.
   *
   * @since 0.1
   */
  @FunctionalInterface
  interface HashConsumer {
    /**
     * Takes one record's columns.
     *
     * @param seq the record's seq
     * @param eventType its event type
     * @param timestamp its RFC 3339 UTC timestamp with microseconds
     * @param entryHash the lowercase hex SHA-256 recorded for its entry
     */
    void accept(long seq, String eventType, String timestamp, String entryHash);
  }

  /** Records of one event type, ascending by seq, skipping {@code offset} and returning at most {@code limit}. */
  List<LedgerRecord> findByType(String eventType, long offset, int limit);

  /**
   * How many records of {@code eventType} have a timestamp {@code t} with {@code fromTimestamp <= t
   * < toTimestamp}. Both bounds are in the stored form, RFC 3339 UTC with exactly six fractional
   * digits ({@code 2026-11-27T10:00:00.000000Z}), which has one width and so compares as text.
   *
   * <p>The default streams every record through {@link #scan}; storages with an index on the event
   * type override it with a query (compliance reports count each event type once per period).
   *
   * @throws IllegalArgumentException if a bound is not 27 characters long
   * @since 0.1
   */
  default long count(String eventType, String fromTimestamp, String toTimestamp) {
    java.util.Objects.requireNonNull(eventType, "eventType");
    if (fromTimestamp.length() != 27 || toTimestamp.length() != 27) {
      throw new IllegalArgumentException("timestamps are 27 characters (2026-11-27T10:00:00.000000Z),"
          + " got '" + fromTimestamp + "' and '" + toTimestamp + "'");
    }
    long[] n = {0};
    scan(0, size(), r -> {
      String ts = r.timestamp();
      if (r.eventType().equals(eventType) && ts.compareTo(fromTimestamp) >= 0
          && ts.compareTo(toTimestamp) < 0) {
        n[0]++;
      }
    });
    return n[0];
  }

  /**
   * Deletes the side record of entry {@code seq} (GDPR erasure). The entry itself, and so the chain
   * and every proof, stays unchanged.
   *
   * @return whether a side record existed
   */
  boolean eraseSideRecord(long seq);

  /** Releases files, connections and threads; appends after close fail. */
  @Override
  void close();
}

package dev.lexecon.ledger;

import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerIntegrityException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerReport;
import dev.lexecon.json.Jcs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What the writer knows about the chain: the next seq, the head hash, the Merkle tree of every
 * committed entry, the ledger's identity and checkpoint keys, and the counts behind {@link
 * LedgerReport}. Mutated only by the writer (or by the opening thread before the writer starts);
 * readers see the tree, which is safe for concurrent reads, and the volatile snapshots.
 */
final class ChainState {
  final MerkleTree tree = new MerkleTree();
  final List<NoteVerifier> keys = new CopyOnWriteArrayList<>();

  // Writer-owned.
  long nextSeq;
  String headHash = EntryCodec.ZERO_HASH;
  long lastCheckpointSeq = -1;
  long lastCheckpointNanos = System.nanoTime();
  // Counts by event type as two parallel arrays, so that publishing after each batch copies a few
  // longs rather than a map; the report's map is built when someone asks for it.
  private final Map<String, Integer> typeIndex = new HashMap<>();
  private String[] typeNames = new String[0];
  private long[] typeCounts = new long[0];
  private @Nullable String firstTimestamp;
  private @Nullable String lastTimestamp;

  // Published for readers.
  volatile @Nullable String ledgerId;
  volatile @Nullable String origin;
  volatile @Nullable SignedNote lastCheckpoint;
  private volatile Published published = new Published(0, new String[0], new long[0], null, null);

  /**
   * Takes a committed record into the state. {@code hash} is the record's entry hash as bytes;
   * {@code payload} is its parsed payload when the caller has it, needed only for the event types
   * the ledger reads itself.
   */
  void absorb(LedgerRecord r, byte[] hash, @Nullable Map<?, ?> payload) {
    absorbColumns(r.seq(), r.eventType(), r.timestamp(), r.entryHash(), hash);
    if (interpreted(r.eventType())) {
      interpret(r, payload);
    }
  }

  /**
   * Takes a committed entry's columns into the state: its leaf in the tree, the head, the counts
   * and the time span. An entry of a type the ledger {@linkplain #interpreted interprets} must also
   * be passed to {@link #interpret}, in seq order among those entries.
   */
  void absorbColumns(long seq, String type, String timestamp, String entryHash, byte[] hash) {
    tree.append(hash);
    nextSeq = seq + 1;
    headHash = entryHash;
    Integer index = typeIndex.get(type);
    if (index == null) {
      index = typeNames.length;
      typeIndex.put(type, index);
      typeNames = Arrays.copyOf(typeNames, index + 1); // a new array: published ones stay as they are
      typeNames[index] = type;
      typeCounts = Arrays.copyOf(typeCounts, index + 1);
    }
    typeCounts[index]++;
    // Fixed-width RFC 3339 UTC text sorts chronologically.
    if (firstTimestamp == null || timestamp.compareTo(firstTimestamp) < 0) {
      firstTimestamp = timestamp;
    }
    if (lastTimestamp == null || timestamp.compareTo(lastTimestamp) > 0) {
      lastTimestamp = timestamp;
    }
  }

  /** Whether the ledger reads entries of this type itself: genesis, key rotations, checkpoints. */
  static boolean interpreted(String type) {
    return type.equals(EventType.GENESIS.jsonName())
        || type.equals(EventType.KEY_ROTATED.jsonName())
        || type.equals(EventType.CHECKPOINT.jsonName());
  }

  /**
   * Reads the ledger's identity, a checkpoint key or the latest checkpoint from an entry of an
   * {@linkplain #interpreted interpreted} type whose columns were absorbed.
   */
  void interpret(LedgerRecord r, @Nullable Map<?, ?> payload) {
    String type = r.eventType();
    Map<?, ?> p = payload != null ? payload : parsePayload(r);
    try {
      switch (type) {
        case "genesis" -> {
          LedgerEvents.Genesis g = LedgerEvents.Genesis.read(p);
          ledgerId = g.ledgerId();
          origin = g.origin();
          addKey(g.checkpointKey());
        }
        case "key_rotated" -> {
          NoteVerifier key = LedgerEvents.rotatedCheckpointKey(p);
          if (key != null) {
            addKey(key);
          }
        }
        default -> {
          lastCheckpointSeq = r.seq();
          lastCheckpoint = LedgerEvents.CheckpointEvent.read(p).note();
          lastCheckpointNanos = System.nanoTime();
        }
      }
    } catch (IllegalArgumentException | MalformedNoteException e) {
      throw new LedgerIntegrityException(r.seq(),
          "entry " + r.seq() + " (" + type + ") cannot be read: " + e.getMessage());
    }
  }

  private void addKey(NoteVerifier key) {
    if (!keys.contains(key)) {
      keys.add(key);
    }
  }

  private static Map<?, ?> parsePayload(LedgerRecord r) {
    try {
      Object p = Jcs.parse(EntryCodec.payload(r.entry(), EntryCodec.parse(r.entry())));
      if (p instanceof Map<?, ?> m) {
        return m;
      }
    } catch (IllegalArgumentException e) {
      throw new LedgerIntegrityException(r.seq(),
          "entry " + r.seq() + " is not a canonical ledger entry: " + e.getMessage());
    }
    throw new LedgerIntegrityException(r.seq(), "entry " + r.seq() + " has no payload object");
  }

  /**
   * Publishes the counts for {@link #report()}; called after each batch. Only the cheap part is
   * done here, by the writer holding the turn: parsing the timestamps and building the report
   * waits until someone asks for it.
   */
  void publish() {
    published = new Published(nextSeq, typeNames, typeCounts.clone(), firstTimestamp, lastTimestamp);
  }

  LedgerReport report() {
    return published.report();
  }

  /** The number of entries as of the last batch; readable from any thread. */
  long publishedSize() {
    return published.size;
  }

  /** The state as of the last batch, and its report once asked for. */
  private static final class Published {
    private final long size;
    private final String[] types; // never written once published
    private final long[] counts;
    private final @Nullable String first;
    private final @Nullable String last;
    // Racy but benign: every thread computes the same immutable report.
    private @Nullable LedgerReport report;

    Published(long size, String[] types, long[] counts, @Nullable String first, @Nullable String last) {
      this.size = size;
      this.types = types;
      this.counts = counts;
      this.first = first;
      this.last = last;
    }

    LedgerReport report() {
      LedgerReport r = report;
      if (r == null) {
        Map<String, Long> byType = new HashMap<>();
        for (int i = 0; i < types.length; i++) {
          byType.put(types[i], counts[i]);
        }
        r = new LedgerReport(
            size,
            byType,
            first == null ? null : Instant.parse(first),
            last == null ? null : Instant.parse(last));
        report = r;
      }
      return r;
    }
  }

  List<NoteVerifier> keysSnapshot() {
    return new ArrayList<>(keys);
  }
}

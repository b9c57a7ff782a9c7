package dev.lexecon.ledger;

import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerIntegrityException;
import dev.lexecon.api.ledger.LedgerReport;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.internal.UlidGenerator;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The ledger implementation: a {@link Ledger} over a {@link LedgerStorage}, with the single writer
 * that appends to it. {@code Lexecon} creates one from its builder settings; Lexecon's own engines
 * append events through {@link #append}. Applications normally use {@code Lexecon.ledger()} and
 * never see this class, but may open one directly to record or inspect a ledger without a policy.
 *
 * <p><b>Opening.</b> {@link Builder#build()} creates the genesis entry when the storage is empty,
 * or resumes from the stored head: it rebuilds the Merkle tree from the stored entry hashes without
 * re-hashing the entries ({@link #verify()} does that when asked). If the checkpoint key is not yet
 * announced in the ledger (a new key, or a key generated for this process), it appends a {@code
 * key_rotated} entry that introduces it, so that later checkpoints verify from the ledger alone.
 *
 * <p>Thread-safe. {@link #close()} commits what is queued, stops the writer and closes the storage.
 *
 * @since 0.1
 */
public final class LedgerEngine implements Ledger, AutoCloseable {
  private final LedgerStorage storage;
  private final ChainState state;
  private final LedgerWriter writer;
  private final Durability durability;
  private final Clock clock;
  private final SaltSource salts;
  private final NoteSigner signer;
  private final AtomicReference<ChainVerifier.@Nullable State> verifiedCheckpoint =
      new AtomicReference<>();

  private LedgerEngine(Builder b) {
    this.storage = b.storage;
    this.durability = b.durability;
    this.clock = b.clock;
    this.salts = b.salts;
    this.state = new ChainState();
    this.writer =
        new LedgerWriter(
            storage, state, durability, clock, salts, b.checkpointEvery,
            b.checkpointInterval.toNanos());
    writer.load();
    IdGenerator ids = b.ids != null ? b.ids : new UlidGenerator(clock);
    NoteSigner genesisSigner = null;
    if (state.nextSeq == 0) {
      String ledgerId = "ledger_" + ids.nextId();
      String origin = LedgerEvents.ORIGIN_PREFIX + ledgerId;
      genesisSigner = b.signer != null ? b.signer : NoteSigner.generate(origin);
      Instant now = Timestamps.truncate(clock.instant());
      PreparedEvent genesis =
          PreparedEvent.prepare(
              EventType.GENESIS.jsonName(),
              LedgerEvents.genesis(ledgerId, Timestamps.format(now), origin, genesisSigner.verifier()),
              now,
              salts);
      if (writer.commitNow(genesis) == null) {
        writer.resync(); // another process created the ledger first
      }
    }
    String origin = state.origin;
    if (origin == null) {
      throw new LedgerIntegrityException(0, "the stored ledger has no readable genesis entry");
    }
    // A generated key is named after the origin, as C2SP recommends; if another process won the
    // race to create the ledger, the origin is that ledger's and the key is made anew.
    this.signer = b.signer != null ? b.signer
        : genesisSigner != null && genesisSigner.name().equals(origin) ? genesisSigner
        : NoteSigner.generate(origin);
    writer.signer(signer);
    if (!state.keys.contains(signer.verifier())) {
      writer.commitNow(
          PreparedEvent.prepare(
              EventType.KEY_ROTATED.jsonName(),
              LedgerEvents.keyRotated(signer.verifier()),
              clock.instant(),
              salts,
              state.publishedSize()));
    }
    writer.start();
  }

  /** Starts configuring a ledger over {@code storage}. */
  public static Builder builder(LedgerStorage storage) {
    return new Builder(storage);
  }

  /**
   * Appends an event timestamped now and returns its entry, once it is committed ({@link
   * Durability#SYNC}, {@link Durability#GROUP}) or sequenced ({@link Durability#ASYNC}).
   * Payload values wrapped in {@link Redactable} are recorded as salted commitments; numbers JCS
   * cannot write exactly are recorded as strings (see {@code docs/ledger-format.md}).
   *
   * @throws IllegalArgumentException if the payload holds something JSON cannot express
   * @throws dev.lexecon.api.ledger.LedgerStorageException if the storage failed; nothing was
   *     written
   * @throws IllegalStateException if the ledger is closed
   */
  public LedgerEntry append(EventType type, Map<String, ?> payload) {
    return append(type, payload, clock.instant());
  }

  /**
   * Appends an event with the given event time; see {@link #append(EventType, Map)}. The time is
   * truncated to microseconds.
   */
  public LedgerEntry append(EventType type, Map<String, ?> payload, Instant timestamp) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    if (type == EventType.GENESIS || type == EventType.CHECKPOINT || type == EventType.KEY_ROTATED
        && LedgerEvents.PURPOSE_CHECKPOINT.equals(payload.get("purpose"))) {
      throw new IllegalArgumentException(type + " entries are written by the ledger itself");
    }
    PreparedEvent event =
        PreparedEvent.prepare(type.jsonName(), payload, timestamp, salts, state.publishedSize());
    return Objects.requireNonNull(writer.submit(event).await());
  }

  /** The durability mode appends follow. */
  public Durability durability() {
    return durability;
  }

  @Override
  public String ledgerId() {
    return Objects.requireNonNull(state.ledgerId);
  }

  @Override
  public String origin() {
    return Objects.requireNonNull(state.origin);
  }

  @Override
  public NoteVerifier checkpointKey() {
    return signer.verifier();
  }

  @Override
  public long size() {
    return state.tree.size();
  }

  @Override
  public Optional<LedgerEntry> head() {
    long size = size();
    return size == 0 ? Optional.empty() : entry(size - 1);
  }

  @Override
  public Optional<LedgerEntry> entry(long seq) {
    if (seq < 0) {
      return Optional.empty();
    }
    return storage.read(seq).map(EntryDecoder::decode);
  }

  @Override
  public Optional<LedgerEntry> entry(String entryId) {
    Objects.requireNonNull(entryId, "entryId");
    if (!entryId.startsWith("entry_")) {
      throw new IllegalArgumentException("an entry id is entry_<seq>, got '" + entryId + "'");
    }
    String digits = entryId.substring("entry_".length());
    if (digits.isEmpty() || digits.length() > 16 || !digits.chars().allMatch(Character::isDigit)
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      throw new IllegalArgumentException("an entry id is entry_<seq>, got '" + entryId + "'");
    }
    return entry(Long.parseLong(digits));
  }

  @Override
  public List<LedgerEntry> entries(long fromSeq, int maxCount) {
    if (fromSeq < 0 || maxCount < 0) {
      throw new IllegalArgumentException(
          "fromSeq and maxCount must be >= 0, were " + fromSeq + ", " + maxCount);
    }
    return EntryDecoder.decode(storage.read(fromSeq, maxCount));
  }

  @Override
  public List<LedgerEntry> entries(EventType type, long offset, int limit) {
    Objects.requireNonNull(type, "type");
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException(
          "offset and limit must be >= 0, were " + offset + ", " + limit);
    }
    return EntryDecoder.decode(storage.findByType(type.jsonName(), offset, limit));
  }

  @Override
  public LedgerReport report() {
    return state.report();
  }

  @Override
  public Hash rootHash() {
    return state.tree.root();
  }

  @Override
  public Hash rootHash(long treeSize) {
    return state.tree.root(treeSize);
  }

  @Override
  public InclusionProof inclusionProof(long seq) {
    return inclusionProof(seq, size());
  }

  @Override
  public InclusionProof inclusionProof(long seq, long treeSize) {
    return state.tree.inclusionProof(seq, treeSize);
  }

  @Override
  public ConsistencyProof consistencyProof(long oldSize, long newSize) {
    return state.tree.consistencyProof(oldSize, newSize);
  }

  @Override
  public SignedNote checkpoint() {
    writer.checkpoint().await();
    SignedNote latest = state.lastCheckpoint;
    if (latest == null) {
      throw new IllegalStateException("no checkpoint could be appended");
    }
    return latest;
  }

  @Override
  public Optional<SignedNote> latestCheckpoint() {
    return Optional.ofNullable(state.lastCheckpoint);
  }

  @Override
  public VerificationResult verify() {
    return verifyFrom(new ChainVerifier.State());
  }

  @Override
  public VerificationResult verifyIncremental() {
    ChainVerifier.State from = verifiedCheckpoint.get();
    return verifyFrom(from != null ? from : new ChainVerifier.State());
  }

  private VerificationResult verifyFrom(ChainVerifier.State start) {
    long size = state.tree.size();
    MerkleTree tree = state.tree;
    ChainVerifier.Expectation expect =
        new ChainVerifier.Expectation(size, tree.root(size), tree);
    ChainVerifier.Outcome outcome =
        new ChainVerifier(storage::read, start, expect).run();
    if (outcome.result().valid() && outcome.lastCheckpoint() != null) {
      verifiedCheckpoint.set(outcome.lastCheckpoint());
    }
    return outcome.result();
  }

  @Override
  public void flush() {
    writer.flush().await();
  }

  @Override
  public void export(OutputStream out, boolean includePersonalData) {
    Objects.requireNonNull(out, "out");
    long size = size();
    Hash root = state.tree.root(size);
    SignedNote note = Checkpoint.of(origin(), size, root).sign(signer);
    LedgerExport.write(out, storage, ledgerId(), origin(), size, root, note, signer.verifier(),
        includePersonalData);
  }

  /**
   * The storage this ledger is kept in, for features that stream raw records (audit export,
   * erasure). Reading from it is safe at any time; appending to it directly bypasses the writer
   * and must never be done while the ledger is open.
   */
  public LedgerStorage storage() {
    return storage;
  }

  /**
   * Every checkpoint key the ledger announces (its genesis entry and {@code key_rotated} entries),
   * oldest first: the keys an auditor needs to check every checkpoint and statement it signed.
   */
  public List<NoteVerifier> checkpointKeys() {
    return List.copyOf(state.keysSnapshot());
  }

  /**
   * The number of entries of {@code eventType} with {@code from <= timestamp < to}, one storage
   * query (an indexed one for SQLite; a scan for storages without an index).
   *
   * @throws IllegalArgumentException if {@code from} is after {@code to}
   */
  public long count(String eventType, Instant from, Instant to) {
    Objects.requireNonNull(eventType, "eventType");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("period [" + from + ", " + to + ") is inverted");
    }
    // Entries carry microseconds: t >= from exactly when t >= from rounded up to a microsecond.
    return storage.count(eventType, Timestamps.format(ceilMicros(from)),
        Timestamps.format(ceilMicros(to)));
  }

  private static Instant ceilMicros(Instant t) {
    Instant down = Timestamps.truncate(t);
    return down.equals(t) ? t : down.plusNanos(1000);
  }

  /**
   * Signs a checkpoint of the first {@code treeSize} committed entries with the ledger's key,
   * without appending it: what an export carries so that it verifies at exactly its size.
   *
   * @throws IllegalArgumentException unless {@code 0 <= treeSize <= size()}
   */
  public SignedNote signCheckpoint(long treeSize) {
    return Checkpoint.of(origin(), treeSize, state.tree.root(treeSize)).sign(signer);
  }

  /**
   * Signs a statement as a C2SP signed note with the ledger's checkpoint key, for records other
   * Lexecon features keep in the ledger (evidence artifacts, export manifests). The text's first
   * line names what it is ({@code lexecon.dev/evidence/v1}); a text that reads as a checkpoint of
   * this ledger is refused, so that the key's checkpoint signatures cannot be forged through it.
   *
   * @throws IllegalArgumentException if the text is not valid note text, starts with the ledger's
   *     origin line, or parses as a checkpoint
   */
  public SignedNote signNote(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith(origin() + "\n")) {
      throw new IllegalArgumentException("refusing to sign a note that starts with the ledger origin");
    }
    boolean checkpointShaped;
    try {
      Checkpoint.parse(text);
      checkpointShaped = true;
    } catch (RuntimeException e) {
      checkpointShaped = false;
    }
    if (checkpointShaped) {
      throw new IllegalArgumentException("refusing to sign a note that reads as a checkpoint");
    }
    return SignedNote.sign(text, signer);
  }

  /** Commits what is queued, stops the writer and closes the storage. Idempotent. */
  @Override
  public void close() {
    writer.close();
    storage.close();
  }

  /**
   * Configures a {@link LedgerEngine}. Setters validate at once; not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final LedgerStorage storage;
    private Durability durability = Durability.GROUP;
    private Clock clock = Clock.systemUTC();
    private @Nullable IdGenerator ids;
    private @Nullable NoteSigner signer;
    private long checkpointEvery = 1000;
    private Duration checkpointInterval = Duration.ofSeconds(60);
    private SaltSource salts = SaltSource.secure();

    private Builder(LedgerStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** When appends count as done; {@link Durability#GROUP} by default. */
    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /** The clock for entry timestamps and the ledger id; the UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The source of the ledger id of a new ledger; monotonic ULIDs by default. */
    public Builder idGenerator(IdGenerator ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * The key that signs checkpoints. By default a new Ed25519 key is generated each time a
     * ledger is opened and announced in the ledger with a {@code key_rotated} entry; configure a
     * stable key so that auditors can pin it.
     */
    public Builder checkpointSigner(NoteSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /**
     * Appends a checkpoint after every {@code entries} entries; 0 turns count-based checkpoints
     * off. 1,000 by default.
     *
     * @throws IllegalArgumentException if {@code entries} is negative
     */
    public Builder checkpointEvery(long entries) {
      if (entries < 0) {
        throw new IllegalArgumentException("checkpoint count must be >= 0, was " + entries);
      }
      this.checkpointEvery = entries;
      return this;
    }

    /**
     * Appends a checkpoint when {@code interval} has passed since the last one and entries were
     * appended since; {@link Duration#ZERO} turns time-based checkpoints off. 60 seconds by
     * default.
     *
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public Builder checkpointInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("checkpoint interval must be >= 0, was " + interval);
      }
      this.checkpointInterval = interval;
      return this;
    }

    /** Reproducible commitment salts, for tests and published vectors only. */
    Builder salts(SaltSource salts) {
      this.salts = Objects.requireNonNull(salts, "salts");
      return this;
    }

    /**
     * Opens the ledger: creates the genesis entry in an empty storage, or resumes from the stored
     * head, and starts the writer.
     *
     * @throws dev.lexecon.api.ledger.LedgerStorageException if the storage fails
     * @throws LedgerIntegrityException if the stored ledger cannot be resumed
     */
    public LedgerEngine build() {
      return new LedgerEngine(this);
    }
  }
}

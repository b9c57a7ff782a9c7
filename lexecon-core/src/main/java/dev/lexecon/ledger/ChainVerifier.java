package dev.lexecon.ledger;

import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.VerificationFailure;
import dev.lexecon.api.ledger.VerificationFailure.Kind;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.json.Jcs;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a run of ledger records in one streaming pass: every entry's hash, the chain of {@code
 * previous_hash} links, sequence numbers, the stored columns against the hashed bytes, side records
 * against their commitments, and every checkpoint's signature and root against the Merkle tree
 * recomputed on the way.
 *
 * <p>Records are read in windows of {@value #WINDOW}, and each window is cut into chunks of {@value
 * #CHUNK} aligned to absolute positions. The parallel phase, one chunk at a time on whichever thread
 * claims it (the caller and the common fork-join pool), does everything that depends on one record
 * only: SHA-256 of the entry, reading its fixed members, the RFC 9162 leaf hash, side records, and
 * the hashes of every aligned power-of-two block of leaves inside the chunk. The sequential phase,
 * on the caller, checks each chunk in order as soon as it is hashed: what links records (sequence,
 * {@code previous_hash}, checkpoints), bringing a {@link RootAccumulator} to each position where a
 * root is needed (a checkpoint, the expected size, the chunk's end) by pushing those precomputed
 * blocks, a logarithmic number per position. Between checks the caller hashes chunks too, and
 * starts on the next window while the last chunks of the current one are still being hashed: with
 * a barrier per window, one core would wait for the other's last chunk and for the sequential
 * phase, about a tenth of the time on two cores.
 *
 * <p>Memory is bounded by the window being verified, the next one being hashed and the ones read
 * meanwhile ({@link Source#readers()}: two for a storage, whose reads run on two threads, one for an
 * export). Not thread-safe; use one instance per verification.
 */
final class ChainVerifier {
  static final int CHUNK_SHIFT = 12;
  static final int CHUNK = 1 << CHUNK_SHIFT;
  static final int WINDOW = 8 * CHUNK;

  /** Where the records come from, by position; a storage or an export file. */
  interface Source {
    /** Up to {@code max} records from position {@code from} on; fewer only at the end. */
    List<LedgerRecord> read(long from, int max);

    /** Why the item at {@code position} could not even be read as a record, or null. */
    default @Nullable String problem(long position) {
      return null;
    }

    /**
     * How many windows may be read at once, each on its own thread: a storage serves concurrent
     * reads, and reading (a database cursor, decoding rows) is as much work as verifying what it
     * reads, so two readers keep both cores busy; a source that can only be read in order says 1.
     */
    default int readers() {
      return 2;
    }
  }

  /** What a verification knows before position {@link #next}: enough to resume from there. */
  static final class State {
    long next;
    String previousHash = EntryCodec.ZERO_HASH;
    RootAccumulator tree = new RootAccumulator();
    List<NoteVerifier> keys = new ArrayList<>(2);
    @Nullable String origin;
    @Nullable String ledgerId;

    State copy() {
      State s = new State();
      s.next = next;
      s.previousHash = previousHash;
      s.tree = tree.copy();
      s.keys = new ArrayList<>(keys);
      s.origin = origin;
      s.ledgerId = ledgerId;
      return s;
    }
  }

  /**
   * What the caller already knows the ledger holds: at least {@code treeSize} entries, with root
   * {@code root} at that size (if given), and, for in-process verification, the leaf hashes this
   * process committed, which pin any rewrite to the first entry that differs.
   */
  record Expectation(long treeSize, @Nullable Hash root, @Nullable MerkleTree committed) {}

  /**
   * The result, the state after the last good entry, the state just before the last good
   * checkpoint entry (from which incremental verification resumes) and that checkpoint's note.
   */
  record Outcome(
      VerificationResult result,
      State end,
      @Nullable State lastCheckpoint,
      @Nullable SignedNote lastCheckpointNote) {}

  private final Source source;
  private final State state;
  private final long fromSeq;
  private final @Nullable Expectation expectation;
  private @Nullable State lastCheckpoint;
  private @Nullable SignedNote lastCheckpointNote;
  private long checkpoints;
  private @Nullable Hash rootAtExpectedSize;

  ChainVerifier(Source source, State start, @Nullable Expectation expectation) {
    this.source = source;
    this.state = start.copy();
    this.fromSeq = start.next;
    this.expectation = expectation;
    if (expectation != null && start.tree.count() == expectation.treeSize()) {
      rootAtExpectedSize = start.tree.root();
    }
  }

  /**
   * Verifies until the source runs out. While one window is verified, reader threads already read
   * the next ones: reading (a database cursor, or parsing export lines) runs on its own threads and
   * is about half of the work.
   */
  Outcome run() {
    VerificationFailure failure = null;
    int readers = Math.max(1, source.readers());
    ExecutorService reader = Executors.newFixedThreadPool(readers, r -> {
      Thread t = new Thread(r, "lexecon-verify-reader");
      t.setDaemon(true);
      return t;
    });
    Windows windows = new Windows(reader, readers, state.next);
    Work w = null;
    try {
      while ((w = windows.next()) != null) {
        failure = verify(w, windows);
        if (failure != null) {
          break; // reads still in flight finish on their own and are dropped
        }
      }
    } finally {
      windows.cancel(w);
      reader.shutdown();
    }
    if (failure == null && expectation != null) {
      failure = checkExpectation();
    }
    VerificationResult result =
        new VerificationResult(
            fromSeq,
            state.next - fromSeq,
            checkpoints,
            state.next,
            state.tree.root(),
            state.next == 0 ? null : state.previousHash,
            failure);
    return new Outcome(result, state, lastCheckpoint, lastCheckpointNote);
  }

  /** After the first window, windows are aligned to chunks. */
  private static int windowSize(long pos) {
    return WINDOW - (int) (pos & (CHUNK - 1));
  }

  /**
   * The windows in order. Reads them ahead on the reader threads, each starting where the one
   * before ends, until one comes back short (the end); and starts hashing the next window while
   * the current one is still being checked, so that no core waits at the end of a window.
   */
  private final class Windows {
    private final ExecutorService reader;
    private final ArrayDeque<Future<List<LedgerRecord>>> pending = new ArrayDeque<>();
    private final ArrayDeque<Integer> sizes = new ArrayDeque<>();
    private long ahead; // where the next read starts
    private long base; // where the next window starts
    private boolean ended;
    private @Nullable Work started; // the next window, already being hashed

    Windows(ExecutorService reader, int readers, long from) {
      this.reader = reader;
      this.ahead = from;
      this.base = from;
      while (pending.size() < readers) {
        readAhead();
      }
    }

    private void readAhead() {
      int max = windowSize(ahead);
      long at = ahead;
      pending.add(reader.submit(() -> source.read(at, max)));
      sizes.add(max);
      ahead += max;
    }

    /** The next window, being hashed; null after the last. Waits for it to be read. */
    @Nullable Work next() {
      Work w = started;
      started = null;
      return w != null ? w : start();
    }

    /**
     * The next window if it has been read already, being hashed; null if it has not (this does not
     * wait), or if there is none. A read that failed is left for {@link #next} to throw, after the
     * window before it has been checked, as if it had not been read ahead.
     */
    @Nullable Work startIfRead() {
      if (started == null && !ended && !pending.isEmpty() && pending.peek().isDone()) {
        try {
          pending.peek().get(); // done: returns at once
        } catch (ExecutionException e) {
          return null;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
        started = start();
      }
      return started;
    }

    private @Nullable Work start() {
      if (ended) {
        return null;
      }
      List<LedgerRecord> records = await(pending.poll());
      int max = sizes.poll();
      if (records.isEmpty()) {
        ended = true;
        return null;
      }
      if (records.size() < max) {
        ended = true;
      } else {
        readAhead(); // read on while this window is verified
      }
      // the keys known now, which are the window's own unless an entry before it adds one; the
      // sequential phase verifies a checkpoint again when they changed
      Work w = new Work(base, records, List.copyOf(state.keys));
      base += records.size();
      int helpers = Math.min(ForkJoinPool.getCommonPoolParallelism(), w.chunks - 1);
      for (int i = 0; i < helpers; i++) {
        ForkJoinPool.commonPool().execute(() -> {
          while (hashNext(w)) {
            // claims chunks until none is left
          }
        });
      }
      return w;
    }

    /** Stops the hashing of windows no longer needed after a failure or an exception. */
    void cancel(@Nullable Work current) {
      if (current != null) {
        current.cancelled = true;
      }
      if (started != null) {
        started.cancelled = true;
      }
    }
  }

  private static List<LedgerRecord> await(Future<List<LedgerRecord>> pending) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return pending.get();
        } catch (InterruptedException e) {
          interrupted = true; // the read is under way; its result is still needed
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private @Nullable VerificationFailure checkExpectation() {
    Expectation e = expectation;
    if (state.next < e.treeSize()) {
      return failure(state.next, Kind.TRUNCATED, e.treeSize() + " entries", state.next + " entries",
          "the ledger ends after " + state.next + " entries, but it held " + e.treeSize());
    }
    if (e.root() != null) {
      Hash actual = rootAtExpectedSize != null ? rootAtExpectedSize : state.tree.root();
      if (!e.root().equals(actual)) {
        return failure(Math.max(0, e.treeSize() - 1), Kind.ROOT_MISMATCH, e.root().hex(), actual.hex(),
            "the Merkle root of the first " + e.treeSize() + " entries is " + actual.hex()
                + ", not the expected " + e.root().hex());
      }
    }
    return null;
  }

  /** Per-record results of the parallel phase for one window. */
  private static final class Work {
    final long base;
    final LedgerRecord[] records;
    final List<NoteVerifier> keys; // the keys known before the window, for checkpoints read ahead
    final byte[] flags; // CLEAN, CHECKPOINT, INTERPRETED, DIFFERS_FROM_COMMITTED
    final @Nullable String[] hashMismatch; // the computed hash, only where it is not the recorded one
    final byte[] leaves; // leaf i at [32 i, 32 i + 32)
    final SideRecords.@Nullable Problem[] side;
    final @Nullable Object[] payload; // parsed only for the event types verification reads
    final @Nullable String[] payloadProblem;
    final @Nullable CheckpointAhead[] checkpoint;
    final @Nullable Blocks[] blocks;
    final int[] touched; // per chunk, what touchColumns returned: kept, so its loads are not dropped

    final int chunks;
    final int[] chunkStart; // chunk c holds records [chunkStart[c], chunkStart[c + 1])
    final AtomicInteger claimed = new AtomicInteger(); // chunks below it are taken by some thread
    final CountDownLatch[] hashed;
    final @Nullable Throwable[] errors;
    volatile boolean cancelled;

    Work(long base, List<LedgerRecord> list, List<NoteVerifier> keys) {
      this.base = base;
      this.keys = keys;
      int n = list.size();
      // chunks are aligned to absolute positions, so a window that starts mid-chunk begins short
      int[] starts = new int[(n >>> CHUNK_SHIFT) + 3];
      int count = 0;
      for (int from = 0; from < n; count++) {
        starts[count] = from;
        from = (int) Math.min(n, from + (CHUNK - ((base + from) & (CHUNK - 1))));
      }
      starts[count] = n;
      chunks = count;
      chunkStart = starts;
      hashed = new CountDownLatch[count];
      for (int c = 0; c < count; c++) {
        hashed[c] = new CountDownLatch(1);
      }
      errors = new Throwable[count];
      records = list.toArray(new LedgerRecord[0]);
      flags = new byte[n];
      hashMismatch = new String[n];
      leaves = new byte[n * Hash.LENGTH];
      side = new SideRecords.Problem[n];
      payload = new Object[n];
      payloadProblem = new String[n];
      checkpoint = new CheckpointAhead[n];
      blocks = new Blocks[(n >>> CHUNK_SHIFT) + 2];
      touched = new int[blocks.length];
    }
  }

  /**
   * The parallel phase found nothing wrong with the record on its own, nor with its link to the
   * record before it in the same chunk, and it is of a type verification need not read: the
   * sequential phase has nothing to do for it but ask the source for a problem.
   */
  private static final byte CLEAN = 1;
  /** A checkpoint entry: the sequential phase brings the tree to its position first. */
  private static final byte CHECKPOINT = 2;
  /** Genesis, key rotation or checkpoint: the sequential phase reads it. */
  private static final byte INTERPRETED = 4;
  /** Its leaf hash is not the one this process committed at its seq. */
  private static final byte DIFFERS_FROM_COMMITTED = 8;

  /**
   * Checks the chunks of {@code w} in order, each as soon as it is hashed. This thread hashes
   * chunks too, those of {@code w} no helper has claimed and then those of the next window, and
   * waits only when the chunk it must check next is still being hashed and there is nothing left
   * to claim.
   */
  private @Nullable VerificationFailure verify(Work w, Windows windows) {
    for (int c = 0; c < w.chunks; c++) {
      while (w.hashed[c].getCount() > 0) {
        if (hashNext(w)) {
          continue;
        }
        Work next = windows.startIfRead();
        if (next == null || !hashNext(next)) {
          awaitHashed(w.hashed[c]);
        }
      }
      Throwable error = w.errors[c];
      if (error instanceof RuntimeException re) {
        throw re;
      }
      if (error instanceof Error err) {
        throw err;
      }
      VerificationFailure f = checkChunk(w, w.chunkStart[c], w.chunkStart[c + 1], c);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /**
   * Claims the next chunk of {@code w} and hashes it, on whichever thread calls; false if none is
   * left. What goes wrong is kept for the thread that checks the chunk, which meets it in order.
   */
  private boolean hashNext(Work w) {
    if (w.cancelled) {
      return false;
    }
    int c = w.claimed.getAndIncrement();
    if (c >= w.chunks) {
      return false;
    }
    try {
      hashChunk(w, w.chunkStart[c], w.chunkStart[c + 1], c);
    } catch (RuntimeException | Error e) {
      w.errors[c] = e;
    } finally {
      w.hashed[c].countDown(); // publishes the chunk's results to the thread that checks it
    }
    return true;
  }

  private static void awaitHashed(CountDownLatch hashed) {
    boolean interrupted = false;
    while (true) {
      try {
        hashed.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // another thread is hashing the chunk; its result is still needed
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The parallel phase for records [from, to) of a window; touches only its own slots. Every check
   * that needs only the record, its seq and the record before it in the chunk is made here, while
   * the entry's bytes are still in the cache from hashing them: the sequential phase, which runs on
   * one thread, then only looks at a byte of flags per record unless something is wrong or the
   * record is one it must read.
   */
  private void hashChunk(Work w, int from, int to, int chunkIndex) {
    MessageDigest sha = Commitments.sha256();
    TreeHasher hasher = new TreeHasher();
    byte[] digest = new byte[Hash.LENGTH];
    byte[] previousDigest = new byte[Hash.LENGTH];
    JsonBytes.Tape tape = new JsonBytes.Tape();
    MerkleTree committed = expectation != null ? expectation.committed() : null;
    long committedSize = expectation != null ? expectation.treeSize() : 0;
    // one header reread for every entry of the chunk: an object per entry was almost half of what
    // verifying a million entries allocated, and only this loop needs the header
    EntryCodec.Header h = new EntryCodec.Header();
    int touched = 0;
    for (int i = from; i < to; i++) {
      if (((i - from) & (PREFETCH - 1)) == 0) {
        touched += touchColumns(w.records, i, Math.min(to, i + PREFETCH));
      }
      byte[] swap = previousDigest;
      previousDigest = digest;
      digest = swap;
      LedgerRecord r = w.records[i];
      long seq = w.base + i;
      sha.update(r.entry());
      try {
        sha.digest(digest, 0, Hash.LENGTH);
      } catch (DigestException e) {
        throw new IllegalStateException(e);
      }
      boolean clean = r.seq() == seq;
      if (!isHex(digest, r.entryHash())) {
        w.hashMismatch[i] = Commitments.hex(digest); // the common case builds no string
        clean = false;
      }
      int leafAt = i * Hash.LENGTH;
      hasher.leaf(digest, w.leaves, leafAt);
      if (committed != null && seq < committedSize && !committed.leafHashIs(seq, w.leaves, leafAt)) {
        w.flags[i] |= DIFFERS_FROM_COMMITTED;
        clean = false;
      }
      if (!h.read(r.entry())) {
        continue; // not clean: checkRecord parses it again, and names the problem
      }
      String type = h.eventType();
      // the same checks as checkRecord's, in whatever order: any failure sends the record there
      clean &= h.seq() == seq
          && i > from && h.previousHashIsHexOf(previousDigest) // the first one links to the last chunk
          && r.eventType().equals(type)
          && h.timestampIs(r.timestamp())
          && h.previousHashIs(r.previousHash())
          && type.equals(EventType.GENESIS.jsonName()) == (seq == 0);
      if (ChainState.interpreted(type)) {
        w.flags[i] |= INTERPRETED;
        try {
          w.payload[i] = Jcs.parse(EntryCodec.payload(r.entry(), h));
        } catch (IllegalArgumentException e) {
          w.payloadProblem[i] = "payload is not JSON: " + e.getMessage();
        }
        if (type.equals(EventType.CHECKPOINT.jsonName())) {
          w.flags[i] |= CHECKPOINT;
          if (w.payload[i] instanceof Map<?, ?> payload) {
            w.checkpoint[i] = CheckpointAhead.read(payload, w.keys);
          }
        }
      }
      byte[] side = r.sideRecord();
      if (side != null) {
        w.side[i] = SideRecords.check(r.entry(), h.payloadStart(), h.payloadEnd(), side, sha, tape);
        clean &= w.side[i] == null;
      }
      if (clean) {
        w.flags[i] |= CLEAN;
      }
    }
    w.touched[chunkIndex] = touched;
    w.blocks[chunkIndex] = new Blocks(w.base + from, w.base + to, w.leaves, from);
  }

  /**
   * The sequential phase for records [from, to) of a window. A record the parallel phase found
   * {@link #CLEAN} (and that is not one to read) passes every check of {@link #checkRecord} but
   * the source's own problem and the link to the record before it, which is in the same chunk and
   * passed too, or the sequential phase would have stopped there. Every other record goes through
   * {@link #checkRecord}, which finds and names the problem as if no record had been pre-checked.
   */
  private @Nullable VerificationFailure checkChunk(Work w, int from, int to, int chunkIndex) {
    Blocks blocks = w.blocks[chunkIndex];
    long expectedSize = expectation != null ? expectation.treeSize() : -1;
    byte[] flags = w.flags;
    for (int i = from; i < to; i++) {
      long seq = w.base + i;
      if (seq == expectedSize) {
        blocks.advance(state.tree, seq);
        rootAtExpectedSize = state.tree.root();
      }
      byte f = flags[i];
      if (f == CLEAN && source.problem(seq) == null) {
        continue;
      }
      if ((f & CHECKPOINT) != 0) {
        blocks.advance(state.tree, seq); // the checkpoint signs the tree of the entries before it
      }
      if (i > from) {
        state.previousHash = w.records[i - 1].entryHash(); // passed: the computed hash is this
      }
      state.next = seq;
      VerificationFailure failure = checkRecord(w, i, seq);
      if (failure != null) {
        blocks.advance(state.tree, seq); // report the root of the good prefix
        return failure;
      }
    }
    long end = w.base + to;
    state.previousHash = w.records[to - 1].entryHash();
    state.next = end;
    blocks.advance(state.tree, end);
    if (end == expectedSize) {
      rootAtExpectedSize = state.tree.root();
    }
    return null;
  }

  /**
   * The hashes of every aligned block of {@code 2^k} leaves that lies inside one chunk, computed in
   * the parallel phase, so that the sequential phase can bring the tree to any position inside the
   * chunk with a logarithmic number of pushes instead of hashing leaf by leaf.
   */
  private static final class Blocks {
    private final long start;
    private final int leafOffset; // where the chunk's first leaf is in levels[0], in hashes
    private final byte[][] levels; // levels[k] holds the blocks from first(k) * 2^k on, 32 bytes each

    Blocks(long start, long end, byte[] leaves, int leafOffset) {
      this.start = start;
      this.leafOffset = leafOffset;
      TreeHasher hasher = new TreeHasher();
      List<byte[]> list = new ArrayList<>();
      list.add(leaves);
      for (int k = 1; ; k++) {
        long first = first(start, k);
        long count = (end >> k) - first;
        if (count <= 0) {
          break;
        }
        byte[] below = list.get(k - 1);
        long firstBelow = first(start, k - 1) - (k == 1 ? leafOffset : 0);
        byte[] level = new byte[(int) count * Hash.LENGTH];
        for (int j = 0; j < count; j++) {
          int left = (int) (((first + j) << 1) - firstBelow) * Hash.LENGTH;
          hasher.node(below, left, below, left + Hash.LENGTH, level, j * Hash.LENGTH);
        }
        list.add(level);
      }
      levels = list.toArray(new byte[0][]);
    }

    private static long first(long start, int k) {
      return (start + (1L << k) - 1) >> k;
    }

    /** Pushes blocks into {@code tree} until it holds {@code target} leaves. */
    void advance(RootAccumulator tree, long target) {
      long at = tree.count();
      while (at < target) {
        int fit = 63 - Long.numberOfLeadingZeros(target - at);
        int aligned = at == 0 ? 63 : Long.numberOfTrailingZeros(at);
        int k = Math.min(Math.min(fit, aligned), levels.length - 1);
        long index = (at >> k) - first(start, k) + (k == 0 ? leafOffset : 0);
        tree.pushSubtree(k, levels[k], (int) index * Hash.LENGTH);
        at += 1L << k;
      }
    }
  }
  /**
   * A checkpoint entry read in the parallel phase: its payload, its note's signatures checked
   * against the keys known when the window began, and its checkpoint text. Reading and Ed25519
   * verification are most of the sequential phase's work otherwise. Each step's exception is kept
   * and thrown where the sequential phase would have met it, so failures stay the same.
   */
  private static final class CheckpointAhead {
    final List<NoteVerifier> keys;
    private LedgerEvents.@Nullable CheckpointEvent event;
    private @Nullable RuntimeException readError;
    private SignedNote.@Nullable Verification verification;
    private @Nullable IllegalArgumentException verifyError;
    private @Nullable Checkpoint checkpoint;
    private @Nullable RuntimeException checkpointError;

    private CheckpointAhead(List<NoteVerifier> keys) {
      this.keys = keys;
    }

    static CheckpointAhead read(Map<?, ?> payload, List<NoteVerifier> keys) {
      CheckpointAhead a = new CheckpointAhead(keys);
      try {
        a.event = LedgerEvents.CheckpointEvent.read(payload);
      } catch (IllegalArgumentException | ClassCastException | MalformedNoteException e) {
        a.readError = e;
        return a;
      }
      try {
        a.verification = a.event.note().verify(keys);
      } catch (IllegalArgumentException e) {
        a.verifyError = e;
      }
      try {
        a.checkpoint = Checkpoint.parse(a.event.note().text());
      } catch (IllegalArgumentException | MalformedNoteException e) {
        a.checkpointError = e;
      }
      return a;
    }

    LedgerEvents.CheckpointEvent event() {
      if (readError != null) {
        throw readError;
      }
      return event;
    }

    SignedNote.Verification verification() {
      if (verifyError != null) {
        throw verifyError;
      }
      return verification;
    }

    Checkpoint checkpoint() {
      if (checkpointError != null) {
        throw checkpointError;
      }
      return checkpoint;
    }
  }

  /** Records whose column strings {@link #touchColumns} loads at once. */
  private static final int PREFETCH = 64;

  /**
   * Loads the column strings of records [from, to), the ones the parallel phase compares with the
   * hashed bytes, ahead of their comparisons. A storage that keeps its records in the heap has each
   * record's strings wherever they were allocated, so every one is a cache miss; inside the hashing
   * loop each of those misses stalls on its own behind an entry's SHA-256, while in this short loop
   * the misses of many records are in flight at once. Returns a value that depends on every load,
   * so that the compiler keeps them.
   */
  private static int touchColumns(LedgerRecord[] records, int from, int to) {
    int sum = 0;
    for (int i = from; i < to; i++) {
      LedgerRecord r = records[i];
      sum += lastChar(r.entryHash()) + lastChar(r.previousHash()) + lastChar(r.timestamp());
    }
    return sum;
  }

  private static int lastChar(String s) {
    int n = s.length();
    return n == 0 ? 0 : s.charAt(n - 1);
  }

  private static final byte[] HEX_DIGITS = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  /** Whether {@code hex} is the lowercase hex of {@code digest}, without building a string. */
  static boolean isHex(byte[] digest, String hex) {
    if (hex.length() != digest.length * 2) {
      return false;
    }
    for (int k = 0; k < digest.length; k++) {
      if (hex.charAt(2 * k) != HEX_DIGITS[(digest[k] >> 4) & 0xF]
          || hex.charAt(2 * k + 1) != HEX_DIGITS[digest[k] & 0xF]) {
        return false;
      }
    }
    return true;
  }

  private @Nullable VerificationFailure checkRecord(Work w, int i, long seq) {
    LedgerRecord r = w.records[i];
    String problem = source.problem(seq);
    if (problem != null) {
      return failure(seq, Kind.MALFORMED_ENTRY, null, null, "entry " + seq + ": " + problem);
    }
    if (r.seq() != seq) {
      return r.seq() > seq
          ? failure(seq, Kind.GAP, "seq " + seq, "seq " + r.seq(),
              "seq " + seq + (r.seq() - seq > 1 ? " to " + (r.seq() - 1) : "") + " missing: the entry after "
                  + (seq - 1) + " is " + r.seq())
          : failure(seq, Kind.GAP, "seq " + seq, "seq " + r.seq(),
              "seq " + r.seq() + " appears again where " + seq + " belongs (duplicated or reordered)");
    }
    String computed = w.hashMismatch[i];
    if (computed != null) {
      return failure(seq, Kind.HASH_MISMATCH, r.entryHash(), computed,
          "entry " + seq + " hashes to " + computed + ", but its recorded entry_hash is "
              + r.entryHash());
    }
    // parsed again rather than kept from the parallel phase: a header per record would be one
    // object per entry, and this runs only for the few records that are not CLEAN
    EntryCodec.Header h;
    try {
      h = EntryCodec.parse(r.entry());
    } catch (IllegalArgumentException e) {
      return failure(seq, Kind.MALFORMED_ENTRY, null, null,
          "entry " + seq + " is not a canonical ledger entry: " + e.getMessage());
    }
    if (h.seq() != seq) {
      return failure(seq, Kind.GAP, "seq " + seq, "seq " + h.seq(),
          "the entry stored at seq " + seq + " is entry " + h.seq() + " (moved, copied or reordered)");
    }
    if ((w.flags[i] & DIFFERS_FROM_COMMITTED) != 0) {
      Hash committed = expectation.committed().leafHash(seq);
      Hash leaf = Hash.of(w.leaves, i * Hash.LENGTH);
      return failure(seq, Kind.HASH_MISMATCH, committed.hex(), leaf.hex(),
          "entry " + seq + " is not the entry this ledger committed: its Merkle leaf hash is "
              + leaf.hex() + ", the committed one " + committed.hex());
    }
    if (!h.previousHashIs(state.previousHash)) {
      return failure(seq, Kind.BROKEN_LINK, state.previousHash, h.previousHash(),
          "entry " + seq + " has previous_hash " + h.previousHash() + ", but "
              + (seq == 0 ? "genesis must have 64 zeros" : "entry " + (seq - 1) + " hashes to "
                  + state.previousHash));
    }
    String column = !r.eventType().equals(h.eventType()) ? "event_type"
        : !h.timestampIs(r.timestamp()) ? "timestamp"
        : !h.previousHashIs(r.previousHash()) ? "previous_hash" : null;
    if (column != null) {
      return failure(seq, Kind.MALFORMED_ENTRY, null, null,
          "entry " + seq + ": the stored " + column + " column disagrees with the hashed entry");
    }
    boolean genesis = h.eventType().equals(EventType.GENESIS.jsonName());
    if (genesis != (seq == 0)) {
      return failure(seq, Kind.MALFORMED_ENTRY, seq == 0 ? "genesis" : null, h.eventType(),
          seq == 0 ? "entry 0 must be genesis, not " + h.eventType()
              : "entry " + seq + " is a second genesis");
    }
    if (w.side[i] != null) {
      SideRecords.Problem p = w.side[i];
      return failure(seq, Kind.SIDE_RECORD_MISMATCH, p.expected(), p.actual(),
          "entry " + seq + ": " + p.message());
    }
    if (w.payloadProblem[i] != null) {
      return failure(seq, Kind.MALFORMED_ENTRY, null, null, "entry " + seq + ": " + w.payloadProblem[i]);
    }
    Object payload = w.payload[i];
    if (payload != null) {
      try {
        return readEvent(seq, h.eventType(), (Map<?, ?>) payload, w.checkpoint[i]);
      } catch (IllegalArgumentException | ClassCastException | MalformedNoteException e) {
        return failure(seq, Kind.MALFORMED_ENTRY, null, null,
            "entry " + seq + " (" + h.eventType() + "): " + e.getMessage());
      }
    }
    return null;
  }

  /** Genesis, key rotation and checkpoint entries, which verification itself depends on. */
  private @Nullable VerificationFailure readEvent(
      long seq, String type, Map<?, ?> payload, @Nullable CheckpointAhead ahead) {
    switch (type) {
      case "genesis" -> {
        LedgerEvents.Genesis g = LedgerEvents.Genesis.read(payload);
        state.ledgerId = g.ledgerId();
        state.origin = g.origin();
        state.keys.add(g.checkpointKey());
        return null;
      }
      case "key_rotated" -> {
        NoteVerifier key = LedgerEvents.rotatedCheckpointKey(payload);
        if (key != null && !state.keys.contains(key)) {
          state.keys.add(key);
        }
        return null;
      }
      default -> {
        if (ahead == null) {
          return checkpoint(seq, LedgerEvents.CheckpointEvent.read(payload), null);
        }
        return checkpoint(seq, ahead.event(), ahead);
      }
    }
  }

  private @Nullable VerificationFailure checkpoint(
      long seq, LedgerEvents.CheckpointEvent event, @Nullable CheckpointAhead ahead) {
    SignedNote.Verification v;
    try {
      // the keys can have changed since the window began only through an entry before this one
      v = ahead != null && ahead.keys.equals(state.keys) ? ahead.verification()
          : event.note().verify(state.keys);
    } catch (IllegalArgumentException e) {
      return failure(seq, Kind.BAD_CHECKPOINT_SIGNATURE, null, null,
          "checkpoint at seq " + seq + ": " + e.getMessage());
    }
    if (!v.accepted()) {
      List<String> signers = event.note().signatures().stream()
          .map(s -> s.keyName() + "+" + String.format("%08x", s.keyHash())).toList();
      List<String> known = state.keys.stream()
          .map(k -> k.name() + "+" + String.format("%08x", k.keyHash())).toList();
      return failure(seq, Kind.BAD_CHECKPOINT_SIGNATURE, "signed by one of " + known,
          "signatures by " + signers,
          "checkpoint at seq " + seq + " is not signed by a checkpoint key announced in the ledger"
              + (v.failed().isEmpty() ? "" : " (a signature by a known key does not verify)"));
    }
    Checkpoint cp = ahead != null ? ahead.checkpoint() : Checkpoint.parse(event.note().text());
    if (!cp.origin().equals(state.origin) || !event.origin().equals(state.origin)) {
      return failure(seq, Kind.CHECKPOINT_MISMATCH, state.origin, cp.origin(),
          "checkpoint at seq " + seq + " names origin " + cp.origin() + ", the ledger's is "
              + state.origin);
    }
    if (cp.treeSize() != seq || event.treeSize() != seq) {
      return failure(seq, Kind.CHECKPOINT_MISMATCH, Long.toString(seq), Long.toString(cp.treeSize()),
          "checkpoint at seq " + seq + " covers " + cp.treeSize()
              + " entries; a checkpoint covers exactly the entries before it");
    }
    Hash root = state.tree.root();
    if (!cp.rootHash().equals(root) || !event.rootHash().equals(root)) {
      return failure(seq, Kind.CHECKPOINT_MISMATCH, root.hex(), cp.rootHash().hex(),
          "checkpoint at seq " + seq + " signs root " + cp.rootHash().hex()
              + ", but the first " + seq + " entries have root " + root.hex());
    }
    checkpoints++;
    lastCheckpoint = state.copy();
    lastCheckpointNote = event.note();
    return null;
  }

  private static VerificationFailure failure(
      long seq, Kind kind, @Nullable String expected, @Nullable String actual, String message) {
    return new VerificationFailure(seq, kind, expected, actual, message);
  }
}

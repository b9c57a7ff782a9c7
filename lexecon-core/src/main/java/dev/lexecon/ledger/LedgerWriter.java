package dev.lexecon.ledger;

import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerIntegrityException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.LedgerStorageException;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread takes prepared events from a queue, gives them consecutive
 * sequence numbers and hashes on top of the head, and commits them to storage in batches (group
 * commit). One writer per process is what keeps the chain from forking inside the process; the
 * storage's conditional append keeps it from forking between processes.
 *
 * <h2>Lost races</h2>
 *
 * When another process appended first, the storage refuses the batch with {@link
 * LedgerConflictException}. The writer then reads the new entries, checks that each hashes to its
 * recorded hash and links to the previous one, feeds them to its Merkle tree and head, rebuilds
 * its own batch on top (new seq, {@code previous_hash} and {@code entry_hash}; payloads and side
 * records do not depend on the position and are reused; a checkpoint is re-signed for the new
 * size) and tries again, after an exponential backoff with jitter that is bounded in delay
 * ({@value #MAX_BACKOFF_MILLIS} ms). A lost race means another writer committed, so the ledger is
 * making progress and the writer keeps trying for up to {@value #MAX_RACING_MILLIS} ms: when
 * several busy processes share one ledger, a writer can lose dozens of races in a row (the winner
 * starts its next transaction at once, the loser must read the winner's entries first), and giving
 * up after a fixed count failed decisions under ordinary load. A conflict that does not move the
 * head is not a lost race but a misbehaving storage; the writer gives up after {@value
 * #MAX_ATTEMPTS} of those.
 *
 * <h2>Checkpoints</h2>
 *
 * A checkpoint entry always opens its batch, so the tree it signs (every committed entry) is
 * exactly the entries before it: a checkpoint at seq {@code s} signs the tree of size {@code s}.
 * The writer adds one after any batch that brings the entries since the last checkpoint to the
 * configured count, when the configured interval has passed with new entries, and on request.
 *
 * <p>Thread-safe: {@link #submit}, {@link #checkpoint}, {@link #flush} and {@link #close} may be
 * called from any thread.
 */
final class LedgerWriter {
  static final int MAX_ATTEMPTS = 32;
  static final long MAX_BACKOFF_MILLIS = 100;
  static final long MAX_RACING_MILLIS = 10_000;
  static final int MAX_BATCH = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);

  enum Kind { EVENT, CHECKPOINT, FLUSH, STOP }

  /** How long a caller, and the idle writer, spin before parking. */
  static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
  /**
   * The longest a parked caller first sleeps before it looks at its request again even if nobody
   * woke it (doubling up to a second): the safety net under the wake-up tree, not the way callers
   * are normally woken. Tests of the tree lift it ({@link Long#MAX_VALUE}) so that a lost
   * wake-up hangs and is seen.
   */
  static volatile long maxParkNanos = TimeUnit.MILLISECONDS.toNanos(50);
  /** The bound grows to at most this, unless a test has lifted it above. */
  static final long MAX_PARK_BOUND_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Callers that may spin at once, in this JVM: one fewer than the cores (none on one core). */
  static final int SPINNERS = Runtime.getRuntime().availableProcessors() - 1;
  private static final AtomicInteger SPINNING = new AtomicInteger();

  /**
   * Whether spinning pays, learned from how spins end: it does while the awaited event usually
   * comes within {@link #SPIN_NANOS} (an in-memory commit, a caller's next entry), and does not
   * when it takes longer (a SQLite commit waits for {@code fdatasync}, a millisecond or more), where
   * every spin would only burn a core that deciding callers need. After {@value #MISS_LIMIT} misses
   * in a row it stops spinning, and tries again once every {@value #PROBE_EVERY} waits, so it
   * notices when commits get fast again. The counters are hints: races between threads only
   * shift when it switches.
   */
  static final class SpinPolicy {
    static final int MISS_LIMIT = 4;
    static final int PROBE_EVERY = 64;
    private volatile int misses;
    private int waits;

    boolean worthSpinning() {
      return misses < MISS_LIMIT || (++waits & (PROBE_EVERY - 1)) == 0;
    }

    void spun(boolean caught) {
      if (caught) {
        if (misses != 0) {
          misses = 0;
        }
      } else if (misses < Integer.MAX_VALUE) {
        misses = misses + 1;
      }
    }
  }

  /** Callers' waits for their commits, and the idle writer's wait for the next request. */
  private final SpinPolicy callerSpin = new SpinPolicy();
  private final SpinPolicy writerSpin = new SpinPolicy();

  /**
   * One request to the writer, and the caller's wait for its outcome.
   *
   * <p>Why not a {@code CompletableFuture}: at a few hundred thousand entries a second the
   * handoff is a good part of the cost. A caller parks until its request is done; the writer
   * completes a whole batch and wakes only its first caller, and each woken caller wakes two more
   * ({@link #wakeFollowers}), so waking {@code n} callers costs the single writer thread one
   * {@code unpark} rather than {@code n}, and the callers share the rest in parallel.
   *
   * <p>Before parking, a caller spins briefly ({@link #SPIN_NANOS}) if a core is left for it: on
   * an idle virtual machine waking a parked thread takes tens of microseconds (the virtual CPU has
   * halted), several times the commit itself, so one caller deciding alone paid two such wake-ups
   * per decision. At most {@link #SPINNERS} callers spin at once (one fewer than the cores), so
   * spinning never takes the core the writer or a deciding caller needs; the rest park at once.
   */
  static final class Pending {
    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int FAILED = 2;

    final Kind kind;
    final @Nullable PreparedEvent event;
    // Written by the writer before the volatile write of status, read by the caller after it.
    private @Nullable LedgerRecord record;
    private @Nullable PreparedEvent written;
    private @Nullable RuntimeException failure;
    private Pending @Nullable [] group;
    private int slot;
    private volatile int status = PENDING;
    private volatile @Nullable Thread waiter;
    /** Set when queued; null for requests completed on the caller's thread. */
    private @Nullable SpinPolicy spin;

    Pending(Kind kind, @Nullable PreparedEvent event) {
      this.kind = kind;
      this.event = event;
    }

    boolean isDone() {
      return status != PENDING;
    }

    /** Records the committed entry; the caller builds its {@link LedgerEntry} from it. */
    boolean succeed(@Nullable LedgerRecord r, @Nullable PreparedEvent ev) {
      if (status != PENDING) {
        return false;
      }
      record = r;
      written = ev;
      status = DONE;
      return true;
    }

    private boolean fail(RuntimeException e) {
      if (status != PENDING) {
        return false;
      }
      failure = e;
      status = FAILED;
      return true;
    }

    /** Spins for at most {@link #SPIN_NANOS} while the request is pending, if a core is free. */
    private void spinWhilePending() {
      SpinPolicy policy = spin;
      if (policy == null || SPINNERS <= 0 || !policy.worthSpinning()) {
        return;
      }
      if (SPINNING.incrementAndGet() > SPINNERS) {
        SPINNING.decrementAndGet(); // enough callers spin already: park at once
        return;
      }
      try {
        long until = System.nanoTime() + SPIN_NANOS;
        while (status == PENDING && System.nanoTime() - until < 0) {
          Thread.onSpinWait();
        }
        policy.spun(status != PENDING);
      } finally {
        SPINNING.decrementAndGet();
      }
    }

    /** Wakes this request's caller if it parked. */
    private void wake() {
      Thread t = waiter;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }

    /** Wakes the two callers after this one in its batch's wake-up tree. */
    private void wakeFollowers() {
      Pending[] g = group;
      if (g == null) {
        return;
      }
      int left = 2 * slot + 1;
      if (left < g.length) {
        g[left].wake();
        if (left + 1 < g.length) {
          g[left + 1].wake();
        }
      }
    }

    /**
     * Waits, uninterruptibly like {@code CompletableFuture.join} (an interrupt is kept for the
     * caller), for the outcome: the committed entry, {@code null} (flush, a current checkpoint, an
     * adopted genesis), or the failure thrown as is.
     */
    @Nullable LedgerEntry await() {
      boolean interrupted = false;
      try {
        if (status == PENDING) {
          spinWhilePending();
        }
        if (status == PENDING) {
          waiter = Thread.currentThread(); // before the status is read again: pairs with wake()
          // Bounded: a caller that should have woken this one may have left its wait abruptly
          // (an Error while parked) before waking its followers; this caller then sees its own
          // completion within maxParkNanos instead of never. The bound doubles on every sleep
          // that ends unwoken, so slow commits (a loaded database) cost few extra wake-ups.
          long bound = maxParkNanos;
          while (status == PENDING) {
            LockSupport.parkNanos(this, bound);
            if (Thread.interrupted()) {
              interrupted = true;
            }
            if (bound < MAX_PARK_BOUND_NANOS) {
              bound = Math.min(2 * bound, MAX_PARK_BOUND_NANOS);
            }
          }
        }
      } finally {
        // Also when the wait itself threw: followers that are done must not stay parked for us,
        // and an interrupt taken while parked goes back to the caller.
        if (status != PENDING) {
          wakeFollowers();
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      if (status == FAILED) {
        throw Objects.requireNonNull(failure);
      }
      LedgerRecord r = record;
      PreparedEvent ev = written;
      if (r == null || ev == null) {
        return null;
      }
      return new LedgerEntry(r.seq(), r.eventType(), ev.timestamp(), ev.payload(),
          r.previousHash(), r.entryHash(), ev.personalData());
    }
  }

  /**
   * Completes a batch that was sequenced (and, unless ASYNC acknowledges early, committed) and
   * wakes its callers: the writer wakes only the root of the wake-up tree.
   *
   * <p>Statuses are set from the last request to the first: a request's followers in the tree
   * come after it, so a caller that sees its own request done (spinning or woken) knows that the
   * followers it is about to wake are done too, and none of them can be woken too early and park
   * again with nobody left to wake it.
   */
  private static void complete(List<Pending> batch, Built built) {
    group(batch);
    for (int i = batch.size() - 1; i >= 0; i--) {
      batch.get(i).succeed(built.records.get(i), built.events.get(i));
    }
    batch.get(0).wake();
  }

  /** Fails a batch; in the same order and with the same wake-up as {@link #complete}. */
  private static void fail(List<Pending> batch, RuntimeException e) {
    group(batch);
    for (int i = batch.size() - 1; i >= 0; i--) {
      batch.get(i).fail(e);
    }
    batch.get(0).wake();
  }

  /** Puts the batch's pending requests in one wake-up tree; done ones keep theirs. */
  static Pending @Nullable [] group(List<Pending> batch) {
    int n = batch.size();
    Pending[] group = n > 1 ? batch.toArray(new Pending[n]) : null;
    for (int i = 0; i < n; i++) {
      Pending p = batch.get(i);
      if (!p.isDone()) { // set before the status says done, which publishes it
        p.group = group;
        p.slot = i;
      }
    }
    return group;
  }

  /** Completes one request on its own, outside any batch. */
  private static void completeAlone(Pending p, @Nullable RuntimeException failure) {
    if (failure != null) {
      p.fail(failure);
    } else {
      p.succeed(null, null);
    }
    p.wake();
  }

  private final LedgerStorage storage;
  private final ChainState state;
  private final Durability durability;
  private final Clock clock;
  private final SaltSource salts;
  private volatile @Nullable NoteSigner signer; // set before the first checkpoint
  private final long checkpointEvery;
  private final long checkpointIntervalNanos;
  // Lock-free: callers never contend on a lock to hand over an entry, and wake the writer only
  // when it is parked (writerParked), not on every entry.
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final MessageDigest sha = Commitments.sha256(); // writer thread only
  private final ArrayList<Pending> batch = new ArrayList<>(); // writer thread only
  private volatile @Nullable Thread thread;
  private volatile boolean writerParked;
  private @Nullable Pending carry;
  private List<Pending> inFlight = List.of(); // the batch being committed; writer thread only
  private boolean needsResync;
  private volatile boolean closed;
  private volatile boolean exited;
  private volatile @Nullable RuntimeException broken;

  LedgerWriter(
      LedgerStorage storage,
      ChainState state,
      Durability durability,
      Clock clock,
      SaltSource salts,
      long checkpointEvery,
      long checkpointIntervalNanos) {
    this.storage = storage;
    this.state = state;
    this.durability = durability;
    this.clock = clock;
    this.salts = salts;
    this.checkpointEvery = checkpointEvery;
    this.checkpointIntervalNanos = checkpointIntervalNanos;
  }

  /**
   * Opening thread, before {@link #start()}: takes the stored entries into the state, trusting
   * their recorded hashes (verification re-hashes them when asked). Streams only the hashes and
   * columns of every entry, then reads whole entries only where the ledger needs their payload: the
   * genesis entry, key rotations and the last checkpoint. At a million entries that is a few
   * hundred megabytes less to read than scanning every entry.
   */
  void load() {
    long size = storage.size();
    List<Long> toInterpret = new ArrayList<>();
    long[] lastCheckpoint = {-1};
    storage.scanHashes(0, size, (seq, type, timestamp, entryHash) -> {
      if (seq != state.nextSeq) {
        throw new LedgerIntegrityException(state.nextSeq,
            "storage returned entry " + seq + " where entry " + state.nextSeq + " belongs");
      }
      byte[] hash;
      try {
        hash = Commitments.unhex(entryHash);
      } catch (IllegalArgumentException e) {
        hash = new byte[0];
      }
      if (hash.length != 32) {
        throw new LedgerIntegrityException(seq, "stored entry " + seq + " has no valid entry_hash");
      }
      state.absorbColumns(seq, type, timestamp, entryHash, hash);
      if (type.equals(EventType.CHECKPOINT.jsonName())) {
        lastCheckpoint[0] = seq; // only the latest checkpoint matters to the state
      } else if (ChainState.interpreted(type)) {
        toInterpret.add(seq);
      }
    });
    if (lastCheckpoint[0] >= 0) {
      toInterpret.add(lastCheckpoint[0]);
      Collections.sort(toInterpret);
    }
    for (long seq : toInterpret) {
      LedgerRecord r = storage.read(seq).orElseThrow(() ->
          new LedgerIntegrityException(seq, "stored entry " + seq + " vanished while the ledger was opened"));
      state.interpret(r, null);
    }
    state.publish();
  }

  /** Opening thread, before {@link #start()}: reads what other processes appended. */
  void resync() {
    catchUp();
    needsResync = false;
  }

  /** Opening thread, before {@link #start()}: the key that signs checkpoints. */
  void signer(NoteSigner signer) {
    this.signer = signer;
  }

  /** Starts the writer thread; before this, {@link #commitNow} may be used from one thread. */
  void start() {
    Thread t = new Thread(this::run, "lexecon-ledger-writer");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** Queues an event; the request completes per the durability mode. */
  Pending submit(PreparedEvent event) {
    return enqueue(new Pending(Kind.EVENT, event));
  }

  /** Queues an on-demand checkpoint; completes with its entry (or null if nothing new). */
  Pending checkpoint() {
    return enqueue(new Pending(Kind.CHECKPOINT, null));
  }

  /** Completes once everything queued before it is committed (or has failed). */
  Pending flush() {
    return enqueue(new Pending(Kind.FLUSH, null));
  }

  private Pending enqueue(Pending p) {
    RuntimeException b = broken;
    if (b != null) {
      completeAlone(p, b);
      return p;
    }
    if (closed) {
      throw new IllegalStateException("the ledger is closed");
    }
    p.spin = callerSpin; // written before the queue publishes p; read only by p's own caller
    queue.offer(p);
    // The writer may have exited between the check and the add: take the request back if so.
    if (exited && queue.remove(p)) {
      RuntimeException why = broken;
      completeAlone(p, why != null ? why : new IllegalStateException("the ledger is closed"));
      return p;
    }
    // Pairs with waitForWork: the writer sets writerParked before its last look at the queue, we
    // read it after our offer, so one of us sees the other.
    if (writerParked) {
      Thread t = thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
    return p;
  }

  /** Stops accepting work, commits everything queued, and stops the thread. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread t = thread;
    if (t == null) {
      exited = true;
      return;
    }
    queue.offer(new Pending(Kind.STOP, null));
    LockSupport.unpark(t);
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    boolean stopped = false;
    try {
      loop();
      stopped = true;
    } catch (RuntimeException | Error e) {
      // A bug, or the JVM running out of memory: say so to every later caller, never hang them.
      broken = new IllegalStateException("the ledger writer stopped: " + e, e);
      LOG.error("ledger writer stopped", e);
      throw e;
    } finally {
      if (!stopped && broken == null) { // a checked exception thrown sneakily by the storage
        broken = new IllegalStateException("the ledger writer stopped");
      }
      RuntimeException why = broken;
      if (!stopped && why != null) {
        // The requests the writer had already taken off the queue: nobody else will complete
        // them, and their callers would stay parked forever.
        abandon(inFlight, why);
        abandon(batch, why);
        Pending c = carry;
        if (c != null) {
          abandon(List.of(c), why);
        }
      }
      exited = true;
      Pending p;
      while ((p = queue.poll()) != null) {
        completeAlone(p, new IllegalStateException("the ledger is closed"));
      }
    }
  }

  /**
   * Fails every request of {@code requests} not done yet, and wakes each caller directly rather
   * than through the wake-up tree: the writer may have stopped halfway through marking a batch.
   */
  private static void abandon(List<Pending> requests, RuntimeException why) {
    for (Pending p : requests) {
      p.fail(why);
      p.wake();
    }
  }

  private void loop() {
    int maxBatch = durability == Durability.SYNC ? 1 : MAX_BATCH;
    while (true) {
      Pending first = carry;
      carry = null;
      if (first == null) {
        first = poll();
        if (first == null) {
          if (checkpointDueByTime()) {
            commitCheckpoint(null);
          }
          continue;
        }
      }
      switch (first.kind) {
        case STOP -> {
          return;
        }
        case FLUSH -> {
          completeAlone(first, null);
          continue;
        }
        case CHECKPOINT -> {
          commitCheckpoint(first);
          continue;
        }
        default -> { }
      }
      List<Pending> batch = this.batch; // reused: nothing keeps the list once commit returns
      batch.clear();
      batch.add(first);
      while (batch.size() < maxBatch) {
        Pending next = queue.poll();
        if (next == null) {
          break;
        }
        if (next.kind != Kind.EVENT) {
          carry = next;
          break;
        }
        batch.add(next);
      }
      commit(batch, false);
      batch.clear();
      if (checkpointEvery > 0 && state.nextSeq - (state.lastCheckpointSeq + 1) >= checkpointEvery) {
        commitCheckpoint(null);
      }
    }
  }

  /** The next request, or null when the checkpoint interval may have passed (or on an interrupt). */
  private @Nullable Pending poll() {
    Pending p = queue.poll();
    if (p != null) {
      return p;
    }
    if (SPINNERS > 0 && writerSpin.worthSpinning()) {
      // The next request often arrives within microseconds (a caller building its next entry);
      // catching it spinning saves the caller an unpark of a parked writer, which costs tens of
      // microseconds on an idle virtual machine. Only with a core to spare, as for callers.
      long until = System.nanoTime() + SPIN_NANOS;
      do {
        Thread.onSpinWait();
        p = queue.poll();
        if (p != null) {
          writerSpin.spun(true);
          return p;
        }
      } while (System.nanoTime() - until < 0);
      writerSpin.spun(false);
    }
    writerParked = true;
    try {
      p = queue.poll();
      if (p != null) {
        return p;
      }
      if (checkpointIntervalNanos <= 0 || !hasUncheckpointedEntries()) {
        // Nothing to checkpoint until something arrives: no need to wake up.
        LockSupport.park(this);
      } else {
        long wait = state.lastCheckpointNanos + checkpointIntervalNanos - System.nanoTime();
        LockSupport.parkNanos(this, Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1)));
      }
      // Only close() stops the writer; an interrupt from elsewhere must not lose queued entries.
      Thread.interrupted();
      return queue.poll();
    } finally {
      writerParked = false;
    }
  }

  private boolean checkpointDueByTime() {
    return checkpointIntervalNanos > 0
        && System.nanoTime() - state.lastCheckpointNanos >= checkpointIntervalNanos
        && hasUncheckpointedEntries();
  }

  private boolean hasUncheckpointedEntries() {
    return state.nextSeq > state.lastCheckpointSeq + 1;
  }

  /** Appends a checkpoint unless nothing was appended since the last one. */
  private void commitCheckpoint(@Nullable Pending request) {
    if (!hasUncheckpointedEntries() && state.lastCheckpointSeq >= 0) {
      if (request != null) {
        completeAlone(request, null); // the latest checkpoint is current
      }
      return;
    }
    Pending p = request != null ? request : new Pending(Kind.CHECKPOINT, null);
    commit(List.of(p), false);
  }

  /**
   * Commits one batch from the opening thread, before the writer thread starts (genesis, key
   * announcement). Throws what the commit failed with.
   */
  @Nullable LedgerEntry commitNow(PreparedEvent event) {
    Pending p = new Pending(Kind.EVENT, event);
    commit(List.of(p), event.eventType().equals(EventType.GENESIS.jsonName()));
    return p.await(); // done already; rethrows what the commit failed with
  }

  /**
   * Sequences, hashes and commits a batch, catching up and retrying on lost races. Completes every
   * future in the batch, normally or exceptionally; never throws.
   */
  private void commit(List<Pending> batch, boolean dropGenesisOnConflict) {
    inFlight = batch;
    commitBatch(batch, dropGenesisOnConflict);
    inFlight = List.of(); // not in a finally: if the commit threw, run() fails what is left
  }

  private void commitBatch(List<Pending> batch, boolean dropGenesisOnConflict) {
    RuntimeException b = broken;
    if (b != null) {
      fail(batch, b);
      return;
    }
    boolean acknowledged = false;
    int stalled = 0;
    long racingSince = 0;
    for (int attempt = 1; ; attempt++) {
      Built built;
      try {
        if (needsResync) {
          catchUp();
          needsResync = false;
        }
        built = build(batch);
      } catch (LedgerIntegrityException e) {
        broken = e;
        LOG.error("ledger writer stopped: {}", e.getMessage());
        fail(batch, e);
        return;
      } catch (RuntimeException e) {
        needsResync = true;
        fail(batch, e);
        return;
      }
      if (durability == Durability.ASYNC && !acknowledged) {
        complete(batch, built);
        acknowledged = true;
      }
      long at = state.nextSeq;
      try {
        storage.append(at, built.records);
      } catch (LedgerConflictException e) {
        needsResync = true;
        if (dropGenesisOnConflict && at == 0) {
          // Another process created the ledger first: adopt its genesis instead of ours.
          completeAlone(batch.get(0), null);
          return;
        }
        if (attempt == 1) {
          racingSince = System.nanoTime();
        }
        if (e.actualNextSeq() >= 0 && e.actualNextSeq() <= at) {
          stalled++; // the head did not move: nobody won, the storage refuses for another reason
        }
        if (stalled >= MAX_ATTEMPTS
            || System.nanoTime() - racingSince >= TimeUnit.MILLISECONDS.toNanos(MAX_RACING_MILLIS)) {
          LOG.warn("ledger append gave up after {} lost races ({} without progress) at seq {}",
              attempt, stalled, at);
          failOrLose(batch, e, acknowledged);
          return;
        }
        backoff(attempt);
        continue;
      } catch (RuntimeException e) {
        needsResync = true;
        failOrLose(batch, e, acknowledged);
        return;
      }
      try {
        for (int i = 0; i < built.records.size(); i++) {
          PreparedEvent ev = built.events.get(i);
          state.absorb(built.records.get(i), built.hashes[i], ev.payload());
        }
      } catch (LedgerIntegrityException e) {
        broken = e; // our own entry could not be read back: a bug, never seen in practice
        LOG.error("ledger writer stopped: {}", e.getMessage());
      }
      state.publish();
      if (!acknowledged) {
        complete(batch, built);
      }
      return;
    }
  }

  /** A batch sequenced on top of the current head. */
  private record Built(List<PreparedEvent> events, List<LedgerRecord> records, byte[][] hashes) {}

  /** Builds the batch's records on top of the current head. */
  private Built build(List<Pending> batch) {
    int n = batch.size();
    Built built = new Built(new ArrayList<>(n), new ArrayList<>(n), new byte[n][]);
    long seq = state.nextSeq;
    String previous = state.headHash;
    for (int i = 0; i < n; i++) {
      Pending p = batch.get(i);
      PreparedEvent ev = p.kind == Kind.CHECKPOINT ? checkpointEvent(seq, i) : p.event;
      byte[] entry =
          EntryCodec.encode(seq, ev.eventType(), ev.payloadBytes(), previous, ev.timestampText());
      byte[] hash = new byte[32];
      sha.update(entry);
      try {
        sha.digest(hash, 0, 32);
      } catch (DigestException e) {
        throw new IllegalStateException(e);
      }
      String hex = Commitments.hex(hash);
      built.events.add(ev);
      built.records.add(
          new LedgerRecord(
              seq, ev.eventType(), ev.timestampText(), previous, hex, entry, ev.sideRecord()));
      built.hashes[i] = hash;
      previous = hex;
      seq++;
    }
    return built;
  }

  /** Signs the tree of every committed entry; only valid as the first entry of a batch. */
  private PreparedEvent checkpointEvent(long seq, int index) {
    if (index != 0 || seq != state.tree.size()) {
      throw new IllegalStateException("a checkpoint must open its batch");
    }
    NoteSigner key = signer;
    String origin = state.origin;
    if (key == null || origin == null) {
      throw new IllegalStateException("the ledger has no checkpoint key or origin yet");
    }
    Checkpoint cp = Checkpoint.of(origin, seq, state.tree.root());
    SignedNote note = cp.sign(key);
    return PreparedEvent.prepare(
        EventType.CHECKPOINT.jsonName(), LedgerEvents.checkpoint(cp, note), clock.instant(), salts);
  }

  /**
   * Reads entries other processes appended since our head, checks that each is intact and links
   * to the chain, and takes them into the state.
   */
  private void catchUp() {
    long size = storage.size();
    while (state.nextSeq < size) {
      List<LedgerRecord> page = storage.read(state.nextSeq, 1024);
      if (page.isEmpty()) {
        break;
      }
      for (LedgerRecord r : page) {
        long seq = state.nextSeq;
        byte[] hash = new byte[32];
        sha.update(r.entry());
        try {
          sha.digest(hash, 0, 32);
        } catch (DigestException e) {
          throw new IllegalStateException(e);
        }
        EntryCodec.Header h;
        try {
          h = EntryCodec.parse(r.entry());
        } catch (IllegalArgumentException e) {
          throw new LedgerIntegrityException(seq, "stored entry " + seq + " is malformed: " + e.getMessage());
        }
        if (r.seq() != seq || h.seq() != seq) {
          throw new LedgerIntegrityException(seq, "storage returned entry " + r.seq() + " for seq " + seq);
        }
        if (!Commitments.hex(hash).equals(r.entryHash())) {
          throw new LedgerIntegrityException(seq,
              "stored entry " + seq + " does not hash to its recorded entry_hash");
        }
        if (!h.previousHash().equals(state.headHash) || !r.previousHash().equals(state.headHash)) {
          throw new LedgerIntegrityException(seq,
              "stored entry " + seq + " does not link to entry " + (seq - 1) + " (fork)");
        }
        state.absorb(r, hash, null);
      }
    }
    state.publish();
  }

  private static void backoff(int attempt) {
    if (attempt == 1) {
      return; // the other writer has just committed; an immediate retry usually wins
    }
    long cap = Math.min(MAX_BACKOFF_MILLIS, 1L << Math.min(attempt - 2, 20));
    long micros = ThreadLocalRandom.current().nextLong(cap * 500, cap * 1000 + 1);
    LockSupport.parkNanos(micros * 1000);
  }

  private void failOrLose(List<Pending> batch, RuntimeException e, boolean acknowledged) {
    if (acknowledged) {
      LOG.warn("ledger storage failed; {} asynchronously acknowledged entries were lost: {}",
          batch.size(), e.toString());
    } else {
      fail(batch, e);
    }
  }
}

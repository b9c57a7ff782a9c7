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
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: whoever holds the turn takes prepared events from a queue, gives them
 * consecutive sequence numbers and hashes on top of the head, and commits them to storage in
 * batches (group commit). One turn per process is what keeps the chain from forking inside the
 * process; the storage's conditional append keeps it from forking between processes.
 *
 * <h2>Who writes</h2>
 *
 * Under {@code GROUP} and {@code SYNC} the callers themselves write: a caller waiting for its
 * commit takes the turn if it is free and commits everything queued, its own event and those of
 * callers that queued meanwhile, who find theirs done (flat combining, as in group commit's
 * leader and followers). Handing each event to a dedicated thread cost two thread wake-ups per
 * commit, which on two cores were most of the cost of an in-memory append. Under {@code ASYNC}
 * callers return once their event is sequenced, before the storage commits it, so there a
 * dedicated writer thread does all the writing. The thread exists in every mode: it signs
 * checkpoints when their interval passes with nobody appending, takes over when a caller leaves
 * requests behind ({@link #writeOrWait}), and stops the ledger on {@link #close}.
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
   * handoff is a good part of the cost. A caller that does not write its request itself parks
   * until it is done; whoever writes completes a whole batch and wakes only its first caller, and
   * each woken caller wakes two more ({@link #wakeFollowers}), so waking {@code n} callers costs
   * the writing thread one {@code unpark} rather than {@code n}, and the callers share the rest
   * in parallel.
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
    // Written by whoever writes before the volatile write of status, read by the caller after it.
    private @Nullable LedgerRecord record;
    private @Nullable PreparedEvent written;
    private @Nullable RuntimeException failure;
    private Pending @Nullable [] group;
    private int slot;
    private volatile int status = PENDING;
    private volatile @Nullable Thread waiter;
    /** Set when queued; null for requests completed on the caller's thread. */
    private @Nullable SpinPolicy spin;
    /** Set when queued if callers write (GROUP, SYNC): the ledger whose turn this caller takes. */
    private @Nullable LedgerWriter writer;
    /** Read and written by this request's own caller only. */
    private boolean followersWoken;

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

    /**
     * Spins for at most {@link #SPIN_NANOS} while the request is pending and, when {@code busy} is
     * given, while another thread holds that turn to write, if a core is free. Returns whether
     * the wait ended early: the request is done, or the turn came free.
     */
    private boolean spinWhilePending(@Nullable ReentrantLock busy) {
      SpinPolicy policy = spin;
      if (policy == null || SPINNERS <= 0 || !policy.worthSpinning()) {
        return false;
      }
      if (SPINNING.incrementAndGet() > SPINNERS) {
        SPINNING.decrementAndGet(); // enough callers spin already: park at once
        return false;
      }
      try {
        long until = System.nanoTime() + SPIN_NANOS;
        // The clock is read every 32 pauses: reading it on every turn of the loop put
        // clock_gettime among the hottest symbols of a two-caller profile.
        for (int i = 1; status == PENDING && (busy == null || busy.isLocked()); i++) {
          Thread.onSpinWait();
          if ((i & 31) == 0 && System.nanoTime() - until >= 0) {
            break;
          }
        }
        boolean caught = status != PENDING || (busy != null && !busy.isLocked());
        policy.spun(caught);
        return caught;
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

    /** Wakes, once, the two callers after this one in its batch's wake-up tree. */
    private void wakeFollowers() {
      Pending[] g = group;
      if (g == null || followersWoken) {
        return;
      }
      followersWoken = true;
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
        LedgerWriter w = writer;
        if (w != null) {
          w.writeOrWait(this);
        } else if (status == PENDING) {
          spinWhilePending(null);
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
            if (w != null && status == PENDING) {
              w.writeOrWait(this); // the same net under the turn: write it ourselves if free
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
  // Lock-free: callers never contend on a lock to hand over an entry. Under ASYNC they wake the
  // writer thread only when it is parked (writerParked), not on every entry; under GROUP and SYNC
  // they take the turn and write themselves.
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  /**
   * The turn to write: whoever holds it (the writer thread, or under GROUP and SYNC a waiting
   * caller) takes requests off the queue and commits them. Guards everything below that says
   * "turn only", and the chain state's writer side.
   */
  private final ReentrantLock turn = new ReentrantLock();
  /** Whether callers take the turn themselves (GROUP, SYNC) rather than wait for the thread. */
  private final boolean callersWrite;
  private final MessageDigest sha = Commitments.sha256(); // turn only
  private final ArrayList<Pending> batch = new ArrayList<>(); // turn only
  private volatile @Nullable Thread thread;
  private volatile boolean writerParked;
  /**
   * Set (under the turn) when the writer thread parks with no checkpoint timer running because
   * nothing was uncheckpointed; a caller that then commits entries wakes it to start the timer.
   */
  private volatile boolean writerIdle;
  /** A STOP reached the head of the queue: only the writer thread goes on from here. */
  private volatile boolean stopQueued;
  /**
   * A request taken off the queue but not yet handled (it ended a batch): written under the turn,
   * volatile so that whoever gives the turn up sees it as work left ({@link #workQueued}).
   */
  private volatile @Nullable Pending carry;
  private List<Pending> inFlight = List.of(); // the batch being committed; turn only
  private int stepsAfterOwn; // set by writeTurn; turn only
  private boolean slowStep; // set by writeTurn: a step took longer than a spin; turn only
  private boolean countedCheckpointDue; // the last batch brought the count to a checkpoint; turn only
  /** A caller's interrupt taken during its turn, to be restored when the turn ends; turn only. */
  private boolean interruptTaken;
  /** Retries of one batch after a storage failure while the writing caller was interrupted. */
  static final int MAX_INTERRUPT_RETRIES = 3;
  private long refusedCheckpointAt = -1; // the head at which the storage refused a checkpoint
  private long refusedCheckpointNanos; // when; both turn only
  private boolean needsResync; // turn only
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
    this.callersWrite = durability != Durability.ASYNC;
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
    if (turn.isHeldByCurrentThread()) {
      // A storage (or something it calls) appending to the ledger it is committing for: the
      // request could never be written, since this thread is the one writing.
      throw new IllegalStateException(
          "cannot append to the ledger from inside its own commit (the storage called back into"
              + " the ledger)");
    }
    RuntimeException b = broken;
    if (b != null) {
      completeAlone(p, b);
      return p;
    }
    if (closed) {
      throw new IllegalStateException("the ledger is closed");
    }
    p.spin = callerSpin; // written before the queue publishes p; read only by p's own caller
    if (callersWrite) {
      p.writer = this;
    }
    queue.offer(p);
    // The writer may have exited between the check and the add: take the request back if so.
    if (exited && queue.remove(p)) {
      RuntimeException why = broken;
      completeAlone(p, why != null ? why : new IllegalStateException("the ledger is closed"));
      return p;
    }
    // Pairs with awaitWork: the writer sets writerParked before its last look at the queue, we
    // read it after our offer, so one of us sees the other. Callers who write need no writer.
    if (!callersWrite && writerParked) {
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
      loop(); // a bug or an Error ends it after writeTurn recorded it and failed what it held
      stopped = true;
    } finally {
      if (!stopped) {
        RuntimeException why = broken;
        if (why == null) { // thrown outside a turn: nothing else recorded it
          why = new IllegalStateException("the ledger writer stopped");
          broken = why;
        }
        // A second line of defence: writeTurn failed what it had taken, but whatever escaped
        // must not leave a caller waiting on a request nobody will complete.
        turn.lock();
        try {
          abandonTaken(why);
        } finally {
          turn.unlock();
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

  /** What one step of writing found. */
  private enum Step { WROTE, IDLE, STOP }

  /**
   * The writer thread. Under ASYNC it does all the writing. Under GROUP and SYNC the callers write
   * and the thread only checkpoints when their interval passes with nobody appending, takes over
   * when a caller leaves requests behind ({@link #writeOrWait}), and stops the ledger; it takes
   * the turn only if it is free, since whoever holds it looks at the queue again when done.
   */
  private void loop() {
    long parkNanos = 0;
    // The first pass takes a turn before any wait, which arms the checkpoint timer. The thread
    // parks nowhere else between turns: a wake-up taken by another park (a contended lock, say)
    // would be lost.
    boolean first = true;
    while (true) {
      if (!first) {
        awaitWork(parkNanos);
      }
      first = false;
      do {
        if (!callersWrite || stopQueued || broken != null) {
          // Under ASYNC nobody else takes the turn. A caller that met the STOP or broke the
          // ledger woke us while still holding it, and leaves the rest to us: wait for it.
          turn.lock();
        } else if (!turn.tryLock()) {
          // A caller is writing and will look at the queue when it is done; look at the timer
          // again within an interval, since that caller's commit found the thread awake.
          parkNanos = checkpointIntervalNanos;
          break;
        }
        try {
          if (writeTurn(Integer.MAX_VALUE, null) == Step.STOP) {
            return;
          }
          parkNanos = timerNanos();
        } finally {
          turn.unlock();
        }
        // A caller may have queued a request while the turn was ours and parked, relying on us.
      } while (callersWrite && workQueued());
    }
  }

  /**
   * Holding the turn: writes step after step until the queue is empty or a STOP is next, or until
   * {@code own} is done and {@code budget} steps (counting the one that completed it) were taken
   * with no checkpoint due; {@link #stepsAfterOwn} says how many were. A bug or an Error on the
   * way, or a checked exception a storage throws undeclared (never a storage failure: the commit
   * fails its batch for those), breaks the ledger: every request taken off the queue is failed
   * and every later one is refused. On the writer thread the throwable is rethrown and ends the
   * thread; a caller returns {@link Step#STOP} and wakes the writer thread to fail what is still
   * queued, its own request among them if it was not taken yet.
   */
  private Step writeTurn(int budget, @Nullable Pending own) {
    stepsAfterOwn = 0;
    slowStep = false;
    try {
      while (true) {
        long started = own != null ? System.nanoTime() : 0;
        Step s = step();
        if (s != Step.WROTE) {
          return s;
        }
        if (own != null && own.isDone()) {
          // Callers below ours in the wake-up tree must not wait for the steps we write for others.
          own.wakeFollowers();
          // A step slower than a spin (a storage that syncs to disk) is not written for others:
          // the caller would wait for their commits instead of deciding its next request, and
          // batches would shrink to one entry each. The writer thread takes over then.
          slowStep |= System.nanoTime() - started > slowStepNanos;
          if ((++stepsAfterOwn >= budget || slowStep) && !checkpointDue()) {
            return s; // a due checkpoint is written first: nobody may come to write it
          }
        }
      }
    } catch (Throwable e) { // also a checked exception a storage throws undeclared
      RuntimeException why = new IllegalStateException("the ledger writer stopped: " + e, e);
      broken = why;
      LOG.error("ledger writer stopped", e);
      abandonTaken(why);
      if (own == null) {
        throw LedgerWriter.<RuntimeException>sneaky(e); // ends the writer thread
      }
      wakeWriterThread(); // parked callers wait on queued requests: the thread fails them now
      return Step.STOP;
    }
  }

  /** Holding the turn: fails the requests taken off the queue and not completed yet. */
  private void abandonTaken(RuntimeException why) {
    abandon(inFlight, why);
    abandon(batch, why);
    inFlight = List.of();
    batch.clear();
    Pending c = carry;
    if (c != null && c.kind != Kind.STOP) {
      carry = null;
      abandon(List.of(c), why);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /**
   * Holding the turn: handles the next request, or the next batch of events. A STOP is left at
   * the head for the writer thread, which stops on it; nothing queued after it is written.
   */
  private Step step() {
    if (checkpointDue()) {
      // Its own step, after the batch that made it due: the writer of that batch has woken the
      // batch's callers (writeTurn) before it signs and commits the checkpoint.
      long head = state.nextSeq;
      commitCheckpoint(null);
      if (state.nextSeq == head) { // the storage refused it: not again at once, nor in a loop
        refusedCheckpointAt = head;
        refusedCheckpointNanos = System.nanoTime();
      }
      return Step.WROTE;
    }
    Pending first = carry;
    carry = null;
    if (first == null) {
      first = queue.poll();
      if (first == null) {
        return Step.IDLE;
      }
    }
    switch (first.kind) {
      case STOP -> {
        carry = first;
        stopQueued = true;
        wakeWriterThread(); // a caller holding the turn met it: the thread must stop on it
        return Step.STOP;
      }
      case FLUSH -> {
        completeAlone(first, null);
        return Step.WROTE;
      }
      case CHECKPOINT -> {
        commitCheckpoint(first);
        return Step.WROTE;
      }
      default -> { }
    }
    int maxBatch = durability == Durability.SYNC ? 1 : MAX_BATCH;
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
    // Counted only after a batch: a ledger reopened with many entries since its last checkpoint
    // writes its next event first, as it always has, and the checkpoint right after it.
    countedCheckpointDue = checkpointEvery > 0
        && state.nextSeq - (state.lastCheckpointSeq + 1) >= checkpointEvery;
    if (writerIdle) { // entries to checkpoint now: the idle writer thread must start the timer
      writerIdle = false;
      Thread t = thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
    return Step.WROTE;
  }

  /**
   * A caller's wait under GROUP and SYNC, where callers write: while {@code own} is pending, takes
   * the turn whenever it is free and writes what is queued, its own request and everyone else's;
   * while another thread holds the turn, spins a moment if a core is free. Returns when {@code
   * own} is done, or when the caller should park: then the thread holding the turn commits
   * {@code own}, or looks at the queue again after giving the turn up and takes it again.
   *
   * <p>Two callers on two cores thus never hand an entry to a third thread and never wait for a
   * wake-up. Whoever gives up the turn looks at the queue once more: a request queued while it
   * held the turn (its caller failed to take it) would otherwise be left with nobody to write it.
   * A caller writes at most {@value #STEPS_AFTER_OWN} steps (batches, flushes, checkpoints),
   * counting the one that completed its own request, and any checkpoint that became due, then
   * wakes the writer thread to go on, so no caller is kept writing for the others indefinitely;
   * after a step slower than a spin ({@link #SPIN_NANOS}: a storage that syncs to disk) it writes
   * nothing more for others, since it would otherwise wait for their commits instead of making
   * its next request, and the writer thread batches what queued meanwhile.
   *
   * <p>The caller's interrupt status is cleared while it writes and restored after, so storage
   * I/O does not see it. An interrupt that arrives during the write may still make the storage
   * fail (a pool's {@code getConnection}, a retry's sleep); the batch, which holds other callers'
   * entries, is then written again, up to {@value #MAX_INTERRUPT_RETRIES} times, and the interrupt
   * is kept for the caller.
   */
  void writeOrWait(Pending own) {
    int budget = STEPS_AFTER_OWN;
    boolean held = false; // only who gave the turn up must look at the queue again
    while (!stopQueued) {
      if (own.isDone()) {
        if (!held || !workQueued()) {
          return;
        }
        if (budget <= 0) {
          wakeWriterThread();
          return;
        }
      }
      if (turn.tryLock()) {
        boolean interrupted = Thread.interrupted();
        Step s;
        try {
          s = writeTurn(budget, own);
          budget = slowStep ? 0 : budget - stepsAfterOwn;
          held = true;
        } finally {
          if (interruptTaken) {
            interruptTaken = false;
            interrupted = true;
          }
          turn.unlock();
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
        if (s == Step.STOP || (s == Step.IDLE && !own.isDone())) {
          return; // stopping (the writer thread completes it), or taken by a broken turn
        }
        continue;
      }
      if (own.isDone() || !own.spinWhilePending(turn)) {
        return; // the thread holding the turn takes what is queued
      }
    }
  }

  /** Whether a request waits: queued, or taken off the queue but not handled yet. */
  private boolean workQueued() {
    return carry != null || !queue.isEmpty();
  }

  /**
   * A step slower than this ends a caller's writing for others ({@link #SPIN_NANOS}); tests that
   * hold a caller's commit on purpose lift it to see what it then writes for others.
   */
  static volatile long slowStepNanos = SPIN_NANOS;

  /** Steps a caller writes for others after its own request is done. */
  static final int STEPS_AFTER_OWN = 4;

  private void wakeWriterThread() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /**
   * Holding the turn: how long the writer thread may park, 0 for until woken. Sets {@link
   * #writerIdle} when no checkpoint timer runs, so that the next caller to commit wakes it.
   */
  private long timerNanos() {
    if (checkpointIntervalNanos <= 0 || broken != null) {
      return 0; // broken: every checkpoint would fail at once
    }
    if (!hasUncheckpointedEntries()) {
      writerIdle = callersWrite; // under ASYNC every request wakes the parked thread anyway
      return 0;
    }
    long now = System.nanoTime();
    long wait = state.lastCheckpointNanos + checkpointIntervalNanos - now;
    if (state.nextSeq == refusedCheckpointAt && refusalFresh()) {
      wait = Math.max(wait, refusedCheckpointNanos + CHECKPOINT_RETRY_NANOS - now);
    }
    return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
  }

  /**
   * The writer thread, between turns: returns when there may be work. Under ASYNC that is a
   * queued request, found spinning if a core is free or after being woken by its caller; under
   * GROUP and SYNC the callers write, and the thread only wakes when a caller leaves requests
   * behind, for the checkpoint timer, or to stop. Spurious returns are harmless: the turn that
   * follows finds nothing to do.
   */
  private void awaitWork(long parkNanos) {
    if (callersWrite) {
      park(parkNanos); // woken by unpark, whose permit is never lost
      return;
    }
    if (!queue.isEmpty()) {
      return;
    }
    if (SPINNERS > 0 && writerSpin.worthSpinning()) {
      // The next request often arrives within microseconds (a caller building its next entry);
      // catching it spinning saves the caller an unpark of a parked writer, which costs tens of
      // microseconds on an idle virtual machine. Only with a core to spare, as for callers.
      long until = System.nanoTime() + SPIN_NANOS;
      for (int i = 1; ; i++) {
        Thread.onSpinWait();
        if (!queue.isEmpty()) {
          writerSpin.spun(true);
          return;
        }
        if ((i & 31) == 0 && System.nanoTime() - until >= 0) {
          break;
        }
      }
      writerSpin.spun(false);
    }
    writerParked = true;
    try {
      if (queue.isEmpty()) {
        park(parkNanos);
      }
    } finally {
      writerParked = false;
    }
  }

  private void park(long nanos) {
    if (nanos > 0) {
      LockSupport.parkNanos(this, nanos);
    } else {
      LockSupport.park(this);
    }
    // Only close() stops the writer; an interrupt from elsewhere must not lose queued entries.
    Thread.interrupted();
  }

  /**
   * Holding the turn: whether a checkpoint is due by count or by time, and was not just refused
   * by the storage at this head (then it is tried again once entries move the head, or after
   * {@link #CHECKPOINT_RETRY_NANOS}).
   */
  private boolean checkpointDue() {
    if (state.nextSeq == refusedCheckpointAt && refusalFresh()) {
      return false;
    }
    return (countedCheckpointDue && state.nextSeq - (state.lastCheckpointSeq + 1) >= checkpointEvery)
        || checkpointDueByTime();
  }

  private boolean refusalFresh() {
    return System.nanoTime() - refusedCheckpointNanos < CHECKPOINT_RETRY_NANOS;
  }

  /** How long a checkpoint the storage refused waits before it is tried again at the same head. */
  static final long CHECKPOINT_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

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
    inFlight = List.of(); // not in a finally: if the commit threw, writeTurn fails what is left
  }

  private void commitBatch(List<Pending> batch, boolean dropGenesisOnConflict) {
    RuntimeException b = broken;
    if (b != null) {
      fail(batch, b);
      return;
    }
    boolean acknowledged = false;
    int interruptRetries = 0;
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
        // A caller writing for others may be interrupted meanwhile (Future.cancel(true)); a
        // storage that waits (a pool's getConnection, a JDBC retry's sleep) then fails. The
        // interrupt is meant for that caller, not for the others' entries: keep it for the
        // caller, and write the batch again (nothing of a failed append was written).
        if (Thread.currentThread() != thread && interruptRetries < MAX_INTERRUPT_RETRIES
            && Thread.interrupted()) {
          interruptRetries++;
          interruptTaken = true;
          continue;
        }
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
      byte[] entry = ev.entry(seq, previous);
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
        EventType.CHECKPOINT.jsonName(), LedgerEvents.checkpoint(cp, note), clock.instant(), salts,
        seq);
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

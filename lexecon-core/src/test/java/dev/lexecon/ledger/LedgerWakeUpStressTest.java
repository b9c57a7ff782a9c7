package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorageException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hunts lost wake-ups in the caller/writer handoff: the writer marks a batch done and wakes only
 * its first caller, every woken caller wakes two more, so one missed or early wake-up leaves a
 * caller parked forever. A hang is the only symptom, so every round runs under its own short
 * timeout and a failure names the round, the batch size and the stuck callers.
 *
 * <p>Three angles, each sized to run in a few seconds on two loaded cores:
 *
 * <ul>
 *   <li>The wake-up tree itself, driven directly with an adversary that injects spurious
 *       wake-ups ({@code LockSupport.park} may return at any time) while the batch is being marked
 *       done: deterministic for an early wake-up (a parent seen done before its children), and
 *       for a missing wake-up of any child.
 *   <li>The whole ledger, with batches of exactly {@code n} parked callers for every {@code n} in
 *       1..70 (tree levels end at 1, 3, 7, 15, 31, 63), half of them refused by the storage, then
 *       free-running rounds with a storage that yields and sleeps at random, refuses batches, and
 *       callers that are interrupted while they wait.
 *   <li>The writer dying or closing while callers wait on a batch: they must fail, not hang.
 * </ul>
 */
@DisplayName("Ledger wake-up tree under stress")
@ExtendWith(UnboundedParks.class) // a lost wake-up must hang where the timeouts see it
class LedgerWakeUpStressTest {
  private static final int MAX_CALLERS = 70;
  /** A round that takes this long is a hang: rounds take milliseconds even on a loaded machine. */
  private static final long ROUND_TIMEOUT_MILLIS = 10_000;

  // ---------------------------------------------------------------------------------------------
  // 1. The tree alone, with an adversary injecting spurious wake-ups mid-completion.
  // ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("wake-up tree: no caller stays parked, whatever spurious wake-ups happen while a batch is marked done")
  void treeSurvivesSpuriousWakeUps() throws Exception {
    Method complete = writerMethod("complete", List.class, builtClass());
    Method fail = writerMethod("fail", List.class, RuntimeException.class);
    Constructor<?> built = builtClass().getDeclaredConstructor(List.class, List.class, byte[][].class);
    built.setAccessible(true);
    SplittableRandom random = new SplittableRandom(0x5eed);
    List<Integer> sizes = new ArrayList<>();
    for (int n = 1; n <= MAX_CALLERS; n++) {
      sizes.add(n);
    }
    sizes.addAll(List.of(126, 127, 128, 129, 130, 255, 256, 257));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    int round = 0;
    for (int pass = 0; pass < 1 || (pass < 6 && System.nanoTime() < deadline); pass++) {
      for (int n : sizes) {
        boolean failing = (round & 1) == 1;
        treeRound(round++, n, failing, complete, fail, built, random.split());
      }
    }
  }

  private static void treeRound(
      int round, int n, boolean failing, Method complete, Method fail, Constructor<?> builtCtor,
      SplittableRandom random) throws Exception {
    List<LedgerWriter.Pending> pendings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pendings.add(new LedgerWriter.Pending(LedgerWriter.Kind.EVENT, null));
    }
    RuntimeException failure = new LedgerStorageException("refused for the test");
    Thread[] threads = new Thread[n];
    AtomicInteger wrong = new AtomicInteger();
    // Most callers are parked before the batch completes; some arrive only afterwards and find
    // their request done without parking, as callers do when the writer is quick.
    boolean[] late = new boolean[n];
    for (int i = 0; i < n; i++) {
      late[i] = random.nextInt(5) == 0;
      LedgerWriter.Pending p = pendings.get(i);
      threads[i] = new Thread(() -> {
        try {
          Object r = p.await();
          if (failing || r != null) {
            wrong.incrementAndGet();
          }
        } catch (LedgerStorageException e) {
          if (!failing || e != failure) {
            wrong.incrementAndGet();
          }
        } catch (Throwable t) {
          wrong.incrementAndGet();
        }
      }, "tree-caller-" + i);
      threads[i].setDaemon(true);
    }
    for (int i = 0; i < n; i++) {
      if (!late[i]) {
        threads[i].start();
      }
    }
    for (int i = 0; i < n; i++) {
      if (!late[i]) {
        awaitParked(threads[i], pendings.get(i));
      }
    }
    // The adversary runs each time the writer reads the next request of the batch, that is between
    // two status writes: it wakes some callers for no reason, as park allows. A woken caller whose
    // request is done goes on to wake its followers; the adversary lets that settle, so that a
    // follower woken too early has parked again before the writer marks it done.
    double spurious = random.nextInt(3) == 0 ? 0.0 : 0.3;
    List<LedgerWriter.Pending> batch = new AbstractList<>() {
      @Override
      public LedgerWriter.Pending get(int index) {
        if (spurious > 0 && random.nextDouble() < spurious) {
          wakeSome(pendings, threads, late, random);
        }
        return pendings.get(index);
      }

      @Override
      public int size() {
        return pendings.size();
      }
    };
    try {
      if (failing) {
        fail.invoke(null, batch, failure);
      } else {
        Object built = builtCtor.newInstance(
            Collections.nCopies(n, null), Collections.nCopies(n, null), new byte[n][]);
        complete.invoke(null, batch, built);
      }
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    }
    for (int i = 0; i < n; i++) {
      if (late[i]) {
        threads[i].start();
      }
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_TIMEOUT_MILLIS);
    List<Integer> stuck = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      threads[i].join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
      if (threads[i].isAlive()) {
        stuck.add(i);
      }
    }
    if (!stuck.isEmpty()) {
      fail("tree round %d (%s, %d callers, spurious wake-ups %s): callers in slots %s never woke"
          + " although their requests are done: %s",
          round, failing ? "failed batch" : "committed batch", n, spurious > 0, stuck,
          stuck.stream().map(i -> pendings.get(i).isDone()).toList());
    }
    assertThat(wrong.get()).as("callers that got the wrong outcome").isZero();
  }

  /** Spuriously wakes a few callers; waits for those whose request is done to finish. */
  private static void wakeSome(
      List<LedgerWriter.Pending> pendings, Thread[] threads, boolean[] late, SplittableRandom random) {
    int n = threads.length;
    boolean woke = false;
    for (int k = 0; k < 3; k++) {
      int i = random.nextInt(n);
      Thread t = threads[i];
      if (late[i] || !t.isAlive()) {
        continue;
      }
      LockSupport.unpark(t);
      woke = true;
      if (pendings.get(i).isDone()) {
        try {
          t.join(ROUND_TIMEOUT_MILLIS); // it returns at once: its request is done
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (woke) {
      // Let followers woken by those callers run, see their request still pending (if the
      // writer were marking the batch in the wrong order) and park again.
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(300));
      for (int i = 0; i < n; i++) {
        if (!late[i] && threads[i].isAlive() && !pendings.get(i).isDone()) {
          awaitParked(threads[i], pendings.get(i));
        }
      }
    }
  }

  /** Waits (bounded) until {@code t} is parked in {@code p.await()}. */
  private static void awaitParked(Thread t, Object blocker) {
    awaitCondition(5, () -> {
      if (!t.isAlive()) {
        return true;
      }
      Thread.State state = t.getState(); // parked, bounded (the safety net) or not
      return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
          && LockSupport.getBlocker(t) == blocker;
    });
  }

  /**
   * Waits at most {@code seconds} until {@code t} is parked waiting for its request in the
   * ledger (bounded or not: the safety net parks with a timeout); returns whether it did.
   */
  static boolean awaitParkedOnRequest(Thread t, long seconds) {
    return awaitCondition(seconds, () -> {
      Thread.State state = t.getState();
      return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
          && LockSupport.getBlocker(t) instanceof LedgerWriter.Pending;
    });
  }

  /** Polls {@code condition} every 50 µs for at most {@code seconds}; returns whether it held. */
  static boolean awaitCondition(long seconds, java.util.function.BooleanSupplier condition) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < until) {
      if (condition.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
    }
    return false;
  }

  private static Class<?> builtClass() throws ClassNotFoundException {
    return Class.forName(LedgerWriter.class.getName() + "$Built");
  }

  private static Method writerMethod(String name, Class<?>... types) throws NoSuchMethodException {
    Method m = LedgerWriter.class.getDeclaredMethod(name, types);
    m.setAccessible(true);
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // 2. The whole ledger: exact batch sizes, then free-running rounds with jitter and refusals.
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"GROUP", "ASYNC"})
  @DisplayName("every caller of every batch returns: batches of 1..70 parked callers, refusals, jitter, interrupts")
  void everyCallerReturns(Durability durability) throws Exception {
    JitterStorage storage = new JitterStorage(durability.ordinal());
    AtomicLong ids = new AtomicLong();
    ConcurrentLinkedQueue<LedgerEntry> acknowledged = new ConcurrentLinkedQueue<>();
    try (LedgerEngine ledger = LedgerEngine.builder(storage).durability(durability)
            .checkpointEvery(0).checkpointInterval(Duration.ZERO).build();
        Workers workers = new Workers(MAX_CALLERS + 1)) {
      storage.armed = true;
      Random random = new Random(42 + durability.ordinal());
      int round = 0;
      // Exact batch sizes: the writer is held in the storage while n callers queue up and park,
      // so the next batch is exactly those n requests and its tree has exactly n nodes.
      for (int n = 1; n <= MAX_CALLERS; n++) {
        boolean refuse = (n & 1) == 0;
        Round r = gatedRound(round++, ledger, storage, workers, n, refuse, ids, random);
        acknowledged.addAll(r.entries);
        if (durability == Durability.GROUP) {
          assertThat(r.refused.get()).as("round %d: callers of the refused batch of %d", r.index, n)
              .isEqualTo(refuse ? n : 0);
        }
      }
      // Free-running: batches form as they come, the storage yields, sleeps and refuses at random,
      // some callers are interrupted while they wait (a wake-up the tree must not mistake for its
      // own), and threads carry stale permits from one round to the next.
      storage.jitter = true;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      int free = 0;
      while (free < 70 || (free < 2000 && System.nanoTime() < deadline)) {
        int n = 1 + (free * 37 + random.nextInt(3)) % MAX_CALLERS;
        Round r = freeRound(round++, ledger, workers, n, 1 + random.nextInt(3), ids, random);
        acknowledged.addAll(r.entries);
        free++;
      }
      storage.jitter = false;
      storage.armed = false;
      ledger.flush();
      assertThat(ledger.verify().valid()).isTrue();
      if (durability == Durability.GROUP) {
        // Refused batches wrote nothing and failed their callers: what was acknowledged is
        // exactly what is stored. (ASYNC acknowledges before the storage is asked.)
        LedgerConcurrencyTest.assertNothingLostNoFork(storage, new ArrayList<>(acknowledged));
      }
    }
  }

  private static Round gatedRound(
      int index, LedgerEngine ledger, JitterStorage storage, Workers workers, int n, boolean refuse,
      AtomicLong ids, Random random) throws Exception {
    ledger.flush(); // the writer is done with the previous round's appends (ASYNC acks before them)
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(1);
    storage.hold(hold, holding);
    Round opener = new Round(index, 1, 1, ledger, ids);
    workers.run(MAX_CALLERS, opener); // the last worker: its batch of one holds the writer
    if (!holding.await(ROUND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
      fail("round %d: the writer never reached the storage", index);
    }
    Round r = new Round(index, n, 1, ledger, ids);
    for (int i = 0; i < n; i++) {
      workers.run(i, r);
    }
    for (int i = 0; i < n; i++) {
      workers.awaitParked(i);
    }
    storage.refuseBatchOf = refuse ? n : -1;
    if (random.nextBoolean()) {
      Thread.yield();
    }
    hold.countDown();
    opener.await("opener of round " + index, workers);
    r.await("round " + index + " (a batch of exactly " + n + (refuse ? ", refused)" : ")"), workers);
    storage.refuseBatchOf = -1;
    r.entries.addAll(opener.entries);
    return r;
  }

  private static Round freeRound(
      int index, LedgerEngine ledger, Workers workers, int n, int perCaller, AtomicLong ids,
      Random random) throws Exception {
    Round r = new Round(index, n, perCaller, ledger, ids);
    for (int i = 0; i < n; i++) {
      workers.run(i, r);
    }
    if (random.nextInt(4) == 0) {
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(200)));
      for (int k = 0; k < 3; k++) {
        workers.threads[random.nextInt(n)].interrupt();
      }
    }
    r.await("free round " + index + " (" + n + " callers x " + perCaller + ")", workers);
    return r;
  }

  /** One round of appends by {@code n} workers. */
  private static final class Round {
    final int index;
    final int perCaller;
    final LedgerEngine ledger;
    final AtomicLong ids;
    final CountDownLatch done;
    final ConcurrentLinkedQueue<LedgerEntry> entries = new ConcurrentLinkedQueue<>();
    final AtomicInteger refused = new AtomicInteger();
    final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

    Round(int index, int n, int perCaller, LedgerEngine ledger, AtomicLong ids) {
      this.index = index;
      this.perCaller = perCaller;
      this.ledger = ledger;
      this.ids = ids;
      this.done = new CountDownLatch(n);
    }

    void runAs(int worker) {
      Thread.interrupted(); // an interrupt meant for the previous round
      try {
        for (int i = 0; i < perCaller; i++) {
          try {
            entries.add(ledger.append(EventType.EVIDENCE,
                Map.of("caller", ids.incrementAndGet(), "i", i, "worker", worker)));
          } catch (LedgerStorageException e) {
            refused.incrementAndGet();
          }
        }
      } catch (Throwable t) {
        unexpected.add(t);
      } finally {
        done.countDown();
      }
    }

    void await(String what, Workers workers) throws InterruptedException {
      if (!done.await(ROUND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        fail("%s hung: %d callers still waiting%s", what, done.getCount(), workers.parkedCallers());
      }
      assertThat(unexpected).as(what).isEmpty();
    }
  }

  /** Long-lived caller threads, so that permits left over from one round meet the next. */
  private static final class Workers implements AutoCloseable {
    final Thread[] threads;
    final List<BlockingQueue<Round>> inboxes = new ArrayList<>();
    final AtomicBoolean stop = new AtomicBoolean();

    Workers(int count) {
      threads = new Thread[count];
      for (int i = 0; i < count; i++) {
        int worker = i;
        BlockingQueue<Round> inbox = new ArrayBlockingQueue<>(1);
        inboxes.add(inbox);
        threads[i] = new Thread(() -> {
          while (!stop.get()) {
            Round r;
            try {
              r = inbox.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              continue; // an interrupt aimed at the previous round's append
            }
            if (r != null) {
              r.runAs(worker);
            }
          }
        }, "stress-caller-" + i);
        threads[i].setDaemon(true); // a hung caller must not keep the test JVM alive
        threads[i].start();
      }
    }

    void run(int worker, Round r) {
      if (!inboxes.get(worker).offer(r)) {
        throw new IllegalStateException("worker " + worker + " is still busy");
      }
    }

    /** Waits (bounded) until the worker is parked on its request in the ledger. */
    void awaitParked(int worker) {
      awaitParkedOnRequest(threads[worker], 5);
    }

    String parkedCallers() {
      StringBuilder out = new StringBuilder();
      for (Thread t : threads) {
        if (LockSupport.getBlocker(t) instanceof LedgerWriter.Pending p) {
          out.append("\n  ").append(t.getName()).append(" parked on a request done=")
              .append(p.isDone()).append(" at ")
              .append(Arrays.toString(Arrays.copyOf(t.getStackTrace(), 4)));
        }
      }
      return out.toString();
    }

    @Override
    public void close() {
      stop.set(true);
    }
  }

  /**
   * A storage that can hold the writer at a gate, refuse a batch of a given size, and, when
   * jittery, yields, sleeps a few microseconds or refuses a batch at random.
   */
  private static final class JitterStorage extends ListStorage {
    private final SplittableRandom random;
    volatile boolean armed;
    volatile boolean jitter;
    volatile int refuseBatchOf = -1;
    private volatile @Nullable CountDownLatch hold;
    private volatile @Nullable CountDownLatch holding;

    JitterStorage(long seed) {
      super(List.of());
      random = new SplittableRandom(seed);
    }

    void hold(CountDownLatch hold, CountDownLatch holding) {
      this.holding = holding;
      this.hold = hold;
    }

    @Override
    public void append(long expectedNextSeq, List<LedgerRecord> batch) {
      CountDownLatch h = hold;
      if (h != null) { // only the writer thread appends: no race on the gate
        hold = null;
        Objects.requireNonNull(holding).countDown();
        try {
          if (!h.await(ROUND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the test never released the writer");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else if (armed) {
        if (batch.size() == refuseBatchOf) {
          throw new LedgerStorageException("refused for the test (batch of " + batch.size() + ")");
        }
        if (jitter) {
          int dice;
          synchronized (random) {
            dice = random.nextInt(100);
          }
          if (dice < 6) {
            throw new LedgerStorageException("refused at random for the test");
          } else if (dice < 40) {
            Thread.yield();
          } else if (dice < 60) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(dice));
          }
        }
      }
      super.append(expectedNextSeq, batch);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 3. The writer dying, or the ledger closing, while callers wait.
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"GROUP", "SYNC"})
  @DisplayName("callers waiting on a batch whose writer died are failed, not left parked forever")
  void writerDeathFailsWaitingCallers(Durability durability) throws Exception {
    for (int n : new int[] {1, 2, 3, 7, 8, 33}) {
      DyingStorage storage = new DyingStorage();
      LedgerEngine ledger = LedgerEngine.builder(storage).durability(durability)
          .checkpointEvery(0).checkpointInterval(Duration.ZERO).build();
      try (Workers workers = new Workers(n + 1)) {
        // The opener's batch holds the writer while n callers queue up behind it; the writer dies
        // (an Error from the storage) on the batch after it.
        CountDownLatch hold = new CountDownLatch(1);
        storage.dieAt = storage.size() + 1;
        storage.hold = hold;
        Round opener = new Round(0, 1, 1, ledger, new AtomicLong(1_000_000));
        workers.run(n, opener);
        assertThat(storage.holding.await(ROUND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        Round r = new Round(1, n, 1, ledger, new AtomicLong());
        for (int i = 0; i < n; i++) {
          workers.run(i, r);
        }
        for (int i = 0; i < n; i++) {
          workers.awaitParked(i);
        }
        hold.countDown();
        if (!r.done.await(ROUND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
          fail("%s, %d callers: %d callers still parked after the writer died%s",
              durability, n, r.done.getCount(), workers.parkedCallers());
        }
        assertThat(r.entries).isEmpty();
        assertThat(r.unexpected).hasSize(n)
            .allSatisfy(t -> assertThat(t).isInstanceOf(IllegalStateException.class));
        // Later callers are refused at once.
        Round after = new Round(2, 1, 1, ledger, new AtomicLong(2_000_000));
        workers.run(0, after);
        assertThat(after.done.await(ROUND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(after.unexpected).singleElement().isInstanceOf(IllegalStateException.class);
      } finally {
        ledger.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"GROUP", "ASYNC"})
  @DisplayName("close() while callers wait: each gets its entry or IllegalStateException, none hangs")
  void closeWhileCallersWait(Durability durability) throws Exception {
    Random random = new Random(7);
    try (Workers workers = new Workers(MAX_CALLERS)) {
      for (int k = 0; k < 12; k++) {
        JitterStorage storage = new JitterStorage(k);
        LedgerEngine ledger = LedgerEngine.builder(storage).durability(durability)
            .checkpointEvery(5).checkpointInterval(Duration.ZERO).build();
        storage.armed = true;
        storage.jitter = true;
        int n = 1 + random.nextInt(MAX_CALLERS);
        Round r = new Round(k, n, 20, ledger, new AtomicLong());
        for (int i = 0; i < n; i++) {
          workers.run(i, r);
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(3000)));
        ledger.close();
        if (!r.done.await(ROUND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
          fail("close round %d (%d callers): %d callers still waiting after close%s",
              k, n, r.done.getCount(), workers.parkedCallers());
        }
        assertThat(r.unexpected).allSatisfy(t -> assertThat(t)
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed"));
      }
    }
  }

  /** Throws an Error (a bug, or the JVM out of memory) from the append at {@code dieAt}. */
  private static final class DyingStorage extends ListStorage {
    volatile long dieAt = Long.MAX_VALUE;
    volatile @Nullable CountDownLatch hold;
    final CountDownLatch holding = new CountDownLatch(1);

    DyingStorage() {
      super(List.of());
    }

    @Override
    public void append(long expectedNextSeq, List<LedgerRecord> batch) {
      CountDownLatch h = hold;
      if (h != null && expectedNextSeq < dieAt) {
        holding.countDown();
        try {
          h.await(ROUND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (expectedNextSeq >= dieAt) {
        throw new AssertionError("the storage hit a bug (for the test)");
      }
      super.append(expectedNextSeq, batch);
    }
  }
}

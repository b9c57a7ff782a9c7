package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Callers taking the turn to write (GROUP and SYNC): which thread commits, what a caller holding
 * the turn writes for others, and what it keeps of its own state (its interrupt, its outcome)
 * when it does.
 */
@DisplayName("Ledger: callers take the turn to write")
class LedgerCallerTurnTest {
  private static final long TIMEOUT_SECONDS = 20;

  @ParameterizedTest
  @EnumSource(Durability.class)
  @DisplayName("a lone caller commits its own entry under GROUP and SYNC; the writer thread does under ASYNC")
  void whoCommits(Durability durability) {
    RecordingStorage storage = new RecordingStorage();
    try (LedgerEngine ledger = LedgerEngine.builder(storage).durability(durability)
        .checkpointEvery(0).checkpointInterval(Duration.ZERO).build()) {
      LedgerEntry e = ledger.append(EventType.EVIDENCE, Map.of("n", 1));
      ledger.flush();
      String committer = storage.committedBy.get(e.seq());
      if (durability == Durability.ASYNC) {
        assertThat(committer).isEqualTo("lexecon-ledger-writer");
      } else {
        assertThat(committer).isEqualTo(Thread.currentThread().getName());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"GROUP", "SYNC"})
  @DisplayName("the storage does not see the caller's interrupt, and the caller gets it back")
  void interruptKept(Durability durability) {
    RecordingStorage storage = new RecordingStorage();
    try (LedgerEngine ledger = LedgerEngine.builder(storage).durability(durability)
        .checkpointEvery(0).checkpointInterval(Duration.ZERO).build()) {
      Thread.currentThread().interrupt();
      LedgerEntry e;
      try {
        e = ledger.append(EventType.EVIDENCE, Map.of("n", 1));
      } finally {
        assertThat(Thread.interrupted()).as("the caller's interrupt after append").isTrue();
      }
      assertThat(storage.committedBy).containsEntry(e.seq(), Thread.currentThread().getName());
      assertThat(storage.interruptedDuringAppend).isFalse();
    }
  }

  @Test
  @DisplayName("a caller holding the turn commits what others queued meanwhile; they find theirs done")
  void holderWritesForOthers() {
    withoutSlowSteps(() -> holderWrites("holder"));
  }

  @Test
  @DisplayName("after a commit slower than a spin (a disk sync) the caller leaves what others queued to the writer thread")
  void slowCommitLeavesOthersToTheWriterThread() {
    holderWrites("lexecon-ledger-writer");
  }

  private static void holderWrites(String expectedCommitter) {
    assertTimeoutPreemptively(Duration.ofSeconds(TIMEOUT_SECONDS), () -> {
      RecordingStorage storage = new RecordingStorage();
      try (LedgerEngine ledger = LedgerEngine.builder(storage)
          .checkpointEvery(0).checkpointInterval(Duration.ZERO).build()) {
        CountDownLatch release = storage.holdNextAppend();
        AtomicReference<@Nullable Object> first = new AtomicReference<>();
        Thread holder = appendOn("holder", ledger, first);
        assertThat(storage.holding.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        AtomicReference<@Nullable Object> second = new AtomicReference<>();
        Thread queued = appendOn("queued", ledger, second);
        awaitParked(queued);
        release.countDown();
        holder.join();
        queued.join();
        assertThat(first.get()).isInstanceOf(LedgerEntry.class);
        assertThat(second.get()).isInstanceOf(LedgerEntry.class);
        LedgerEntry mine = (LedgerEntry) second.get();
        assertThat(storage.committedBy.get(mine.seq()))
            .as("who committed the queued caller's entry")
            .isEqualTo(expectedCommitter);
        assertThat(ledger.verify().valid()).isTrue();
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Failure.class)
  @DisplayName("an Error (or an undeclared checked exception) in a caller's turn: its own committed entry is returned, the callers it wrote for fail, later appends are refused")
  void errorInCallersTurn(Failure failure) {
    withoutSlowSteps(() -> errorInHoldersTurn(failure));
  }

  /**
   * Runs {@code body} with no step counted as slow: a commit the test holds on purpose is slow
   * only because it is held, and must not send the holder away from the others' entries.
   */
  private static void withoutSlowSteps(Runnable body) {
    long saved = LedgerWriter.slowStepNanos;
    LedgerWriter.slowStepNanos = Long.MAX_VALUE;
    try {
      body.run();
    } finally {
      LedgerWriter.slowStepNanos = saved;
    }
  }

  private static void errorInHoldersTurn(Failure failure) {
    assertTimeoutPreemptively(Duration.ofSeconds(TIMEOUT_SECONDS), () -> {
      RecordingStorage storage = new RecordingStorage();
      LedgerEngine ledger = LedgerEngine.builder(storage)
          .checkpointEvery(0).checkpointInterval(Duration.ZERO).build();
      try {
        CountDownLatch release = storage.holdNextAppend();
        storage.failure = failure;
        storage.errorAtSeq = storage.size() + 1; // the batch after the holder's own
        AtomicReference<@Nullable Object> holderOutcome = new AtomicReference<>();
        Thread holder = appendOn("holder", ledger, holderOutcome);
        assertThat(storage.holding.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        AtomicReference<@Nullable Object> queuedOutcome = new AtomicReference<>();
        Thread queued = appendOn("queued", ledger, queuedOutcome);
        awaitParked(queued);
        release.countDown();
        holder.join();
        queued.join();
        assertThat(holderOutcome.get()).as("the holder's own entry was committed before the Error")
            .isInstanceOf(LedgerEntry.class);
        assertThat(queuedOutcome.get()).isInstanceOf(IllegalStateException.class);
        assertThat(((Throwable) queuedOutcome.get()).getMessage())
            .contains("the ledger writer stopped").contains("storage bug for the test");
        assertThatThrownBy(() -> ledger.append(EventType.EVIDENCE, Map.of("who", "later")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the ledger writer stopped");
        assertThat(storage.size()).as("nothing of the failed batch was written")
            .isEqualTo(storage.errorAtSeq);
      } finally {
        ledger.close();
      }
    });
  }

  enum Failure { ERROR, UNDECLARED_CHECKED }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  @DisplayName("a storage failing because the writing caller was interrupted meanwhile: the batch is written again, the caller keeps its interrupt")
  void interruptDuringTurn() {
    RecordingStorage storage = new RecordingStorage();
    try (LedgerEngine ledger = LedgerEngine.builder(storage)
        .checkpointEvery(0).checkpointInterval(Duration.ZERO).build()) {
      awaitWriterThreadParked(); // its first pass must not take our append
      int before = storage.attempts;
      storage.failOnceInterrupted = true;
      LedgerEntry e;
      try {
        e = ledger.append(EventType.EVIDENCE, Map.of("n", 1));
      } finally {
        assertThat(Thread.interrupted()).as("the interrupt is the caller's again").isTrue();
      }
      assertThat(storage.attempts - before).as("appends tried").isEqualTo(2);
      assertThat(storage.committedBy).containsKey(e.seq());
      assertThat(ledger.verify().valid()).isTrue();
    }
  }

  @Test
  @DisplayName("a storage appending to the ledger it commits for gets a clear refusal, not a hang")
  void appendFromInsideCommitIsRefused() {
    assertTimeoutPreemptively(Duration.ofSeconds(TIMEOUT_SECONDS), () -> {
      RecordingStorage storage = new RecordingStorage();
      try (LedgerEngine ledger = LedgerEngine.builder(storage)
          .checkpointEvery(0).checkpointInterval(Duration.ZERO).build()) {
        storage.callBackInto = ledger;
        assertThatThrownBy(() -> ledger.append(EventType.EVIDENCE, Map.of("n", 1)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("from inside its own commit");
        storage.callBackInto = null;
        LedgerEntry after = ledger.append(EventType.EVIDENCE, Map.of("n", 2));
        assertThat(storage.committedBy).containsKey(after.seq());
        assertThat(ledger.verify().valid()).isTrue();
      }
    });
  }

  /** Waits (bounded) until every live ledger writer thread is parked between turns. */
  private static void awaitWriterThreadParked() {
    boolean parked = LedgerWakeUpStressTest.awaitCondition(TIMEOUT_SECONDS,
        () -> Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("lexecon-ledger-writer") && t.isAlive())
            .allMatch(t -> LockSupport.getBlocker(t) instanceof LedgerWriter));
    if (!parked) {
      throw new AssertionError("the ledger writer thread never parked");
    }
  }

  private static void awaitParked(Thread t) {
    if (!LedgerWakeUpStressTest.awaitParkedOnRequest(t, TIMEOUT_SECONDS)) {
      throw new AssertionError(t.getName() + " never parked on its request");
    }
  }

  /** Starts a thread named {@code name} that appends one entry; its entry or what it threw. */
  private static Thread appendOn(
      String name, LedgerEngine ledger, AtomicReference<@Nullable Object> outcome) {
    Thread t = new Thread(() -> {
      try {
        outcome.set(ledger.append(EventType.EVIDENCE, Map.of("who", name)));
      } catch (Throwable e) {
        outcome.set(e);
      }
    }, name);
    t.start();
    return t;
  }

  /** Records which thread committed each seq; can hold one append, or throw an Error at a seq. */
  private static final class RecordingStorage extends ListStorage {
    final Map<Long, String> committedBy = new ConcurrentHashMap<>();
    volatile boolean interruptedDuringAppend;
    volatile long errorAtSeq = Long.MAX_VALUE;
    volatile Failure failure = Failure.ERROR;
    volatile boolean failOnceInterrupted;
    volatile int attempts;
    volatile @Nullable LedgerEngine callBackInto;
    private volatile @Nullable CountDownLatch hold;
    final CountDownLatch holding = new CountDownLatch(1);

    RecordingStorage() {
      super(List.of());
    }

    CountDownLatch holdNextAppend() {
      CountDownLatch release = new CountDownLatch(1);
      hold = release;
      return release;
    }

    @Override
    public void append(long expectedNextSeq, List<LedgerRecord> batch) {
      if (Thread.currentThread().isInterrupted()) {
        interruptedDuringAppend = true;
      }
      LedgerEngine back = callBackInto;
      if (back != null) {
        back.append(EventType.EVIDENCE, Map.of("from", "inside the commit"));
      }
      CountDownLatch h = hold;
      if (h != null) {
        hold = null;
        holding.countDown();
        try {
          if (!h.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the test never released the append");
          }
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      if (expectedNextSeq >= errorAtSeq) {
        if (failure == Failure.UNDECLARED_CHECKED) {
          throw LedgerCallerTurnTest.<RuntimeException>sneaky(
              new java.io.IOException("storage bug for the test"));
        }
        throw new AssertionError("storage bug for the test");
      }
      if (failOnceInterrupted) {
        // An interrupt arriving while the storage waits (a pool's getConnection) fails the append.
        failOnceInterrupted = false;
        attempts++;
        Thread.currentThread().interrupt();
        throw new LedgerStorageException("interrupted while waiting for a connection (test)");
      }
      attempts++;
      super.append(expectedNextSeq, batch);
      for (LedgerRecord r : batch) {
        committedBy.put(r.seq(), Thread.currentThread().getName());
      }
    }
  }
}

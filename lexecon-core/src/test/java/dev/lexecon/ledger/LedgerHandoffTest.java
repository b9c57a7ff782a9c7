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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/**
 * The handoff between callers and the writer thread: batches complete as a whole and wake their
 * callers through a tree in which every caller wakes two more. A lost wake-up hangs a caller, so
 * these tests run many short rounds under a timeout rather than asserting any timing.
 */
@DisplayName("Ledger handoff between callers and the writer")
@ExtendWith(UnboundedParks.class) // a lost wake-up must hang where the timeouts see it
class LedgerHandoffTest {

  @ParameterizedTest
  @EnumSource(Durability.class)
  @DisplayName("wakes every caller of every batch, whatever the batch sizes")
  void noLostWakeUps(Durability durability) {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (int callers : new int[] {2, 3, 7, 16, 33}) {
        try (LedgerEngine ledger = LedgerEngine.builder(new InMemoryLedgerStorage())
            .durability(durability).checkpointEvery(97).build()) {
          List<LedgerEntry> entries = LedgerConcurrencyTest.hammer(List.of(ledger), callers, 300);
          ledger.flush();
          assertThat(entries).hasSize(callers * 300);
          LedgerConcurrencyTest.assertNothingLostNoFork(ledger.storage(), entries);
          assertThat(ledger.verify().valid()).isTrue();
        }
      }
    });
  }

  @Test
  @DisplayName("hands each caller the entry as committed: seq, hashes, payload and personal data")
  void callersGetTheirEntries() throws Exception {
    try (LedgerEngine ledger = LedgerEngine.builder(new InMemoryLedgerStorage()).build()) {
      List<LedgerEntry> entries = LedgerConcurrencyTest.hammer(List.of(ledger), 8, 100);
      for (LedgerEntry e : entries) {
        LedgerEntry stored = ledger.entry(e.seq()).orElseThrow();
        assertThat(e.entryHash()).isEqualTo(stored.entryHash());
        assertThat(e.previousHash()).isEqualTo(stored.previousHash());
        assertThat(e.timestamp()).isEqualTo(stored.timestamp());
        assertThat(e.personalData()).isEqualTo(stored.personalData());
        // The returned payload is decoded from the bytes hashed, as reading the entry back does.
        assertThat(e.payload()).isEqualTo(stored.payload());
      }
    }
  }

  @Test
  @DisplayName("fails every caller of a batch the storage refused, and wakes them all")
  void failuresReachEveryCaller() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      AtomicInteger refusals = new AtomicInteger(200);
      RefusingStorage storage = new RefusingStorage(refusals);
      try (LedgerEngine ledger = LedgerEngine.builder(storage).build()) {
        int callers = 16;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
          Thread th = new Thread(() -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              return;
            }
            for (int i = 0; i < 50; i++) {
              try {
                ledger.append(EventType.EVIDENCE, Map.of("i", i));
                succeeded.incrementAndGet();
              } catch (LedgerStorageException e) {
                failed.incrementAndGet();
              }
            }
          });
          th.start();
          threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) {
          th.join();
        }
        assertThat(failed.get() + succeeded.get()).isEqualTo(callers * 50);
        assertThat(failed.get()).isPositive();
        assertThat(ledger.verify().valid()).isTrue();
      }
    });
  }

  @Test
  @DisplayName("a caller whose leader never wakes it still returns: the park is bounded, and the finally wakes followers")
  void strandedFollowersRecover() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      LedgerWriter.maxParkNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10);
      try {
        List<LedgerWriter.Pending> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
          batch.add(new LedgerWriter.Pending(LedgerWriter.Kind.FLUSH, null));
        }
        LedgerWriter.group(batch);
        // Slots 1 and 2 are the root's followers, 3 to 6 theirs: only the root's caller would
        // wake 1 and 2, and it never waits (as if it had died before waking anyone).
        List<Thread> waiters = new ArrayList<>();
        AtomicInteger returned = new AtomicInteger();
        for (int i = 1; i < batch.size(); i++) {
          LedgerWriter.Pending p = batch.get(i);
          Thread t = new Thread(() -> {
            assertThat(p.await()).isNull();
            returned.incrementAndGet();
          });
          t.start();
          waiters.add(t);
        }
        Thread.sleep(50); // let them park
        for (int i = batch.size() - 1; i >= 0; i--) {
          assertThat(batch.get(i).succeed(null, null)).isTrue();
        }
        for (Thread t : waiters) {
          t.join();
        }
        assertThat(returned).hasValue(6);
      } finally {
        LedgerWriter.maxParkNanos = Long.MAX_VALUE; // as the rest of this class runs
      }
    });
  }

  @Test
  @DisplayName("keeps a caller's interrupt and still returns its entry")
  void interruptKept() {
    try (LedgerEngine ledger = LedgerEngine.builder(new InMemoryLedgerStorage()).build()) {
      Thread.currentThread().interrupt();
      LedgerEntry e = ledger.append(EventType.EVIDENCE, Map.of("x", 1));
      assertThat(Thread.interrupted()).isTrue();
      assertThat(ledger.entry(e.seq())).isPresent();
    }
  }

  @Test
  @DisplayName("refuses appends after close")
  void closed() {
    LedgerEngine ledger = LedgerEngine.builder(new InMemoryLedgerStorage()).build();
    ledger.close();
    assertThatThrownBy(() -> ledger.append(EventType.EVIDENCE, Map.of()))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Refuses some appends with a storage failure (nothing written), then behaves. */
  private static final class RefusingStorage extends ListStorage {
    private final AtomicInteger refusals;

    RefusingStorage(AtomicInteger refusals) {
      super(List.of());
      this.refusals = refusals;
    }

    @Override
    public synchronized void append(long expectedNextSeq, List<LedgerRecord> batch) {
      if (expectedNextSeq > 2 && refusals.getAndDecrement() > 0 && refusals.get() % 3 == 0) {
        throw new LedgerStorageException("refused for the test");
      }
      super.append(expectedNextSeq, batch);
    }
  }
}

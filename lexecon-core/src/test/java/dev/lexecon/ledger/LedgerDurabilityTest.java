package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Durability modes and timed checkpoints")
class LedgerDurabilityTest {

  /** A storage whose appends can be held back or made to fail. */
  static final class GatedStorage extends ListStorage {
    final AtomicBoolean hold = new AtomicBoolean();
    final AtomicBoolean fail = new AtomicBoolean();
    final CountDownLatch release = new CountDownLatch(1);

    GatedStorage() {
      super(List.of());
    }

    @Override
    public void append(long expectedNextSeq, List<LedgerRecord> batch) {
      if (hold.get()) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (fail.get()) {
        throw new LedgerStorageException("connection lost (simulated)");
      }
      super.append(expectedNextSeq, batch);
    }
  }

  @Test
  @DisplayName("ASYNC returns once the entry is sequenced, before the storage commits it")
  void asyncReturnsBeforeCommit() throws Exception {
    GatedStorage storage = new GatedStorage();
    try (LedgerEngine ledger =
        LedgerTesting.builder(storage).durability(Durability.ASYNC).build()) {
      storage.hold.set(true);
      LedgerEntry e = CompletableFuture
          .supplyAsync(() -> ledger.append(EventType.EVIDENCE, Map.of("n", 1)))
          .get(30, TimeUnit.SECONDS); // would never return if ASYNC waited for the held commit
      assertThat(e.seq()).isEqualTo(1);
      assertThat(storage.size()).as("not committed yet").isEqualTo(1);
      storage.release.countDown();
      ledger.flush();
      assertThat(storage.read(1).orElseThrow().entryHash()).isEqualTo(e.entryHash());
    }
  }

  @Test
  @DisplayName("GROUP does not return before the storage commits")
  void groupWaitsForCommit() throws Exception {
    GatedStorage storage = new GatedStorage();
    try (LedgerEngine ledger = LedgerTesting.builder(storage).build()) {
      storage.hold.set(true);
      CompletableFuture<LedgerEntry> pending =
          CompletableFuture.supplyAsync(() -> ledger.append(EventType.EVIDENCE, Map.of("n", 1)));
      assertThat(pending).isNotDone();
      storage.release.countDown();
      LedgerEntry e = pending.get(30, TimeUnit.SECONDS);
      assertThat(storage.read(e.seq())).isPresent();
    }
  }

  @Test
  @DisplayName("ASYNC loses an acknowledged entry when the storage fails, and the ledger carries on")
  void asyncLossWindow() {
    GatedStorage storage = new GatedStorage();
    try (LedgerEngine ledger =
        LedgerTesting.builder(storage).durability(Durability.ASYNC).build()) {
      storage.fail.set(true);
      LedgerEntry lost = ledger.append(EventType.EVIDENCE, Map.of("n", 1));
      ledger.flush();
      assertThat(storage.size()).isEqualTo(1);
      storage.fail.set(false);
      LedgerEntry next = ledger.append(EventType.EVIDENCE, Map.of("n", 2));
      ledger.flush();
      assertThat(next.seq()).isEqualTo(lost.seq());
      assertThat(storage.read(next.seq()).orElseThrow().entryHash()).isEqualTo(next.entryHash());
      assertThat(ledger.verify().valid()).isTrue();
    }
  }

  @Test
  @DisplayName("a checkpoint is appended once the interval has passed with new entries")
  void timedCheckpoint() throws InterruptedException {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    try (LedgerEngine ledger = LedgerEngine.builder(storage).checkpointEvery(0)
        .checkpointInterval(Duration.ofMillis(10)).build()) {
      ledger.append(EventType.EVIDENCE, Map.of("n", 1));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ledger.latestCheckpoint().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(ledger.latestCheckpoint()).isPresent();
      long checkpoints = ledger.report().count(EventType.CHECKPOINT);
      Thread.sleep(50);
      assertThat(ledger.report().count(EventType.CHECKPOINT))
          .as("no new entries, no new checkpoint").isEqualTo(checkpoints);
      assertThat(ledger.verify().valid()).isTrue();
    }
  }
}

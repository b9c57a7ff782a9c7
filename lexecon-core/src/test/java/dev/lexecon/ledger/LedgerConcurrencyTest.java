package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.VerificationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Ledger under concurrency")
class LedgerConcurrencyTest {
  static final int CALLERS = 64;
  static final int PER_CALLER = 200;

  /** Runs {@code callers} threads that each append {@code perCaller} events through {@code ledgers}. */
  static List<LedgerEntry> hammer(List<LedgerEngine> ledgers, int callers, int perCaller)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<LedgerEntry> acknowledged = new ConcurrentLinkedQueue<>();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      int caller = t;
      LedgerEngine ledger = ledgers.get(t % ledgers.size());
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perCaller; i++) {
          acknowledged.add(ledger.append(EventType.EVIDENCE,
              Map.of("caller", caller, "i", i, "who", Redactable.of("user " + caller))));
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return new ArrayList<>(acknowledged);
  }

  /** Every acknowledged entry is in storage exactly once, at the seq it was acknowledged with. */
  static void assertNothingLostNoFork(LedgerStorage storage, List<LedgerEntry> acknowledged) {
    List<LedgerRecord> all = new ArrayList<>();
    storage.scan(0, storage.size(), all::add);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(i);
      if (i > 0) {
        assertThat(all.get(i).previousHash()).isEqualTo(all.get(i - 1).entryHash());
      }
    }
    Map<String, Long> seqByMarker = new HashMap<>();
    for (LedgerRecord r : all) {
      if (r.eventType().equals("evidence")) {
        Map<String, Object> p = EntryDecoder.decode(r).payload();
        String marker = p.get("caller") + "/" + p.get("i");
        assertThat(seqByMarker.put(marker, r.seq())).as("duplicate " + marker).isNull();
      }
    }
    Set<Long> seqs = new HashSet<>();
    for (LedgerEntry e : acknowledged) {
      String marker = e.payload().get("caller") + "/" + e.payload().get("i");
      assertThat(seqByMarker).containsEntry(marker, e.seq());
      assertThat(seqs.add(e.seq())).isTrue();
      assertThat(all.get((int) e.seq()).entryHash()).isEqualTo(e.entryHash());
    }
    assertThat(seqByMarker).hasSize(acknowledged.size());
  }

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"GROUP", "SYNC"})
  @DisplayName("64 concurrent callers: no fork, no seq reused or skipped, nothing lost")
  void sixtyFourCallers(Durability durability) throws Exception {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    try (LedgerEngine ledger =
        LedgerTesting.builder(storage).durability(durability).checkpointEvery(250).build()) {
      // SYNC commits one entry per storage transaction, so it gets fewer entries to keep the test short.
      int perCaller = durability == Durability.SYNC ? PER_CALLER / 4 : PER_CALLER;
      List<LedgerEntry> acknowledged = hammer(List.of(ledger), CALLERS, perCaller);
      assertThat(acknowledged).hasSize(CALLERS * perCaller);
      ledger.flush();
      assertNothingLostNoFork(storage, acknowledged);
      VerificationResult r = ledger.verify();
      assertThat(r.valid()).as(r.toString()).isTrue();
      assertThat(r.entriesVerified()).isEqualTo(storage.size());
      assertThat(r.checkpointsVerified()).isPositive();
      assertThat(r.rootHash()).isEqualTo(ledger.rootHash());
    }
  }

  @Test
  @DisplayName("two ledgers over one shared storage lose races, catch up, and never fork or lose an entry")
  void twoWritersOneStorage() throws Exception {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    LedgerEngine a = LedgerTesting.builder(storage).checkpointEvery(97).build();
    LedgerEngine b = LedgerTesting.builder(storage).checkpointEvery(89).build();
    assertThat(b.ledgerId()).isEqualTo(a.ledgerId());
    List<LedgerEntry> acknowledged = hammer(List.of(a, b), 16, 150);
    a.flush();
    b.flush();
    assertNothingLostNoFork(storage, acknowledged);
    VerificationResult offline = LedgerVerifier.create().verify(storage);
    assertThat(offline.valid()).as(offline.toString()).isTrue();
    assertThat(offline.treeSize()).isEqualTo(storage.size());
    // Each writer verifies too, against its own view of the tree.
    a.append(EventType.EVIDENCE, Map.of("caller", -1, "i", 0));
    assertThat(a.verify().valid()).isTrue();
    b.append(EventType.EVIDENCE, Map.of("caller", -2, "i", 0));
    assertThat(b.verify().valid()).isTrue();
    assertThat(b.rootHash()).isEqualTo(LedgerVerifier.create().verify(storage).rootHash());
    a.close();
    b.flush();
  }

  @Test
  @DisplayName("two ledgers racing to create genesis end up sharing one ledger")
  void genesisRace() throws Exception {
    for (int round = 0; round < 20; round++) {
      InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      Future<LedgerEngine> fa = pool.submit(() -> {
        go.await();
        return LedgerTesting.builder(storage).build();
      });
      Future<LedgerEngine> fb = pool.submit(() -> {
        go.await();
        return LedgerTesting.builder(storage).build();
      });
      go.countDown();
      LedgerEngine a = fa.get();
      LedgerEngine b = fb.get();
      pool.shutdown();
      assertThat(a.ledgerId()).isEqualTo(b.ledgerId());
      assertThat(storage.findByType("genesis", 0, 10)).hasSize(1);
      a.append(EventType.EVIDENCE, Map.of());
      b.append(EventType.EVIDENCE, Map.of());
      a.checkpoint();
      b.checkpoint();
      assertThat(LedgerVerifier.create().verify(storage).valid()).isTrue();
      a.flush();
      b.flush();
    }
  }

  /**
   * A storage in which another writer wins the next {@link #losses} races against the ledger's:
   * each of the ledger's appends first finds a rival's entry committed at the position it wanted.
   */
  static final class RivalStorage extends ListStorage {
    final AtomicInteger losses = new AtomicInteger();

    RivalStorage() {
      super(List.of());
    }

    @Override
    public synchronized void append(long expectedNextSeq, List<LedgerRecord> batch) {
      if (losses.getAndDecrement() > 0) {
        super.append(records.size(), List.of(rivalEntry()));
      }
      super.append(expectedNextSeq, batch);
    }

    private LedgerRecord rivalEntry() {
      long seq = records.size();
      String previous = records.get(records.size() - 1).entryHash();
      PreparedEvent ev = PreparedEvent.prepare(
          "evidence", Map.of("rival", seq), LedgerTesting.T0, SaltSource.secure());
      byte[] entry =
          EntryCodec.encode(seq, ev.eventType(), ev.payloadBytes(), previous, ev.timestampText());
      return new LedgerRecord(seq, ev.eventType(), ev.timestampText(), previous,
          Commitments.hex(Commitments.sha256().digest(entry)), entry, null);
    }
  }

  @Test
  @DisplayName("a writer that loses more races in a row than it has attempts for keeps going while the other writer makes progress")
  void longLosingStreak() {
    RivalStorage storage = new RivalStorage();
    try (LedgerEngine ledger = LedgerTesting.builder(storage).checkpointEvery(0).build()) {
      storage.losses.set(LedgerWriter.MAX_ATTEMPTS + 8);
      LedgerEntry mine = ledger.append(EventType.EVIDENCE, Map.of("mine", true));
      assertThat(storage.losses.get()).as("races left to lose").isNegative();
      assertThat(storage.read(mine.seq()).orElseThrow().entryHash()).isEqualTo(mine.entryHash());
      assertThat(storage.findByType("evidence", 0, 100)).hasSize(LedgerWriter.MAX_ATTEMPTS + 9);
      VerificationResult r = ledger.verify();
      assertThat(r.valid()).as(r.toString()).isTrue();
    }
  }

  @Test
  @DisplayName("a storage that reports conflicts without its head moving makes the append fail after a bounded number of attempts")
  void conflictWithoutProgressFails() {
    ListStorage refusing = new ListStorage(List.of()) {
      @Override
      public synchronized void append(long expectedNextSeq, List<LedgerRecord> batch) {
        if (batch.get(0).eventType().equals("evidence")) {
          throw new LedgerConflictException(expectedNextSeq, expectedNextSeq);
        }
        super.append(expectedNextSeq, batch);
      }
    };
    try (LedgerEngine ledger = LedgerTesting.builder(refusing).checkpointEvery(0).build()) {
      long size = ledger.size();
      assertThatThrownBy(() -> ledger.append(EventType.EVIDENCE, Map.of()))
          .isInstanceOf(LedgerConflictException.class);
      assertThat(refusing.size()).isEqualTo(size);
      ledger.append(EventType.POLICY_LOADED, Map.of("policy_id", "p"));
      assertThat(ledger.verify().valid()).isTrue();
    }
  }
}

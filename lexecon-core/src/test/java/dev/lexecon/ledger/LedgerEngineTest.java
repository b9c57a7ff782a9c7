package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerReport;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.LedgerStorageException;
import dev.lexecon.api.ledger.VerificationResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Ledger engine")
class LedgerEngineTest {

  static LedgerEngine open(InMemoryLedgerStorage storage) {
    return LedgerTesting.builder(storage).clock(LedgerTesting.tickingClock()).checkpointEvery(0)
        .build();
  }

  @Test
  @DisplayName("a new ledger starts with a genesis entry naming its id, origin, format and key")
  void genesis() {
    try (LedgerEngine ledger = open(new InMemoryLedgerStorage())) {
      LedgerEntry g = ledger.entry(0).orElseThrow();
      assertThat(g.eventType()).isEqualTo("genesis");
      assertThat(g.entryId()).isEqualTo("entry_0");
      assertThat(g.previousHash()).isEqualTo("0".repeat(64));
      assertThat(g.payload()).containsEntry("ledger_id", ledger.ledgerId())
          .containsEntry("origin", ledger.origin())
          .containsEntry("format", "lexecon-ledger")
          .containsEntry("format_version", 1L)
          .containsEntry("checkpoint_key", ledger.checkpointKey().encoded())
          .containsKey("created_at");
      assertThat(ledger.origin()).isEqualTo("lexecon.dev/ledger/" + ledger.ledgerId());
      assertThat(ledger.size()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("entries chain: seq, entry id, previous hash and entry hash line up")
  void chain() {
    try (LedgerEngine ledger = open(new InMemoryLedgerStorage())) {
      LedgerEntry a = ledger.append(EventType.EVIDENCE, Map.of("n", 1));
      LedgerEntry b = ledger.append(EventType.EVIDENCE, Map.of("n", 2));
      assertThat(a.seq()).isEqualTo(1);
      assertThat(b.seq()).isEqualTo(2);
      assertThat(b.previousHash()).isEqualTo(a.entryHash());
      assertThat(ledger.entry("entry_2")).contains(ledger.entry(2).orElseThrow());
      assertThat(ledger.entry(2).orElseThrow().entryHash()).isEqualTo(b.entryHash());
      assertThat(ledger.head().orElseThrow().entryHash()).isEqualTo(b.entryHash());
      assertThat(ledger.entry(99)).isEmpty();
      assertThatThrownBy(() -> ledger.entry("entry_02")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.entry("dec_1")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("numbers JCS cannot write exactly are recorded as strings of their exact value")
  void numberPolicy() {
    try (LedgerEngine ledger = open(new InMemoryLedgerStorage())) {
      LedgerEntry e = ledger.append(EventType.EVIDENCE, Map.of(
          "small", 9007199254740992L,
          "big", 9007199254740993L,
          "huge", new BigInteger("123456789012345678901234567890"),
          "decimal", new BigDecimal("0.10000000000000000001"),
          "plain", new BigDecimal("4.50"),
          "double", 0.1));
      Map<String, Object> p = ledger.entry(e.seq()).orElseThrow().payload();
      assertThat(p).containsEntry("small", 9007199254740992L)
          .containsEntry("big", "9007199254740993")
          .containsEntry("huge", "123456789012345678901234567890")
          .containsEntry("decimal", "0.10000000000000000001")
          .containsEntry("plain", new BigDecimal("4.5"))
          .containsEntry("double", new BigDecimal("0.1"));
    }
  }

  @Test
  @DisplayName("queries: range, by event type with offset and limit, and a report")
  void queries() {
    try (LedgerEngine ledger = open(new InMemoryLedgerStorage())) {
      for (int i = 0; i < 10; i++) {
        ledger.append(i % 3 == 0 ? EventType.OVERRIDE : EventType.EVIDENCE, Map.of("i", i));
      }
      assertThat(ledger.entries(3, 4)).extracting(LedgerEntry::seq).containsExactly(3L, 4L, 5L, 6L);
      assertThat(ledger.entries(9, 100)).extracting(LedgerEntry::seq).containsExactly(9L, 10L);
      assertThat(ledger.entries(EventType.OVERRIDE, 0, 10))
          .extracting(e -> e.payload().get("i")).containsExactly(0L, 3L, 6L, 9L);
      assertThat(ledger.entries(EventType.OVERRIDE, 1, 2))
          .extracting(e -> e.payload().get("i")).containsExactly(3L, 6L);
      assertThat(ledger.entries(EventType.LEGAL_HOLD, 0, 10)).isEmpty();
      LedgerReport report = ledger.report();
      assertThat(report.size()).isEqualTo(11);
      assertThat(report.count(EventType.OVERRIDE)).isEqualTo(4);
      assertThat(report.count(EventType.EVIDENCE)).isEqualTo(6);
      assertThat(report.count(EventType.GENESIS)).isEqualTo(1);
      assertThat(report.firstTimestamp()).isEqualTo(ledger.entry(0).orElseThrow().timestamp());
      assertThat(report.lastTimestamp()).isEqualTo(ledger.head().orElseThrow().timestamp());
      assertThatThrownBy(() -> ledger.entries(-1, 1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.entries(EventType.DECISION, 0, -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("inclusion and consistency proofs verify against the roots")
  void proofs() {
    try (LedgerEngine ledger = open(new InMemoryLedgerStorage())) {
      for (int i = 0; i < 40; i++) {
        ledger.append(EventType.EVIDENCE, Map.of("i", i));
      }
      Hash root = ledger.rootHash();
      for (long seq = 0; seq < ledger.size(); seq++) {
        LedgerEntry e = ledger.entry(seq).orElseThrow();
        InclusionProof proof = ledger.inclusionProof(seq);
        assertThat(LedgerVerifier.verifyInclusion(e, proof, root)).isTrue();
        InclusionProof old = ledger.inclusionProof(seq, seq + 1);
        assertThat(LedgerVerifier.verifyInclusion(e, old, ledger.rootHash(seq + 1))).isTrue();
        if (seq + 1 < ledger.size()) {
          assertThat(LedgerVerifier.verifyInclusion(e, old, root)).isFalse();
        }
      }
      for (long m = 0; m <= ledger.size(); m += 7) {
        ConsistencyProof c = ledger.consistencyProof(m, ledger.size());
        assertThat(MerkleProofs.verifyConsistency(c, ledger.rootHash(m), root)).isTrue();
      }
    }
  }

  @Test
  @DisplayName("checkpoints: every N entries, on demand, each signing the tree of the entries before it")
  void checkpoints() {
    try (LedgerEngine ledger = LedgerTesting.builder(new InMemoryLedgerStorage()).checkpointEvery(5)
        .build()) {
      for (int i = 0; i < 12; i++) {
        ledger.append(EventType.EVIDENCE, Map.of("i", i));
      }
      ledger.flush(); // the second automatic checkpoint follows the last append
      List<LedgerEntry> cps = ledger.entries(EventType.CHECKPOINT, 0, 10);
      assertThat(cps).hasSize(2);
      for (LedgerEntry cp : cps) {
        SignedNote note = SignedNote.parse((String) cp.payload().get("note"));
        assertThat(note.verify(ledger.checkpointKey()).accepted()).isTrue();
        Checkpoint c = Checkpoint.parse(note.text());
        assertThat(c.treeSize()).isEqualTo(cp.seq());
        assertThat(c.rootHash()).isEqualTo(ledger.rootHash(cp.seq()));
        assertThat(c.origin()).isEqualTo(ledger.origin());
      }
      long before = ledger.size();
      SignedNote onDemand = ledger.checkpoint();
      assertThat(ledger.size()).isEqualTo(before + 1);
      assertThat(Checkpoint.parse(onDemand.text()).treeSize()).isEqualTo(before);
      assertThat(ledger.latestCheckpoint()).contains(onDemand);
      assertThat(ledger.checkpoint()).as("nothing new: the latest is returned").isEqualTo(onDemand);
      assertThat(ledger.size()).isEqualTo(before + 1);
      assertThat(ledger.verify().checkpointsVerified()).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("reopening resumes from the stored head, rebuilds the tree, and announces a new key")
  void resume() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    LedgerEngine first = open(storage);
    for (int i = 0; i < 30; i++) {
      first.append(EventType.EVIDENCE, Map.of("i", i));
    }
    Hash root = first.rootHash();
    long size = first.size();
    String id = first.ledgerId();
    first.flush(); // not closed: the storage stays open for the second engine

    LedgerEngine second = open(storage);
    assertThat(second.ledgerId()).isEqualTo(id);
    assertThat(second.rootHash(size)).isEqualTo(root);
    assertThat(second.size()).isEqualTo(size + 1);
    LedgerEntry rotated = second.entry(size).orElseThrow();
    assertThat(rotated.eventType()).isEqualTo("key_rotated");
    assertThat(rotated.payload()).containsEntry("key", second.checkpointKey().encoded())
        .containsEntry("purpose", "checkpoint");
    second.checkpoint();
    assertThat(second.verify().valid()).isTrue();
    assertThat(second.report().count(EventType.EVIDENCE)).isEqualTo(30);

    NoteSigner pinned = NoteSigner.generate("pinned");
    LedgerEngine third = LedgerTesting.builder(storage).checkpointSigner(pinned).build();
    LedgerEngine fourth = LedgerTesting.builder(storage).checkpointSigner(pinned).build();
    assertThat(fourth.report().count(EventType.KEY_ROTATED))
        .as("a key already announced is not announced again").isEqualTo(2);
    fourth.checkpoint();
    assertThat(fourth.verify().valid()).isTrue();
    third.close();
  }

  /** Counts the whole records a storage hands out; {@code scanHashes} hands out none. */
  static final class CountingStorage implements LedgerStorage {
    final LedgerStorage inner;
    final List<Long> wholeRecords = new CopyOnWriteArrayList<>();

    CountingStorage(LedgerStorage inner) {
      this.inner = inner;
    }

    private <T extends LedgerRecord> T counted(T r) {
      wholeRecords.add(r.seq());
      return r;
    }

    @Override
    public void append(long expectedNextSeq, List<LedgerRecord> records) {
      inner.append(expectedNextSeq, records);
    }

    @Override
    public Optional<LedgerRecord> head() {
      return inner.head().map(this::counted);
    }

    @Override
    public long size() {
      return inner.size();
    }

    @Override
    public Optional<LedgerRecord> read(long seq) {
      return inner.read(seq).map(this::counted);
    }

    @Override
    public List<LedgerRecord> read(long fromSeq, int maxCount) {
      List<LedgerRecord> page = inner.read(fromSeq, maxCount);
      page.forEach(this::counted);
      return page;
    }

    @Override
    public void scan(long fromSeq, long toSeqExclusive, Consumer<LedgerRecord> consumer) {
      inner.scan(fromSeq, toSeqExclusive, r -> consumer.accept(counted(r)));
    }

    @Override
    public void scanHashes(long fromSeq, long toSeqExclusive, HashConsumer consumer) {
      inner.scanHashes(fromSeq, toSeqExclusive, consumer);
    }

    @Override
    public List<LedgerRecord> findByType(String eventType, long offset, int limit) {
      List<LedgerRecord> page = inner.findByType(eventType, offset, limit);
      page.forEach(this::counted);
      return page;
    }

    @Override
    public boolean eraseSideRecord(long seq) {
      return inner.eraseSideRecord(seq);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  @DisplayName("reopening streams the stored hashes and reads whole entries only for genesis, key rotations and the last checkpoint")
  void resumeReadsOnlyWhatItInterprets() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    NoteSigner key = NoteSigner.generate("pinned");
    Hash root;
    long size;
    SignedNote lastCheckpoint;
    try (LedgerEngine first = LedgerTesting.builder(storage).checkpointSigner(key).checkpointEvery(100).build()) {
      for (int i = 0; i < 2_500; i++) {
        first.append(EventType.EVIDENCE, Map.of("i", i));
      }
      first.flush();
      root = first.rootHash();
      size = first.size();
      lastCheckpoint = first.latestCheckpoint().orElseThrow();
      LedgerReport report = first.report();
      CountingStorage counting = new CountingStorage(storage);
      LedgerEngine second = LedgerTesting.builder(counting).checkpointSigner(key).checkpointEvery(100).build();
      assertThat(second.size()).as("the key is known: nothing appended").isEqualTo(size);
      assertThat(second.rootHash()).isEqualTo(root);
      assertThat(second.report()).isEqualTo(report);
      assertThat(second.latestCheckpoint()).contains(lastCheckpoint);
      assertThat(second.ledgerId()).isEqualTo(first.ledgerId());
      List<LedgerRecord> checkpoints = storage.findByType("checkpoint", 0, 1000);
      assertThat(checkpoints).hasSizeGreaterThan(20);
      long lastCheckpointSeq = checkpoints.get(checkpoints.size() - 1).seq();
      assertThat(counting.wholeRecords).as("seqs of whole entries read while opening")
          .containsExactlyInAnyOrder(0L, lastCheckpointSeq);
      assertThat(second.verify().valid()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Durability.class)
  @DisplayName("every durability mode records every entry, in order")
  void durabilityModes(Durability durability) {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    try (LedgerEngine ledger = LedgerTesting.builder(storage).durability(durability).build()) {
      for (int i = 0; i < 50; i++) {
        ledger.append(EventType.EVIDENCE, Map.of("i", i));
      }
      ledger.flush();
      assertThat(storage.size()).isEqualTo(51);
      assertThat(ledger.entries(EventType.EVIDENCE, 0, 100))
          .extracting(e -> e.payload().get("i")).containsExactlyElementsOf(
              java.util.stream.LongStream.range(0, 50).boxed().toList());
      assertThat(ledger.verify().valid()).isTrue();
      assertThat(ledger.durability()).isEqualTo(durability);
    }
  }

  @Test
  @DisplayName("a storage failure fails the append, writes nothing, and the ledger carries on")
  void storageFailure() {
    AtomicBoolean failing = new AtomicBoolean();
    InMemoryLedgerStorage inner = new InMemoryLedgerStorage();
    ListStorage flaky = new ListStorage(List.of()) {
      @Override
      public synchronized void append(long expectedNextSeq, List<LedgerRecord> batch) {
        if (failing.get()) {
          throw new LedgerStorageException("disk full (simulated)");
        }
        super.append(expectedNextSeq, batch);
      }
    };
    try (LedgerEngine ledger = LedgerTesting.builder(flaky).build()) {
      ledger.append(EventType.EVIDENCE, Map.of("i", 1));
      failing.set(true);
      assertThatThrownBy(() -> ledger.append(EventType.EVIDENCE, Map.of("i", 2)))
          .isInstanceOf(LedgerStorageException.class).hasMessageContaining("disk full");
      failing.set(false);
      LedgerEntry next = ledger.append(EventType.EVIDENCE, Map.of("i", 3));
      assertThat(next.seq()).isEqualTo(2);
      assertThat(ledger.verify().valid()).isTrue();
    }
    inner.close();
  }

  @Test
  @DisplayName("the writer only writes its own events: genesis and checkpoints are refused")
  void refusesReservedEvents() {
    try (LedgerEngine ledger = open(new InMemoryLedgerStorage())) {
      assertThatThrownBy(() -> ledger.append(EventType.GENESIS, Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.append(EventType.CHECKPOINT, Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.append(EventType.EVIDENCE, Map.of("x", new Object())))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.x");
    }
  }

  @Test
  @DisplayName("after close, appends fail and the storage is closed")
  void close() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    LedgerEngine ledger = open(storage);
    ledger.append(EventType.EVIDENCE, Map.of());
    ledger.close();
    ledger.close();
    assertThatThrownBy(() -> ledger.append(EventType.EVIDENCE, Map.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(storage::size).isInstanceOf(LedgerStorageException.class);
  }

  @Test
  @DisplayName("a conflict exception carries both seqs")
  void conflictException() {
    LedgerConflictException e = new LedgerConflictException(5, 7);
    assertThat(e.expectedNextSeq()).isEqualTo(5);
    assertThat(e.actualNextSeq()).isEqualTo(7);
  }

  @Test
  @DisplayName("verification results print one line")
  void resultString() {
    try (LedgerEngine ledger = open(new InMemoryLedgerStorage())) {
      VerificationResult r = ledger.verify();
      assertThat(r.toString()).startsWith("verified 1 entries");
      assertThat(r.firstFailure()).isEmpty();
    }
  }
}

package dev.lexecon.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.LedgerStorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link LedgerStorage} must pass (the storage TCK). A storage's test extends
 * this class and implements {@link #openStorage()} and {@link #reopenStorage()}; JUnit then runs
 * every check below against it:
 *
 * <pre>{@code
 * class SqliteLedgerStorageContractTest extends LedgerStorageContract {
 *   @TempDir Path dir;
 *   protected LedgerStorage openStorage() { return SqliteLedgerStorage.open(dir.resolve("ledger.db")); }
 *   protected LedgerStorage reopenStorage() { return SqliteLedgerStorage.open(dir.resolve("ledger.db")); }
 * }
 * }</pre>
 *
 * <p>What is checked: append, read, head and size; all-or-nothing batches; rejection of stale or
 * gapped appends with {@link LedgerConflictException} and nothing written; byte-exact round trips of
 * entries and side records, including 1 MiB payloads, arbitrary bytes and Unicode columns; paging
 * by type; half-open scan ranges, of whole records and of hashes only; erasure that keeps the
 * entry; many threads racing conditional appends; readers never seeing part of a batch; reopening
 * after close; and failure with {@link LedgerStorageException} after close.
 *
 * <p>Each test gets a fresh storage from {@link #openStorage()} and closes it afterwards. Instances
 * are created by JUnit per test method and are not shared between threads except where a test
 * starts its own.
 *
 * @since 0.1
 */
public abstract class LedgerStorageContract {
  private static final int ONE_MIB = 1 << 20;

  /** The storage under test; opened before each test and closed after it. */
  protected @Nullable LedgerStorage storage;

  /** Creates the contract; subclasses add their own fields (temp dirs, schemas). */
  protected LedgerStorageContract() {}

  /**
   * Opens a new, empty storage. Called once before every test; each call must give a ledger that
   * shares nothing with earlier ones (a new file, schema or table prefix).
   */
  protected abstract LedgerStorage openStorage() throws Exception;

  /**
   * Opens the storage last returned by {@link #openStorage()} again, after the contract has closed
   * it. A storage that keeps nothing across close (the in-memory one) calls {@code
   * Assumptions.abort(...)} here, which skips the reopen checks.
   */
  protected abstract LedgerStorage reopenStorage() throws Exception;

  /** Threads in the concurrent-append check; override to lower it for slow storages. */
  protected int concurrentWriters() {
    return 8;
  }

  /** Successful appends each concurrent writer makes. */
  protected int appendsPerWriter() {
    return 25;
  }

  @BeforeEach
  final void openContractStorage() throws Exception {
    storage = openStorage();
  }

  @AfterEach
  final void closeContractStorage() {
    LedgerStorage s = storage;
    storage = null;
    if (s != null) {
      s.close();
    }
  }

  /** The storage under test. */
  protected final LedgerStorage storage() {
    LedgerStorage s = storage;
    if (s == null) {
      throw new IllegalStateException("no storage is open");
    }
    return s;
  }

  /** Appends {@code count} sample records after the current head and returns them. */
  protected final List<LedgerRecord> appendSample(int count) {
    List<LedgerRecord> batch = SampleRecords.after(storage().head().orElse(null), count);
    storage().append(batch.get(0).seq(), batch);
    return batch;
  }

  // ---------------------------------------------------------------- append, read, head, size

  @Test
  @DisplayName("an empty storage has size 0, no head and no records")
  void emptyStorage() {
    LedgerStorage s = storage();
    assertThat(s.size()).isZero();
    assertThat(s.head()).isEmpty();
    assertThat(s.read(0)).isEmpty();
    assertThat(s.read(0, 10)).isEmpty();
    assertThat(s.findByType("genesis", 0, 10)).isEmpty();
    assertThat(scanAll(s)).isEmpty();
  }

  @Test
  @DisplayName("a single appended record reads back byte for byte by seq, by range, by scan and as head")
  void singleAppend() {
    LedgerRecord genesis = SampleRecords.after(null, 1).get(0);
    storage().append(0, List.of(genesis));

    assertThat(storage().size()).isEqualTo(1);
    assertSame(storage().head().orElseThrow(), genesis);
    assertSame(storage().read(0).orElseThrow(), genesis);
    assertSameList(storage().read(0, 10), List.of(genesis));
    assertSameList(scanAll(storage()), List.of(genesis));
    assertThat(storage().read(1)).isEmpty();
    assertThat(storage().read(-1)).isEmpty();
  }

  @Test
  @DisplayName("a batch is appended as a whole and reads back in seq order")
  void batchAppend() {
    List<LedgerRecord> batch = SampleRecords.after(null, 25);
    storage().append(0, batch);

    assertThat(storage().size()).isEqualTo(25);
    assertSame(storage().head().orElseThrow(), batch.get(24));
    assertSameList(storage().read(0, 100), batch);
    for (LedgerRecord r : batch) {
      assertSame(storage().read(r.seq()).orElseThrow(), r);
    }
  }

  @Test
  @DisplayName("read(from, max) pages through the ledger and stops at its end")
  void readPaging() {
    List<LedgerRecord> all = appendSample(23);
    List<LedgerRecord> paged = new ArrayList<>();
    for (long from = 0; ; from += 5) {
      List<LedgerRecord> page = storage().read(from, 5);
      paged.addAll(page);
      if (page.size() < 5) {
        break;
      }
    }
    assertSameList(paged, all);
    assertThat(storage().read(23, 5)).isEmpty();
    assertThat(storage().read(1000, 5)).isEmpty();
    assertThat(storage().read(3, 0)).isEmpty();
    assertSameList(storage().read(20, Integer.MAX_VALUE), all.subList(20, 23));
  }

  @Test
  @DisplayName("many sequential batches leave a gapless ledger whose size is the next seq")
  void sequentialAppendsHaveNoGaps() {
    List<LedgerRecord> expected = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 40; i++) {
      expected.addAll(appendSample(1 + random.nextInt(6)));
      assertThat(storage().size()).isEqualTo(expected.size());
      assertThat(storage().head().orElseThrow().seq()).isEqualTo(expected.size() - 1L);
    }
    List<LedgerRecord> stored = scanAll(storage());
    for (int i = 0; i < stored.size(); i++) {
      assertThat(stored.get(i).seq()).as("seq at position %d", i).isEqualTo(i);
    }
    assertSameList(stored, expected);
    assertChainLinks(stored);
  }

  // ---------------------------------------------------------------- atomicity and conflicts

  static Stream<Arguments> malformedBatches() {
    Function<List<LedgerRecord>, List<LedgerRecord>> empty = base -> List.of();
    Function<List<LedgerRecord>, List<LedgerRecord>> gapInside = base -> {
      List<LedgerRecord> next = SampleRecords.after(base.get(base.size() - 1), 4);
      return List.of(next.get(0), next.get(1), next.get(3));
    };
    Function<List<LedgerRecord>, List<LedgerRecord>> startsLate = base ->
        SampleRecords.chain(base.size() + 1, base.get(base.size() - 1).entryHash(), 2);
    Function<List<LedgerRecord>, List<LedgerRecord>> duplicateSeq = base -> {
      List<LedgerRecord> next = SampleRecords.after(base.get(base.size() - 1), 2);
      return List.of(next.get(0), next.get(1), next.get(1));
    };
    Function<List<LedgerRecord>, List<LedgerRecord>> descending = base -> {
      List<LedgerRecord> next = new ArrayList<>(SampleRecords.after(base.get(base.size() - 1), 3));
      Collections.reverse(next);
      return next;
    };
    return Stream.of(
        Arguments.of("an empty batch", empty),
        Arguments.of("a batch with a seq gap inside", gapInside),
        Arguments.of("a batch that does not start at the expected seq", startsLate),
        Arguments.of("a batch with a duplicate seq", duplicateSeq),
        Arguments.of("a batch in descending order", descending));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @MethodSource("malformedBatches")
  @DisplayName("a malformed batch is rejected with IllegalArgumentException and nothing is written")
  void malformedBatchRejected(String name, Function<List<LedgerRecord>, List<LedgerRecord>> makeBatch) {
    List<LedgerRecord> base = appendSample(3);
    List<LedgerRecord> bad = makeBatch.apply(base);

    assertThatThrownBy(() -> storage().append(3, bad)).isInstanceOf(IllegalArgumentException.class);

    assertThat(storage().size()).isEqualTo(3);
    assertSameList(scanAll(storage()), base);
    assertThat(storage().read(3)).isEmpty();
    // the position is still free
    appendSample(2);
    assertThat(storage().size()).isEqualTo(5);
  }

  @Test
  @DisplayName("an append whose expected next seq is stale fails with LedgerConflictException and writes nothing")
  void staleExpectedHeadRejected() {
    List<LedgerRecord> base = appendSample(5);
    // a writer that still believes the head is seq 2 builds on it
    List<LedgerRecord> stale = SampleRecords.chain(3, base.get(2).entryHash(), 4);

    assertThatThrownBy(() -> storage().append(3, stale))
        .isInstanceOfSatisfying(LedgerConflictException.class, e -> {
          assertThat(e.expectedNextSeq()).isEqualTo(3);
          assertThat(e.actualNextSeq()).isIn(5L, -1L);
        });

    assertThat(storage().size()).isEqualTo(5);
    assertSameList(scanAll(storage()), base);
    assertThat(storage().read(5)).isEmpty();
  }

  @Test
  @DisplayName("an append past the head, which would leave a gap, fails with LedgerConflictException")
  void appendPastHeadRejected() {
    assertThatThrownBy(() -> storage().append(4, SampleRecords.chain(4, SampleRecords.GENESIS_PREVIOUS_HASH, 2)))
        .isInstanceOfSatisfying(LedgerConflictException.class, e -> {
          assertThat(e.expectedNextSeq()).isEqualTo(4);
          assertThat(e.actualNextSeq()).isIn(0L, -1L);
        });
    assertThat(storage().size()).isZero();

    List<LedgerRecord> base = appendSample(2);
    assertThatThrownBy(() -> storage().append(3, SampleRecords.chain(3, base.get(1).entryHash(), 1)))
        .isInstanceOf(LedgerConflictException.class);
    assertThat(storage().size()).isEqualTo(2);
    assertThat(storage().read(3)).isEmpty();
  }

  @Test
  @DisplayName("a conflicting batch that overlaps the head writes none of its records, not even the new ones")
  void overlappingBatchWritesNothing() {
    List<LedgerRecord> base = appendSample(4);
    // seqs 2..7: the first two collide with stored entries, the last four are free
    List<LedgerRecord> overlapping = SampleRecords.chain(2, base.get(1).entryHash(), 6);

    assertThatThrownBy(() -> storage().append(2, overlapping)).isInstanceOf(LedgerConflictException.class);

    assertThat(storage().size()).isEqualTo(4);
    assertSameList(scanAll(storage()), base);
    for (long seq = 4; seq < 8; seq++) {
      assertThat(storage().read(seq)).as("seq %d", seq).isEmpty();
    }
  }

  @Test
  @DisplayName("after a conflict the loser re-reads the head, rebuilds its batch and succeeds")
  void conflictThenRetry() {
    appendSample(3);
    LedgerRecord seenHead = storage().head().orElseThrow();
    appendSample(2); // another writer wins the race
    List<LedgerRecord> mine = SampleRecords.after(seenHead, 2);
    assertThatThrownBy(() -> storage().append(mine.get(0).seq(), mine)).isInstanceOf(LedgerConflictException.class);

    List<LedgerRecord> rebuilt = SampleRecords.after(storage().head().orElseThrow(), 2);
    storage().append(rebuilt.get(0).seq(), rebuilt);

    assertThat(storage().size()).isEqualTo(7);
    assertChainLinks(scanAll(storage()));
  }

  // ---------------------------------------------------------------- bytes

  @Test
  @DisplayName("arbitrary bytes, including NUL, 0xFF and invalid UTF-8, round-trip exactly in entries and side records")
  void arbitraryBytesRoundTrip() {
    byte[] allBytes = new byte[512];
    for (int i = 0; i < allBytes.length; i++) {
      allBytes[i] = (byte) i;
    }
    byte[] reversed = allBytes.clone();
    for (int i = 0; i < reversed.length; i++) {
      reversed[i] = allBytes[allBytes.length - 1 - i];
    }
    byte[] badUtf8 = {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, (byte) 0x28, (byte) 0xA1, 0, 0, (byte) 0xFF};
    List<LedgerRecord> batch = List.of(
        SampleRecords.hashed(0, "genesis", SampleRecords.timestamp(0), SampleRecords.GENESIS_PREVIOUS_HASH, allBytes, reversed),
        SampleRecords.hashed(1, "decision", SampleRecords.timestamp(1), SampleRecords.sha256Hex(allBytes), badUtf8, badUtf8.clone()),
        SampleRecords.hashed(2, "decision", SampleRecords.timestamp(2), SampleRecords.sha256Hex(badUtf8), new byte[] {0}, null));
    storage().append(0, batch);

    assertSameList(storage().read(0, 3), batch);
    assertSameList(scanAll(storage()), batch);
    assertSameList(storage().findByType("decision", 0, 10), batch.subList(1, 3));
    for (LedgerRecord r : storage().read(0, 3)) {
      assertThat(SampleRecords.sha256Hex(r.entry())).as("hash of stored entry %d", r.seq()).isEqualTo(r.entryHash());
    }
  }

  @Test
  @DisplayName("an empty side record stays an empty side record, distinct from none")
  void emptySideRecordIsNotNull() {
    LedgerRecord genesis = SampleRecords.after(null, 1).get(0);
    LedgerRecord withEmpty = SampleRecords.hashed(1, "decision", SampleRecords.timestamp(1), genesis.entryHash(),
        "{\"n\":1}".getBytes(StandardCharsets.UTF_8), new byte[0]);
    storage().append(0, List.of(genesis, withEmpty));

    assertThat(storage().read(0).orElseThrow().sideRecord()).isNull();
    assertThat(storage().read(1).orElseThrow().sideRecord()).isNotNull().isEmpty();
    assertThat(storage().eraseSideRecord(1)).isTrue();
    assertThat(storage().read(1).orElseThrow().sideRecord()).isNull();
  }

  @Test
  @DisplayName("a 1 MiB entry and a 1 MiB side record round-trip byte for byte")
  void largePayloads() {
    Random random = new Random(42);
    byte[] big = new byte[ONE_MIB];
    random.nextBytes(big);
    byte[] bigSide = new byte[ONE_MIB + 17];
    random.nextBytes(bigSide);
    List<LedgerRecord> head = appendSample(2);
    List<LedgerRecord> batch = List.of(
        SampleRecords.hashed(2, "evidence", SampleRecords.timestamp(2), head.get(1).entryHash(), big, bigSide),
        SampleRecords.hashed(3, "evidence", SampleRecords.timestamp(3), SampleRecords.sha256Hex(big), big.clone(), null));
    storage().append(2, batch);

    assertSame(storage().read(2).orElseThrow(), batch.get(0));
    assertSame(storage().head().orElseThrow(), batch.get(1));
    assertSameList(storage().findByType("evidence", 0, 10), batch);
    assertThat(SampleRecords.sha256Hex(storage().read(2).orElseThrow().entry())).isEqualTo(batch.get(0).entryHash());
  }

  @ParameterizedTest(name = "event type \"{0}\"")
  @ValueSource(strings = {
    "décision", "決定", "решение", "القرار", "🚦 signal", "Ωmega-ω", "quote\"back\\slash", "e\u0301", "a\u200Db"
  })
  @DisplayName("event types and timestamps in any script round-trip exactly and are found by type")
  void unicodeColumns(String eventType) {
    String timestamp = "２０２６-01-01T00:00:00.000001Z ⏱ " + eventType;
    LedgerRecord genesis = SampleRecords.after(null, 1).get(0);
    byte[] entry = SampleRecords.canonicalEntry(1, eventType, timestamp, genesis.entryHash(), Map.of("note", eventType));
    LedgerRecord unicode = SampleRecords.hashed(1, eventType, timestamp, genesis.entryHash(), entry,
        ("{\"name\":\"" + eventType + "\"}").getBytes(StandardCharsets.UTF_8));
    storage().append(0, List.of(genesis, unicode));

    LedgerRecord read = storage().read(1).orElseThrow();
    assertThat(read.eventType()).isEqualTo(eventType);
    assertThat(read.timestamp()).isEqualTo(timestamp);
    assertSame(read, unicode);
    assertSameList(storage().findByType(eventType, 0, 10), List.of(unicode));
  }

  // ---------------------------------------------------------------- findByType and scan

  @Test
  @DisplayName("findByType returns one type in seq order, paged by offset and limit")
  void findByTypePaging() {
    List<LedgerRecord> all = appendSample(120);
    List<LedgerRecord> decisions = all.stream().filter(r -> r.eventType().equals("decision")).toList();
    assertThat(decisions).hasSizeGreaterThan(40);

    List<LedgerRecord> paged = new ArrayList<>();
    for (long offset = 0; ; offset += 7) {
      List<LedgerRecord> page = storage().findByType("decision", offset, 7);
      paged.addAll(page);
      if (page.size() < 7) {
        break;
      }
    }
    assertSameList(paged, decisions);
    assertSameList(storage().findByType("decision", 3, 2), decisions.subList(3, 5));
    assertThat(storage().findByType("decision", decisions.size(), 10)).isEmpty();
    assertThat(storage().findByType("decision", 0, 0)).isEmpty();
    assertThat(storage().findByType("no_such_type", 0, 10)).isEmpty();
    assertSameList(storage().findByType("genesis", 0, 10), all.subList(0, 1));
    assertSameList(storage().findByType("decision", 0, Integer.MAX_VALUE), decisions);
  }

  @Test
  @DisplayName("count(type, from, to) counts one type's records in the half-open timestamp range, like a scan")
  void countByTypeAndTime() {
    List<LedgerRecord> all = appendSample(120);
    List<String> stamps = all.stream().map(LedgerRecord::timestamp).sorted().toList();
    String first = stamps.get(0);
    String middle = stamps.get(60);
    String end = "9999-12-31T23:59:59.999999Z";
    for (String type : List.of("decision", "genesis", "override", "no_such_type")) {
      for (String[] range : List.of(new String[] {first, end}, new String[] {first, middle},
          new String[] {middle, end}, new String[] {middle, middle})) {
        long expected = all.stream().filter(r -> r.eventType().equals(type)
            && r.timestamp().compareTo(range[0]) >= 0 && r.timestamp().compareTo(range[1]) < 0).count();
        assertThat(storage().count(type, range[0], range[1]))
            .as("%s in [%s, %s)", type, range[0], range[1]).isEqualTo(expected);
      }
    }
    assertThat(storage().count("decision", first, end)).isPositive();
    assertThatThrownBy(() -> storage().count("decision", "2026-01-01", end))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("findByType matches event types exactly: case, accents and trailing spaces all count")
  void findByTypeIsExact() {
    String[] types = {"decision", "Decision", "DECISION", "decision ", " decision", "décision", "decisio"};
    LedgerRecord previous = SampleRecords.after(null, 1).get(0);
    List<LedgerRecord> batch = new ArrayList<>(List.of(previous));
    for (int i = 0; i < types.length; i++) {
      long seq = i + 1;
      byte[] entry = SampleRecords.canonicalEntry(seq, types[i], SampleRecords.timestamp(seq), previous.entryHash(), Map.of());
      previous = SampleRecords.hashed(seq, types[i], SampleRecords.timestamp(seq), previous.entryHash(), entry, null);
      batch.add(previous);
    }
    storage().append(0, batch);

    for (int i = 0; i < types.length; i++) {
      assertThat(storage().findByType(types[i], 0, 10))
          .as("records of type [%s]", types[i])
          .extracting(LedgerRecord::seq)
          .containsExactly(i + 1L);
    }
  }

  @Test
  @DisplayName("scan streams the half-open range [from, to) in ascending order, clipped to the ledger")
  void scanRanges() {
    List<LedgerRecord> all = appendSample(30);
    assertSameList(scan(storage(), 0, 30), all);
    assertSameList(scan(storage(), 0, Long.MAX_VALUE), all);
    assertSameList(scan(storage(), 10, 20), all.subList(10, 20));
    assertSameList(scan(storage(), 29, 100), all.subList(29, 30));
    assertThat(scan(storage(), 5, 5)).isEmpty();
    assertThat(scan(storage(), 30, 40)).isEmpty();
    assertThat(scan(storage(), 1000, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  @DisplayName("scan delivers thousands of records each exactly once, ascending, without gaps")
  void scanManyRecords() {
    int total = 0;
    while (total < 5000) {
      total += appendSample(500).size();
    }
    AtomicLong expectedSeq = new AtomicLong();
    storage().scan(0, Long.MAX_VALUE, r -> {
      assertThat(r.seq()).isEqualTo(expectedSeq.getAndIncrement());
    });
    assertThat(expectedSeq.get()).isEqualTo(5000);
  }

  @Test
  @DisplayName("scanHashes streams each record's seq, event type, timestamp and entry hash over the half-open range, as scan does")
  void scanHashesMatchesScan() {
    List<LedgerRecord> all = appendSample(30);
    assertThat(hashes(storage(), 0, Long.MAX_VALUE)).containsExactlyElementsOf(columns(all));
    assertThat(hashes(storage(), 10, 20)).containsExactlyElementsOf(columns(all.subList(10, 20)));
    assertThat(hashes(storage(), 29, 100)).containsExactlyElementsOf(columns(all.subList(29, 30)));
    assertThat(hashes(storage(), 5, 5)).isEmpty();
    assertThat(hashes(storage(), 1000, Long.MAX_VALUE)).isEmpty();
    assertThatThrownBy(() -> storage().scanHashes(-1, 5, (q, t, ts, h) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().scanHashes(5, 4, (q, t, ts, h) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("scanHashes delivers thousands of records once each, in order, and lets the consumer read the storage meanwhile")
  void scanHashesManyRecords() {
    List<LedgerRecord> all = new ArrayList<>();
    while (all.size() < 12_000) {
      all.addAll(appendSample(2000));
    }
    AtomicLong expectedSeq = new AtomicLong();
    storage().scanHashes(0, Long.MAX_VALUE, (seq, type, ts, hash) -> {
      assertThat(seq).isEqualTo(expectedSeq.getAndIncrement());
      assertThat(hash).isEqualTo(all.get((int) seq).entryHash());
      if (seq % 3000 == 0) {
        // opening a ledger reads the few entries it interprets while it streams the hashes
        assertThat(storage().read(seq).orElseThrow().entryHash()).isEqualTo(hash);
      }
    });
    assertThat(expectedSeq.get()).isEqualTo(all.size());
  }

  @Test
  @DisplayName("negative offsets, counts and inverted ranges are rejected with IllegalArgumentException")
  void badArguments() {
    appendSample(3);
    assertThatThrownBy(() -> storage().read(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().read(0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().findByType("decision", -1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().findByType("decision", 0, -5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().scan(-1, 5, r -> {})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().scan(5, 4, r -> {})).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- erasure

  @Test
  @DisplayName("eraseSideRecord deletes the side record everywhere and keeps the entry byte for byte")
  void eraseKeepsEntry() {
    List<LedgerRecord> all = appendSample(12);
    LedgerRecord target = all.stream().filter(r -> r.sideRecord() != null).findFirst().orElseThrow();
    LedgerRecord other = all.stream().filter(r -> r.sideRecord() != null && r.seq() != target.seq()).findFirst().orElseThrow();

    assertThat(storage().eraseSideRecord(target.seq())).isTrue();

    LedgerRecord erased = storage().read(target.seq()).orElseThrow();
    assertSame(erased, target.withoutSideRecord());
    assertThat(SampleRecords.sha256Hex(erased.entry())).isEqualTo(target.entryHash());
    assertThat(scan(storage(), target.seq(), target.seq() + 1).get(0).sideRecord()).isNull();
    assertThat(storage().read(0, 100).get((int) target.seq()).sideRecord()).isNull();
    assertThat(storage().findByType(target.eventType(), 0, 100))
        .filteredOn(r -> r.seq() == target.seq())
        .singleElement()
        .satisfies(r -> assertThat(r.sideRecord()).isNull());
    assertSame(storage().read(other.seq()).orElseThrow(), other);
    assertThat(storage().size()).isEqualTo(12);
    assertChainLinks(scanAll(storage()));
  }

  @Test
  @DisplayName("eraseSideRecord returns false when there is nothing to erase")
  void eraseNothing() {
    List<LedgerRecord> all = appendSample(6);
    LedgerRecord withSide = all.stream().filter(r -> r.sideRecord() != null).findFirst().orElseThrow();
    LedgerRecord without = all.stream().filter(r -> r.sideRecord() == null).findFirst().orElseThrow();

    assertThat(storage().eraseSideRecord(without.seq())).isFalse();
    assertThat(storage().eraseSideRecord(withSide.seq())).isTrue();
    assertThat(storage().eraseSideRecord(withSide.seq())).isFalse();
    assertThat(storage().eraseSideRecord(999)).isFalse();
    assertThat(storage().eraseSideRecord(-1)).isFalse();
    assertSameList(scanAll(storage()).stream().map(LedgerRecord::withoutSideRecord).toList(),
        all.stream().map(LedgerRecord::withoutSideRecord).toList());
  }

  @Test
  @DisplayName("the head reflects an erasure of its side record")
  void eraseHead() {
    LedgerRecord genesis = SampleRecords.after(null, 1).get(0);
    byte[] entry = SampleRecords.canonicalEntry(1, "decision", SampleRecords.timestamp(1), genesis.entryHash(), Map.of());
    LedgerRecord head = SampleRecords.hashed(1, "decision", SampleRecords.timestamp(1), genesis.entryHash(), entry,
        "{\"salt\":\"00\"}".getBytes(StandardCharsets.UTF_8));
    storage().append(0, List.of(genesis, head));
    assertThat(storage().eraseSideRecord(1)).isTrue();
    assertSame(storage().head().orElseThrow(), head.withoutSideRecord());
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  @DisplayName("threads racing conditional appends get exactly one winner per seq, no gaps, and every acknowledged record stored")
  void concurrentAppenders() throws Exception {
    int writers = concurrentWriters();
    int appendsEach = appendsPerWriter();
    Map<Long, LedgerRecord> acknowledged = new ConcurrentHashMap<>();
    AtomicLong conflicts = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        results.add(pool.submit(() -> {
          Random random = new Random(writer);
          start.await();
          int done = 0;
          int attempts = 0;
          while (done < appendsEach) {
            if (++attempts > appendsEach * 1000) {
              throw new AssertionError("writer " + writer + " starved after " + attempts + " attempts");
            }
            Optional<LedgerRecord> head = storage().head();
            List<LedgerRecord> batch = writerBatch(head.orElse(null), writer, done, 1 + random.nextInt(3));
            try {
              storage().append(batch.get(0).seq(), batch);
            } catch (LedgerConflictException e) {
              conflicts.incrementAndGet();
              Thread.yield();
              continue;
            }
            for (LedgerRecord r : batch) {
              if (acknowledged.putIfAbsent(r.seq(), r) != null) {
                throw new AssertionError("seq " + r.seq() + " acknowledged twice, second time to writer " + writer);
              }
            }
            done++;
          }
          return done;
        }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertThat(f.get(5, TimeUnit.MINUTES)).isEqualTo(appendsEach);
      }
    } finally {
      pool.shutdownNow();
    }

    List<LedgerRecord> stored = scanAll(storage());
    assertThat(storage().size()).isEqualTo(acknowledged.size());
    assertThat(stored).hasSize(acknowledged.size());
    for (int i = 0; i < stored.size(); i++) {
      LedgerRecord r = stored.get(i);
      assertThat(r.seq()).as("seq at position %d", i).isEqualTo(i);
      LedgerRecord ack = acknowledged.get(r.seq());
      if (ack == null) {
        fail("seq %d is stored but no writer was told it succeeded", r.seq());
      }
      assertSame(r, ack);
    }
    assertChainLinks(stored);
  }

  @Test
  @DisplayName("readers running during appends only ever see whole batches")
  void readersSeeWholeBatches() throws Exception {
    int batchSize = 4;
    int batches = 60;
    AtomicBoolean writing = new AtomicBoolean(true);
    List<String> torn = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          do {
            storage().head().ifPresent(h -> {
              if ((h.seq() + 1) % batchSize != 0) {
                torn.add("head at seq " + h.seq());
              }
            });
            long size = storage().size();
            if (size % batchSize != 0) {
              torn.add("size " + size);
            }
            int read = storage().read(0, Integer.MAX_VALUE).size();
            if (read % batchSize != 0) {
              torn.add("read(0, max) returned " + read);
            }
          } while (writing.get());
          return null;
        }));
      }
      Future<?> writer = pool.submit(() -> {
        try {
          for (int b = 0; b < batches; b++) {
            appendSample(batchSize);
          }
        } finally {
          writing.set(false);
        }
        return null;
      });
      writer.get(5, TimeUnit.MINUTES);
      for (Future<?> reader : readers) {
        reader.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(torn).as("partial batches seen by readers").isEmpty();
    assertThat(storage().size()).isEqualTo((long) batchSize * batches);
  }

  // ---------------------------------------------------------------- lifecycle

  @Test
  @DisplayName("a reopened storage holds every record, side record and erasure it had when closed")
  void reopenKeepsEverything() throws Exception {
    List<LedgerRecord> all = new ArrayList<>(appendSample(40));
    LedgerRecord erased = all.stream().filter(r -> r.sideRecord() != null).findFirst().orElseThrow();
    assertThat(storage().eraseSideRecord(erased.seq())).isTrue();
    all.set((int) erased.seq(), erased.withoutSideRecord());
    storage().close();
    storage = null;

    storage = reopenStorage();

    assertThat(storage().size()).isEqualTo(40);
    assertSame(storage().head().orElseThrow(), all.get(39));
    assertSameList(scanAll(storage()), all);
    // and it keeps appending where it left off
    List<LedgerRecord> more = appendSample(3);
    assertThat(more.get(0).seq()).isEqualTo(40);
    assertThat(storage().size()).isEqualTo(43);
  }

  @Test
  @DisplayName("every operation on a closed storage fails with LedgerStorageException")
  void closedStorageFails() {
    List<LedgerRecord> base = appendSample(3);
    LedgerStorage s = storage();
    s.close();
    List<LedgerRecord> next = SampleRecords.after(base.get(2), 1);

    assertThatThrownBy(() -> s.append(3, next)).isInstanceOf(LedgerStorageException.class);
    assertThatThrownBy(s::head).isInstanceOf(LedgerStorageException.class);
    assertThatThrownBy(s::size).isInstanceOf(LedgerStorageException.class);
    assertThatThrownBy(() -> s.read(0)).isInstanceOf(LedgerStorageException.class);
    assertThatThrownBy(() -> s.read(0, 3)).isInstanceOf(LedgerStorageException.class);
    assertThatThrownBy(() -> s.scan(0, 3, r -> {})).isInstanceOf(LedgerStorageException.class);
    assertThatThrownBy(() -> s.scanHashes(0, 3, (q, t, ts, h) -> {})).isInstanceOf(LedgerStorageException.class);
    assertThatThrownBy(() -> s.findByType("decision", 0, 3)).isInstanceOf(LedgerStorageException.class);
    assertThatThrownBy(() -> s.eraseSideRecord(1)).isInstanceOf(LedgerStorageException.class);
  }

  @Test
  @DisplayName("closing a storage twice is harmless")
  void closeTwice() {
    appendSample(1);
    LedgerStorage s = storage();
    s.close();
    assertThatCode(s::close).doesNotThrowAnyException();
  }

  // ---------------------------------------------------------------- helpers

  /** Records only one writer could have made: the payload names the writer and its counter. */
  private static List<LedgerRecord> writerBatch(@Nullable LedgerRecord head, int writer, int n, int count) {
    long seq = head == null ? 0 : head.seq() + 1;
    String previous = head == null ? SampleRecords.GENESIS_PREVIOUS_HASH : head.entryHash();
    List<LedgerRecord> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++, seq++) {
      Map<String, Object> payload = new TreeMap<>();
      payload.put("writer", "w" + writer);
      payload.put("append", n);
      payload.put("index", i);
      String ts = SampleRecords.timestamp(seq);
      byte[] side = (i % 2 == 0) ? ("{\"writer\":" + writer + "}").getBytes(StandardCharsets.UTF_8) : null;
      LedgerRecord r = SampleRecords.hashed(seq, "decision", ts, previous,
          SampleRecords.canonicalEntry(seq, "decision", ts, previous, payload), side);
      out.add(r);
      previous = r.entryHash();
    }
    return out;
  }

  /** Every record, via {@link LedgerStorage#scan}. */
  protected static List<LedgerRecord> scanAll(LedgerStorage s) {
    return scan(s, 0, Long.MAX_VALUE);
  }

  /** What {@link LedgerStorage#scanHashes} delivers for a range, one string per record. */
  private static List<String> hashes(LedgerStorage s, long from, long to) {
    List<String> out = new ArrayList<>();
    s.scanHashes(from, to, (seq, type, ts, hash) -> out.add(seq + " " + type + " " + ts + " " + hash));
    return out;
  }

  private static List<String> columns(List<LedgerRecord> records) {
    return records.stream()
        .map(r -> r.seq() + " " + r.eventType() + " " + r.timestamp() + " " + r.entryHash())
        .toList();
  }

  private static List<LedgerRecord> scan(LedgerStorage s, long from, long to) {
    List<LedgerRecord> out = new ArrayList<>();
    s.scan(from, to, out::add);
    return out;
  }

  /** Fails unless each record's previous hash is the entry hash of the record before it. */
  protected static void assertChainLinks(List<LedgerRecord> records) {
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).previousHash())
          .as("previous hash of seq %d (the chain forked or has a hole)", records.get(i).seq())
          .isEqualTo(records.get(i - 1).entryHash());
    }
  }

  /** Fails unless both records agree on every column and byte. */
  protected static void assertSame(LedgerRecord actual, LedgerRecord expected) {
    long seq = expected.seq();
    assertThat(actual.seq()).as("seq").isEqualTo(seq);
    assertThat(actual.eventType()).as("event type of seq %d", seq).isEqualTo(expected.eventType());
    assertThat(actual.timestamp()).as("timestamp of seq %d", seq).isEqualTo(expected.timestamp());
    assertThat(actual.previousHash()).as("previous hash of seq %d", seq).isEqualTo(expected.previousHash());
    assertThat(actual.entryHash()).as("entry hash of seq %d", seq).isEqualTo(expected.entryHash());
    if (!Arrays.equals(actual.entry(), expected.entry())) {
      fail("entry bytes of seq %d differ: %s", seq, firstDifference(actual.entry(), expected.entry()));
    }
    byte[] side = actual.sideRecord();
    byte[] expectedSide = expected.sideRecord();
    if (expectedSide == null || side == null) {
      assertThat(side == null).as("seq %d has a side record", seq).isEqualTo(expectedSide == null);
    } else if (!Arrays.equals(side, expectedSide)) {
      fail("side record bytes of seq %d differ: %s", seq, firstDifference(side, expectedSide));
    }
  }

  /** Fails unless both lists hold the same records in the same order. */
  protected static void assertSameList(List<LedgerRecord> actual, List<LedgerRecord> expected) {
    assertThat(actual.stream().map(LedgerRecord::seq).toList())
        .as("seqs")
        .isEqualTo(expected.stream().map(LedgerRecord::seq).toList());
    for (int i = 0; i < expected.size(); i++) {
      assertSame(actual.get(i), expected.get(i));
    }
  }

  private static String firstDifference(byte[] actual, byte[] expected) {
    int n = Math.min(actual.length, expected.length);
    for (int i = 0; i < n; i++) {
      if (actual[i] != expected[i]) {
        return "first at byte " + i + " (expected " + (expected[i] & 0xff) + ", was " + (actual[i] & 0xff) + ")";
      }
    }
    return "length " + actual.length + " instead of " + expected.length;
  }
}

package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.VerificationFailure;
import dev.lexecon.api.ledger.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Streaming verifier across chunk and window boundaries")
class ChainVerifierTest {

  @ParameterizedTest(name = "{0} entries, checkpoint every {1}")
  @CsvSource({
      "1, 0", "2, 1", "4095, 0", "4096, 0", "4097, 1000", "8191, 4095", "8192, 4096",
      "8193, 333", "32767, 0", "32768, 8192", "32769, 5000", "70000, 7"})
  @DisplayName("roots match the Merkle tree at every checkpoint and at the end; incremental resumes at the last one")
  void boundaries(int entries, int every) {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    try (LedgerEngine ledger = LedgerTesting.builder(storage).checkpointEvery(every).build()) {
      for (int i = 1; i < entries; i++) {
        ledger.append(EventType.EVIDENCE, Map.of("i", i));
      }
      ledger.flush(); // an automatic checkpoint may still be on its way after the last append
      VerificationResult full = ledger.verify();
      assertThat(full.valid()).as(full.toString()).isTrue();
      assertThat(full.treeSize()).isEqualTo(storage.size());
      assertThat(full.rootHash()).isEqualTo(ledger.rootHash());
      assertThat(full.headHash()).isEqualTo(storage.head().map(LedgerRecord::entryHash).orElse(null));
      long checkpoints = ledger.report().count(EventType.CHECKPOINT);
      assertThat(full.checkpointsVerified()).isEqualTo(checkpoints);

      for (int i = 0; i < 100; i++) {
        ledger.append(EventType.EVIDENCE, Map.of("more", i));
      }
      ledger.flush();
      VerificationResult incremental = ledger.verifyIncremental();
      assertThat(incremental.valid()).as(incremental.toString()).isTrue();
      assertThat(incremental.rootHash()).isEqualTo(ledger.rootHash());
      if (checkpoints > 0) {
        long last = ledger.entries(EventType.CHECKPOINT, checkpoints - 1, 1).get(0).seq();
        assertThat(incremental.fromSeq()).isEqualTo(last);
        assertThat(incremental.entriesVerified()).isEqualTo(storage.size() - last);
      } else {
        assertThat(incremental.fromSeq()).isZero();
      }
      VerificationResult offline = LedgerVerifier.create().verify(storage);
      assertThat(offline.rootHash()).isEqualTo(ledger.rootHash());
    }
  }

  @ParameterizedTest(name = "{0} entries, record {1} dropped")
  @CsvSource({"70000, -1", "70000, 32767", "70000, 32768", "70000, 65536", "70000, 69998",
      "65536, -1", "65536, 65534", "32768, 100"})
  @DisplayName("reading windows ahead on one, two or three threads gives the same result")
  void readersAgree(int entries, int drop) {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    List<LedgerRecord> records = new ArrayList<>();
    try (LedgerEngine ledger = LedgerTesting.builder(storage).checkpointEvery(1000).build()) {
      while (storage.size() < entries) {
        ledger.append(EventType.EVIDENCE, Map.of("i", storage.size()));
      }
      ledger.flush();
      records.addAll(storage.read(0, (int) storage.size())); // closing the ledger closes its storage
    }
    if (drop >= 0) {
      records.remove(drop);
    }
    List<VerificationResult> results = new ArrayList<>();
    for (int readers = 1; readers <= 3; readers++) {
      int n = readers;
      ChainVerifier.Source source = new ChainVerifier.Source() {
        @Override
        public List<LedgerRecord> read(long from, int max) {
          return from >= records.size() ? List.of()
              : records.subList((int) from, (int) Math.min(records.size(), from + max));
        }

        @Override
        public int readers() {
          return n;
        }
      };
      results.add(new ChainVerifier(source, new ChainVerifier.State(), null).run().result());
    }
    assertThat(results.get(0).valid()).isEqualTo(drop < 0);
    assertThat(results.get(1)).isEqualTo(results.get(0));
    assertThat(results.get(2)).isEqualTo(results.get(0));
  }

  @ParameterizedTest(name = "{1} at seq {0}")
  @CsvSource({
      "1, rehashed", "2, rehashed", "4095, rehashed", "4096, rehashed", "4097, rehashed", "6000, rehashed",
      "8192, rehashed", "1, column", "4095, column", "4096, column", "4097, column", "8193, column",
      "4096, seq", "5000, seq"})
  @DisplayName("a record pre-checked on another thread still fails at its own seq, with the same reason")
  void tamperedInsideAndAtChunkEdges(int seq, String tamper) {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    List<LedgerRecord> records = new ArrayList<>();
    try (LedgerEngine ledger = LedgerTesting.builder(storage).checkpointEvery(0).build()) {
      while (storage.size() < 9000) {
        ledger.append(EventType.EVIDENCE, Map.of("i", storage.size()));
      }
      ledger.flush();
      records.addAll(storage.read(0, (int) storage.size()));
    }
    Expected expected = tamper(records, seq, tamper);
    ChainVerifier.Source source = (from, max) -> from >= records.size() ? List.of()
        : records.subList((int) from, (int) Math.min(records.size(), from + max));
    VerificationResult result = new ChainVerifier(source, new ChainVerifier.State(), null).run().result();
    expected.check(result);
  }

  /** The failure a tampered record must produce: where, what kind, and words of its message. */
  private record Expected(long failAt, VerificationFailure.Kind kind, String says) {
    void check(VerificationResult result) {
      assertThat(result.valid()).isFalse();
      assertThat(result.failure().seq()).as(result.toString()).isEqualTo(failAt);
      assertThat(result.failure().kind()).isEqualTo(kind);
      assertThat(result.failure().message()).contains(says);
      assertThat(result.entriesVerified()).isEqualTo(failAt);
      assertThat(result.treeSize()).isEqualTo(failAt);
    }
  }

  /** Tampers with {@code records[seq]}, an evidence entry whose payload is {"i":seq}. */
  private static Expected tamper(List<LedgerRecord> records, int seq, String tamper) {
    LedgerRecord r = records.get(seq);
    switch (tamper) {
      case "rehashed" -> { // a consistent entry: only the next entry's previous_hash gives it away
        byte[] entry = new String(r.entry(), StandardCharsets.UTF_8)
            .replace("{\"i\":" + seq + "}", "{\"i\":-" + seq + "}").getBytes(StandardCharsets.UTF_8);
        String hash = Commitments.hex(Commitments.sha256().digest(entry));
        records.set(seq, new LedgerRecord(r.seq(), r.eventType(), r.timestamp(), r.previousHash(), hash, entry, null));
        return new Expected(seq + 1, VerificationFailure.Kind.BROKEN_LINK,
            "entry " + (seq + 1) + " has previous_hash");
      }
      case "column" -> {
        records.set(seq, new LedgerRecord(r.seq(), r.eventType(), "2020-01-01T00:00:00.000000Z",
            r.previousHash(), r.entryHash(), r.entry(), null));
        return new Expected(seq, VerificationFailure.Kind.MALFORMED_ENTRY,
            "the stored timestamp column disagrees");
      }
      default -> {
        records.set(seq, new LedgerRecord(r.seq() + 1, r.eventType(), r.timestamp(), r.previousHash(),
            r.entryHash(), r.entry(), null));
        return new Expected(seq, VerificationFailure.Kind.GAP, "missing");
      }
    }
  }

  /** 70,000 evidence entries without checkpoints (three windows), written once for the tests below. */
  private static @Nullable List<LedgerRecord> threeWindows;

  private static synchronized List<LedgerRecord> threeWindows() {
    if (threeWindows == null) {
      InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
      try (LedgerEngine ledger = LedgerTesting.builder(storage).checkpointEvery(0).build()) {
        while (storage.size() < 70_000) {
          ledger.append(EventType.EVIDENCE, Map.of("i", storage.size()));
        }
        ledger.flush();
        threeWindows = List.copyOf(storage.read(0, (int) storage.size()));
      }
    }
    return threeWindows;
  }

  private static ChainVerifier.Source sourceOf(List<LedgerRecord> records) {
    return (from, max) -> from >= records.size() ? List.of()
        : records.subList((int) from, (int) Math.min(records.size(), from + max));
  }

  @ParameterizedTest(name = "{1} at seq {0}")
  @CsvSource({
      "32766, rehashed", "32767, rehashed", "32768, rehashed", "32767, column", "32768, column",
      "32769, column", "32768, seq", "65535, rehashed", "65536, column", "65536, seq", "69998, rehashed",
      "69999, column"})
  @DisplayName("a record tampered at a window's edge fails at its own seq, though the next window was being hashed already")
  void tamperedAtWindowEdges(int seq, String tamper) {
    List<LedgerRecord> records = new ArrayList<>(threeWindows());
    Expected expected = tamper(records, seq, tamper);
    expected.check(new ChainVerifier(sourceOf(records), new ChainVerifier.State(), null).run().result());
  }

  @ParameterizedTest(name = "read of window {0} fails")
  @CsvSource({"1", "2"})
  @DisplayName("a read that fails after a tampered window is never seen; one after good windows is thrown")
  void readFailingAhead(int failingWindow) {
    List<LedgerRecord> records = new ArrayList<>(threeWindows());
    long failingFrom = (long) failingWindow * ChainVerifier.WINDOW;
    ChainVerifier.Source good = sourceOf(records);
    ChainVerifier.Source failing = (from, max) -> {
      if (from == failingFrom) {
        throw new IllegalStateException("disk on fire at " + from);
      }
      return good.read(from, max);
    };
    assertThatThrownBy(() -> new ChainVerifier(failing, new ChainVerifier.State(), null).run())
        .isInstanceOf(IllegalStateException.class).hasMessage("disk on fire at " + failingFrom);

    int seq = (int) failingFrom - 2; // in the window before the failing read
    Expected expected = tamper(records, seq, "column");
    expected.check(new ChainVerifier(failing, new ChainVerifier.State(), null).run().result());
  }

  @Test
  @DisplayName("checkpoints signed by a key announced near the end of the window before them verify")
  void keyRotatedJustBeforeAWindow() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    LedgerEngine first = LedgerTesting.builder(storage).checkpointEvery(0).build();
    while (storage.size() < ChainVerifier.WINDOW - 3) {
      first.append(EventType.EVIDENCE, Map.of("i", storage.size()));
    }
    first.flush(); // not closed: the storage stays open for the second engine
    try (LedgerEngine second = LedgerTesting.builder(storage).checkpointEvery(500).build()) {
      assertThat(second.entry(ChainVerifier.WINDOW - 3).orElseThrow().eventType()).isEqualTo("key_rotated");
      while (storage.size() < 2 * ChainVerifier.WINDOW + 100) {
        second.append(EventType.EVIDENCE, Map.of("i", storage.size()));
      }
      second.flush();
      VerificationResult result = second.verify();
      assertThat(result.valid()).as(result.toString()).isTrue();
      assertThat(result.checkpointsVerified()).isEqualTo(second.report().count(EventType.CHECKPOINT)).isPositive();
      VerificationResult offline = LedgerVerifier.create().trusting(second.checkpointKey()).verify(storage);
      assertThat(offline.valid()).as(offline.toString()).isTrue();
    }
  }
}

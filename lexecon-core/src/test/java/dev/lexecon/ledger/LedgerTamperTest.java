package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.VerificationFailure;
import dev.lexecon.api.ledger.VerificationFailure.Kind;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.json.Jcs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random tamper tests over many ledgers: every kind of tampering must make verification
 * fail, and the failure must name the tampered place. Each tampering is checked three ways: by the
 * ledger that wrote the entries (in-process verify), by {@link LedgerVerifier} over the storage,
 * and, where it applies, by {@link LedgerVerifier} over an export.
 */
@DisplayName("Ledger tamper detection")
class LedgerTamperTest {
  static final int LEDGERS = 30;

  /** A written ledger over a list storage the test can tamper with. */
  record Fixture(LedgerEngine ledger, ListStorage storage, List<LedgerRecord> original, Random rnd) {
    List<Long> seqsOf(String type) {
      return original.stream().filter(r -> r.eventType().equals(type)).map(LedgerRecord::seq).toList();
    }

    long anySeq() {
      return rnd.nextInt(original.size());
    }

    void replaceAll(List<LedgerRecord> records) {
      synchronized (storage) {
        storage.records.clear();
        storage.records.addAll(records);
      }
    }
  }

  static Fixture fixture(long seed) {
    Random rnd = new Random(seed);
    ListStorage storage = new ListStorage(List.of());
    LedgerEngine ledger = LedgerTesting.builder(storage).clock(LedgerTesting.tickingClock())
        .checkpointEvery(3 + rnd.nextInt(15)).salts(SaltSource.seeded(seed)).build();
    int n = 10 + rnd.nextInt(60);
    EventType[] types = {EventType.DECISION, EventType.EVIDENCE, EventType.OVERRIDE};
    for (int i = 0; i < n; i++) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("i", i);
      payload.put("note", "entry number " + i + " \u00e9\u20ac");
      if (rnd.nextBoolean()) {
        payload.put("who", Redactable.of("person " + rnd.nextInt(1000)));
        payload.put("ctx", Map.of("k", Redactable.of(List.of(1, "two", Map.of("three", 3)))));
      }
      ledger.append(types[rnd.nextInt(types.length)], payload);
    }
    ledger.checkpoint();
    return new Fixture(ledger, storage, List.copyOf(storage.records), rnd);
  }

  /** One way of tampering, with where the failure must be reported and which kinds may name it. */
  record Tamper(String name, Function<Fixture, Expect> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Where and how verification must fail; {@code offline} false when only the writer can tell,
   * {@code export} false when the tampering is in stored columns an export does not carry.
   */
  record Expect(long seq, Set<Kind> kinds, boolean offline, boolean export) {
    Expect(long seq, Set<Kind> kinds, boolean offline) {
      this(seq, kinds, offline, offline);
    }

    static Expect at(long seq, Kind first, Kind... more) {
      return new Expect(seq, EnumSet.of(first, more), true);
    }
  }

  static Stream<Arguments> tampers() {
    List<Tamper> tampers = List.of(
        new Tamper("flip any bit of any stored entry", f -> {
          long seq = f.anySeq();
          byte[] entry = f.original.get((int) seq).entry().clone();
          entry[f.rnd.nextInt(entry.length)] ^= (byte) (1 << f.rnd.nextInt(8));
          set(f, seq, with(f.original.get((int) seq), entry));
          return Expect.at(seq, Kind.HASH_MISMATCH);
        }),
        new Tamper("change the stored entry hash", f -> {
          long seq = f.anySeq();
          LedgerRecord r = f.original.get((int) seq);
          set(f, seq, new LedgerRecord(r.seq(), r.eventType(), r.timestamp(), r.previousHash(),
              flipHex(r.entryHash(), f.rnd), r.entry(), r.sideRecord()));
          return Expect.at(seq, Kind.HASH_MISMATCH);
        }),
        new Tamper("change a stored column (event type, timestamp, previous hash)", f -> {
          long seq = f.anySeq();
          LedgerRecord r = f.original.get((int) seq);
          int which = f.rnd.nextInt(3);
          set(f, seq, new LedgerRecord(r.seq(),
              which == 0 ? r.eventType() + "x" : r.eventType(),
              which == 1 ? r.timestamp().replace('Z', 'z') : r.timestamp(),
              which == 2 ? flipHex(r.previousHash(), f.rnd) : r.previousHash(),
              r.entryHash(), r.entry(), r.sideRecord()));
          // An export is written from the hashed bytes, so it is not affected.
          return new Expect(seq, EnumSet.of(Kind.MALFORMED_ENTRY), true, false);
        }),
        new Tamper("flip a bit of a side record", f -> {
          List<LedgerRecord> withSide =
              f.original.stream().filter(r -> r.sideRecord() != null).toList();
          if (withSide.isEmpty()) {
            return null;
          }
          LedgerRecord r = withSide.get(f.rnd.nextInt(withSide.size()));
          byte[] side = r.sideRecord().clone();
          side[f.rnd.nextInt(side.length)] ^= (byte) (1 << f.rnd.nextInt(7));
          set(f, r.seq(), new LedgerRecord(r.seq(), r.eventType(), r.timestamp(), r.previousHash(),
              r.entryHash(), r.entry(), side));
          return Expect.at(r.seq(), Kind.SIDE_RECORD_MISMATCH);
        }),
        new Tamper("swap two entries", f -> {
          int i = f.rnd.nextInt(f.original.size() - 1);
          int j = i + 1 + f.rnd.nextInt(f.original.size() - i - 1);
          List<LedgerRecord> all = new ArrayList<>(f.original);
          all.set(i, f.original.get(j));
          all.set(j, f.original.get(i));
          f.replaceAll(all);
          return Expect.at(i, Kind.GAP);
        }),
        new Tamper("swap two entries' contents, keeping the seq column", f -> {
          int i = f.rnd.nextInt(f.original.size() - 1);
          int j = i + 1 + f.rnd.nextInt(f.original.size() - i - 1);
          LedgerRecord a = f.original.get(i);
          LedgerRecord b = f.original.get(j);
          set(f, i, new LedgerRecord(i, b.eventType(), b.timestamp(), b.previousHash(), b.entryHash(),
              b.entry(), b.sideRecord()));
          set(f, j, new LedgerRecord(j, a.eventType(), a.timestamp(), a.previousHash(), a.entryHash(),
              a.entry(), a.sideRecord()));
          return Expect.at(i, Kind.GAP);
        }),
        new Tamper("drop an entry", f -> {
          int i = f.rnd.nextInt(f.original.size() - 1);
          List<LedgerRecord> all = new ArrayList<>(f.original);
          all.remove(i);
          f.replaceAll(all);
          return Expect.at(i, Kind.GAP);
        }),
        new Tamper("duplicate an entry", f -> {
          int i = f.rnd.nextInt(f.original.size());
          List<LedgerRecord> all = new ArrayList<>(f.original);
          all.add(i + 1, f.original.get(i));
          f.replaceAll(all);
          return Expect.at(i + 1, Kind.GAP);
        }),
        new Tamper("truncate the tail", f -> {
          int keep = 1 + f.rnd.nextInt(f.original.size() - 1);
          f.replaceAll(new ArrayList<>(f.original.subList(0, keep)));
          // A storage alone cannot know it was longer; the writer and an export can.
          return new Expect(keep, EnumSet.of(Kind.TRUNCATED), false);
        }),
        new Tamper("rewrite an entry and re-hash the chain after it", f -> {
          long seq = 1 + f.rnd.nextInt(f.original.size() - 1);
          LedgerRecord r = f.original.get((int) seq);
          EntryCodec.Header h = EntryCodec.parse(r.entry());
          byte[] payload = Jcs.canonicalize(Map.of("forged", true));
          byte[] entry = EntryCodec.encode(seq, h.eventType().equals("checkpoint") ? "evidence"
              : h.eventType(), payload, h.previousHash(), h.timestamp());
          rechain(f, seq, entry, null);
          // Re-hashed consistently, the chain only breaks where a checkpoint signs the old tree.
          long nextCheckpoint = f.original.stream()
              .filter(x -> x.seq() > seq && x.eventType().equals("checkpoint"))
              .mapToLong(LedgerRecord::seq).min().orElse(-1);
          return nextCheckpoint < 0 ? new Expect(seq, EnumSet.of(Kind.HASH_MISMATCH), false)
              : new Expect(seq, EnumSet.of(Kind.HASH_MISMATCH, Kind.CHECKPOINT_MISMATCH), false);
        }),
        new Tamper("re-sign a checkpoint with another key and re-hash the chain after it", f -> {
          List<Long> cps = f.seqsOf("checkpoint");
          long seq = cps.get(f.rnd.nextInt(cps.size()));
          LedgerRecord r = f.original.get((int) seq);
          EntryCodec.Header h = EntryCodec.parse(r.entry());
          Map<?, ?> p = (Map<?, ?>) Jcs.parse(EntryCodec.payload(r.entry(), h));
          SignedNote original = SignedNote.parse((String) p.get("note"));
          NoteSigner forger = NoteSigner.generate(f.ledger.origin());
          Map<String, Object> forged = new LinkedHashMap<>();
          p.forEach((k, v) -> forged.put((String) k, v));
          forged.put("note", SignedNote.sign(original.text(), forger).encoded());
          byte[] entry = EntryCodec.encode(seq, "checkpoint", Jcs.canonicalize(forged),
              h.previousHash(), h.timestamp());
          rechain(f, seq, entry, null);
          return Expect.at(seq, Kind.BAD_CHECKPOINT_SIGNATURE);
        }));
    List<Arguments> args = new ArrayList<>();
    for (Tamper t : tampers) {
      for (int seed = 0; seed < LEDGERS; seed++) {
        args.add(Arguments.of(t, seed));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} (ledger {1})")
  @MethodSource("tampers")
  @DisplayName("tampering fails verification at the tampered place")
  void detected(Tamper tamper, int seed) throws java.io.IOException {
    Fixture f = fixture(seed * 7919L + tamper.name().hashCode());
    try {
      assertThat(f.ledger.verify().valid()).isTrue();
      ByteArrayOutputStream export = new ByteArrayOutputStream();
      f.ledger.export(export, true);
      Expect expect = tamper.apply().apply(f);
      if (expect == null) {
        return; // not applicable to this ledger
      }
      assertFailure("in-process", f.ledger.verify(), expect);
      if (expect.offline()) {
        assertFailure("storage", LedgerVerifier.create().verify(f.storage), expect);
      }
      if (expect.export()) {
        // An export of the tampered storage, checked against the honest export's header.
        ByteArrayOutputStream tampered = new ByteArrayOutputStream();
        String header = export.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        tampered.writeBytes((header + "\n").getBytes(StandardCharsets.UTF_8));
        for (LedgerRecord r : f.storage.records) {
          LedgerExport.line(tampered, r, true);
        }
        VerificationResult x = LedgerVerifier.create()
            .verifyExport(new ByteArrayInputStream(tampered.toByteArray()));
        assertThat(x.valid()).as("export verification of: " + tamper).isFalse();
        assertThat(x.failure().seq()).as(x.toString()).isEqualTo(expect.seq());
      } else if (expect.kinds().contains(Kind.TRUNCATED)) {
        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        List<String> lines = export.toString(StandardCharsets.UTF_8).lines().toList();
        lines.subList(0, (int) expect.seq() + 1).forEach(
            l -> cut.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8)));
        assertFailure("export", LedgerVerifier.create()
            .verifyExport(new ByteArrayInputStream(cut.toByteArray())), expect);
      }
    } finally {
      f.ledger.close();
    }
  }

  @ParameterizedTest(name = "ledger {0}")
  @MethodSource("seeds")
  @DisplayName("flipping any bit of an export's entry lines fails verification at that entry")
  void exportBitFlips(int seed) {
    Fixture f = fixture(seed);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      f.ledger.export(out, true);
      byte[] bytes = out.toByteArray();
      int headerEnd = indexOf(bytes, (byte) '\n', 0);
      for (int trial = 0; trial < 20; trial++) {
        int at = headerEnd + 1 + f.rnd.nextInt(bytes.length - headerEnd - 1);
        byte[] copy = bytes.clone();
        copy[at] ^= (byte) (1 << f.rnd.nextInt(8));
        long line = count(bytes, (byte) '\n', headerEnd + 1, at); // entries before the flipped one
        VerificationResult r = LedgerVerifier.create().verifyExport(new ByteArrayInputStream(copy));
        assertThat(r.valid()).as("flip at byte " + at).isFalse();
        // A flipped newline merges two lines; the failure may then name the line before.
        assertThat(r.failure().seq()).as(r.toString()).isBetween(line - 1, line);
      }
      for (int trial = 0; trial < 10; trial++) {
        byte[] copy = bytes.clone();
        copy[f.rnd.nextInt(headerEnd)] ^= (byte) (1 << f.rnd.nextInt(8));
        assertThat(LedgerVerifier.create().verifyExport(new ByteArrayInputStream(copy)).valid())
            .as("header flip").isFalse();
      }
    } finally {
      f.ledger.close();
    }
  }

  static Stream<Integer> seeds() {
    return Stream.iterate(0, i -> i + 1).limit(LEDGERS);
  }

  private static void assertFailure(String how, VerificationResult r, Expect expect) {
    assertThat(r.valid()).as(how + " verification must fail").isFalse();
    VerificationFailure f = r.failure();
    assertThat(f.seq()).as(how + ": " + r).isEqualTo(expect.seq());
    if (how.equals("in-process")) {
      // The writer also knows which entries it committed, which may name a rewrite first.
      Set<Kind> kinds = EnumSet.copyOf(expect.kinds());
      kinds.add(Kind.HASH_MISMATCH);
      assertThat(f.kind()).as(how + ": " + r).isIn(kinds);
    } else {
      assertThat(f.kind()).as(how + ": " + r).isIn(expect.kinds());
    }
    assertThat(f.message()).contains(Long.toString(expect.seq()));
  }

  private static void set(Fixture f, long seq, LedgerRecord r) {
    synchronized (f.storage) {
      f.storage.records.set((int) seq, r);
    }
  }

  private static LedgerRecord with(LedgerRecord r, byte[] entry) {
    return new LedgerRecord(r.seq(), r.eventType(), r.timestamp(), r.previousHash(), r.entryHash(),
        entry, r.sideRecord());
  }

  /** Replaces entry {@code seq} and re-hashes every later entry so that all links hold. */
  private static void rechain(Fixture f, long seq, byte[] entry, byte[] side) {
    List<LedgerRecord> all = new ArrayList<>(f.original);
    String previous = f.original.get((int) seq).previousHash();
    for (int i = (int) seq; i < all.size(); i++) {
      LedgerRecord r = all.get(i);
      byte[] bytes = i == seq ? entry : r.entry();
      EntryCodec.Header h = EntryCodec.parse(bytes);
      byte[] rebuilt = EntryCodec.encode(i, h.eventType(), EntryCodec.payload(bytes, h), previous,
          h.timestamp());
      String hash = Jcs.sha256Hex(Jcs.parse(rebuilt));
      all.set(i, new LedgerRecord(i, h.eventType(), h.timestamp(), previous, hash, rebuilt,
          i == seq ? side : r.sideRecord()));
      previous = hash;
    }
    f.replaceAll(all);
  }

  private static String flipHex(String hex, Random rnd) {
    char[] c = hex.toCharArray();
    int i = rnd.nextInt(c.length);
    c[i] = c[i] == '0' ? '1' : '0';
    return new String(c);
  }

  private static int indexOf(byte[] b, byte value, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static long count(byte[] b, byte value, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == value) {
        n++;
      }
    }
    return n;
  }
}

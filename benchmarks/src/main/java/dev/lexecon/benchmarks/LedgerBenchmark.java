package dev.lexecon.benchmarks;

import dev.lexecon.Lexecon;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.ledger.LedgerEngine;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The in-memory ledger on its own ({@link LedgerEngine} over {@link InMemoryLedgerStorage}, the
 * builder's defaults: {@code GROUP} durability, a signed checkpoint every 1,000 entries), fed with
 * real {@code decision} payloads: the 1,024 that {@code decide()} records for the standard stream
 * at 1,000 terms, appended again in turn.
 *
 * <ul>
 *   <li>{@code append*}: appends from concurrent callers, each waiting for its commit; throughput
 *       is entries per second over all threads. A fresh ledger per iteration, as in {@link
 *       DecideBenchmark}, so the heap holds one iteration's entries at most.
 *   <li>{@link #verify}: {@link LedgerEngine#verify()} of a ledger of {@value #MILLION} entries
 *       (every entry hash, link, checkpoint signature and the Merkle root; hashing on both cores),
 *       one call per measurement. The ledger is built once per fork, which takes several seconds.
 *   <li>{@link #inclusionProof}, {@link #consistencyProof}: proofs at a random position of the
 *       same {@value #MILLION}-entry ledger (a consistency proof from a random earlier size to the
 *       full size), cycling through 1,024 pre-drawn positions.
 * </ul>
 *
 * <p>This class needs more than the standard suite's 1 GiB heap for its million entries; {@code
 * benchmarks/run.sh ledger} gives it 4 GiB.
 */
public class LedgerBenchmark {
  static final int MILLION = 1_000_000;
  private static final int MASK = 1023;

  /** Decision payloads as {@code decide()} records them for the standard stream. */
  static List<Map<String, @Nullable Object>> decisionPayloads() {
    Workload workload = Workload.generate(Workload.STANDARD_SEED, 1000);
    DecisionRequest[] requests = RequestStream.standard(workload);
    try (Lexecon lexecon = Lexecon.builder().policy(workload.policy()).build()) {
      for (DecisionRequest r : requests) {
        lexecon.decide(r);
      }
      List<Map<String, @Nullable Object>> payloads =
          lexecon.ledger().entries(EventType.DECISION, 0, requests.length).stream()
              .map(LedgerEntry::payload)
              .toList();
      if (payloads.size() != requests.length) {
        throw new IllegalStateException("expected " + requests.length + " decision entries, found "
            + payloads.size());
      }
      return payloads;
    }
  }

  /** A fresh ledger for every iteration of the append benchmarks. */
  @State(Scope.Benchmark)
  public static class Appending {
    List<Map<String, @Nullable Object>> payloads;
    @Nullable LedgerEngine ledger;

    @Setup(Level.Trial)
    public void payloads() {
      payloads = decisionPayloads();
    }

    @Setup(Level.Iteration)
    public void open() {
      System.gc(); // the previous iteration's ledger is garbage now; do not bill this one for it
      ledger = LedgerEngine.builder(new InMemoryLedgerStorage()).build();
    }

    @TearDown(Level.Iteration)
    public void close() {
      if (ledger != null) {
        ledger.close();
        ledger = null;
      }
    }
  }

  /** Each caller's position in the payloads, started apart. */
  @State(Scope.Thread)
  public static class Cursor {
    private static final AtomicInteger STARTS = new AtomicInteger();
    int next = STARTS.getAndAdd(389); // a prime stride spreads up to 16 callers over the payloads
  }

  /** A ledger of {@value #MILLION} decision entries, built once per fork. */
  @State(Scope.Benchmark)
  public static class Million {
    LedgerEngine ledger;
    long size;
    final long[] positions = new long[MASK + 1];
    final long[] oldSizes = new long[MASK + 1];
    int next;

    @Setup(Level.Trial)
    public void build() {
      List<Map<String, @Nullable Object>> payloads = decisionPayloads();
      // ASYNC returns once an entry is sequenced, so the build is bounded by the writer, not by
      // round trips to it; the entries are the same as under GROUP. Both cores prepare payloads.
      ledger = LedgerEngine.builder(new InMemoryLedgerStorage()).durability(Durability.ASYNC).build();
      long started = System.nanoTime();
      int genesisAndKey = (int) ledger.size();
      IntStream.range(0, MILLION - genesisAndKey - MILLION / 1000)
          .parallel()
          .forEach(i -> ledger.append(EventType.DECISION, payloads.get(i & MASK)));
      ledger.flush();
      while (ledger.size() < MILLION) { // checkpoints make the count inexact; top it up
        ledger.append(EventType.DECISION, payloads.get(0));
        ledger.flush();
      }
      size = ledger.size();
      System.out.printf("%n[built a ledger of %,d entries in %.1f s]%n",
          size, (System.nanoTime() - started) / 1e9);
      SplittableRandom random = new SplittableRandom(Workload.STANDARD_SEED);
      for (int i = 0; i <= MASK; i++) {
        positions[i] = random.nextLong(size);
        oldSizes[i] = 1 + random.nextLong(size - 1);
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      ledger.close();
    }
  }

  @Benchmark
  @Threads(2)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public LedgerEntry append2Threads(Appending ledger, Cursor cursor) {
    return ledger.ledger.append(EventType.DECISION, ledger.payloads.get(cursor.next++ & MASK));
  }

  @Benchmark
  @Threads(16)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public LedgerEntry append16Threads(Appending ledger, Cursor cursor) {
    return ledger.ledger.append(EventType.DECISION, ledger.payloads.get(cursor.next++ & MASK));
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public VerificationResult verify(Million million) {
    VerificationResult result = million.ledger.verify();
    if (!result.valid()) {
      throw new IllegalStateException("the benchmark ledger does not verify: " + result);
    }
    return result;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public InclusionProof inclusionProof(Million million) {
    return million.ledger.inclusionProof(million.positions[million.next++ & MASK]);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public ConsistencyProof consistencyProof(Million million) {
    return million.ledger.consistencyProof(million.oldSizes[million.next++ & MASK], million.size);
  }
}

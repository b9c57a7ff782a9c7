package dev.lexecon.benchmarks;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import dev.lexecon.token.SignatureAlgorithm;
import dev.lexecon.token.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The whole {@link Lexecon#decide} pipeline: policy evaluation, risk assessment, the ledger append
 * (waiting for the commit under {@code GROUP} and {@code SYNC}), and a capability token for every
 * APPROVED or CONDITIONAL decision (about 45% of the standard stream at 1,000 terms). One engine
 * is shared by all threads, as an application would share it; each thread walks its own copy of
 * the standard stream.
 *
 * <p>{@code pipeline} picks the configuration; everything not named is the builder's default:
 *
 * <ul>
 *   <li>{@code memory-hs256}: {@code Lexecon.builder().policy(policy).build()}, i.e. the in-memory
 *       ledger, {@code GROUP} durability, a random HS256 token key;
 *   <li>{@code memory-ed25519}: the same with {@code .tokenKey(SigningKey.generate(ED25519))};
 *   <li>{@code memory-async}: the in-memory ledger under {@code ASYNC} durability, HS256; not part
 *       of a published suite, it isolates what waiting for the writer thread costs;
 *   <li>{@code sqlite-group}, {@code sqlite-sync}: {@code .ledger(SqliteLedgerStorage.open(file))}
 *       on a new file in the temporary directory (SQLite's default {@code synchronous = FULL}:
 *       every commit syncs the write-ahead log), {@code GROUP} or {@code SYNC} durability, HS256.
 * </ul>
 *
 * <p><b>A new in-memory engine per iteration.</b> The in-memory ledger keeps every entry (about
 * 1.5 KB per decision), so a trial-long engine would fill the fixed heap within seconds of
 * throughput measurement. Each iteration of the in-memory pipelines therefore starts on a fresh
 * engine, with a full GC in between so one iteration's ledger is not collected during the next;
 * within an iteration the ledger grows as it would in an application, and the GC work that costs is
 * part of the measurement.
 *
 * <p><b>One SQLite engine per trial.</b> A SQLite ledger keeps its entries on disk (the heap holds
 * its Merkle tree, 64 bytes an entry), so its engine and file last the whole trial and the warm-up
 * iterations bring the file to the state a running service is in. A new file per iteration
 * measured the first two seconds of a ledger: its write-ahead log growing from nothing, every
 * commit extending the file, no rewind yet, which a service pays once (on 2026-11-28, 64 callers
 * under {@code GROUP}: 47,082 ± 18,445 decisions/s and p99 5.5 ms on fresh files).
 *
 * <p>{@link #decide16Threads} exists for the SQLite configurations, where group commit needs many
 * concurrent callers to form batches; on two cores it only adds contention to the in-memory ones,
 * so the standard suite leaves it out.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecideBenchmark {
  private static final int MASK = RequestStream.STANDARD_LENGTH - 1;

  /** The engine, shared by every benchmark thread, and rebuilt for every iteration. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"1000"})
    public int terms;

    @Param({"memory-hs256", "memory-ed25519", "sqlite-group", "sqlite-sync"})
    public String pipeline;

    Workload workload;
    DecisionRequest[] requests;
    @Nullable Lexecon lexecon;
    @Nullable Path directory;

    @Setup(Level.Trial)
    public void generate() {
      workload = Workload.generate(Workload.STANDARD_SEED, terms);
      requests = RequestStream.standard(workload);
    }

    @Setup(Level.Iteration)
    public void build() throws IOException {
      boolean sqlite = pipeline.startsWith("sqlite-");
      if (sqlite && lexecon != null) {
        return; // the trial's ledger file, warmed by the iterations before
      }
      System.gc(); // the previous iteration's ledger is garbage now; do not bill this one for it
      Lexecon.Builder builder = Lexecon.builder().policy(workload.policy());
      switch (pipeline) {
        case "memory-hs256" -> { }
        case "memory-ed25519" -> builder.tokenKey(SigningKey.generate(SignatureAlgorithm.ED25519));
        case "memory-async" -> builder.durability(Durability.ASYNC);
        case "sqlite-group", "sqlite-sync" -> {
          directory = Files.createTempDirectory("lexecon-decide-bench-");
          builder
              .ledger(SqliteLedgerStorage.open(directory.resolve("ledger.db")))
              .durability(pipeline.equals("sqlite-sync") ? Durability.SYNC : Durability.GROUP);
        }
        default -> throw new IllegalArgumentException("unknown pipeline " + pipeline);
      }
      lexecon = builder.build();
    }

    @TearDown(Level.Iteration)
    public void closeInMemory() {
      if (!pipeline.startsWith("sqlite-")) {
        close();
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      if (lexecon != null) {
        lexecon.close();
        lexecon = null;
      }
      if (directory != null) {
        deleteRecursively(directory);
        directory = null;
      }
    }
  }

  /** Each thread's position in the stream, started apart so threads do not ask in lockstep. */
  @State(Scope.Thread)
  public static class Cursor {
    private static final AtomicInteger STARTS = new AtomicInteger();
    int next = STARTS.getAndAdd(389); // a stride prime to 1,024 starts every thread at its own place in the stream
  }

  @Benchmark
  @Threads(1)
  public Decision decide1Thread(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }

  @Benchmark
  @Threads(2)
  public Decision decide2Threads(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }

  @Benchmark
  @Threads(16)
  public Decision decide16Threads(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }

  /**
   * The concurrency at which a durable ledger under {@code GROUP} reaches its throughput: each
   * commit (one fsync) carries the decisions queued meanwhile, so on 2 cores 16 callers leave the
   * cores idle during the fsync (batches of about 9), and 64 give batches of about 40.
   */
  @Benchmark
  @Threads(64)
  public Decision decide64Threads(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }

  static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

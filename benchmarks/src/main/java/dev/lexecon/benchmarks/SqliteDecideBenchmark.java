package dev.lexecon.benchmarks;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * {@link Lexecon#decide} end to end with a durable SQLite ledger: evaluation, the decision entry
 * with its salted commitments, group commit into a file with {@code synchronous=FULL}, the token,
 * everything. {@code durability} is the ledger's mode: under {@code GROUP} one fsync covers every
 * decision queued while the previous batch committed, so throughput grows with the number of
 * concurrent callers (Little's law: callers ÷ commit latency); under {@code SYNC} every decision
 * is its own transaction and fsync.
 *
 * <p>Each trial starts a new ledger file in the temporary directory and deletes it afterwards.
 * Results depend on the disk's fsync latency as much as on the CPU; see {@code docs/storage.md}.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SqliteDecideBenchmark {
  private static final int MASK = RequestStream.STANDARD_LENGTH - 1;

  /** One engine over one ledger file, shared by every benchmark thread. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"GROUP", "SYNC"})
    public Durability durability;

    Path dir;
    Lexecon lexecon;
    DecisionRequest[] requests;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      Workload workload = Workload.generate(Workload.STANDARD_SEED, 1000);
      requests = RequestStream.standard(workload);
      dir = Files.createTempDirectory("lexecon-sqlite-decide-");
      lexecon = Lexecon.builder()
          .policy(workload.policy())
          .ledger(SqliteLedgerStorage.open(dir.resolve("ledger.db")))
          .durability(durability)
          .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      lexecon.close();
      deleteTree(dir);
    }
  }

  /** Each thread's position in the stream, started apart so threads do not ask in lockstep. */
  @State(Scope.Thread)
  public static class Cursor {
    private static final java.util.concurrent.atomic.AtomicInteger STARTS =
        new java.util.concurrent.atomic.AtomicInteger();
    int next = STARTS.getAndAdd(97);
  }

  @Benchmark
  @Threads(4)
  public Decision decide4Threads(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }

  @Benchmark
  @Threads(64)
  public Decision decide64Threads(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }

  @Benchmark
  @Threads(256)
  public Decision decide256Threads(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

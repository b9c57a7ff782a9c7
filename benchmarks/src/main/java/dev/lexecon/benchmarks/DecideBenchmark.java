package dev.lexecon.benchmarks;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The whole {@link Lexecon#decide} path as configured by {@code Lexecon.builder().policy(policy)
 * .build()}: today that is policy evaluation plus decision assembly (two ULIDs, the system clock).
 * The ledger, risk and tokens join it as their issues land, and this benchmark then measures them
 * too. One engine is shared by all threads, as an application would share it; each thread walks
 * its own copy of the standard stream.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecideBenchmark {
  private static final int MASK = RequestStream.STANDARD_LENGTH - 1;

  /** The engine, shared by every benchmark thread. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"1000"})
    public int terms;

    Lexecon lexecon;
    DecisionRequest[] requests;

    @Setup(Level.Trial)
    public void setUp() {
      Workload workload = Workload.generate(Workload.STANDARD_SEED, terms);
      lexecon = Lexecon.builder().policy(workload.policy()).build();
      requests = RequestStream.standard(workload);
    }
  }

  /** Each thread's position in the stream, started apart so threads do not ask in lockstep. */
  @State(Scope.Thread)
  public static class Cursor {
    private static final java.util.concurrent.atomic.AtomicInteger STARTS =
        new java.util.concurrent.atomic.AtomicInteger();
    int next = STARTS.getAndAdd(RequestStream.STANDARD_LENGTH / 2);
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
}

package dev.lexecon.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmarks that do (almost) nothing, in the same modes as the real ones, so the harness's own
 * cost is visible next to every other number in {@code docs/PERFORMANCE.md}: {@link #baseline()}
 * returns a field; {@link #cycle()} also walks a request-sized array the way the real benchmarks
 * cycle through their request streams. In SampleTime mode their percentiles show the resolution of
 * the timer (each sample is two {@code System.nanoTime()} calls), which is the floor under every
 * sampled percentile.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BaselineBenchmark {
  private final Object[] items = new Object[RequestStream.STANDARD_LENGTH];
  private int value = 42;
  private int next;

  public BaselineBenchmark() {
    for (int i = 0; i < items.length; i++) {
      items[i] = new Object();
    }
  }

  @Benchmark
  public int baseline() {
    return value;
  }

  @Benchmark
  public Object cycle() {
    return items[next++ & (RequestStream.STANDARD_LENGTH - 1)];
  }
}

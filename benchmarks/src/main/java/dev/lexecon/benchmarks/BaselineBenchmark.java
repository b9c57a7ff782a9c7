package dev.lexecon.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A benchmark that does nothing but return a field, in the same modes as the real ones, so the
 * harness's own cost (timer reads, blackhole, and SampleTime's timer granularity) is visible
 * next to every other number in {@code docs/PERFORMANCE.md}.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BaselineBenchmark {
  private int value = 42;

  @Benchmark
  public int baseline() {
    return value;
  }
}

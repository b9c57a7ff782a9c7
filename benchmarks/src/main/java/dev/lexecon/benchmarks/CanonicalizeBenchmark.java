package dev.lexecon.benchmarks;

import dev.lexecon.json.Jcs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RFC 8785 canonicalization on one thread (so throughput is per core) of the payloads that {@link
 * LedgerBenchmark}'s appends write: the 1,024 decision payloads {@code decide()} records for the
 * standard stream at 1,000 terms, about a kilobyte each, in turn. The walk over the caller's map
 * is most of what an append costs its caller; this isolates it from the commit and its waits.
 *
 * <ul>
 *   <li>{@link #canonicalize}: {@link Jcs#canonicalize(Object)}, bytes out.
 *   <li>{@link #canonicalizeFramed}: the call an append makes, with a substitution (never asked
 *       here: the payloads hold no redactable values) and room for the entry around the payload.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CanonicalizeBenchmark {
  private static final int MASK = 1023;
  private static final Jcs.Substitution REFUSE = (value, at) -> {
    throw new IllegalArgumentException("unexpected value at " + at);
  };

  private List<Map<String, @Nullable Object>> payloads;
  private int next;

  @Setup
  public void payloads() {
    payloads = LedgerBenchmark.decisionPayloads();
  }

  @Benchmark
  public byte[] canonicalize() {
    return Jcs.canonicalize(payloads.get(next++ & MASK));
  }

  @Benchmark
  public byte[] canonicalizeFramed() {
    return Jcs.canonicalizeFramed(payloads.get(next++ & MASK), REFUSE, 120, 140);
  }
}

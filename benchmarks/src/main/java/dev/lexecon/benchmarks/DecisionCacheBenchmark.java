package dev.lexecon.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.policy.PolicyEngine;
import dev.lexecon.policy.PolicyEvaluation;
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

/**
 * Whether the Caffeine decision cache the design mentions would pay: {@code evaluate} is {@link
 * PolicyEngine#evaluate} as {@link PolicyEvaluateBenchmark} measures it, {@code cached} looks the
 * request up in a Caffeine cache of evaluations keyed by the request and evaluates only on a miss.
 *
 * <p>{@code cached} is the cache's best case: the stream cycles through the same 1,024 request
 * objects, so after the first pass every lookup hits, and each key's strings already carry their
 * cached hash codes. The {@code ...NewRequest} pair builds a new, equal request for every call
 * (both pay for building it), so the cache hashes and compares new strings, as it would in an
 * application. A real cache would also have to be keyed on everything a condition can read
 * (context, arguments, the time for time-window conditions) and be dropped on every policy swap.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionCacheBenchmark {
  private static final int MASK = RequestStream.STANDARD_LENGTH - 1;

  @Param({"1000", "10000"})
  public int terms;

  private PolicyEngine engine;
  private Cache<DecisionRequest, PolicyEvaluation> cache;
  private DecisionRequest[] requests;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Workload workload = Workload.generate(Workload.STANDARD_SEED, terms);
    engine = PolicyEngine.compile(workload.policy());
    requests = RequestStream.standard(workload);
    cache = Caffeine.newBuilder().maximumSize(10_000).build();
  }

  @Benchmark
  public PolicyEvaluation evaluate() {
    return engine.evaluate(requests[next++ & MASK]);
  }

  @Benchmark
  public PolicyEvaluation cached() {
    return cache.get(requests[next++ & MASK], engine::evaluate);
  }

  /** {@code evaluate} of a new request equal to the stream's, as an application builds one per call. */
  @Benchmark
  public PolicyEvaluation evaluateNewRequest() {
    return engine.evaluate(newRequest());
  }

  /**
   * {@code cached} with a new request equal to the stream's: its strings are new, so the cache
   * hashes and compares them in full, as it would for an application's requests.
   */
  @Benchmark
  public PolicyEvaluation cachedNewRequest() {
    return cache.get(newRequest(), engine::evaluate);
  }

  private DecisionRequest newRequest() {
    DecisionRequest r = requests[next++ & MASK];
    return new DecisionRequest(new String(r.actor()), new String(r.action()), new String(r.tool()),
        r.userIntent(), r.dataClasses(), r.riskLevel(),
        r.resource() == null ? null : new String(r.resource()), r.mode(), r.requestId(),
        r.context(), r.arguments());
  }
}

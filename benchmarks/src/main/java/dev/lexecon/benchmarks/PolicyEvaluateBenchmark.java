package dev.lexecon.benchmarks;

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
 * {@link PolicyEngine#evaluate} alone, per policy size: the policy is compiled once, and each call
 * evaluates the next request of a pre-built {@linkplain RequestStream#standard standard stream}
 * (80% hits), so the branch predictor and caches see a realistic variety, not one request.
 *
 * <p>{@code -p hitRatio=0.0} or {@code 1.0} measures all-miss or all-hit streams instead.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEvaluateBenchmark {
  private static final int MASK = RequestStream.STANDARD_LENGTH - 1;

  @Param({"100", "1000", "10000"})
  public int terms;

  @Param({"0.8"})
  public double hitRatio;

  private PolicyEngine engine;
  private DecisionRequest[] requests;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Workload workload = Workload.generate(Workload.STANDARD_SEED, terms);
    engine = PolicyEngine.compile(workload.policy());
    requests = RequestStream.generate(
        workload, Workload.STANDARD_SEED + 1, RequestStream.STANDARD_LENGTH, hitRatio);
  }

  @Benchmark
  public PolicyEvaluation evaluate() {
    return engine.evaluate(requests[next++ & MASK]);
  }
}

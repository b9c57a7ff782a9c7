package dev.lexecon.benchmarks;

import com.cedarpolicy.model.AuthorizationRequest;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.benchmarks.peers.CasbinPeer;
import dev.lexecon.benchmarks.peers.CedarPeer;
import dev.lexecon.benchmarks.peers.Equivalence;
import dev.lexecon.benchmarks.peers.SaplPeer;
import io.sapl.api.pdp.AuthorizationSubscription;
import dev.lexecon.policy.PolicyEngine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Lexecon side by side with jCasbin, SAPL 3.0.0 and cedar-java on the same generated policies and the same
 * standard request stream, one method per engine, so {@code report.py} can divide each peer's
 * time by Lexecon's from one run. Every engine's setup first checks, on every request of the
 * stream, that it answers allow/deny exactly as Lexecon does ({@link Equivalence}); a
 * disagreement fails the run instead of timing an unequal comparison.
 *
 * <p>{@link #lexecon} times {@link PolicyEngine#evaluate} and reads the outcome: the same work as
 * {@code PolicyEvaluateBenchmark}, reduced to allow/deny like the peers' answers.
 *
 * <p>SAPL 3 decides through a chain of Reactor operators that grows with the number of policies
 * and overflows a default thread stack at 10,000 policies; hence {@code -Xss256m} (also set by {@code run.sh
 * peers}, whose {@code -jvmArgsAppend} replaces this annotation's).
 */
@Fork(jvmArgsAppend = "-Xss256m")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PeerBenchmark {
  private static final int MASK = RequestStream.STANDARD_LENGTH - 1;

  /** The generated policy, its compiled Lexecon engine and the standard stream. */
  @State(Scope.Benchmark)
  public static class Stream {
    @Param({"100", "1000", "10000"})
    public int terms;

    Workload workload;
    PolicyEngine lexecon;
    DecisionRequest[] requests;

    @Setup(Level.Trial)
    public void setUp() {
      workload = Workload.generate(Workload.STANDARD_SEED, terms);
      lexecon = PolicyEngine.compile(workload.policy());
      requests = RequestStream.standard(workload);
    }
  }

  /** jCasbin with the policy loaded and the requests translated. */
  @State(Scope.Thread)
  public static class Casbin {
    CasbinPeer peer;
    Object[][] requests;
    int next;

    @Setup(Level.Trial)
    public void setUp(Stream stream) {
      peer = new CasbinPeer(stream.workload.policy());
      requests = Equivalence.check(stream.lexecon, peer, stream.requests).toArray(new Object[0][]);
    }
  }

  /** cedar-java with the policy set parsed and cached natively. */
  @State(Scope.Thread)
  public static class Cedar {
    CedarPeer peer;
    List<AuthorizationRequest> requests;
    int next;

    @Setup(Level.Trial)
    public void setUp(Stream stream) {
      peer = new CedarPeer(stream.workload.policy());
      requests = Equivalence.check(stream.lexecon, peer, stream.requests);
    }
  }

  /** SAPL 3.0.0's embedded PDP with its canonical index. */
  @State(Scope.Thread)
  public static class Sapl {
    SaplPeer peer;
    List<AuthorizationSubscription> requests;
    int next;

    @Setup(Level.Trial)
    public void setUp(Stream stream) {
      peer = new SaplPeer(stream.workload.policy());
      requests = Equivalence.check(stream.lexecon, peer, stream.requests);
    }
  }

  /** Lexecon's own cursor, so every method walks the stream the same way. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public boolean lexecon(Stream stream, Cursor cursor) {
    return stream.lexecon.evaluate(stream.requests[cursor.next++ & MASK]).outcome()
        == Outcome.APPROVED;
  }

  @Benchmark
  public boolean jcasbin(Casbin casbin) {
    return casbin.peer.allowed(casbin.requests[casbin.next++ & MASK]);
  }

  @Benchmark
  public boolean sapl3(Sapl sapl) {
    return sapl.peer.allowed(sapl.requests.get(sapl.next++ & MASK));
  }

  @Benchmark
  public boolean cedar(Cedar cedar) {
    return cedar.peer.allowed(cedar.requests.get(cedar.next++ & MASK));
  }
}

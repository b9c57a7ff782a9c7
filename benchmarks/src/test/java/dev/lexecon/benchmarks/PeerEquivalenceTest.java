package dev.lexecon.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.benchmarks.peers.CasbinPeer;
import dev.lexecon.benchmarks.peers.CedarPeer;
import dev.lexecon.benchmarks.peers.Equivalence;
import dev.lexecon.benchmarks.peers.SaplPeer;
import dev.lexecon.policy.PolicyEngine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The peer comparison is honest only if every engine decides like Lexecon: this runs each peer on
 * the standard stream (and on all-hit and all-miss streams) and requires the same allow/deny on
 * every request. The benchmark's setup repeats the check on the stream it times.
 */
@DisplayName("Peer engines give Lexecon's allow/deny on every request")
class PeerEquivalenceTest {

  @ParameterizedTest(name = "jCasbin, {0} terms")
  @ValueSource(ints = {10, 100, 1_000})
  @DisplayName("jCasbin")
  void casbin(int terms) {
    Workload w = Workload.generate(Workload.STANDARD_SEED, terms);
    PolicyEngine lexecon = PolicyEngine.compile(w.policy());
    CasbinPeer peer = new CasbinPeer(w.policy());
    for (DecisionRequest[] stream : streams(w)) {
      assertThat(Equivalence.check(lexecon, peer, stream)).hasSize(stream.length);
    }
  }

  @ParameterizedTest(name = "cedar-java, {0} terms")
  @ValueSource(ints = {10, 100, 1_000})
  @DisplayName("cedar-java")
  void cedar(int terms) {
    Workload w = Workload.generate(Workload.STANDARD_SEED, terms);
    PolicyEngine lexecon = PolicyEngine.compile(w.policy());
    CedarPeer peer = new CedarPeer(w.policy());
    for (DecisionRequest[] stream : streams(w)) {
      assertThat(Equivalence.check(lexecon, peer, stream)).hasSize(stream.length);
    }
  }

  @ParameterizedTest(name = "SAPL 3.0.0, {0} terms")
  @ValueSource(ints = {10, 100, 1_000})
  @DisplayName("SAPL 3.0.0 with its canonical index")
  void sapl(int terms) {
    Workload w = Workload.generate(Workload.STANDARD_SEED, terms);
    PolicyEngine lexecon = PolicyEngine.compile(w.policy());
    SaplPeer peer = new SaplPeer(w.policy());
    for (DecisionRequest[] stream : streams(w)) {
      assertThat(Equivalence.check(lexecon, peer, stream)).hasSize(stream.length);
    }
  }

  private static DecisionRequest[][] streams(Workload w) {
    return new DecisionRequest[][] {
      RequestStream.standard(w),
      // Hits only, and a 50/50 mix from another seed: more relations, globs and conditions.
      RequestStream.generate(w, 11, 512, 1.0),
      RequestStream.generate(w, 12, 512, 0.5),
    };
  }
}

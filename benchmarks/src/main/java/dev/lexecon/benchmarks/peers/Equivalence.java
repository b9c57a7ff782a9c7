package dev.lexecon.benchmarks.peers;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.policy.PolicyEngine;
import java.util.List;

/** Checks that a peer gives Lexecon's allow/deny on every request of a stream. Stateless. */
public final class Equivalence {
  private Equivalence() {}

  /**
   * Translates every request for {@code peer} and compares its answer with Lexecon's ({@code
   * allowed} means outcome APPROVED).
   *
   * @return the prepared requests, in stream order, ready to be timed
   * @throws IllegalStateException naming the first request on which the engines disagree
   */
  public static <R> List<R> check(PolicyEngine lexecon, PeerEngine<R> peer, DecisionRequest[] stream) {
    List<R> prepared = new java.util.ArrayList<>(stream.length);
    int allowed = 0;
    for (int i = 0; i < stream.length; i++) {
      R request = peer.prepare(stream[i]);
      boolean expected = lexecon.evaluate(stream[i]).outcome() == Outcome.APPROVED;
      boolean actual = peer.allowed(request);
      if (expected != actual) {
        throw new IllegalStateException(peer.name() + " says " + (actual ? "allow" : "deny")
            + " but Lexecon says " + (expected ? "allow" : "deny") + " for request " + i + ": "
            + stream[i] + " (Lexecon: " + lexecon.evaluate(stream[i]).reasons() + ")");
      }
      allowed += expected ? 1 : 0;
      prepared.add(request);
    }
    if (allowed == 0 || allowed == stream.length) {
      throw new IllegalStateException("the stream is all " + (allowed == 0 ? "deny" : "allow")
          + "; equivalence on it proves little");
    }
    return prepared;
  }
}

package dev.lexecon.benchmarks.peers;

import dev.lexecon.api.DecisionRequest;

/**
 * Another policy engine holding the same generated policy as Lexecon, for the side-by-side
 * benchmark. Requests are translated once, ahead of timing ({@link #prepare}), so the timed call
 * ({@link #allowed(Object)}) is only the engine's own decision.
 *
 * @param <R> the engine's own request type
 */
public interface PeerEngine<R> {

  /** The engine's name as used in benchmark method names and the doc. */
  String name();

  /** Translates a Lexecon request into this engine's request. */
  R prepare(DecisionRequest request);

  /** Whether the engine allows the prepared request. */
  boolean allowed(R request);
}

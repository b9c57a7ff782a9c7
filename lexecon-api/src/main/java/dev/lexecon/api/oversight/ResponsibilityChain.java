package dev.lexecon.api.oversight;

import java.util.List;
import java.util.Objects;

/**
 * Everyone who took responsibility for a decision, in ledger order: the engine first, then each
 * human who acted on it. The last link is who is {@linkplain #accountable() accountable} now.
 * Immutable and thread-safe.
 *
 * @param decisionId the decision
 * @param links the chain; never empty
 * @since 0.1
 */
public record ResponsibilityChain(String decisionId, List<Responsibility> links) {
  /** Checks and copies the parts. */
  public ResponsibilityChain {
    Objects.requireNonNull(decisionId, "decisionId");
    links = List.copyOf(links);
    if (links.isEmpty()) {
      throw new IllegalArgumentException("a responsibility chain has at least the decision itself");
    }
  }

  /** The last link: who answers for the decision as it stands. */
  public Responsibility accountable() {
    return links.get(links.size() - 1);
  }
}

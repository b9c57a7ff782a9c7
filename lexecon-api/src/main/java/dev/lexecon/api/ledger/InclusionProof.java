package dev.lexecon.api.ledger;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 §2.1.3 inclusion proof: the audit path that links one leaf to the root of the tree of
 * {@code treeSize} leaves.
 *
 * <p>The record only checks the shape ({@code 0 <= leafIndex < treeSize}, no {@code null} hashes);
 * whether the path actually leads to a given root is decided by a verifier, which simply answers
 * {@code false} for a path of the wrong length or content.
 *
 * <p>Immutable and thread-safe; {@code path} is an unmodifiable copy.
 *
 * @param leafIndex the 0-based index of the leaf
 * @param treeSize the number of leaves in the tree the proof is for
 * @param path the sibling hashes from the leaf upwards, as RFC 9162 §2.1.3.1 orders them
 * @since 0.1
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {

  /**
   * @throws IllegalArgumentException if {@code leafIndex} is negative or not below {@code treeSize}
   * @throws NullPointerException if {@code path} or one of its elements is {@code null}
   */
  public InclusionProof {
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + leafIndex + " is not within a tree of " + treeSize + " leaves");
    }
    path = List.copyOf(Objects.requireNonNull(path, "path"));
  }
}

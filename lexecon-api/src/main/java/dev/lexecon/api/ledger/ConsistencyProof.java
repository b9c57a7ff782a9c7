package dev.lexecon.api.ledger;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 §2.1.4 consistency proof: the hashes that show the tree of {@code oldSize} leaves is
 * a prefix of the tree of {@code newSize} leaves ("the ledger I saw yesterday is still there,
 * unchanged, at the start of today's").
 *
 * <p>RFC 9162 defines proofs for {@code 0 < oldSize < newSize}. This type also admits the trivial
 * cases, whose path is empty: {@code oldSize == newSize} (the two roots must be equal) and {@code
 * oldSize == 0} (every tree extends the empty tree).
 *
 * <p>The record only checks the shape; whether the path links two given roots is decided by a
 * verifier. Immutable and thread-safe; {@code path} is an unmodifiable copy.
 *
 * @param oldSize the number of leaves in the earlier tree
 * @param newSize the number of leaves in the later tree
 * @param path the proof hashes in the order RFC 9162 §2.1.4.1 produces them
 * @since 0.1
 */
public record ConsistencyProof(long oldSize, long newSize, List<Hash> path) {

  /**
   * @throws IllegalArgumentException if {@code oldSize} is negative or greater than {@code newSize}
   * @throws NullPointerException if {@code path} or one of its elements is {@code null}
   */
  public ConsistencyProof {
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException(
          "need 0 <= old size <= new size, got " + oldSize + " and " + newSize);
    }
    path = List.copyOf(Objects.requireNonNull(path, "path"));
  }
}

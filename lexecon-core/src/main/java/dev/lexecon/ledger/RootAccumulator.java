package dev.lexecon.ledger;

import dev.lexecon.api.ledger.Hash;
import java.util.Arrays;

/**
 * Streams an RFC 9162 root over leaf hashes, or over whole complete subtrees, keeping O(log n)
 * hashes: the roots of the complete subtrees that make up the leaves seen so far, one per set bit
 * of the count, largest first. Merging two equal-height neighbours is exactly how MTH pairs them,
 * and folding the stack from the right gives MTH of everything (RFC 9162 §2.1.1).
 *
 * <p>Pushing a complete subtree of {@code 2^h} leaves is allowed whenever the count is a multiple
 * of {@code 2^h}, which lets a verifier hash aligned chunks of leaves on several threads and push
 * one root per chunk. Not thread-safe; {@link #copy()} snapshots it.
 */
final class RootAccumulator {
  private final byte[][] hashes = new byte[64][];
  private final int[] heights = new int[64];
  private final TreeHasher hasher = new TreeHasher();
  private int depth;
  private long count;

  /** The number of leaves pushed so far. */
  long count() {
    return count;
  }

  /** Pushes one RFC 9162 leaf hash (not leaf data). */
  void pushLeaf(byte[] leafHash) {
    push(0, leafHash.clone());
  }

  /**
   * Pushes the root of a complete subtree of {@code 2^height} leaves.
   *
   * @throws IllegalStateException if the count is not a multiple of {@code 2^height}
   */
  void pushSubtree(int height, byte[] root) {
    pushSubtree(height, root, 0);
  }

  /** {@link #pushSubtree(int, byte[])} of the root held in {@code source[offset, offset + 32)}. */
  void pushSubtree(int height, byte[] source, int offset) {
    if ((count & ((1L << height) - 1)) != 0) {
      throw new IllegalStateException(
          "a subtree of 2^" + height + " leaves cannot follow " + count + " leaves");
    }
    push(height, Arrays.copyOfRange(source, offset, offset + TreeHasher.HASH_LENGTH));
  }

  private void push(int height, byte[] hash) {
    hashes[depth] = hash;
    heights[depth] = height;
    depth++;
    count += 1L << height;
    while (depth >= 2 && heights[depth - 1] == heights[depth - 2]) {
      byte[] left = hashes[depth - 2];
      hasher.node(left, 0, hashes[depth - 1], 0, left, 0);
      heights[depth - 2]++;
      hashes[depth - 1] = null;
      depth--;
    }
  }

  /** MTH of the leaves pushed so far; the empty-tree root for none. */
  Hash root() {
    if (depth == 0) {
      return MerkleTree.emptyRoot();
    }
    byte[] acc = hashes[depth - 1].clone();
    for (int i = depth - 2; i >= 0; i--) {
      hasher.node(hashes[i], 0, acc, 0, acc, 0);
    }
    return Hash.of(acc);
  }

  RootAccumulator copy() {
    RootAccumulator c = new RootAccumulator();
    for (int i = 0; i < depth; i++) {
      c.hashes[i] = hashes[i].clone();
      c.heights[i] = heights[i];
    }
    c.depth = depth;
    c.count = count;
    return c;
  }
}

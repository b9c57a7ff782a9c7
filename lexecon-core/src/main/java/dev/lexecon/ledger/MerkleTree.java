package dev.lexecon.ledger;

import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An append-only RFC 9162 Merkle tree that answers the root, inclusion proofs and consistency
 * proofs for <em>every</em> size it has had, in time logarithmic in the size.
 *
 * <p>Hashing follows RFC 9162 §2.1.1: a leaf hash is {@code SHA-256(0x00 || leaf data)}, an
 * interior node {@code SHA-256(0x01 || left || right)}, and the empty tree's root is {@code
 * SHA-256("")}. In the ledger, a leaf's data is the 32-byte entry hash, but any bytes work.
 *
 * <h2>How it is stored</h2>
 *
 * Level {@code k} keeps the hash of every complete, aligned block of {@code 2^k} leaves (level 0
 * holds the leaf hashes). Each append adds one leaf hash and, amortised, one node hash, so the tree
 * holds about {@code 2n} hashes: 64 MiB for a million leaves, in 32 KiB chunks rather than one
 * object per node. Every subtree an RFC 9162 proof needs is either such a stored block or a
 * right-edge range, which is composed from at most {@code log2 n} stored blocks; nothing is ever
 * rebuilt.
 *
 * <h2>Thread safety</h2>
 *
 * Appends are serialised by an internal lock; the ledger has a single writer, so the lock is never
 * contended. Reads ({@link #root(long)}, proofs, {@link #leafHash(long)}) take no lock and may run
 * on any number of threads while appends continue: a reader only touches hashes below a size it
 * read from a volatile field, and the writer publishes a size only after every hash below it is
 * written. A reader therefore always sees a consistent tree of the size it asked for, and the
 * answer for a given size never changes.
 *
 * <p>The tree holds at most {@value #MAX_SIZE} leaves.
 *
 * @since 0.1
 */
public final class MerkleTree {
  /** The most leaves a tree can hold (2^40). */
  public static final long MAX_SIZE = 1L << 40;

  private static final int LEVELS = 41;
  private static final Hash EMPTY_ROOT = Hash.of(TreeHasher.newSha256().digest());

  /** {@code levels[k]} holds the hash of leaves {@code [i * 2^k, (i + 1) * 2^k)} at slot i. */
  private final HashStore[] levels = new HashStore[LEVELS];

  private final ReentrantLock appendLock = new ReentrantLock();
  private final TreeHasher writerHasher = new TreeHasher(); // guarded by appendLock

  /** Published only after every hash of the tree of this size is in {@link #levels}. */
  private volatile long size;

  /** Creates an empty tree. */
  public MerkleTree() {
    for (int k = 0; k < LEVELS; k++) {
      levels[k] = new HashStore();
    }
  }

  /** Returns the root of the empty tree, {@code SHA-256("")} (RFC 9162 §2.1.1). */
  public static Hash emptyRoot() {
    return EMPTY_ROOT;
  }

  /** Returns the RFC 9162 leaf hash {@code SHA-256(0x00 || leafData)}. */
  public static Hash hashLeaf(byte[] leafData) {
    Objects.requireNonNull(leafData, "leafData");
    byte[] out = new byte[Hash.LENGTH];
    new TreeHasher().leaf(leafData, out, 0);
    return Hash.of(out);
  }

  /**
   * Returns the root of the tree whose leaf hashes (not leaf data) are {@code leafHashes}, in
   * order. Streams over the list keeping O(log n) hashes, so an offline verifier can recompute a
   * root without building a tree.
   */
  public static Hash rootOf(List<Hash> leafHashes) {
    Objects.requireNonNull(leafHashes, "leafHashes");
    if (leafHashes.isEmpty()) {
      return EMPTY_ROOT;
    }
    TreeHasher hasher = new TreeHasher();
    // The stack holds the roots of the complete subtrees of the leaves seen so far, largest at
    // the bottom: after leaf i, one per set bit of (i + 1).
    ArrayDeque<byte[]> stack = new ArrayDeque<>();
    long count = 0;
    for (Hash leafHash : leafHashes) {
      byte[] node = leafHash.bytes();
      count++;
      for (long merged = count; (merged & 1) == 0; merged >>>= 1) {
        byte[] left = stack.pop();
        hasher.node(left, 0, node, 0, node, 0);
      }
      stack.push(node);
    }
    // Fold the complete subtrees right to left, as MTH splits off the largest one first.
    byte[] root = stack.pop();
    while (!stack.isEmpty()) {
      hasher.node(stack.pop(), 0, root, 0, root, 0);
    }
    return Hash.of(root);
  }

  /**
   * Appends a leaf whose data is {@code leafData} (hashed as {@code SHA-256(0x00 || leafData)}) and
   * returns its 0-based index.
   *
   * @throws IllegalStateException if the tree already holds {@value #MAX_SIZE} leaves
   */
  public long append(byte[] leafData) {
    Objects.requireNonNull(leafData, "leafData");
    appendLock.lock();
    try {
      long index = nextIndex();
      writerHasher.leaf(leafData, levels[0].chunkForWrite(index), HashStore.offset(index));
      return publish(index);
    } finally {
      appendLock.unlock();
    }
  }

  /**
   * Appends a leaf given its RFC 9162 leaf hash, for example when rebuilding the tree from leaf
   * hashes kept in storage, and returns its 0-based index.
   *
   * @throws IllegalStateException if the tree already holds {@value #MAX_SIZE} leaves
   */
  public long appendLeafHash(Hash leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    byte[] bytes = leafHash.bytes();
    appendLock.lock();
    try {
      long index = nextIndex();
      System.arraycopy(
          bytes, 0, levels[0].chunkForWrite(index), HashStore.offset(index), Hash.LENGTH);
      return publish(index);
    } finally {
      appendLock.unlock();
    }
  }

  private long nextIndex() {
    long index = size;
    if (index >= MAX_SIZE) {
      throw new IllegalStateException("a Merkle tree holds at most " + MAX_SIZE + " leaves");
    }
    return index;
  }

  /** Hashes every block that leaf {@code index} completes, then makes the leaf visible. */
  private long publish(long index) {
    long slot = index;
    for (int k = 0; (slot & 1) == 1; k++) {
      HashStore level = levels[k];
      HashStore parent = levels[k + 1];
      writerHasher.node(
          level.chunk(slot - 1),
          HashStore.offset(slot - 1),
          level.chunk(slot),
          HashStore.offset(slot),
          parent.chunkForWrite(slot >>> 1),
          HashStore.offset(slot >>> 1));
      slot >>>= 1;
    }
    size = index + 1;
    return index;
  }

  /** Returns the number of leaves appended so far. */
  public long size() {
    return size;
  }

  /** Returns the root of the tree at its current size. */
  public Hash root() {
    return root(size);
  }

  /**
   * Returns the root the tree had when it held {@code treeSize} leaves: {@code MTH(D[0:treeSize])}
   * of RFC 9162 §2.1.1.
   *
   * @throws IllegalArgumentException if {@code treeSize} is negative or beyond {@link #size()}
   */
  public Hash root(long treeSize) {
    checkSize(treeSize, "tree size");
    return treeSize == 0 ? EMPTY_ROOT : new Reader().subtree(0, treeSize);
  }

  /**
   * Returns the RFC 9162 leaf hash of leaf {@code index}.
   *
   * @throws IndexOutOfBoundsException if there is no such leaf
   */
  public Hash leafHash(long index) {
    Objects.checkIndex(index, size);
    return stored(0, index);
  }

  /**
   * Returns the proof that leaf {@code leafIndex} is in the tree of {@code treeSize} leaves: {@code
   * PATH(leafIndex, D[0:treeSize])} of RFC 9162 §2.1.3.1.
   *
   * @throws IllegalArgumentException if {@code treeSize} is not positive or beyond {@link #size()},
   *     or {@code leafIndex} is not below it
   */
  public InclusionProof inclusionProof(long leafIndex, long treeSize) {
    checkSize(treeSize, "tree size");
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + leafIndex + " is not within a tree of " + treeSize + " leaves");
    }
    Reader reader = new Reader();
    Hash[] path = new Hash[ceilLog2(treeSize)];
    int count = 0;
    // Walk PATH's recursion from the root down; each level contributes the sibling subtree,
    // and RFC 9162 lists them from the leaf up, hence the reversal below.
    long start = 0;
    long width = treeSize;
    long index = leafIndex;
    while (width > 1) {
      long k = Long.highestOneBit(width - 1);
      if (index < k) {
        path[count++] = reader.subtree(start + k, start + width);
        width = k;
      } else {
        path[count++] = reader.subtree(start, start + k);
        start += k;
        index -= k;
        width -= k;
      }
    }
    return new InclusionProof(leafIndex, treeSize, reversed(path, count));
  }

  /**
   * Returns the proof that the tree of {@code oldSize} leaves is a prefix of the tree of {@code
   * newSize} leaves: {@code PROOF(oldSize, D[0:newSize])} of RFC 9162 §2.1.4.1. The path is empty
   * when {@code oldSize} is 0 or equal to {@code newSize}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= oldSize <= newSize <= size()}
   */
  public ConsistencyProof consistencyProof(long oldSize, long newSize) {
    checkSize(newSize, "new size");
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException(
          "need 0 <= old size <= new size, got " + oldSize + " and " + newSize);
    }
    if (oldSize == 0 || oldSize == newSize) {
      return new ConsistencyProof(oldSize, newSize, List.of());
    }
    Reader reader = new Reader();
    Hash[] path = new Hash[ceilLog2(newSize) + 1];
    int count = 0;
    // SUBPROOF(m, D[start:start+width], complete), unrolled; as in PATH, the recursion appends
    // after descending, so the hashes are collected top-down and reversed.
    long start = 0;
    long width = newSize;
    long m = oldSize;
    boolean complete = true;
    while (m != width) {
      long k = Long.highestOneBit(width - 1);
      if (m <= k) {
        path[count++] = reader.subtree(start + k, start + width);
        width = k;
      } else {
        path[count++] = reader.subtree(start, start + k);
        start += k;
        m -= k;
        width -= k;
        complete = false;
      }
    }
    if (!complete) {
      // The old tree's last subtree is not a subtree of the new tree's left spine: include it.
      path[count++] = reader.subtree(start, start + width);
    }
    return new ConsistencyProof(oldSize, newSize, reversed(path, count));
  }

  /** Bytes held by hash chunks, for tests and capacity planning. */
  long allocatedBytes() {
    long total = 0;
    for (HashStore level : levels) {
      total += level.allocatedBytes();
    }
    return total;
  }

  private void checkSize(long treeSize, String what) {
    long current = size;
    if (treeSize < 0 || treeSize > current) {
      throw new IllegalArgumentException(
          what + " " + treeSize + " is not within 0.." + current + " (the current tree size)");
    }
  }

  /** Whether leaf hash {@code index} is {@code b[offset, offset + 32)}, without copying either. */
  boolean leafHashIs(long index, byte[] b, int offset) {
    Objects.checkIndex(index, size);
    int at = HashStore.offset(index);
    return Arrays.equals(levels[0].chunk(index), at, at + Hash.LENGTH, b, offset, offset + Hash.LENGTH);
  }

  private Hash stored(int level, long slot) {
    return Hash.of(levels[level].chunk(slot), HashStore.offset(slot));
  }

  private static int ceilLog2(long n) {
    return 64 - Long.numberOfLeadingZeros(n - 1);
  }

  private static List<Hash> reversed(Hash[] path, int count) {
    List<Hash> list = Arrays.asList(path).subList(0, count);
    Collections.reverse(list);
    return list;
  }

  /** Per-call state of a reader: a hasher created only when a hash must be composed. */
  private final class Reader {
    private @Nullable TreeHasher hasher;

    /**
     * {@code MTH(D[start:end])} for a range that RFC 9162's recursion can produce: {@code start} is
     * a multiple of a power of two at least {@code end - start}. Such a range splits into complete
     * aligned blocks, one per set bit of its width, largest first; MTH folds them from the right.
     */
    Hash subtree(long start, long end) {
      long width = end - start;
      int lowBit = Long.numberOfTrailingZeros(width);
      long blockStart = end - (1L << lowBit);
      if (blockStart == start) {
        return stored(lowBit, start >>> lowBit);
      }
      TreeHasher h = hasher;
      if (h == null) {
        h = new TreeHasher();
        hasher = h;
      }
      byte[] acc = new byte[Hash.LENGTH];
      HashStore last = levels[lowBit];
      System.arraycopy(
          last.chunk(blockStart >>> lowBit),
          HashStore.offset(blockStart >>> lowBit),
          acc,
          0,
          Hash.LENGTH);
      for (long rest = width - (1L << lowBit); rest != 0; rest &= rest - 1) {
        int bit = Long.numberOfTrailingZeros(rest);
        blockStart -= 1L << bit;
        long slot = blockStart >>> bit;
        h.node(levels[bit].chunk(slot), HashStore.offset(slot), acc, 0, acc, 0);
      }
      return Hash.of(acc);
    }
  }
}

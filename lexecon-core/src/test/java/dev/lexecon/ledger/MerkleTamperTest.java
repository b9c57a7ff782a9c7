package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way of changing a genuine proof must make verification fail. */
@DisplayName("Merkle proof verification rejects tampered proofs")
class MerkleTamperTest {
  private static final Hash JUNK = Hash.of(Rfc9162Reference.sha256("junk".getBytes()));

  /**
   * A tree whose leaves all differ: with two equal leaves, claiming one's index for the other is
   * not tampering but the truth.
   */
  private static MerkleTree distinctTree(int size) {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < size; i++) {
      tree.append(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return tree;
  }

  private static Hash flipBit(Hash h, int bit) {
    byte[] b = h.bytes();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Hash.of(b);
  }

  private static List<Hash> with(List<Hash> path, int index, Hash replacement) {
    List<Hash> copy = new ArrayList<>(path);
    copy.set(index, replacement);
    return copy;
  }

  private static List<Hash> inserted(List<Hash> path, int index, Hash extra) {
    List<Hash> copy = new ArrayList<>(path);
    copy.add(index, extra);
    return copy;
  }

  @ParameterizedTest(name = "tree of {0} leaves")
  @ValueSource(ints = {1, 2, 3, 5, 8, 13, 32, 37, 64, 100})
  @DisplayName(
      "inclusion: flipped bits, wrong index, wrong size, short or long paths, wrong leaf or root")
  void inclusion(int size) {
    MerkleTree tree = distinctTree(size + 3);
    Hash root = tree.root(size);
    for (int index = 0; index < size; index++) {
      Hash leaf = tree.leafHash(index);
      InclusionProof good = tree.inclusionProof(index, size);
      List<Hash> path = good.path();
      assertThat(MerkleProofs.verifyInclusion(leaf, good, root)).isTrue();

      for (int i = 0; i < path.size(); i++) {
        for (int bit : new int[] {0, 7, 100, 255}) {
          InclusionProof bad =
              new InclusionProof(index, size, with(path, i, flipBit(path.get(i), bit)));
          assertThat(MerkleProofs.verifyInclusion(leaf, bad, root))
              .as("bit %d of element %d, leaf %d", bit, i, index)
              .isFalse();
        }
      }
      for (int other = 0; other < size; other++) {
        if (other != index) {
          InclusionProof bad = new InclusionProof(other, size, path);
          assertThat(MerkleProofs.verifyInclusion(leaf, bad, root))
              .as("index %d claimed as %d", index, other)
              .isFalse();
        }
      }
      // Another size, checked against that size's true root: the proof must not carry over.
      for (int otherSize = index + 1; otherSize <= size + 3; otherSize++) {
        if (otherSize != size) {
          InclusionProof bad = new InclusionProof(index, otherSize, path);
          assertThat(MerkleProofs.verifyInclusion(leaf, bad, tree.root(otherSize)))
              .as("leaf %d of %d claimed for size %d", index, size, otherSize)
              .isFalse();
          // The bare root does not bind a size (a path can fit a smaller tree of the same
          // depth); the checkpoint overload does.
          assertThat(MerkleProofs.verifyInclusion(leaf, bad, Checkpoint.of("log", size, root)))
              .isFalse();
        }
      }
      for (int cut = 0; cut < path.size(); cut++) {
        InclusionProof truncated = new InclusionProof(index, size, path.subList(0, cut));
        assertThat(MerkleProofs.verifyInclusion(leaf, truncated, root)).isFalse();
        assertThat(MerkleProofs.rootFromInclusionProof(leaf, truncated)).isEmpty();
      }
      for (int at = 0; at <= path.size(); at++) {
        for (Hash extra : new Hash[] {JUNK, root, leaf}) {
          InclusionProof extended = new InclusionProof(index, size, inserted(path, at, extra));
          assertThat(MerkleProofs.verifyInclusion(leaf, extended, root)).isFalse();
        }
      }
      assertThat(MerkleProofs.verifyInclusion(JUNK, good, root)).isFalse();
      assertThat(MerkleProofs.verifyInclusion(flipBit(leaf, 3), good, root)).isFalse();
      assertThat(MerkleProofs.verifyInclusion(leaf, good, flipBit(root, 200))).isFalse();
      assertThat(MerkleProofs.verifyInclusion(leaf, good, MerkleTree.emptyRoot())).isFalse();
    }
  }

  @ParameterizedTest(name = "new tree of {0} leaves")
  @ValueSource(ints = {2, 3, 5, 8, 13, 32, 37, 64, 100})
  @DisplayName(
      "consistency: flipped bits, wrong sizes, short or long paths, swapped or wrong roots")
  void consistency(int size) {
    MerkleTree tree = distinctTree(size + 3);
    Hash newRoot = tree.root(size);
    for (int old = 1; old < size; old++) {
      Hash oldRoot = tree.root(old);
      ConsistencyProof good = tree.consistencyProof(old, size);
      List<Hash> path = good.path();
      assertThat(MerkleProofs.verifyConsistency(good, oldRoot, newRoot)).isTrue();

      for (int i = 0; i < path.size(); i++) {
        for (int bit : new int[] {0, 9, 128, 255}) {
          ConsistencyProof bad =
              new ConsistencyProof(old, size, with(path, i, flipBit(path.get(i), bit)));
          assertThat(MerkleProofs.verifyConsistency(bad, oldRoot, newRoot))
              .as("bit %d of element %d, %d -> %d", bit, i, old, size)
              .isFalse();
        }
      }
      for (int otherOld = 0; otherOld <= size; otherOld++) {
        if (otherOld != old) {
          ConsistencyProof bad = new ConsistencyProof(otherOld, size, path);
          assertThat(MerkleProofs.verifyConsistency(bad, tree.root(otherOld), newRoot))
              .as("%d -> %d claimed from %d", old, size, otherOld)
              .isFalse();
          assertThat(MerkleProofs.verifyConsistency(bad, oldRoot, newRoot)).isFalse();
        }
      }
      for (int otherNew = old; otherNew <= size + 3; otherNew++) {
        if (otherNew != size) {
          ConsistencyProof bad = new ConsistencyProof(old, otherNew, path);
          assertThat(MerkleProofs.verifyConsistency(bad, oldRoot, tree.root(otherNew)))
              .as("%d -> %d claimed to %d", old, size, otherNew)
              .isFalse();
          assertThat(
                  MerkleProofs.verifyConsistency(
                      bad, Checkpoint.of("log", old, oldRoot), Checkpoint.of("log", size, newRoot)))
              .isFalse();
        }
      }
      for (int cut = 0; cut < path.size(); cut++) {
        ConsistencyProof truncated = new ConsistencyProof(old, size, path.subList(0, cut));
        assertThat(MerkleProofs.verifyConsistency(truncated, oldRoot, newRoot)).isFalse();
      }
      for (int at = 0; at <= path.size(); at++) {
        for (Hash extra : new Hash[] {JUNK, oldRoot, newRoot}) {
          ConsistencyProof extended = new ConsistencyProof(old, size, inserted(path, at, extra));
          assertThat(MerkleProofs.verifyConsistency(extended, oldRoot, newRoot)).isFalse();
        }
      }
      assertThat(MerkleProofs.verifyConsistency(good, newRoot, oldRoot)).isFalse();
      assertThat(MerkleProofs.verifyConsistency(good, flipBit(oldRoot, 1), newRoot)).isFalse();
      assertThat(MerkleProofs.verifyConsistency(good, oldRoot, flipBit(newRoot, 254))).isFalse();
    }
  }

  @ParameterizedTest(name = "tree of {0} leaves")
  @ValueSource(ints = {0, 1, 6})
  @DisplayName(
      "trivial consistency (same size, or from the empty tree) needs an empty path and true roots")
  void trivialConsistency(int size) {
    MerkleTree tree = distinctTree(size);
    Hash root = tree.root();
    Hash empty = MerkleTree.emptyRoot();
    assertThat(
            MerkleProofs.verifyConsistency(new ConsistencyProof(size, size, List.of()), root, root))
        .isTrue();
    assertThat(
            MerkleProofs.verifyConsistency(
                new ConsistencyProof(size, size, List.of(root)), root, root))
        .isFalse();
    // With equal sizes only equality can be checked, except that size 0 has one known root.
    assertThat(
            MerkleProofs.verifyConsistency(new ConsistencyProof(size, size, List.of()), JUNK, JUNK))
        .isEqualTo(size != 0);
    assertThat(
            MerkleProofs.verifyConsistency(new ConsistencyProof(0, size, List.of()), empty, root))
        .isTrue();
    assertThat(MerkleProofs.verifyConsistency(new ConsistencyProof(0, size, List.of()), JUNK, root))
        .isFalse();
    assertThat(
            MerkleProofs.verifyConsistency(
                new ConsistencyProof(0, size, List.of(empty)), empty, root))
        .isFalse();
    if (size > 0) {
      assertThat(
              MerkleProofs.verifyConsistency(
                  new ConsistencyProof(size, size, List.of()), root, JUNK))
          .isFalse();
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName("a root alone does not bind the claimed size; the checkpoint overloads do")
  void checkpointBindsSize() {
    MerkleTree tree = distinctTree(4);
    Hash root3 = tree.root(3);
    InclusionProof forSize3 = tree.inclusionProof(0, 3);
    // Leaf 0's path in a 3-leaf tree has the shape of a 4-leaf path, so a verifier that takes the
    // size from the proof and the root from elsewhere would be fooled: the pairing must be trusted.
    InclusionProof claimedSize4 = new InclusionProof(0, 4, forSize3.path());
    assertThat(MerkleProofs.verifyInclusion(tree.leafHash(0), claimedSize4, root3)).isTrue();
    assertThat(
            MerkleProofs.verifyInclusion(
                tree.leafHash(0), claimedSize4, Checkpoint.of("log", 3, root3)))
        .isFalse();
    assertThat(
            MerkleProofs.verifyInclusion(
                tree.leafHash(0), forSize3, Checkpoint.of("log", 3, root3)))
        .isTrue();

    ConsistencyProof proof = tree.consistencyProof(2, 4);
    Checkpoint older = Checkpoint.of("log", 2, tree.root(2));
    Checkpoint newer = Checkpoint.of("log", 4, tree.root(4));
    assertThat(MerkleProofs.verifyConsistency(proof, older, newer)).isTrue();
    assertThat(
            MerkleProofs.verifyConsistency(
                proof, older, Checkpoint.of("other-log", 4, tree.root(4))))
        .as("checkpoints of two different logs")
        .isFalse();
    assertThat(MerkleProofs.verifyConsistency(proof, Checkpoint.of("log", 3, tree.root(2)), newer))
        .isFalse();
  }
}

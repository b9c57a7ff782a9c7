package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("MerkleTree")
class MerkleTreeTest {

  /** Leaf data of varying length (0 to 40 bytes), so leaf hashing is exercised too. */
  static List<byte[]> leafData(int count, long seed) {
    Random random = new Random(seed);
    List<byte[]> leaves = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] d = new byte[random.nextInt(41)];
      random.nextBytes(d);
      leaves.add(d);
    }
    return leaves;
  }

  static MerkleTree treeOf(List<byte[]> leaves) {
    MerkleTree tree = new MerkleTree();
    leaves.forEach(tree::append);
    return tree;
  }

  @Test
  @DisplayName(
      "matches the naive RFC 9162 reference for every root, path and proof up to 130 leaves")
  void exhaustiveAgainstReference() {
    int max = 130;
    List<byte[]> leaves = leafData(max, 1);
    Rfc9162Reference reference = Rfc9162Reference.ofLeafData(leaves, false);
    MerkleTree tree = new MerkleTree();
    assertThat(tree.root()).isEqualTo(reference.root(0));
    for (int n = 1; n <= max; n++) {
      assertThat(tree.append(leaves.get(n - 1))).isEqualTo(n - 1);
      assertThat(tree.size()).isEqualTo(n);
      Hash rootN = reference.root(n);
      assertThat(tree.root()).as("root(%d)", n).isEqualTo(rootN);
      for (int m = 0; m < n; m++) {
        InclusionProof inclusion = tree.inclusionProof(m, n);
        assertThat(inclusion.path()).as("PATH(%d, D[%d])", m, n).isEqualTo(reference.path(m, n));
        assertThat(MerkleProofs.verifyInclusion(reference.leafHash(m), inclusion, rootN))
            .as("inclusion of %d in %d", m, n)
            .isTrue();
      }
      for (int m = 0; m <= n; m++) {
        ConsistencyProof consistency = tree.consistencyProof(m, n);
        List<Hash> expected = m == 0 || m == n ? List.of() : reference.proof(m, n);
        assertThat(consistency.path()).as("PROOF(%d, D[%d])", m, n).isEqualTo(expected);
        assertThat(MerkleProofs.verifyConsistency(consistency, reference.root(m), rootN))
            .as("consistency %d -> %d", m, n)
            .isTrue();
      }
    }
    // Every past size still answers the same after the tree has grown.
    for (int n = 0; n <= max; n++) {
      assertThat(tree.root(n)).isEqualTo(reference.root(n));
    }
  }

  @Test
  @DisplayName("matches the reference for random sizes, leaves and pairs in a 70,000-leaf tree")
  void randomPairsInLargerTree() {
    int max = 70_000;
    Random random = new Random(2);
    List<byte[]> leaves = leafData(max, 3);
    Rfc9162Reference reference = Rfc9162Reference.ofLeafData(leaves, true);
    MerkleTree tree = treeOf(leaves);
    TreeSet<Integer> sizes = new TreeSet<>(List.of(1, 2, 3, 65_535, 65_536, 65_537, max));
    while (sizes.size() < 40) {
      sizes.add(1 + random.nextInt(max));
    }
    for (int n : sizes) {
      Hash rootN = reference.root(n);
      assertThat(tree.root(n)).as("root(%d)", n).isEqualTo(rootN);
      for (int i = 0; i < 25; i++) {
        int m = random.nextInt(n);
        InclusionProof proof = tree.inclusionProof(m, n);
        assertThat(proof.path()).isEqualTo(reference.path(m, n));
        assertThat(MerkleProofs.verifyInclusion(reference.leafHash(m), proof, rootN)).isTrue();
      }
      for (int m : sizes.headSet(n, true)) {
        ConsistencyProof proof = tree.consistencyProof(m, n);
        if (m < n && random.nextInt(4) == 0) {
          assertThat(proof.path()).isEqualTo(reference.proof(m, n));
        }
        assertThat(MerkleProofs.verifyConsistency(proof, reference.root(m), rootN))
            .as("consistency %d -> %d", m, n)
            .isTrue();
      }
    }
  }

  @Test
  @DisplayName("rootOf(leaf hashes) agrees with the reference for every size up to 130")
  void rootOfLeafHashes() {
    List<byte[]> leaves = leafData(130, 4);
    Rfc9162Reference reference = Rfc9162Reference.ofLeafData(leaves, false);
    List<Hash> leafHashes = new ArrayList<>();
    for (int n = 0; n <= 130; n++) {
      assertThat(MerkleTree.rootOf(leafHashes)).as("size %d", n).isEqualTo(reference.root(n));
      if (n < 130) {
        leafHashes.add(MerkleTree.hashLeaf(leaves.get(n)));
      }
    }
  }

  @Test
  @DisplayName("appending leaf hashes builds the same tree as appending leaf data")
  void appendLeafHash() {
    List<byte[]> leaves = leafData(77, 5);
    MerkleTree byData = treeOf(leaves);
    MerkleTree byHash = new MerkleTree();
    for (byte[] leaf : leaves) {
      byHash.appendLeafHash(MerkleTree.hashLeaf(leaf));
    }
    for (int n = 0; n <= 77; n++) {
      assertThat(byHash.root(n)).isEqualTo(byData.root(n));
    }
    assertThat(byHash.leafHash(76)).isEqualTo(byData.leafHash(76));
  }

  @Test
  @DisplayName("32-byte ledger entry hashes are leaf data, hashed again with the 0x00 prefix")
  void entryHashesAreLeafData() {
    Hash entryHash = Hash.of(Rfc9162Reference.sha256("entry".getBytes()));
    MerkleTree tree = new MerkleTree();
    tree.append(entryHash.bytes());
    assertThat(tree.root())
        .isEqualTo(Hash.of(Rfc9162Reference.sha256(new byte[] {0}, entryHash.bytes())))
        .isNotEqualTo(entryHash);
  }

  @ParameterizedTest(name = "size {0}")
  @ValueSource(longs = {-1, 4})
  @DisplayName("refuses roots and proofs for sizes it never had")
  void rejectsUnknownSizes(long size) {
    MerkleTree tree = treeOf(leafData(3, 6));
    assertThatThrownBy(() -> tree.root(size)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(0, size))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(0, size))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("refuses leaf indices outside the tree and old sizes above the new size")
  void rejectsBadArguments() {
    MerkleTree tree = treeOf(leafData(3, 7));
    assertThatThrownBy(() -> tree.inclusionProof(3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaf index 3");
    assertThatThrownBy(() -> tree.inclusionProof(-1, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(3, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.leafHash(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  @DisplayName("a million leaves take about 2 x 32 MiB of hashes and still prove inclusion")
  void millionLeaves() {
    int n = 1_000_000;
    MerkleTree tree = new MerkleTree();
    ByteBuffer data = ByteBuffer.allocate(Long.BYTES);
    for (long i = 0; i < n; i++) {
      tree.append(data.putLong(0, i).array());
    }
    // Levels hold ~2n hashes of 32 bytes, rounded up to 32 KiB chunks per level.
    assertThat(tree.allocatedBytes()).isLessThanOrEqualTo(2L * n * 32 + 41L * 32 * 1024);
    Random random = new Random(8);
    for (int i = 0; i < 200; i++) {
      long size = 1 + random.nextInt(n);
      long index = random.nextInt((int) size);
      long old = random.nextInt((int) size + 1);
      Hash leaf = MerkleTree.hashLeaf(data.putLong(0, index).array());
      Hash root = tree.root(size);
      assertThat(MerkleProofs.verifyInclusion(leaf, tree.inclusionProof(index, size), root))
          .isTrue();
      assertThat(
              MerkleProofs.verifyConsistency(
                  tree.consistencyProof(old, size), tree.root(old), root))
          .isTrue();
    }
  }
}

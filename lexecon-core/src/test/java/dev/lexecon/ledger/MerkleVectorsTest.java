package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.testing.SharedVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance with the published RFC 6962 / RFC 9162 vectors in {@code
 * shared/testdata/vectors/merkle.json} (certificate-transparency and transparency-dev/merkle).
 */
@DisplayName("Merkle tree against the published RFC 6962 / RFC 9162 vectors")
class MerkleVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * Probes whose expected result in the vectors follows a transparency-dev/merkle convention we
   * deliberately do not share. Every other probe, including the remaining convention-dependent
   * ones, must match its {@code want_error}.
   */
  private static final Map<String, String> OUR_CONVENTION_REJECTS =
      Map.of(
          "sizes are equal (one) and proof is empty",
          "roots are 32-byte SHA-256 hashes; the probe's 12-byte roots cannot even be represented,"
              + " where transparency-dev compares any byte strings");

  private static volatile @Nullable JsonNode cached;

  private static JsonNode vectors() {
    JsonNode v = cached;
    if (v == null) {
      try {
        v = new ObjectMapper().readTree(SharedVectors.require("merkle.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cached = v;
    }
    return v;
  }

  private static byte[] bytes(JsonNode hex) {
    return HEX.parseHex(hex.asText());
  }

  private static Hash hash(JsonNode hex) {
    return Hash.fromHex(hex.asText());
  }

  private static List<Hash> hashes(JsonNode array) {
    List<Hash> out = new ArrayList<>();
    array.forEach(h -> out.add(hash(h)));
    return out;
  }

  private static Stream<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static MerkleTree referenceTree(JsonNode v) {
    MerkleTree tree = new MerkleTree();
    v.get("leaves").forEach(leaf -> tree.append(bytes(leaf)));
    return tree;
  }

  @Test
  @DisplayName("the empty tree's root is SHA-256 of the empty string")
  void emptyRoot() {
    Hash expected = hash(vectors().get("empty_tree_root"));
    assertThat(MerkleTree.emptyRoot()).isEqualTo(expected);
    assertThat(new MerkleTree().root()).isEqualTo(expected);
    assertThat(MerkleTree.rootOf(List.of())).isEqualTo(expected);
  }

  @Test
  @DisplayName("leaf and node hashes match the hasher vectors")
  void hasherVectors() {
    JsonNode h = vectors().get("hasher_vectors");
    for (JsonNode leaf : h.get("leaf")) {
      assertThat(MerkleTree.hashLeaf(bytes(leaf.get("leaf"))))
          .isEqualTo(hash(leaf.get("leaf_hash")));
    }
    for (JsonNode node : h.get("node")) {
      byte[] out = new byte[32];
      new TreeHasher().node(bytes(node.get("left")), 0, bytes(node.get("right")), 0, out, 0);
      assertThat(Hash.of(out)).isEqualTo(hash(node.get("node_hash")));
    }
  }

  @Test
  @DisplayName("the eight reference leaves hash to the published leaf hashes")
  void leafHashes() {
    JsonNode v = vectors();
    MerkleTree tree = referenceTree(v);
    List<Hash> expected = hashes(v.get("leaf_hashes"));
    for (int i = 0; i < expected.size(); i++) {
      assertThat(tree.leafHash(i)).as("leaf %d", i).isEqualTo(expected.get(i));
      assertThat(MerkleTree.hashLeaf(bytes(v.get("leaves").get(i)))).isEqualTo(expected.get(i));
    }
  }

  @Test
  @DisplayName("every complete subtree hashes to the published node hash")
  void completeSubtrees() {
    JsonNode v = vectors();
    MerkleTree tree = referenceTree(v);
    List<Hash> leafHashes = hashes(v.get("leaf_hashes"));
    JsonNode levels = v.get("node_hashes_by_level").get("levels");
    for (int level = 0; level < levels.size(); level++) {
      JsonNode nodes = levels.get(level);
      int width = 1 << level;
      for (int i = 0; i < nodes.size(); i++) {
        Hash expected = hash(nodes.get(i));
        assertThat(MerkleTree.rootOf(leafHashes.subList(i * width, (i + 1) * width)))
            .as("level %d node %d", level, i)
            .isEqualTo(expected);
        if (i == 0) {
          assertThat(tree.root(width)).isEqualTo(expected);
        }
      }
    }
  }

  static Stream<Arguments> roots() {
    return elements(vectors().get("roots"))
        .map(r -> Arguments.of(r.get("tree_size").asLong(), hash(r.get("root"))));
  }

  @ParameterizedTest(name = "size {0}")
  @MethodSource("roots")
  @DisplayName("the root of every prefix of the reference tree matches")
  void rootsBySize(long size, Hash expected) {
    JsonNode v = vectors();
    MerkleTree tree = referenceTree(v);
    assertThat(tree.root(size)).isEqualTo(expected);
    assertThat(MerkleTree.rootOf(hashes(v.get("leaf_hashes")).subList(0, (int) size)))
        .isEqualTo(expected);
    MerkleTree grown = new MerkleTree();
    IntStream.range(0, (int) size).forEach(i -> grown.append(bytes(v.get("leaves").get(i))));
    assertThat(grown.root()).isEqualTo(expected);
  }

  static Stream<Arguments> inclusionProofs() {
    return elements(vectors().get("inclusion_proofs"))
        .map(p -> Arguments.of(p.get("leaf_index").asLong(), p.get("tree_size").asLong(), p));
  }

  @ParameterizedTest(name = "leaf {0} of {1}")
  @MethodSource("inclusionProofs")
  @DisplayName("published inclusion proofs are generated exactly and verify")
  void publishedInclusionProofs(long index, long size, JsonNode p) {
    MerkleTree tree = referenceTree(vectors());
    InclusionProof proof = tree.inclusionProof(index, size);
    assertThat(proof.path()).isEqualTo(hashes(p.get("proof")));
    assertThat(MerkleProofs.verifyInclusion(hash(p.get("leaf_hash")), proof, hash(p.get("root"))))
        .isTrue();
  }

  static Stream<Arguments> consistencyProofs() {
    return elements(vectors().get("consistency_proofs"))
        .map(p -> Arguments.of(p.get("size1").asLong(), p.get("size2").asLong(), p));
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("consistencyProofs")
  @DisplayName("published consistency proofs are generated exactly and verify")
  void publishedConsistencyProofs(long size1, long size2, JsonNode p) {
    MerkleTree tree = referenceTree(vectors());
    ConsistencyProof proof = tree.consistencyProof(size1, size2);
    assertThat(proof.path()).isEqualTo(hashes(p.get("proof")));
    assertThat(MerkleProofs.verifyConsistency(proof, hash(p.get("root1")), hash(p.get("root2"))))
        .isTrue();
  }

  @Test
  @DisplayName(
      "a real certificate-transparency log inclusion proof (leaf 848049 of 3630887) verifies")
  void realLogInclusion() {
    JsonNode r = vectors().get("real_log_inclusion");
    Hash leafHash = hash(r.get("leaf_hash"));
    assertThat(MerkleTree.hashLeaf(bytes(r.get("leaf_input")))).isEqualTo(leafHash);
    InclusionProof proof =
        new InclusionProof(
            r.get("leaf_index").asLong(), r.get("tree_size").asLong(), hashes(r.get("proof")));
    Hash root = hash(r.get("root"));
    assertThat(MerkleProofs.verifyInclusion(leafHash, proof, root)).isTrue();
    assertThat(MerkleProofs.rootFromInclusionProof(leafHash, proof)).contains(root);
    InclusionProof neighbour =
        new InclusionProof(proof.leafIndex() + 1, proof.treeSize(), proof.path());
    assertThat(MerkleProofs.verifyInclusion(leafHash, neighbour, root)).isFalse();
  }

  // Probes. Untrusted input first has to become our values: a 32-byte Hash, an index inside the
  // tree, old size <= new size. A probe that cannot become one is rejected at that boundary
  // (IllegalArgumentException), which is a rejection like any other; so the only probes allowed
  // to fail conversion are those that must be rejected.

  static Stream<Arguments> inclusionProbes() {
    return elements(vectors().get("probes").get("inclusion"))
        .map(p -> Arguments.of(p.get("file").asText() + ": " + p.get("desc").asText(), p));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusionProbes")
  @DisplayName("inclusion probes are accepted or rejected as published")
  void inclusionProbe(String name, JsonNode p) {
    boolean wantAccept = !p.get("want_error").asBoolean();
    Hash leafHash;
    InclusionProof proof;
    Hash root;
    try {
      leafHash = Hash.of(bytes(p.get("leaf_hash")));
      root = Hash.of(bytes(p.get("root")));
      proof =
          new InclusionProof(
              exactLong(p.get("leaf_index")),
              exactLong(p.get("tree_size")),
              elements(p.get("proof")).map(h -> Hash.of(bytes(h))).toList());
    } catch (IllegalArgumentException unrepresentable) {
      assertThat(wantAccept)
          .as("rejected at parse time: %s", unrepresentable.getMessage())
          .isFalse();
      return;
    }
    assertThat(MerkleProofs.verifyInclusion(leafHash, proof, root)).isEqualTo(wantAccept);
  }

  static Stream<Arguments> consistencyProbes() {
    return elements(vectors().get("probes").get("consistency"))
        .map(p -> Arguments.of(p.get("file").asText() + ": " + p.get("desc").asText(), p));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consistencyProbes")
  @DisplayName("consistency probes are accepted or rejected as published")
  void consistencyProbe(String name, JsonNode p) {
    String desc = p.get("desc").asText();
    boolean wantAccept =
        !p.get("want_error").asBoolean() && !OUR_CONVENTION_REJECTS.containsKey(desc);
    ConsistencyProof proof;
    Hash root1;
    Hash root2;
    try {
      root1 = Hash.of(bytes(p.get("root1")));
      root2 = Hash.of(bytes(p.get("root2")));
      proof =
          new ConsistencyProof(
              exactLong(p.get("size1")),
              exactLong(p.get("size2")),
              elements(p.get("proof")).map(h -> Hash.of(bytes(h))).toList());
    } catch (IllegalArgumentException unrepresentable) {
      assertThat(wantAccept)
          .as("rejected at parse time: %s", unrepresentable.getMessage())
          .isFalse();
      return;
    }
    assertThat(MerkleProofs.verifyConsistency(proof, root1, root2)).isEqualTo(wantAccept);
  }

  @Test
  @DisplayName("the probe conventions we override exist in the vectors and are rejected")
  void overriddenConventionsAreDocumented() {
    List<JsonNode> overridden =
        elements(vectors().get("probes").get("consistency"))
            .filter(p -> OUR_CONVENTION_REJECTS.containsKey(p.get("desc").asText()))
            .toList();
    assertThat(overridden).hasSize(OUR_CONVENTION_REJECTS.size());
    for (JsonNode p : overridden) {
      assertThat(p.get("convention_dependent").asBoolean()).isTrue();
      assertThatThrownBy(() -> Hash.of(bytes(p.get("root1"))))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** A JSON integer as a long; uint64 values above Long.MAX_VALUE cannot be sizes or indices. */
  private static long exactLong(JsonNode n) {
    if (!n.canConvertToLong()) {
      throw new IllegalArgumentException(n + " does not fit in a long");
    }
    return n.asLong();
  }
}

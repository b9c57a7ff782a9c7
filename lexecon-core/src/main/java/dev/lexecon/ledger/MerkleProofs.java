package dev.lexecon.ledger;

import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies RFC 9162 Merkle proofs using nothing but hashes, so an auditor can check a ledger export
 * offline without the application or its tree.
 *
 * <p>Proofs come from untrusted sources, so the verify methods never throw on a wrong proof: a path
 * of the wrong length, a tampered hash, a wrong index or size all give {@code false}. Only {@code
 * null} arguments throw. The algorithms are those of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2
 * (consistency), step for step.
 *
 * <p>A root authenticates a proof only together with its tree size: the hash-based methods take
 * {@code proof.treeSize()} (or the proof's sizes) on trust, so the caller must know that {@code
 * root} is the root of a tree of exactly that size, typically from a signed {@link Checkpoint}. The
 * {@code Checkpoint} overloads check that pairing themselves and are the safer choice.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /**
   * Returns whether {@code proof} shows that the leaf whose RFC 9162 leaf hash is {@code leafHash}
   * sits at {@code proof.leafIndex()} in the tree of {@code proof.treeSize()} leaves whose root is
   * {@code root}.
   *
   * @param leafHash the leaf <em>hash</em> {@code SHA-256(0x00 || leaf data)}, see {@link
   *     MerkleTree#hashLeaf(byte[])}; for a ledger entry, the leaf data is its 32-byte entry hash
   */
  public static boolean verifyInclusion(Hash leafHash, InclusionProof proof, Hash root) {
    Objects.requireNonNull(root, "root");
    return rootFromInclusionProof(leafHash, proof).map(root::equals).orElse(false);
  }

  /**
   * Returns whether {@code proof} shows that the leaf with hash {@code leafHash} is in the tree
   * described by {@code checkpoint}: the proof must be for the checkpoint's tree size and lead to
   * its root. The checkpoint's signature must have been verified already.
   *
   * @param leafHash the leaf <em>hash</em> {@code SHA-256(0x00 || leaf data)}
   */
  public static boolean verifyInclusion(
      Hash leafHash, InclusionProof proof, Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    return proof.treeSize() == checkpoint.treeSize()
        && verifyInclusion(leafHash, proof, checkpoint.rootHash());
  }

  /**
   * Returns the root that {@code proof} leads to from {@code leafHash}, or empty when the path has
   * the wrong length for the index and size (RFC 9162 §2.1.3.2 steps 1 to 5, without the final
   * comparison). Useful to report the root a proof claims.
   *
   * @param leafHash the leaf <em>hash</em> {@code SHA-256(0x00 || leaf data)}
   */
  public static Optional<Hash> rootFromInclusionProof(Hash leafHash, InclusionProof proof) {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(proof, "proof");
    long fn = proof.leafIndex();
    long sn = proof.treeSize() - 1;
    if (fn < 0 || fn > sn) {
      return Optional.empty(); // step 1; the record already guarantees it
    }
    TreeHasher hasher = new TreeHasher();
    byte[] r = leafHash.bytes();
    for (Hash p : proof.path()) {
      if (sn == 0) {
        return Optional.empty(); // step 4a: the path is longer than the tree is deep
      }
      byte[] sibling = p.bytes();
      if ((fn & 1) == 1 || fn == sn) {
        hasher.node(sibling, 0, r, 0, r, 0);
        // Step 4b.ii: on the right edge, skip levels where the node has no right sibling.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        hasher.node(r, 0, sibling, 0, r, 0);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 ? Optional.of(Hash.of(r)) : Optional.empty(); // step 5: path too short
  }

  /**
   * Returns whether {@code proof} shows that the tree with root {@code oldRoot} at {@code
   * proof.oldSize()} leaves is a prefix of the tree with root {@code newRoot} at {@code
   * proof.newSize()} leaves.
   *
   * <p>For {@code 0 < oldSize < newSize} this is RFC 9162 §2.1.4.2 exactly. Outside that domain the
   * RFC is silent, and this method decides as follows (a proof must then have an empty path):
   *
   * <ul>
   *   <li>{@code oldSize == newSize}: the roots must be equal, and be the {@linkplain
   *       MerkleTree#emptyRoot() empty-tree root} when the size is 0;
   *   <li>{@code oldSize == 0 < newSize}: every tree extends the empty tree, so only {@code
   *       oldRoot} is checked, and it must be the empty-tree root.
   * </ul>
   */
  public static boolean verifyConsistency(ConsistencyProof proof, Hash oldRoot, Hash newRoot) {
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(oldRoot, "oldRoot");
    Objects.requireNonNull(newRoot, "newRoot");
    long first = proof.oldSize();
    long second = proof.newSize();
    List<Hash> path = proof.path();
    if (first < 0 || first > second) {
      return false; // the record already guarantees it
    }
    if (first == second) {
      return path.isEmpty()
          && oldRoot.equals(newRoot)
          && (first != 0 || oldRoot.equals(MerkleTree.emptyRoot()));
    }
    if (first == 0) {
      return path.isEmpty() && oldRoot.equals(MerkleTree.emptyRoot());
    }
    // RFC 9162 §2.1.4.2 from here on, 0 < first < second.
    if (path.isEmpty()) {
      return false; // step 1
    }
    // Step 2: when the old tree is complete its root is a node of the new tree, and the proof
    // omits it; put it back in front.
    boolean oldIsComplete = (first & (first - 1)) == 0;
    int next = oldIsComplete ? 0 : 1;
    byte[] fr = oldIsComplete ? oldRoot.bytes() : path.get(0).bytes();
    byte[] sr = fr.clone();
    long fn = first - 1; // step 3
    long sn = second - 1;
    while ((fn & 1) == 1) { // step 4
      fn >>>= 1;
      sn >>>= 1;
    }
    TreeHasher hasher = new TreeHasher();
    for (int i = next; i < path.size(); i++) { // step 6
      if (sn == 0) {
        return false;
      }
      byte[] c = path.get(i).bytes();
      if ((fn & 1) == 1 || fn == sn) {
        hasher.node(c, 0, fr, 0, fr, 0);
        hasher.node(c, 0, sr, 0, sr, 0);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        hasher.node(sr, 0, c, 0, sr, 0);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    // Step 7.
    return sn == 0 && oldRoot.equals(Hash.of(fr)) && newRoot.equals(Hash.of(sr));
  }

  /**
   * Returns whether {@code proof} shows that the log's tree at {@code older} is a prefix of its
   * tree at {@code newer}: both checkpoints must come from the same origin, the proof must be for
   * their two sizes, and it must link their roots. Their signatures must have been verified
   * already.
   */
  public static boolean verifyConsistency(
      ConsistencyProof proof, Checkpoint older, Checkpoint newer) {
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(older, "older");
    Objects.requireNonNull(newer, "newer");
    return older.origin().equals(newer.origin())
        && proof.oldSize() == older.treeSize()
        && proof.newSize() == newer.treeSize()
        && verifyConsistency(proof, older.rootHash(), newer.rootHash());
  }
}

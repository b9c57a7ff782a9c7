package dev.lexecon.ledger;

import dev.lexecon.api.ledger.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately naive RFC 9162 §2.1 reference, transcribed from the recursive definitions of MTH
 * (§2.1.1), PATH (§2.1.3.1) and PROOF/SUBPROOF (§2.1.4.1) with no cleverness, to cross-check {@link
 * MerkleTree}. Shares no code with it (own digest, own recursion). Complete, aligned subtrees may
 * be memoised so that large cross-checks stay affordable; that does not change what is computed.
 */
final class Rfc9162Reference {
  private final List<byte[]> leafHashes;
  private final Map<Long, byte[]> completeSubtrees = new HashMap<>();
  private final boolean memoise;

  private Rfc9162Reference(List<byte[]> leafHashes, boolean memoise) {
    this.leafHashes = leafHashes;
    this.memoise = memoise;
  }

  /** A reference over the given leaf <em>data</em>. */
  static Rfc9162Reference ofLeafData(List<byte[]> leafData, boolean memoise) {
    List<byte[]> hashes = new ArrayList<>(leafData.size());
    for (byte[] d : leafData) {
      hashes.add(sha256(new byte[] {0x00}, d));
    }
    return new Rfc9162Reference(hashes, memoise);
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  Hash leafHash(int index) {
    return Hash.of(leafHashes.get(index));
  }

  /** MTH(D[0:n]). */
  Hash root(int n) {
    return Hash.of(mth(0, n));
  }

  /** PATH(m, D[0:n]). */
  List<Hash> path(int m, int n) {
    List<Hash> out = new ArrayList<>();
    for (byte[] h : path(m, 0, n)) {
      out.add(Hash.of(h));
    }
    return out;
  }

  /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
  List<Hash> proof(int m, int n) {
    List<Hash> out = new ArrayList<>();
    for (byte[] h : subproof(m, 0, n, true)) {
      out.add(Hash.of(h));
    }
    return out;
  }

  private byte[] mth(int from, int to) {
    int n = to - from;
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return leafHashes.get(from);
    }
    boolean complete = Integer.bitCount(n) == 1 && from % n == 0;
    Long key = complete ? ((long) from << 32) | n : null;
    if (memoise && key != null && completeSubtrees.containsKey(key)) {
      return completeSubtrees.get(key);
    }
    int k = largestPowerOfTwoBelow(n);
    byte[] hash = sha256(new byte[] {0x01}, mth(from, from + k), mth(from + k, to));
    if (memoise && key != null) {
      completeSubtrees.put(key, hash);
    }
    return hash;
  }

  // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k,
  //               = PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k.
  private List<byte[]> path(int m, int from, int to) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      out.addAll(path(m, from, from + k));
      out.add(mth(from + k, to));
    } else {
      out.addAll(path(m - k, from + k, to));
      out.add(mth(from, from + k));
    }
    return out;
  }

  // SUBPROOF(m, D[m], true) = {}, SUBPROOF(m, D[m], false) = {MTH(D[m])};
  // for m < n: m <= k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n]),
  //            m > k:  SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
  private List<byte[]> subproof(int m, int from, int to, boolean b) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(from, to));
      }
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      out.addAll(subproof(m, from, from + k, b));
      out.add(mth(from + k, to));
    } else {
      out.addAll(subproof(m - k, from + k, to, false));
      out.add(mth(from, from + k));
    }
    return out;
  }

  /** The largest power of two strictly less than n (n > 1). */
  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}

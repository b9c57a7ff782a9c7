package dev.lexecon.ledger;

import dev.lexecon.internal.Sha256;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The RFC 9162 §2.1.1 hash functions over one reusable SHA-256 instance: leaf hash {@code
 * SHA-256(0x00 || data)} and node hash {@code SHA-256(0x01 || left || right)}. The distinct
 * prefixes give second-preimage resistance between leaves and interior nodes.
 *
 * <p>Not thread-safe: create one per thread or per operation (creation is cheap).
 */
final class TreeHasher {
  static final int HASH_LENGTH = 32;
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private final MessageDigest sha256;
  // The prefix and the hashed bytes in one array, hashed with one update: each MessageDigest call
  // costs about as much as hashing a block, and these inputs are only one or two blocks long.
  private final byte[] input = new byte[1 + 2 * HASH_LENGTH];

  TreeHasher() {
    this.sha256 = newSha256();
  }

  static MessageDigest newSha256() {
    return Sha256.newDigest();
  }

  /** Writes {@code SHA-256(0x00 || data)} into {@code out[outOffset, outOffset + 32)}. */
  void leaf(byte[] data, byte[] out, int outOffset) {
    if (data.length == HASH_LENGTH) { // a ledger's leaves are entry hashes
      input[0] = LEAF_PREFIX;
      System.arraycopy(data, 0, input, 1, HASH_LENGTH);
      sha256.update(input, 0, 1 + HASH_LENGTH);
    } else {
      sha256.update(LEAF_PREFIX);
      sha256.update(data);
    }
    finish(out, outOffset);
  }

  /**
   * Writes {@code SHA-256(0x01 || left || right)} into {@code out}; the output may overlap an input
   * because the inputs are consumed before the digest is written.
   */
  void node(byte[] left, int leftOffset, byte[] right, int rightOffset, byte[] out, int outOffset) {
    input[0] = NODE_PREFIX;
    System.arraycopy(left, leftOffset, input, 1, HASH_LENGTH);
    System.arraycopy(right, rightOffset, input, 1 + HASH_LENGTH, HASH_LENGTH);
    sha256.update(input, 0, input.length);
    finish(out, outOffset);
  }

  private void finish(byte[] out, int outOffset) {
    try {
      sha256.digest(out, outOffset, HASH_LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest did not fit in 32 bytes", e);
    }
  }
}

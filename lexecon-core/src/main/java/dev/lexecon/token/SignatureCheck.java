package dev.lexecon.token;

import java.util.Arrays;

/**
 * What a verifier needs from a key: its algorithm and a way to check a signature. Implemented by
 * public keys ({@link VerificationKey}) and by HMAC secrets ({@link HmacSha256}), so HMAC secrets
 * never have to pose as public keys. Implementations are immutable and thread-safe.
 */
interface SignatureCheck {
  String keyId();

  SignatureAlgorithm algorithm();

  /** Checks {@code signature} over {@code data}; never throws for a wrong-length signature. */
  boolean verify(byte[] data, byte[] signature);

  /**
   * Checks {@code signature} over {@code data[offset, offset + length)}: the signing input of a
   * token, in place in the token's bytes. HMAC and Ed25519 read the range directly (the copy
   * would be a noticeable part of an HS256 check); anything else gets a copy. Static rather than
   * an interface method so that it does not become public API of {@link VerificationKey}.
   */
  static boolean verify(SignatureCheck key, byte[] data, int offset, int length, byte[] signature) {
    if (key instanceof HmacSha256 hmac) {
      return hmac.verify(data, offset, length, signature);
    }
    if (key instanceof VerificationKey publicKey) {
      return publicKey.verify(data, offset, length, signature);
    }
    return key.verify(Arrays.copyOfRange(data, offset, offset + length), signature);
  }
}

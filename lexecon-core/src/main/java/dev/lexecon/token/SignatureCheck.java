package dev.lexecon.token;

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
}

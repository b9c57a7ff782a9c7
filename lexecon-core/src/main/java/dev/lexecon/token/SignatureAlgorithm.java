package dev.lexecon.token;

import org.jspecify.annotations.Nullable;

/**
 * The signature algorithms Lexecon signs with, by their JOSE names (RFC 7518, RFC 8037).
 * Capability tokens use {@link #ED25519} or {@link #HS256}; decision signatures use {@link
 * #ED25519} or {@link #RSA_PSS_SHA256}.
 *
 * @since 0.1
 */
public enum SignatureAlgorithm {
  /** Ed25519 (RFC 8032, pure, no context), JWS {@code EdDSA} (RFC 8037), through BouncyCastle. */
  ED25519("EdDSA"),
  /**
   * HMAC-SHA256 (RFC 2104), JWS {@code HS256}. Symmetric: whoever can verify can also issue, so
   * use it only where issuer and verifier are the same process or trust domain.
   */
  HS256("HS256"),
  /**
   * RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 8017), JWS {@code PS256}. For
   * decision signatures only; generated keys are 4,096 bits.
   */
  RSA_PSS_SHA256("PS256");

  private final String jwsName;

  SignatureAlgorithm(String jwsName) {
    this.jwsName = jwsName;
  }

  /** The JWS {@code alg} value: {@code EdDSA}, {@code HS256} or {@code PS256}. */
  public String jwsName() {
    return jwsName;
  }

  /** Whether capability tokens may be signed with this algorithm. */
  public boolean signsTokens() {
    return this != RSA_PSS_SHA256;
  }

  /** Whether a signature with it proves authorship to a third party (asymmetric). */
  public boolean asymmetric() {
    return this != HS256;
  }

  /** The algorithm with this exact (case-sensitive) JWS name, or {@code null}. */
  public static @Nullable SignatureAlgorithm fromJwsName(@Nullable String name) {
    for (SignatureAlgorithm a : values()) {
      if (a.jwsName.equals(name)) {
        return a;
      }
    }
    return null;
  }
}

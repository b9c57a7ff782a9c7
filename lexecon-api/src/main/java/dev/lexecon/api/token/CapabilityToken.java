package dev.lexecon.api.token;

import java.util.Objects;

/**
 * Proof that a decision allowed one tool call: {@code cap_} followed by a JWS compact
 * serialization (RFC 7515 §7.1) signed with Ed25519 ({@code EdDSA}) or HMAC-SHA256 ({@code
 * HS256}). Removing the prefix ({@link #jws()}) gives a token any JOSE library can verify. The
 * format is specified in {@code docs/token-format.md}.
 *
 * <p>The token is a bearer credential for as long as it is valid, so {@link #toString()} names it
 * by id and expiry and never prints {@link #value()}; do not log the value either. Immutable and
 * thread-safe.
 *
 * @param value the token as sent to the tool executor, starting with {@code cap_}
 * @param algorithm the JWS {@code alg} it is signed with, {@code EdDSA} or {@code HS256}
 * @param keyId the JWS {@code kid} of the signing key
 * @param claims the claims the token carries
 * @since 0.1
 */
public record CapabilityToken(String value, String algorithm, String keyId, TokenClaims claims) {
  /** The prefix that marks a Lexecon capability token. */
  public static final String PREFIX = "cap_";

  /** Checks that every part is present and that the value carries the prefix. */
  public CapabilityToken {
    Objects.requireNonNull(value, "value");
    if (!value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a capability token starts with " + PREFIX);
    }
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(claims, "claims");
  }

  /** The JWS compact serialization: {@link #value()} without the {@code cap_} prefix. */
  public String jws() {
    return value.substring(PREFIX.length());
  }

  /** Names the token without revealing it: id, key id, algorithm and expiry. */
  @Override
  public String toString() {
    return "CapabilityToken[jti="
        + claims.tokenId()
        + ", dec="
        + claims.decisionId()
        + ", alg="
        + algorithm
        + ", kid="
        + keyId
        + ", exp="
        + claims.expiresAt()
        + "]";
  }
}

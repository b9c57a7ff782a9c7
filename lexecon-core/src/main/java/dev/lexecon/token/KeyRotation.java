package dev.lexecon.token;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rotation of a {@link KeyRing}: a new signing key took over from the previous one, which
 * stays available for verification until it is retired. {@link #toEventPayload()} is the payload
 * of the ledger's {@code key_rotated} event; because it carries the new public key, a verifier
 * that shares the ledger can rebuild its {@link PublicKeySet} from those events ({@link
 * #fromEventPayload}).
 *
 * @param previousKeyId the key that signed until now
 * @param keyId the key that signs from now on
 * @param algorithm the new key's algorithm
 * @param rotatedAt when the rotation happened, from the ring's clock
 * @param publicKey the new key's public half, or {@code null} for an HMAC key (whose secret is
 *     never recorded)
 * @since 0.1
 */
public record KeyRotation(
    String previousKeyId,
    String keyId,
    SignatureAlgorithm algorithm,
    Instant rotatedAt,
    @Nullable VerificationKey publicKey) {

  /** Checks that the required parts are present and that the public key matches the id. */
  public KeyRotation {
    Objects.requireNonNull(previousKeyId, "previousKeyId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(rotatedAt, "rotatedAt");
    if (publicKey != null && !publicKey.keyId().equals(keyId)) {
      throw new IllegalArgumentException("the public key's id differs from keyId");
    }
  }

  /**
   * The {@code key_rotated} ledger payload: {@code key_id}, {@code previous_key_id}, {@code
   * algorithm} (JWS name), {@code rotated_at} (RFC 3339, microseconds) and, for asymmetric keys,
   * {@code public_key_jwk} and {@code fingerprint} (hex SHA-256 of the DER public key). A new
   * mutable map.
   */
  public Map<String, Object> toEventPayload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("key_id", keyId);
    p.put("previous_key_id", previousKeyId);
    p.put("algorithm", algorithm.jwsName());
    p.put("rotated_at", Timestamps.format(rotatedAt));
    if (publicKey != null) {
      p.put("public_key_jwk", publicKey.toJwk());
      p.put("fingerprint", publicKey.fingerprint());
    }
    return p;
  }

  /**
   * Reads a payload written by {@link #toEventPayload()}.
   *
   * @throws IllegalArgumentException if a member is missing or invalid, or the fingerprint does
   *     not match the key
   */
  public static KeyRotation fromEventPayload(Map<String, ?> payload) {
    SignatureAlgorithm alg = SignatureAlgorithm.fromJwsName(string(payload, "algorithm"));
    if (alg == null) {
      throw new IllegalArgumentException("unknown algorithm " + payload.get("algorithm"));
    }
    VerificationKey key = null;
    if (payload.get("public_key_jwk") instanceof Map<?, ?> jwk) {
      key = VerificationKey.fromJwk(jwk);
      if (key == null || key.algorithm() != alg) {
        throw new IllegalArgumentException("public_key_jwk is not a " + alg.jwsName() + " key");
      }
      if (!key.fingerprint().equals(payload.get("fingerprint"))) {
        throw new IllegalArgumentException("fingerprint does not match public_key_jwk");
      }
    } else if (alg.asymmetric()) {
      throw new IllegalArgumentException("public_key_jwk is required for " + alg.jwsName());
    }
    return new KeyRotation(
        string(payload, "previous_key_id"),
        string(payload, "key_id"),
        alg,
        Timestamps.parse(payload.get("rotated_at"), "rotated_at"),
        key);
  }

  private static String string(Map<String, ?> payload, String member) {
    if (!(payload.get(member) instanceof String s)) {
      throw new IllegalArgumentException(member + " must be a string");
    }
    return s;
  }
}

package dev.lexecon.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A detached signature over a decision's canonical JSON ({@link DecisionJson#canonicalize}).
 * Anyone with the public key can check it offline, for example {@code openssl pkeyutl -verify
 * -pubin -inkey key.pem -rawin -in decision.json -sigfile sig.bin} for Ed25519.
 *
 * @param keyId the signing key's id
 * @param algorithm {@link SignatureAlgorithm#ED25519} or {@link SignatureAlgorithm#RSA_PSS_SHA256}
 * @param value the signature, unpadded base64url
 * @since 0.1
 */
public record DecisionSignature(String keyId, SignatureAlgorithm algorithm, String value) {
  /** Checks every part; HS256 proves nothing to a third party and is refused. */
  public DecisionSignature {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(value, "value");
    if (!algorithm.asymmetric()) {
      throw new IllegalArgumentException("decision signatures are Ed25519 or RSA-PSS, not HS256");
    }
  }

  /** The JSON form: {@code {"alg": "EdDSA"|"PS256", "kid": ..., "sig": ...}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alg", algorithm.jwsName());
    m.put("kid", keyId);
    m.put("sig", value);
    return m;
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException if a member is missing or the algorithm is not Ed25519 or
   *     RSA-PSS
   */
  public static DecisionSignature fromJson(Map<?, ?> json) {
    SignatureAlgorithm alg =
        json.get("alg") instanceof String a ? SignatureAlgorithm.fromJwsName(a) : null;
    if (alg == null || !alg.asymmetric()) {
      throw new IllegalArgumentException("alg must be EdDSA or PS256");
    }
    if (!(json.get("kid") instanceof String kid) || !(json.get("sig") instanceof String sig)) {
      throw new IllegalArgumentException("kid and sig must be strings");
    }
    return new DecisionSignature(kid, alg, sig);
  }
}

package dev.lexecon.token;

import dev.lexecon.api.Decision;
import java.util.Objects;

/**
 * Signs decisions, so that a decision record can be shown to a third party later and checked
 * offline with {@link DecisionVerifier} and the published public key. The signature covers the
 * RFC 8785 canonical JSON of the decision ({@link DecisionJson}).
 *
 * <p>Ed25519 signatures cost tens of microseconds and are deterministic; RSA-PSS-SHA256 with a
 * 4,096-bit key (the reference API's node key algorithm) costs milliseconds per decision and is
 * randomized. Signing every decision is optional: the ledger's signed checkpoints plus an
 * inclusion proof give the same non-repudiation at a fraction of the cost; {@code
 * docs/token-format.md} compares the two.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DecisionSigner {
  private final SigningKey key;

  /**
   * A signer with an Ed25519 or RSA key.
   *
   * @throws IllegalArgumentException for an HMAC key, which cannot prove anything to a third party
   */
  public DecisionSigner(SigningKey key) {
    Objects.requireNonNull(key, "key");
    if (!key.algorithm().asymmetric()) {
      throw new IllegalArgumentException(
          "decision signatures need an Ed25519 or RSA key, not " + key.algorithm().jwsName());
    }
    this.key = key;
  }

  /** Signs the canonical JSON of {@code decision}. */
  public DecisionSignature sign(Decision decision) {
    byte[] signature = key.sign(DecisionJson.canonicalize(decision));
    return new DecisionSignature(key.keyId(), key.algorithm(), Base64Url.encode(signature));
  }

  /**
   * Signs the RFC 8785 canonical JSON of any JSON value (maps, lists, strings, numbers, booleans),
   * for records other than decisions, such as four-eyes confirmations.
   *
   * @throws IllegalArgumentException if {@code json} holds something JSON cannot express
   */
  public DecisionSignature signJson(Object json) {
    Objects.requireNonNull(json, "json");
    byte[] signature = key.sign(dev.lexecon.json.Jcs.canonicalize(json));
    return new DecisionSignature(key.keyId(), key.algorithm(), Base64Url.encode(signature));
  }

  /** The public key to publish (PEM via {@link VerificationKey#toPem()}, with its fingerprint). */
  public VerificationKey verificationKey() {
    return Objects.requireNonNull(key.verificationKey());
  }

  @Override
  public String toString() {
    return "DecisionSigner[" + key + "]";
  }
}

package dev.lexecon.token;

import dev.lexecon.api.Decision;
import dev.lexecon.json.Jcs;
import java.util.Objects;

/**
 * Checks decision signatures made by {@link DecisionSigner}, offline, from public keys alone. A
 * decision can be given as a {@link Decision} or as JSON text in any formatting; the text is
 * parsed strictly (duplicate member names are refused) and canonicalized before checking, so only
 * its content matters.
 *
 * <p>Every method answers {@code false} for anything that does not verify (unknown key id,
 * algorithm different from the key's, malformed signature or JSON) and never throws for such
 * input. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DecisionVerifier {
  private final PublicKeySet keys;

  /** A verifier that trusts these keys. */
  public DecisionVerifier(PublicKeySet keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** Whether {@code signature} is a valid signature of {@code decision}. */
  public boolean verify(Decision decision, DecisionSignature signature) {
    return verifyCanonical(DecisionJson.canonicalize(decision), signature);
  }

  /** Whether {@code signature} is a valid signature of the decision in {@code decisionJson}. */
  public boolean verify(String decisionJson, DecisionSignature signature) {
    Objects.requireNonNull(decisionJson, "decisionJson");
    byte[] canonical;
    try {
      canonical = Jcs.canonicalize(Jcs.parse(decisionJson));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return verifyCanonical(canonical, signature);
  }

  /**
   * Whether {@code signature} is a valid signature of the canonical JSON of {@code json}, as made
   * by {@link DecisionSigner#signJson}; {@code false} also when {@code json} is not JSON.
   */
  public boolean verifyJson(Object json, DecisionSignature signature) {
    Objects.requireNonNull(json, "json");
    byte[] canonical;
    try {
      canonical = Jcs.canonicalize(json);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return verifyCanonical(canonical, signature);
  }

  private boolean verifyCanonical(byte[] canonical, DecisionSignature signature) {
    Objects.requireNonNull(signature, "signature");
    VerificationKey key = keys.find(signature.keyId());
    if (key == null || key.algorithm() != signature.algorithm()) {
      return false;
    }
    byte[] sig = Base64Url.decode(signature.value());
    return sig != null && key.verify(canonical, sig);
  }
}

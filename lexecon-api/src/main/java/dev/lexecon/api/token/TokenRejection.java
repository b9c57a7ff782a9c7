package dev.lexecon.api.token;

/**
 * Why a capability token was not accepted. Each failure mode has its own code so that a tool
 * executor, a log or an alert can tell a forgery from a clock problem from a misuse. Declared in
 * the order a verifier checks them: the first check that fails decides the code.
 *
 * @since 0.1
 */
public enum TokenRejection {
  /**
   * Not a well-formed Lexecon token: missing {@code cap_} prefix, too long, not three base64url
   * parts, invalid JSON (including duplicate member names), a missing or mistyped header field or
   * claim, an unexpected {@code typ}, or a {@code crit} header.
   */
  MALFORMED,
  /** The {@code kid} names no key the verifier knows (never issued, or retired). */
  UNKNOWN_KEY,
  /**
   * The signature does not prove the token came from the named key: the signature does not
   * verify, or the {@code alg} is not accepted ({@code none}, anything but {@code EdDSA} and
   * {@code HS256}), or it does not match the algorithm of the key ({@code HS256} against an
   * Ed25519 key is never tried as HMAC).
   */
  BAD_SIGNATURE,
  /** The token is not valid yet: {@code nbf} or {@code iat} lies beyond the allowed clock skew. */
  NOT_YET_VALID,
  /** The token has expired: now is at or after {@code exp} plus the allowed clock skew. */
  EXPIRED,
  /**
   * The token is authentic and current but not for this call or this verifier: the issuer,
   * audience, actor, action, tool, resource or arguments digest differs. {@link
   * TokenVerification.Rejected#claim()} names the claim.
   */
  WRONG_BINDING,
  /** The token, or the decision it was issued for, has been revoked. */
  REVOKED,
  /** Single use is on and the token has already been accepted once. */
  REPLAYED
}

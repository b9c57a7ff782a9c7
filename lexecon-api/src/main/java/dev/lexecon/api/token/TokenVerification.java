package dev.lexecon.api.token;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a capability token against the call about to run: {@link Accepted} with
 * the token's claims, or {@link Rejected} with a {@link TokenRejection} code. Verification returns
 * this value for every input, however broken; only {@link #claimsOrThrow()} throws.
 *
 * <pre>{@code
 * TokenVerification v = verifier.verify(token, ExpectedCall.of(actor, "send_email", "smtp"));
 * if (v instanceof TokenVerification.Rejected r) {
 *   return refuse(r.reason() + ": " + r.message());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public sealed interface TokenVerification
    permits TokenVerification.Accepted, TokenVerification.Rejected {

  /** True for {@link Accepted}: the call may run. */
  boolean accepted();

  /**
   * Returns the claims of an accepted token.
   *
   * @throws TokenVerificationException if the token was rejected
   */
  TokenClaims claimsOrThrow();

  /**
   * The token is authentic, current, bound to this call, not revoked and (with single use) not
   * used before.
   *
   * @param claims the verified claims
   * @since 0.1
   */
  record Accepted(TokenClaims claims) implements TokenVerification {
    /** Checks that the claims are present. */
    public Accepted {
      Objects.requireNonNull(claims, "claims");
    }

    @Override
    public boolean accepted() {
      return true;
    }

    @Override
    public TokenClaims claimsOrThrow() {
      return claims;
    }
  }

  /**
   * The token must not be honoured.
   *
   * @param reason the first check that failed
   * @param claim the claim or header parameter at fault ({@code exp}, {@code tool}, {@code kid},
   *     ...), or {@code null} when the failure is not about one claim
   * @param message what was wrong, fit for a log; never contains the token or a key
   * @param claims the token's claims when its signature verified (so they are authentic, for
   *     example to log which decision an expired token came from); {@code null} for MALFORMED,
   *     UNKNOWN_KEY and BAD_SIGNATURE
   * @since 0.1
   */
  record Rejected(
      TokenRejection reason, @Nullable String claim, String message, @Nullable TokenClaims claims)
      implements TokenVerification {
    /** Checks that the reason and message are present. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public boolean accepted() {
      return false;
    }

    @Override
    public TokenClaims claimsOrThrow() {
      throw new TokenVerificationException(this);
    }
  }
}

package dev.lexecon.api.token;

import dev.lexecon.api.LexeconException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A capability token was rejected where the caller asked for an exception instead of a {@link
 * TokenVerification} value ({@link TokenVerification#claimsOrThrow()}, {@code
 * TokenVerifier.verifyOrThrow}). The message says why and never contains the token.
 *
 * @since 0.1
 */
public final class TokenVerificationException extends LexeconException {
  private static final long serialVersionUID = 1L;

  private final TokenRejection reason;
  private final @Nullable String claim;

  /** Creates the exception for a rejection. */
  public TokenVerificationException(TokenVerification.Rejected rejection) {
    super(describe(Objects.requireNonNull(rejection, "rejection")));
    this.reason = rejection.reason();
    this.claim = rejection.claim();
  }

  /** Why the token was rejected. */
  public TokenRejection reason() {
    return reason;
  }

  /** The claim at fault, or {@code null}; see {@link TokenVerification.Rejected#claim()}. */
  public @Nullable String claim() {
    return claim;
  }

  private static String describe(TokenVerification.Rejected r) {
    return "capability token rejected ("
        + r.reason()
        + (r.claim() != null ? ", claim " + r.claim() : "")
        + "): "
        + r.message();
  }
}

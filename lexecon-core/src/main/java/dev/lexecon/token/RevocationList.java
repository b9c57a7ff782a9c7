package dev.lexecon.token;

import dev.lexecon.api.token.TokenClaims;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link TokenVerifier} asks whether a token, or the decision behind it, has been revoked.
 * Lookups sit on the verification hot path, so implementations should answer from memory;
 * {@link InMemoryRevocationList} does, and is fed either by the application or from the ledger's
 * revocation events.
 *
 * <p>Implementations must be thread-safe. An exception thrown here propagates out of {@code
 * verify}: a verifier that cannot tell whether a token is revoked must not accept it.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RevocationList {
  /**
   * Returns the revocation that applies to a token with this id or this decision id, or {@code
   * null} if neither is revoked. A token revocation is reported before a decision revocation.
   */
  @Nullable Revocation find(String tokenId, String decisionId);

  /**
   * Returns the revocation that applies to a token with these claims, or {@code null}. The
   * verifier calls this one; by default it looks up the token and decision ids. A list that
   * revokes by what a token grants (its actor or tool, as a halt does) overrides it.
   */
  default @Nullable Revocation find(TokenClaims claims) {
    return find(claims.tokenId(), claims.decisionId());
  }

  /** A list that revokes nothing, the default of a verifier. */
  static RevocationList none() {
    return (tokenId, decisionId) -> null;
  }
}

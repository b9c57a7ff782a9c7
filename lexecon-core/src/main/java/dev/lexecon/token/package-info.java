/**
 * Capability tokens, decision signatures and the keys behind them.
 *
 * <p>{@link dev.lexecon.token.TokenIssuer} turns an APPROVED or CONDITIONAL decision into a
 * {@code cap_}-prefixed JWS bound to the exact tool call; {@link dev.lexecon.token.TokenVerifier}
 * checks one before the call runs, from a {@link dev.lexecon.token.PublicKeySet} in any process or
 * from the issuing {@link dev.lexecon.token.KeyRing}, with revocation ({@link
 * dev.lexecon.token.RevocationList}) and optional single use ({@link
 * dev.lexecon.token.ReplayCache}). {@link dev.lexecon.token.DecisionSigner} and {@link
 * dev.lexecon.token.DecisionVerifier} sign and check decisions' canonical JSON ({@link
 * dev.lexecon.token.DecisionJson}). The formats are specified, with test vectors, in {@code
 * docs/token-format.md}.
 *
 * <p>Public classes say whether they are thread-safe; everything else in the package is
 * package-private. No class here logs or prints a token, a private key or a secret.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.token;

import org.jspecify.annotations.NullMarked;

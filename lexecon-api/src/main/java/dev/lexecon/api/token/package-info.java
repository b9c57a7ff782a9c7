/**
 * Capability tokens as values: the token an APPROVED or CONDITIONAL decision hands out ({@link
 * dev.lexecon.api.token.CapabilityToken}), its claims ({@link dev.lexecon.api.token.TokenClaims}),
 * the call a tool executor is about to make ({@link dev.lexecon.api.token.ExpectedCall}) and the
 * outcome of checking one against the other ({@link dev.lexecon.api.token.TokenVerification}).
 *
 * <p>Issuing and verifying live in {@code dev.lexecon.token} of {@code lexecon-core}; the wire
 * format is specified in {@code docs/token-format.md}. Everything here is immutable and
 * thread-safe, and nothing here names a third-party type.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.token;

import org.jspecify.annotations.NullMarked;

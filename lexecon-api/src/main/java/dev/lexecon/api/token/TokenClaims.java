package dev.lexecon.api.token;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a capability token: the registered JWT claims (RFC 7519 §4.1) and Lexecon's own,
 * which bind the token to one decision and to the exact tool call that was decided on.
 *
 * <p>JSON names are given in brackets; times are whole seconds since the epoch on the wire
 * (NumericDate). Immutable and thread-safe.
 *
 * @param issuer who issued the token ({@code iss})
 * @param subject the actor the token was issued to ({@code sub})
 * @param audience who may accept the token ({@code aud}); empty when the token names none
 * @param issuedAt when it was issued ({@code iat})
 * @param notBefore when it becomes valid ({@code nbf})
 * @param expiresAt when it stops being valid ({@code exp}); the token is invalid from this instant
 *     (plus the verifier's clock skew) on
 * @param tokenId unique id of this token ({@code jti}), the key for revocation and single use
 * @param action the action decided on ({@code act})
 * @param resource the resource acted upon, or {@code null} when the request named none ({@code
 *     res})
 * @param tool the tool decided on ({@code tool})
 * @param decisionId the decision that granted the token ({@code dec})
 * @param ledgerEntryId the ledger entry that recorded the decision, or {@code null} ({@code led})
 * @param policyHash hash of the policy the decision was made under ({@code pol})
 * @param obligations obligations of a CONDITIONAL decision ({@code obl}); empty otherwise
 * @param argumentsDigest lowercase hex SHA-256 of the RFC 8785 canonical JSON of the tool-call
 *     arguments ({@code arg})
 * @since 0.1
 */
public record TokenClaims(
    String issuer,
    String subject,
    List<String> audience,
    Instant issuedAt,
    Instant notBefore,
    Instant expiresAt,
    String tokenId,
    String action,
    @Nullable String resource,
    String tool,
    String decisionId,
    @Nullable String ledgerEntryId,
    String policyHash,
    List<String> obligations,
    String argumentsDigest) {

  /** Checks that required claims are present and copies the lists. */
  public TokenClaims {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subject, "subject");
    audience = List.copyOf(audience);
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(policyHash, "policyHash");
    obligations = List.copyOf(obligations);
    Objects.requireNonNull(argumentsDigest, "argumentsDigest");
  }
}

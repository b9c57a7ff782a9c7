package dev.lexecon.token;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A revocation: one capability token, or every token of one decision, must no longer be
 * honoured. {@link #toEventPayload()} is the payload of the ledger event that records it, and
 * {@link #fromEventPayload} reads it back, so a verifier that shares the ledger can feed its
 * {@link InMemoryRevocationList} from the events ({@link InMemoryRevocationList#apply}).
 *
 * @param scope whether {@link #id()} is a token id or a decision id
 * @param id the token's {@code jti} or the decision's {@code dec}
 * @param revokedAt when it was revoked
 * @param reason why, for auditors; free text, 1 to 500 characters, never a secret
 * @since 0.1
 */
public record Revocation(Scope scope, String id, Instant revokedAt, String reason) {
  /** Upper bound on {@link #reason()}, as for a request's user intent. */
  public static final int MAX_REASON_LENGTH = 500;

  /**
   * What a revocation applies to.
   *
   * @since 0.1
   */
  public enum Scope {
    /** One token, by its {@code jti}. */
    TOKEN,
    /** Every token issued for one decision, by its {@code dec}. */
    DECISION
  }

  /** Checks every part. */
  public Revocation {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(reason, "reason");
    if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
      throw new IllegalArgumentException(
          "reason must have 1 to " + MAX_REASON_LENGTH + " characters");
    }
  }

  /**
   * The ledger payload: {@code scope} ({@code token} or {@code decision}), {@code id}, {@code
   * revoked_at} (RFC 3339, microseconds), {@code reason}. A new mutable map.
   */
  public Map<String, Object> toEventPayload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("scope", scope.name().toLowerCase(Locale.ROOT));
    p.put("id", id);
    p.put("revoked_at", Timestamps.format(revokedAt));
    p.put("reason", reason);
    return p;
  }

  /**
   * Reads a payload written by {@link #toEventPayload()}.
   *
   * @throws IllegalArgumentException if a member is missing or invalid
   */
  public static Revocation fromEventPayload(Map<String, ?> payload) {
    Scope scope;
    if ("token".equals(payload.get("scope"))) {
      scope = Scope.TOKEN;
    } else if ("decision".equals(payload.get("scope"))) {
      scope = Scope.DECISION;
    } else {
      throw new IllegalArgumentException("scope must be \"token\" or \"decision\"");
    }
    if (!(payload.get("id") instanceof String id) || !(payload.get("reason") instanceof String reason)) {
      throw new IllegalArgumentException("id and reason must be strings");
    }
    return new Revocation(scope, id, Timestamps.parse(payload.get("revoked_at"), "revoked_at"), reason);
  }
}

package dev.lexecon.token;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.internal.UlidGenerator;
import dev.lexecon.json.Jcs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Issues capability tokens for APPROVED and CONDITIONAL decisions, signed with the {@link
 * KeyRing}'s current key (Ed25519 or HS256). A token binds the decision to the exact call that was
 * decided on: actor, action, tool, resource and the RFC 8785 digest of the tool-call arguments.
 * The format is specified in {@code docs/token-format.md}.
 *
 * <pre>{@code
 * TokenIssuer issuer = TokenIssuer.builder(keyRing).ttl(Duration.ofMinutes(2)).build();
 * CapabilityToken token = issuer.issue(decision, request, ledgerEntryId);
 * }</pre>
 *
 * <p>Immutable in configuration and thread-safe; each call reads the ring's current key once, so a
 * concurrent rotation affects only later tokens.
 *
 * @since 0.1
 */
public final class TokenIssuer {
  /** Default token lifetime. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  /** Longest lifetime a token may be given; capabilities are meant to be short-lived. */
  public static final Duration MAX_TTL = Duration.ofHours(24);
  /** Default {@code iss}, which {@link TokenVerifier} expects by default. */
  public static final String DEFAULT_ISSUER = "lexecon";

  private final KeyRing keys;
  private final String issuer;
  private final @Nullable String audience;
  private final long ttlSeconds;
  private final Clock clock;
  private final IdGenerator ids;
  private volatile @Nullable HeaderSegment header;

  private TokenIssuer(Builder b) {
    this.keys = b.keys;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.ttlSeconds = b.ttl.getSeconds();
    this.clock = b.clock;
    this.ids = b.ids != null ? b.ids : new UlidGenerator(b.clock);
  }

  /** Starts configuring an issuer that signs with {@code keys}' current key. */
  public static Builder builder(KeyRing keys) {
    return new Builder(keys);
  }

  /**
   * Issues a token for {@code decision}, bound to {@code request}'s call.
   *
   * @param decision an APPROVED or CONDITIONAL decision (a CONDITIONAL token carries its
   *     obligations in {@code obl})
   * @param request the request the decision answered
   * @param ledgerEntryId the ledger entry that recorded the decision, or {@code null}
   * @throws IllegalArgumentException if the decision is DENIED or ESCALATED, or was made for a
   *     request with another request id
   * @throws IllegalStateException if the ring's current key cannot sign tokens (RSA)
   */
  public CapabilityToken issue(
      Decision decision, DecisionRequest request, @Nullable String ledgerEntryId) {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(request, "request");
    if (decision.outcome() != Outcome.APPROVED && decision.outcome() != Outcome.CONDITIONAL) {
      throw new IllegalArgumentException(
          "no capability token for a " + decision.outcome() + " decision");
    }
    if (request.requestId() != null && !request.requestId().equals(decision.requestId())) {
      throw new IllegalArgumentException(
          "decision " + decision.decisionId() + " was made for another request");
    }
    SigningKey key = keys.currentKey();
    if (!key.algorithm().signsTokens()) {
      throw new IllegalStateException(
          "key " + key.keyId() + " (" + key.algorithm().jwsName() + ") cannot sign tokens");
    }
    Instant iat = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    TokenClaims claims =
        new TokenClaims(
            issuer,
            request.actor(),
            audience == null ? List.of() : List.of(audience),
            iat,
            iat,
            iat.plusSeconds(ttlSeconds),
            "tok_" + ids.nextId(),
            request.action(),
            request.resource(),
            request.tool(),
            decision.decisionId(),
            ledgerEntryId,
            decision.policyHash(),
            decision.obligations(),
            ArgumentsDigest.hex(request.arguments()));
    byte[] header = headerSegment(key);
    ClaimsWriter fast = ClaimsWriter.write(claims);
    byte[] payload = fast != null ? fast.bytes() : Jcs.canonicalize(TokenFormat.payload(claims));
    int payloadSize = fast != null ? fast.size() : payload.length;
    // The token is assembled as ASCII in one buffer and signed in place: "cap_", the signing
    // input (header "." payload, RFC 7515 §5.1), then "." and the signature.
    int prefix = CapabilityToken.PREFIX.length();
    int signedEnd = prefix + header.length + 1 + Base64Url.encodedLength(payloadSize);
    byte[] out = new byte[signedEnd + 1 + Base64Url.encodedLength(key.signatureLength())];
    for (int i = 0; i < prefix; i++) {
      out[i] = (byte) CapabilityToken.PREFIX.charAt(i);
    }
    System.arraycopy(header, 0, out, prefix, header.length);
    out[prefix + header.length] = '.';
    Base64Url.encode(payload, 0, payloadSize, out, prefix + header.length + 1);
    byte[] signature = key.sign(out, prefix, signedEnd - prefix);
    out[signedEnd] = '.';
    int end = Base64Url.encode(signature, 0, signature.length, out, signedEnd + 1);
    String value = new String(out, 0, end, StandardCharsets.US_ASCII);
    return new CapabilityToken(value, key.algorithm().jwsName(), key.keyId(), claims);
  }

  /**
   * The base64url header for {@code key}, as ASCII. It depends on the key alone, so it is kept
   * for the current key rather than written for every token.
   */
  private byte[] headerSegment(SigningKey key) {
    HeaderSegment cached = header;
    if (cached == null || cached.key != key) {
      String segment = TokenFormat.encodeSegment(TokenFormat.header(key.algorithm(), key.keyId()));
      cached = new HeaderSegment(key, segment.getBytes(StandardCharsets.US_ASCII));
      header = cached; // racing writers store equal values
    }
    return cached.ascii;
  }

  /** An encoded header and the key it was made for; never mutated, so safe to publish racily. */
  private record HeaderSegment(SigningKey key, byte[] ascii) {}

  /** The configured token lifetime. */
  public Duration ttl() {
    return Duration.ofSeconds(ttlSeconds);
  }

  @Override
  public String toString() {
    return "TokenIssuer[iss=" + issuer + ", ttl=" + ttl() + ", keys=" + keys + "]";
  }

  /**
   * Configures a {@link TokenIssuer}. Setters validate their argument at once. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final KeyRing keys;
    private String issuer = DEFAULT_ISSUER;
    private @Nullable String audience;
    private Duration ttl = DEFAULT_TTL;
    private Clock clock = Clock.systemUTC();
    private @Nullable IdGenerator ids;

    private Builder(KeyRing keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The {@code iss} claim; defaults to {@value TokenIssuer#DEFAULT_ISSUER}. */
    public Builder issuer(String issuer) {
      Objects.requireNonNull(issuer, "issuer");
      if (issuer.isEmpty()) {
        throw new IllegalArgumentException("issuer must not be empty");
      }
      this.issuer = issuer;
      return this;
    }

    /** The {@code aud} claim, naming the tool executor that may accept tokens; none by default. */
    public Builder audience(@Nullable String audience) {
      if (audience != null && audience.isEmpty()) {
        throw new IllegalArgumentException("audience must not be empty");
      }
      this.audience = audience;
      return this;
    }

    /**
     * How long a token is valid, in whole seconds from 1 second to 24 hours; defaults to 5
     * minutes.
     */
    public Builder ttl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.getNano() != 0 || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
        throw new IllegalArgumentException(
            "ttl must be a whole number of seconds between PT1S and " + MAX_TTL + ", not " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /** The clock for {@code iat}, {@code nbf} and {@code exp}; defaults to the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The source of token ids ({@code jti} is {@code tok_} plus its output); defaults to monotonic
     * ULIDs from the clock. Inject a fixed one for reproducible tokens.
     */
    public Builder idGenerator(IdGenerator ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * Builds the issuer.
     *
     * @throws IllegalStateException if the ring's current key cannot sign tokens
     */
    public TokenIssuer build() {
      SigningKey key = keys.currentKey();
      if (!key.algorithm().signsTokens()) {
        throw new IllegalStateException(
            "key " + key.keyId() + " (" + key.algorithm().jwsName() + ") cannot sign tokens; use Ed25519 or HS256");
      }
      return new TokenIssuer(this);
    }
  }
}

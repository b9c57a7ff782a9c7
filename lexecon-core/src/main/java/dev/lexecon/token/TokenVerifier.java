package dev.lexecon.token;

import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.api.token.TokenVerificationException;
import dev.lexecon.json.Jcs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a capability token against the call a tool executor is about to run. Usable on its own,
 * in any process, from the public keys alone ({@link #builder(PublicKeySet)}), or from a {@link
 * KeyRing} in the issuing process (which also verifies HS256 and follows rotations at once).
 *
 * <p>Checks, in this order, each with its own {@link TokenRejection}: length and shape, header
 * ({@code typ}, {@code crit}), algorithm, key id, signature, claims, time window with bounded clock
 * skew, issuer and audience, binding to the call (actor, action, tool, resource, arguments digest),
 * revocation, and, when single use is on, replay. A token is marked used only once everything else
 * passed, so a rejected attempt does not burn it.
 *
 * <p>{@link #verify} never throws for any token string, however malformed or hostile: it returns
 * {@link TokenVerification.Rejected}. Only failures of the configured {@link RevocationList} or
 * {@link ReplayCache} propagate, because a verifier that cannot check them must not accept.
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenVerifier.builder(PublicKeySet.fromJwkSetJson(jwks)).singleUse().build();
 * TokenVerification v = verifier.verify(token, ExpectedCall.of(request));
 * }</pre>
 *
 * <p>Immutable in configuration and thread-safe.
 *
 * @since 0.1
 */
public final class TokenVerifier {
  /** Default tolerance for clocks that disagree between issuer and verifier. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
  /** Largest clock skew a verifier may tolerate. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  /** Default cap on token length; real tokens are well under 2 KiB. */
  public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);

  private final Function<String, @Nullable SignatureCheck> keys;
  private final Clock clock;
  private final Duration skew;
  private final String issuer;
  private final @Nullable String audience;
  private final RevocationList revocations;
  private final @Nullable ReplayCache replayCache;
  private final int maxTokenLength;
  private volatile @Nullable RememberedHeader lastHeader;

  private TokenVerifier(Builder b) {
    this.keys = b.keys;
    this.clock = b.clock;
    this.skew = b.skew;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.revocations = b.revocations;
    this.replayCache = b.singleUse && b.replayCache == null ? ReplayCache.inMemory(b.clock) : b.replayCache;
    this.maxTokenLength = b.maxTokenLength;
  }

  /**
   * Starts configuring a verifier that trusts these public keys: Ed25519 tokens only, since HMAC
   * secrets are never part of a public set.
   */
  public static Builder builder(PublicKeySet keys) {
    Objects.requireNonNull(keys, "keys");
    return new Builder(keys::find);
  }

  /**
   * Starts configuring a verifier that trusts every key currently in the ring, including HS256
   * secrets; rotations and retirements take effect on the next call.
   */
  public static Builder builder(KeyRing keys) {
    Objects.requireNonNull(keys, "keys");
    return new Builder(keys::check);
  }

  /**
   * The {@code arg} claim for these tool-call arguments: lowercase hex SHA-256 of their RFC 8785
   * canonical JSON, after numbers that JCS cannot carry exactly have been replaced by strings of
   * their exact value ({@link Jcs#normalizeNumbers}). No arguments give the digest of {@code {}}.
   *
   * @throws IllegalArgumentException if the arguments hold a value JSON cannot express (NaN, an
   *     unsupported type)
   */
  public static String argumentsDigest(Map<String, ?> arguments) {
    return ArgumentsDigest.hex(arguments);
  }

  /**
   * Verifies {@code token} for {@code call}. Never throws because of the token; see the class
   * comment for the order of checks.
   *
   * @param token the token as received, with its {@code cap_} prefix; {@code null} is MALFORMED
   * @param call what is about to be executed
   */
  public TokenVerification verify(@Nullable String token, ExpectedCall call) {
    Objects.requireNonNull(call, "call");
    TokenVerification result = check(token, call);
    if (result instanceof TokenVerification.Rejected r && LOG.isDebugEnabled()) {
      // Reason and claim only: the token is a credential and its claims may be personal data.
      LOG.debug("capability token rejected: {} (claim {})", r.reason(), r.claim());
    }
    return result;
  }

  /**
   * Verifies like {@link #verify} and returns the claims of an accepted token.
   *
   * @throws TokenVerificationException if the token is rejected, with the reason code
   */
  public TokenClaims verifyOrThrow(@Nullable String token, ExpectedCall call) {
    return verify(token, call).claimsOrThrow();
  }

  private TokenVerification check(@Nullable String token, ExpectedCall call) {
    Object authentic;
    try {
      authentic = authenticate(token);
    } catch (RuntimeException e) {
      // Defence in depth: whatever slipped past the explicit checks is still a rejection.
      return reject(TokenRejection.MALFORMED, null, "unreadable token (" + e.getClass().getSimpleName() + ")", null);
    }
    if (authentic instanceof TokenVerification.Rejected r) {
      return r;
    }
    TokenClaims c = (TokenClaims) authentic;
    Instant now = clock.instant();
    if (now.isBefore(c.notBefore().minus(skew))) {
      return reject(TokenRejection.NOT_YET_VALID, "nbf", "token is not valid before " + c.notBefore(), c);
    }
    if (now.isBefore(c.issuedAt().minus(skew))) {
      return reject(TokenRejection.NOT_YET_VALID, "iat", "token was issued in the future, at " + c.issuedAt(), c);
    }
    Instant end = c.expiresAt().plus(skew);
    if (!now.isBefore(end)) {
      return reject(TokenRejection.EXPIRED, "exp", "token expired at " + c.expiresAt(), c);
    }
    if (!c.issuer().equals(issuer)) {
      return reject(TokenRejection.WRONG_BINDING, "iss", "token was issued by another issuer", c);
    }
    if (audience != null ? !c.audience().contains(audience) : !c.audience().isEmpty()) {
      // RFC 7519 §4.1.3: a verifier that is not named in aud must reject the token.
      return reject(TokenRejection.WRONG_BINDING, "aud", "token is meant for another audience", c);
    }
    if (!c.subject().equals(call.actor())) {
      return reject(TokenRejection.WRONG_BINDING, "sub", "token was issued to another actor", c);
    }
    if (!c.action().equals(call.action())) {
      return reject(TokenRejection.WRONG_BINDING, "act",
          "token is for action '" + c.action() + "', not '" + call.action() + "'", c);
    }
    if (!c.tool().equals(call.tool())) {
      return reject(TokenRejection.WRONG_BINDING, "tool",
          "token is for tool '" + c.tool() + "', not '" + call.tool() + "'", c);
    }
    if (!Objects.equals(c.resource(), call.resource())) {
      return reject(TokenRejection.WRONG_BINDING, "res", "token is for another resource", c);
    }
    byte[] digest;
    try {
      digest = ArgumentsDigest.digest(call.arguments());
    } catch (IllegalArgumentException e) {
      return reject(TokenRejection.WRONG_BINDING, "arg", "the call's arguments are not JSON: " + e.getMessage(), c);
    }
    if (!ArgumentsDigest.matches(c.argumentsDigest(), digest)) {
      return reject(TokenRejection.WRONG_BINDING, "arg", "token was issued for other arguments", c);
    }
    Revocation revocation = revocations.find(c);
    if (revocation != null) {
      boolean byToken = revocation.scope() == Revocation.Scope.TOKEN;
      return reject(TokenRejection.REVOKED, byToken ? "jti" : "dec",
          (byToken ? "token" : "decision " + c.decisionId()) + " was revoked at " + revocation.revokedAt(), c);
    }
    if (replayCache != null && !replayCache.firstUse(c.tokenId(), end)) {
      return reject(TokenRejection.REPLAYED, "jti", "token " + c.tokenId() + " was already used", c);
    }
    return new TokenVerification.Accepted(c);
  }

  /**
   * Everything up to and including the signature, then the claims: returns the authentic {@link
   * TokenClaims} or a {@link TokenVerification.Rejected}. Nothing of the payload is parsed before
   * its signature verified.
   */
  private Object authenticate(@Nullable String token) {
    if (token == null) {
      return reject(TokenRejection.MALFORMED, null, "no token", null);
    }
    if (token.length() > maxTokenLength) {
      return reject(TokenRejection.MALFORMED, null,
          "token has " + token.length() + " characters; at most " + maxTokenLength + " accepted", null);
    }
    if (!token.startsWith(CapabilityToken.PREFIX)) {
      return reject(TokenRejection.MALFORMED, null, "token does not start with " + CapabilityToken.PREFIX, null);
    }
    int start = CapabilityToken.PREFIX.length();
    int dot1 = token.indexOf('.', start);
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot1 < 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
      return reject(TokenRejection.MALFORMED, null, "not a JWS compact serialization (three parts)", null);
    }
    // Decoded as bytes, one per character; the signing input is the range [start, dot2).
    byte[] ascii = Base64Url.ascii(token);
    JsonMembers header = rememberedHeader(ascii, start, dot1);
    if (header == null) {
      byte[] headerBytes = Base64Url.decode(ascii, start, dot1);
      if (headerBytes == null || headerBytes.length == 0) {
        return reject(TokenRejection.MALFORMED, null, "header is not base64url", null);
      }
      FlatJsonObject fast = FlatJsonObject.read(headerBytes, TokenFormat.HEADER_NAMES);
      if (fast != null) {
        lastHeader = new RememberedHeader(Arrays.copyOfRange(ascii, start, dot1), fast);
        header = fast;
      } else {
        // Outside the fast reader's subset: the generic parser accepts or explains.
        try {
          if (!(Jcs.parse(headerBytes) instanceof Map<?, ?> h)) {
            return reject(TokenRejection.MALFORMED, null, "header is not a JSON object", null);
          }
          header = JsonMembers.of(h);
        } catch (IllegalArgumentException e) {
          return reject(TokenRejection.MALFORMED, null, "header is not valid JSON: " + e.getMessage(), null);
        }
      }
    }
    if (!(header.get("alg") instanceof String alg)) {
      return reject(TokenRejection.MALFORMED, "alg", "header has no alg", null);
    }
    if (!TokenFormat.TYP.equals(header.get("typ"))) {
      return reject(TokenRejection.MALFORMED, "typ", "header typ is not " + TokenFormat.TYP, null);
    }
    if (header.contains("crit")) {
      // RFC 7515 §4.1.11: extensions we do not understand make the token unusable.
      return reject(TokenRejection.MALFORMED, "crit", "header declares critical extensions", null);
    }
    SignatureAlgorithm algorithm = SignatureAlgorithm.fromJwsName(alg);
    if (algorithm == null || !algorithm.signsTokens()) {
      return reject(TokenRejection.BAD_SIGNATURE, "alg", "algorithm '" + printable(alg) + "' is not accepted", null);
    }
    if (!(header.get("kid") instanceof String kid) || kid.isEmpty()) {
      return reject(TokenRejection.MALFORMED, "kid", "header has no kid", null);
    }
    SignatureCheck key = KeyIds.valid(kid) ? keys.apply(kid) : null;
    if (key == null) {
      return reject(TokenRejection.UNKNOWN_KEY, "kid", "no trusted key has id '" + printable(kid) + "'", null);
    }
    if (key.algorithm() != algorithm) {
      // Algorithm confusion (RFC 8725 §2.1): the key decides the algorithm, never the header.
      return reject(TokenRejection.BAD_SIGNATURE, "alg",
          "token claims " + alg + " but key " + kid + " is " + key.algorithm().jwsName(), null);
    }
    byte[] payloadBytes = Base64Url.decode(ascii, dot1 + 1, dot2);
    if (payloadBytes == null || payloadBytes.length == 0) {
      return reject(TokenRejection.MALFORMED, null, "payload is not base64url", null);
    }
    byte[] signature = Base64Url.decode(ascii, dot2 + 1, ascii.length);
    if (signature == null) {
      return reject(TokenRejection.MALFORMED, null, "signature is not base64url", null);
    }
    if (!SignatureCheck.verify(key, ascii, start, dot2 - start, signature)) {
      return reject(TokenRejection.BAD_SIGNATURE, null, "signature does not verify with key " + kid, null);
    }
    JsonMembers claims = FlatJsonObject.read(payloadBytes, TokenFormat.CLAIM_NAMES);
    if (claims == null) {
      Object payload;
      try {
        payload = Jcs.parse(payloadBytes);
      } catch (IllegalArgumentException e) {
        return reject(TokenRejection.MALFORMED, null, "payload is not valid JSON: " + e.getMessage(), null);
      }
      if (!(payload instanceof Map<?, ?> map)) {
        return reject(TokenRejection.MALFORMED, null, "payload is not a JSON object", null);
      }
      claims = JsonMembers.of(map);
    }
    try {
      return TokenFormat.claims(claims);
    } catch (TokenFormat.ClaimException e) {
      return reject(TokenRejection.MALFORMED, e.claim, e.getMessage(), null);
    }
  }

  /**
   * The header read from exactly these base64url characters last time, if they are the same.
   * Every token of one key has the same header, so this skips decoding and reading it; the same
   * characters always decode and read to the same members, so nothing else changes.
   */
  private @Nullable JsonMembers rememberedHeader(byte[] ascii, int from, int to) {
    RememberedHeader last = lastHeader;
    if (last != null && Arrays.equals(last.segment, 0, last.segment.length, ascii, from, to)) {
      return last.header;
    }
    return null;
  }

  /**
   * A header segment the fast reader read, and its members. Immutable, so it may be published
   * through a volatile field without locking; racing verifiers just replace each other's.
   */
  private record RememberedHeader(byte[] segment, FlatJsonObject header) {}

  private static TokenVerification.Rejected reject(
      TokenRejection reason, @Nullable String claim, String message, @Nullable TokenClaims claims) {
    return new TokenVerification.Rejected(reason, claim, message, claims);
  }

  /** Untrusted header text, shortened and stripped of control characters, for messages. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 64));
    for (int i = 0; i < s.length() && sb.length() < 64; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > 64 ? sb + "..." : sb.toString();
  }

  @Override
  public String toString() {
    return "TokenVerifier[iss=" + issuer + ", aud=" + audience + ", skew=" + skew
        + ", singleUse=" + (replayCache != null) + "]";
  }

  /**
   * Configures a {@link TokenVerifier}. Setters validate their argument at once. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Function<String, @Nullable SignatureCheck> keys;
    private Clock clock = Clock.systemUTC();
    private Duration skew = DEFAULT_CLOCK_SKEW;
    private String issuer = TokenIssuer.DEFAULT_ISSUER;
    private @Nullable String audience;
    private RevocationList revocations = RevocationList.none();
    private boolean singleUse;
    private @Nullable ReplayCache replayCache;
    private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;

    private Builder(Function<String, @Nullable SignatureCheck> keys) {
      this.keys = keys;
    }

    /** The clock for the time window (and the in-memory replay cache); defaults to system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How far issuer and verifier clocks may disagree, from zero to {@link #MAX_CLOCK_SKEW};
     * defaults to 30 seconds. A token is accepted from {@code nbf - skew} until just before {@code
     * exp + skew}.
     */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new IllegalArgumentException(
            "clock skew must be between PT0S and " + MAX_CLOCK_SKEW + ", not " + skew);
      }
      this.skew = skew;
      return this;
    }

    /** The {@code iss} a token must carry; defaults to {@value TokenIssuer#DEFAULT_ISSUER}. */
    public Builder issuer(String issuer) {
      Objects.requireNonNull(issuer, "issuer");
      if (issuer.isEmpty()) {
        throw new IllegalArgumentException("issuer must not be empty");
      }
      this.issuer = issuer;
      return this;
    }

    /**
     * This verifier's name in {@code aud}: tokens must name it. Without one (the default), tokens
     * that carry an audience are rejected, as RFC 7519 §4.1.3 requires.
     */
    public Builder audience(@Nullable String audience) {
      if (audience != null && audience.isEmpty()) {
        throw new IllegalArgumentException("audience must not be empty");
      }
      this.audience = audience;
      return this;
    }

    /** Where revocations are looked up; defaults to {@link RevocationList#none()}. */
    public Builder revocations(RevocationList revocations) {
      this.revocations = Objects.requireNonNull(revocations, "revocations");
      return this;
    }

    /**
     * Accepts each token at most once, remembered in an in-process {@link
     * ReplayCache#inMemory(Clock)} on this builder's clock.
     */
    public Builder singleUse() {
      this.singleUse = true;
      return this;
    }

    /** Accepts each token at most once, remembered in {@code cache} (for example a shared one). */
    public Builder replayCache(ReplayCache cache) {
      this.replayCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /** Longest token accepted, checked before anything is parsed; 512 to 65,536, default 8,192. */
    public Builder maxTokenLength(int maxTokenLength) {
      if (maxTokenLength < 512 || maxTokenLength > 65_536) {
        throw new IllegalArgumentException(
            "max token length must be between 512 and 65536, not " + maxTokenLength);
      }
      this.maxTokenLength = maxTokenLength;
      return this;
    }

    /** Builds the verifier. */
    public TokenVerifier build() {
      return new TokenVerifier(this);
    }
  }
}

package dev.lexecon.token;

import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.json.Jcs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The capability token wire format of {@code docs/token-format.md}: header and claim names, how
 * claims become the JWS payload, and how a payload is read back with every claim checked for
 * presence and type. Header and payload are written in RFC 8785 canonical form so that the same
 * inputs always give the same token, byte for byte. Stateless and thread-safe.
 */
final class TokenFormat {
  /** Explicit typing (RFC 8725 §3.11) so a capability token is never taken for another JWT. */
  static final String TYP = "lexecon-cap+jwt";

  /** Latest NumericDate accepted: 9999-12-31T23:59:59Z, well inside {@link Instant}'s range. */
  private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

  /** Every claim {@link #claims} reads, for {@link FlatJsonObject}. */
  static final FlatJsonObject.Names CLAIM_NAMES =
      new FlatJsonObject.Names(
          "iss", "sub", "aud", "iat", "nbf", "exp", "jti", "act", "res", "tool", "dec", "led",
          "pol", "obl", "arg");
  /** The header members Lexecon writes, for {@link FlatJsonObject}. */
  static final FlatJsonObject.Names HEADER_NAMES = new FlatJsonObject.Names("alg", "kid", "typ");

  private TokenFormat() {}

  /** A claim that is missing, mistyped or inconsistent. */
  static final class ClaimException extends Exception {
    private static final long serialVersionUID = 1L;
    final String claim;

    ClaimException(String claim, String message) {
      super(message, null, false, false); // control flow on untrusted input: no stack trace
      this.claim = claim;
    }
  }

  static Map<String, Object> header(SignatureAlgorithm alg, String keyId) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", alg.jwsName());
    h.put("kid", keyId);
    h.put("typ", TYP);
    return h;
  }

  static Map<String, Object> payload(TokenClaims c) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("iss", c.issuer());
    p.put("sub", c.subject());
    if (c.audience().size() == 1) {
      p.put("aud", c.audience().get(0)); // RFC 7519 §4.1.3: a single audience may be a string
    } else if (!c.audience().isEmpty()) {
      p.put("aud", c.audience());
    }
    p.put("iat", c.issuedAt().getEpochSecond());
    p.put("nbf", c.notBefore().getEpochSecond());
    p.put("exp", c.expiresAt().getEpochSecond());
    p.put("jti", c.tokenId());
    p.put("act", c.action());
    if (c.resource() != null) {
      p.put("res", c.resource());
    }
    p.put("tool", c.tool());
    p.put("dec", c.decisionId());
    if (c.ledgerEntryId() != null) {
      p.put("led", c.ledgerEntryId());
    }
    p.put("pol", c.policyHash());
    if (!c.obligations().isEmpty()) {
      p.put("obl", c.obligations());
    }
    p.put("arg", c.argumentsDigest());
    return p;
  }

  /** Base64url of the canonical JSON of {@code json}. */
  static String encodeSegment(Map<String, Object> json) {
    return Base64Url.encode(Jcs.canonicalize(json));
  }

  /**
   * The canonical JSON of {@link #payload}: written directly by {@link ClaimsWriter}, or, for the
   * rare claims it leaves to the generic writer, by {@link Jcs#canonicalize}.
   *
   * @throws IllegalArgumentException if a claim cannot be written (a lone surrogate, a time
   *     beyond 2^53 seconds), with {@link Jcs}'s message
   */
  static byte[] canonicalPayload(TokenClaims c) {
    ClaimsWriter fast = ClaimsWriter.write(c);
    return fast != null ? Arrays.copyOf(fast.bytes(), fast.size()) : Jcs.canonicalize(payload(c));
  }

  /**
   * Reads the claims of a payload whose signature has verified. Unknown claims are ignored, as
   * RFC 7519 §4 asks.
   */
  static TokenClaims claims(Map<?, ?> p) throws ClaimException {
    return claims(JsonMembers.of(p));
  }

  /** Like {@link #claims(Map)}, from either parser's view of the payload. */
  static TokenClaims claims(JsonMembers p) throws ClaimException {
    Instant iat = numericDate(p, "iat");
    Instant nbf = numericDate(p, "nbf");
    Instant exp = numericDate(p, "exp");
    if (!exp.isAfter(nbf)) {
      throw new ClaimException("exp", "exp is not after nbf");
    }
    String arg = string(p, "arg");
    if (!isSha256Hex(arg)) {
      throw new ClaimException("arg", "arg is not 64 lowercase hex digits");
    }
    return new TokenClaims(
        string(p, "iss"),
        string(p, "sub"),
        audience(p),
        iat,
        nbf,
        exp,
        string(p, "jti"),
        string(p, "act"),
        optionalString(p, "res"),
        string(p, "tool"),
        string(p, "dec"),
        optionalString(p, "led"),
        string(p, "pol"),
        strings(p, "obl"),
        arg);
  }

  private static String string(JsonMembers p, String claim) throws ClaimException {
    Object v = p.get(claim);
    if (v == null) {
      throw new ClaimException(claim, "claim " + claim + " is missing");
    }
    if (!(v instanceof String s) || s.isEmpty()) {
      throw new ClaimException(claim, "claim " + claim + " must be a non-empty string");
    }
    return s;
  }

  private static @Nullable String optionalString(JsonMembers p, String claim) throws ClaimException {
    return p.get(claim) == null ? null : string(p, claim);
  }

  private static List<String> strings(JsonMembers p, String claim) throws ClaimException {
    Object v = p.get(claim);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new ClaimException(claim, "claim " + claim + " must be an array of strings");
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new ClaimException(claim, "claim " + claim + " must be an array of strings");
      }
      out.add(s);
    }
    return out;
  }

  private static List<String> audience(JsonMembers p) throws ClaimException {
    Object v = p.get("aud");
    if (v instanceof String s) {
      return List.of(s);
    }
    List<String> aud = strings(p, "aud");
    if (v != null && aud.isEmpty()) {
      throw new ClaimException("aud", "claim aud must not be an empty array");
    }
    return aud;
  }

  /** RFC 7519 NumericDate, restricted to whole seconds, which is all Lexecon issues. */
  private static Instant numericDate(JsonMembers p, String claim) throws ClaimException {
    Object v = p.get(claim);
    if (v == null) {
      throw new ClaimException(claim, "claim " + claim + " is missing");
    }
    if (!(v instanceof Long seconds) || seconds < 0 || seconds > MAX_EPOCH_SECOND) {
      throw new ClaimException(
          claim, "claim " + claim + " must be a whole number of seconds since the epoch");
    }
    return Instant.ofEpochSecond(seconds);
  }

  static boolean isSha256Hex(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}

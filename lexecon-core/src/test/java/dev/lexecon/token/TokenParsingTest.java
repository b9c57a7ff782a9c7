package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.json.Jcs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verifier's fast decoding and parsing paths, end to end on signed HS256 tokens: every
 * header, payload and base64url variant is rejected with the reason, claim and message of the
 * generic path (Jcs.parse, then TokenFormat.claims), and the variants the fast reader leaves to
 * the generic parser (whitespace, escapes, unknown members, other member orders) are still
 * accepted with the same claims.
 */
@DisplayName("Token parsing (fast paths and their fallbacks)")
class TokenParsingTest {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private SigningKey key;
  private TokenVerifier verifier;
  private CapabilityToken token;
  private String header;
  private String payload;

  @BeforeEach
  void setUp() {
    MutableClock clock = new MutableClock(TokenFixtures.NOW);
    KeyRing ring = KeyRing.of(TokenFixtures.hmac());
    key = ring.currentKey();
    token = TokenFixtures.issuer(ring, clock).build().issue(TokenFixtures.approved(), TokenFixtures.request(), "entry_1");
    verifier = TokenVerifier.builder(ring).clock(clock).build();
    header = Jcs.canonicalString(TokenFormat.header(SignatureAlgorithm.HS256, key.keyId()));
    payload = Jcs.canonicalString(TokenFormat.payload(token.claims()));
  }

  private String sign(byte[] headerJson, byte[] payloadJson) {
    String input = Base64Url.encode(headerJson) + "." + Base64Url.encode(payloadJson);
    return "cap_" + input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private TokenVerification verify(String t) {
    return verifier.verify(t, TokenFixtures.call());
  }

  private static TokenVerification.Rejected rejected(TokenVerification v) {
    assertThat(v).isInstanceOf(TokenVerification.Rejected.class);
    return (TokenVerification.Rejected) v;
  }

  /**
   * What the generic path makes of a signed payload: a MALFORMED rejection with claim and message,
   * or the claims (after which both paths share the remaining checks).
   */
  private static Object reference(byte[] payloadJson) {
    Object parsed;
    try {
      parsed = Jcs.parse(payloadJson);
    } catch (IllegalArgumentException e) {
      return List.of(TokenRejection.MALFORMED, "", "payload is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      return List.of(TokenRejection.MALFORMED, "", "payload is not a JSON object");
    }
    try {
      return TokenFormat.claims(map);
    } catch (TokenFormat.ClaimException e) {
      return List.of(TokenRejection.MALFORMED, e.claim, e.getMessage());
    }
  }

  private static Object outcome(TokenVerification v) {
    if (v instanceof TokenVerification.Rejected r && r.reason() == TokenRejection.MALFORMED) {
      return List.of(r.reason(), r.claim() == null ? "" : r.claim(), r.message());
    }
    return v instanceof TokenVerification.Accepted a ? a.claims() : ((TokenVerification.Rejected) v).claims();
  }

  private void assertLikeGenericPath(byte[] payloadJson) {
    TokenVerification v = verify(sign(header.getBytes(StandardCharsets.UTF_8), payloadJson));
    assertThat(outcome(v)).as(new String(payloadJson, StandardCharsets.UTF_8)).isEqualTo(reference(payloadJson));
  }

  /** The payload with claim {@code name}'s value text replaced. */
  private String withValue(String name, String valueJson) {
    Map<String, Object> p = TokenFormat.payload(token.claims());
    p.put(name, "@@");
    return Jcs.canonicalString(p).replace("\"@@\"", valueJson);
  }

  @Test
  @DisplayName("every claim with a value of every other shape: same rejection, claim and message as the generic path")
  void claimShapes() {
    String[] values = {
      "\"\"", "\"x\"", "\"caf\u00e9\"", "\"a\\u0062\"", "0", "7", "-1", "-0", "1.0", "1e3", "01",
      "1795773600", "1795773600.0", "1234567890123456789", "12345678901234567890", "253402300800",
      "true", "null", "[]", "[\"a\"]", "[\"a\",\"b\"]", "[1]", "{}", "\"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8A\""
    };
    List<String> names = new ArrayList<>(List.of("iss", "sub", "aud", "iat", "nbf", "exp", "jti", "act", "res",
        "tool", "dec", "led", "pol", "obl", "arg", "zzz"));
    for (String name : names) {
      for (String value : values) {
        assertLikeGenericPath(withValue(name, value).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  @DisplayName("duplicate claims, whitespace, escapes, other member orders, bad UTF-8: same outcome as the generic path")
  void payloadTexts() {
    String p = payload;
    String inner = p.substring(1, p.length() - 1);
    String[] texts = {
      p,
      p.substring(0, p.length() - 1) + ",\"sub\":\"admin\"}",
      p.substring(0, p.length() - 1) + ",\"sub\":\"ai_agent:assistant\"}",
      "{ " + inner.replace(",", " ,\n ") + " }",
      p.replace("\"sub\":", "\"s\\u0075b\":"),
      p.replace("ai_agent:assistant", "ai_agent\\u003aassistant"),
      "{" + String.join(",", reversed(inner.split(","))) + "}",
      p + " ",
      p + "{}",
      p.replace("}", ",}"),
      "[" + inner + "]",
      "\ufeff" + p,
      "{}",
      "\"x\"",
    };
    for (String t : texts) {
      assertLikeGenericPath(t.getBytes(StandardCharsets.UTF_8));
    }
    byte[] raw = p.replace("lexecon", "lexec\u00e9n").getBytes(StandardCharsets.UTF_8);
    int at = p.indexOf("lexec") + 5;
    for (int b : new int[] {0x80, 0xc0, 0xc3, 0xed, 0xf5, 0xff}) {
      byte[] damaged = raw.clone();
      damaged[at] = (byte) b;
      assertLikeGenericPath(damaged);
    }
    // The reordered and escaped forms are accepted, through the generic parser.
    assertThat(verify(sign(header.getBytes(StandardCharsets.UTF_8),
        p.replace("\"sub\":", "\"s\\u0075b\":").getBytes(StandardCharsets.UTF_8))).accepted()).isTrue();
    assertThat(verify(sign(header.getBytes(StandardCharsets.UTF_8),
        ("{ " + inner.replace(",", " ,\n ") + " }").getBytes(StandardCharsets.UTF_8))).claimsOrThrow())
        .isEqualTo(token.claims());
  }

  private static List<String> reversed(String[] parts) {
    List<String> out = new ArrayList<>(List.of(parts));
    java.util.Collections.reverse(out);
    return out;
  }

  @Test
  @DisplayName("headers the fast reader leaves to the generic parser are judged exactly as before")
  void headers() {
    String kid = key.keyId();
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    // Accepted: whitespace, escapes, another order, an extra member.
    for (String h : new String[] {
        "{ \"alg\" : \"HS256\", \"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\"}",
        "{\"alg\":\"HS256\",\"kid\":\"" + kid.replace("-", "\\u002d") + "\",\"typ\":\"lexecon-cap+jwt\"}",
        "{\"typ\":\"lexecon-cap+jwt\",\"kid\":\"" + kid + "\",\"alg\":\"HS256\"}",
        "{\"alg\":\"HS256\",\"cty\":\"x\",\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\"}"}) {
      assertThat(verify(sign(h.getBytes(StandardCharsets.UTF_8), p)).accepted()).as(h).isTrue();
    }
    Object[][] rejected = {
      {"{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\",\"kid\":\"" + kid + "\"}", TokenRejection.MALFORMED, null},
      {"{\"alg\":\"HS256\",\"crit\":[\"x\"],\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.MALFORMED, "crit"},
      {"{\"alg\":\"HS256\",\"crit\":null,\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.MALFORMED, "crit"},
      {"{\"alg\":256,\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.MALFORMED, "alg"},
      {"{\"alg\":\"none\",\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.BAD_SIGNATURE, "alg"},
      {"{\"alg\":\"hs256\",\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.BAD_SIGNATURE, "alg"},
      {"{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.BAD_SIGNATURE, "alg"},
      {"{\"alg\":\"HS256\",\"kid\":\"\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.MALFORMED, "kid"},
      {"{\"alg\":\"HS256\",\"kid\":7,\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.MALFORMED, "kid"},
      {"{\"alg\":\"HS256\",\"kid\":\"other\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.UNKNOWN_KEY, "kid"},
      {"{\"alg\":\"HS256\",\"kid\":\"caf\u00e9\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.UNKNOWN_KEY, "kid"},
      {"{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}", TokenRejection.MALFORMED, "typ"},
      {"{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}", TokenRejection.MALFORMED, "typ"},
      {"{\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\"}", TokenRejection.MALFORMED, "alg"},
      {"[]", TokenRejection.MALFORMED, null},
      {"{\"alg\":\"HS256\",", TokenRejection.MALFORMED, null},
      {"{}", TokenRejection.MALFORMED, "alg"},
    };
    for (Object[] c : rejected) {
      String h = (String) c[0];
      TokenVerification.Rejected r = rejected(verify(sign(h.getBytes(StandardCharsets.UTF_8), p)));
      assertThat(r.reason()).as(h).isEqualTo(c[1]);
      assertThat(r.claim()).as(h).isEqualTo(c[2]);
    }
    TokenVerification.Rejected dup = rejected(verify(sign(((String) rejected[0][0]).getBytes(StandardCharsets.UTF_8), p)));
    assertThat(dup.message()).contains("repeats a member name");
    assertThat(rejected(verify(sign("[]".getBytes(StandardCharsets.UTF_8), p))).message())
        .isEqualTo("header is not a JSON object");
    assertThat(rejected(verify(sign("{\"alg\":\"HS256\",".getBytes(StandardCharsets.UTF_8), p))).message())
        .startsWith("header is not valid JSON: ");
  }

  @Test
  @DisplayName("non-canonical base64url in any part: padding, unused bits, characters outside the alphabet")
  void base64() {
    String v = token.value();
    int dot1 = v.indexOf('.');
    int dot2 = v.indexOf('.', dot1 + 1);
    String[] parts = {v.substring(4, dot1), v.substring(dot1 + 1, dot2), v.substring(dot2 + 1)};
    String[] messages = {"header is not base64url", "payload is not base64url", "signature is not base64url"};
    for (int part = 0; part < 3; part++) {
      List<String> variants = new ArrayList<>();
      String s = parts[part];
      variants.add(s + "=");
      variants.add(s + "==");
      variants.add(s + "A"); // length 1 mod 4 is possible only for some lengths, else a wrong signature
      for (String bad : new String[] {"+", "/", " ", "\u00e9", "\u0141", "\ud83d\ude00", "\ud800", "=", "\n"}) {
        variants.add(s.substring(0, 3) + bad + s.substring(4));
      }
      // The same bytes spelled with non-zero unused bits in the last character.
      if (s.length() % 4 != 0) {
        char last = s.charAt(s.length() - 1);
        variants.add(s.substring(0, s.length() - 1) + ALPHABET.charAt(ALPHABET.indexOf(last) + 1));
      }
      for (String variant : variants) {
        String[] p = parts.clone();
        p[part] = variant;
        String t = "cap_" + String.join(".", p);
        TokenVerification.Rejected r = rejected(verify(t));
        if (r.reason() == TokenRejection.MALFORMED) {
          assertThat(r.message()).as(variant).isEqualTo(messages[part]);
        } else {
          // Only a well-formed part can get as far as the signature: "A" appended to a part
          // whose length then is 2 or 3 mod 4, or a changed header that no longer parses.
          assertThat(r.reason()).as(variant).isIn(TokenRejection.BAD_SIGNATURE);
          assertThat(Base64Url.decode(variant)).as(variant).isNotNull();
        }
      }
    }
  }

  @Test
  @DisplayName("the remembered header applies only to exactly the same characters")
  void rememberedHeader() {
    String v = token.value();
    int dot1 = v.indexOf('.');
    assertThat(verify(v).accepted()).isTrue(); // now remembered
    String h = v.substring(4, dot1);
    String rest = v.substring(dot1);
    assertThat(rejected(verify("cap_" + h + "=" + rest)).message()).isEqualTo("header is not base64url");
    assertThat(rejected(verify("cap_" + h.substring(0, h.length() - 1) + rest)).reason()).isEqualTo(TokenRejection.MALFORMED);
    String otherKid = Base64Url.encode(
        ("{\"alg\":\"HS256\",\"kid\":\"" + key.keyId().replace('v', 'w') + "\",\"typ\":\"lexecon-cap+jwt\"}")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(otherKid).hasSameSizeAs(h);
    assertThat(rejected(verify("cap_" + otherKid + rest)).reason()).isEqualTo(TokenRejection.UNKNOWN_KEY);
    assertThat(verify(v).accepted()).isTrue();
    // A token's header with the last character changed to one with non-zero unused bits.
    char last = h.charAt(h.length() - 1);
    if (h.length() % 4 != 0) {
      String aliased = h.substring(0, h.length() - 1) + ALPHABET.charAt(ALPHABET.indexOf(last) + 1);
      assertThat(rejected(verify("cap_" + aliased + rest)).message()).isEqualTo("header is not base64url");
    }
    assertThat(verify(v).accepted()).isTrue();
  }

  @Test
  @DisplayName("issued tokens read back through the fast path with exactly the claims they were issued with")
  void roundTrip() {
    TokenClaims c = verify(token.value()).claimsOrThrow();
    assertThat(c).isEqualTo(token.claims());
    assertThat(FlatJsonObject.read(payload.getBytes(StandardCharsets.UTF_8), TokenFormat.CLAIM_NAMES)).isNotNull();
    assertThat(FlatJsonObject.read(header.getBytes(StandardCharsets.UTF_8), TokenFormat.HEADER_NAMES)).isNotNull();
  }
}

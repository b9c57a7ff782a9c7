package dev.lexecon.token;

import static dev.lexecon.token.TokenFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.LexeconException;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.api.token.TokenVerificationException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("TokenVerifier")
class TokenVerifierTest {
  private MutableClock clock;
  private KeyRing ring;
  private TokenIssuer issuer;
  private TokenVerifier verifier;
  private CapabilityToken token;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(NOW);
    ring = KeyRing.of(TokenFixtures.ed25519());
    issuer = TokenFixtures.issuer(ring, clock).build();
    verifier = TokenVerifier.builder(ring).clock(clock).build();
    token = issuer.issue(TokenFixtures.approved(), TokenFixtures.request(), "entry_7");
  }

  private static TokenVerification.Rejected rejected(TokenVerification v) {
    assertThat(v).isInstanceOf(TokenVerification.Rejected.class);
    return (TokenVerification.Rejected) v;
  }

  private static void assertRejected(TokenVerification v, TokenRejection reason, String claim) {
    TokenVerification.Rejected r = rejected(v);
    assertThat(r.reason()).as(r.message()).isEqualTo(reason);
    assertThat(r.claim()).as(r.message()).isEqualTo(claim);
  }

  private Map<String, Object> payload() {
    return TokenFormat.payload(token.claims());
  }

  private Map<String, Object> header() {
    return TokenFormat.header(SignatureAlgorithm.ED25519, ring.currentKey().keyId());
  }

  @Nested
  @DisplayName("accepts")
  class Accepts {
    @Test
    @DisplayName("a fresh Ed25519 token for exactly the call it was issued for, returning its claims")
    void fresh() {
      TokenVerification v = verifier.verify(token.value(), TokenFixtures.call());
      assertThat(v.accepted()).isTrue();
      assertThat(v.claimsOrThrow()).isEqualTo(token.claims());
      assertThat(token.claims().ledgerEntryId()).isEqualTo("entry_7");
      assertThat(token.claims().expiresAt()).isEqualTo(Instant.parse("2026-11-27T10:05:00Z"));
    }

    @Test
    @DisplayName("an HS256 token when the verifier holds the ring with the secret")
    void hmac() {
      KeyRing hmacRing = KeyRing.of(TokenFixtures.hmac());
      CapabilityToken t =
          TokenFixtures.issuer(hmacRing, clock)
              .build()
              .issue(TokenFixtures.approved(), TokenFixtures.request(), null);
      assertThat(t.algorithm()).isEqualTo("HS256");
      assertThat(TokenVerifier.builder(hmacRing).clock(clock).build().verify(t.value(), TokenFixtures.call()).accepted())
          .isTrue();
    }

    @Test
    @DisplayName("a token standalone from the published JWK set JSON, without the ring")
    void standaloneFromJwkSet() {
      String jwks = ring.publicKeys().toJwkSetJson();
      TokenVerifier standalone =
          TokenVerifier.builder(PublicKeySet.fromJwkSetJson(jwks)).clock(clock).build();
      assertThat(standalone.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
    }

    @Test
    @DisplayName("a token standalone from the published PEM, without the ring")
    void standaloneFromPem() {
      TokenVerifier standalone =
          TokenVerifier.builder(PublicKeySet.fromPem(ring.publicKeys().toPem())).clock(clock).build();
      assertThat(standalone.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
    }

    @Test
    @DisplayName("a CONDITIONAL decision's token, which carries its obligations")
    void conditional() {
      CapabilityToken t =
          issuer.issue(TokenFixtures.decision(Outcome.CONDITIONAL), TokenFixtures.request(), null);
      assertThat(t.claims().obligations()).containsExactly("manager_cc");
      assertThat(verifier.verify(t.value(), TokenFixtures.call()).claimsOrThrow().obligations())
          .containsExactly("manager_cc");
    }

    @Test
    @DisplayName("arguments equal as JSON even when given in another order or number type")
    void argumentsAsJson() {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("attachments", List.of("q3.pdf"));
      args.put("subject", "Q3 report");
      args.put("to", "ops@example.com");
      ExpectedCall reordered =
          new ExpectedCall("ai_agent:assistant", "send_email", "smtp.send", "mailbox:ops", args);
      assertThat(verifier.verify(token.value(), reordered).accepted()).isTrue();
      assertThat(TokenVerifier.argumentsDigest(Map.of("n", 1)))
          .isEqualTo(TokenVerifier.argumentsDigest(Map.of("n", 1.0d)));
    }
  }

  @Nested
  @DisplayName("rejects as MALFORMED")
  class Malformed {
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "",
          "cap_",
          "cap_..",
          "hello",
          "cap_abc",
          "cap_a.b",
          "cap_a.b.c.d",
          "cap_eyJ.eyJ.sig",
          "cap_!!!.abc.def",
          "Bearer cap_a.b.c",
          "CAP_a.b.c"
        })
    @DisplayName("strings that are not JWS compact serializations")
    void notJws(String input) {
      assertThat(rejected(verifier.verify(input, TokenFixtures.call())).reason())
          .isEqualTo(TokenRejection.MALFORMED);
    }

    @Test
    @DisplayName("a null token")
    void nullToken() {
      assertRejected(verifier.verify(null, TokenFixtures.call()), TokenRejection.MALFORMED, null);
    }

    @Test
    @DisplayName("a valid token without its cap_ prefix")
    void withoutPrefix() {
      TokenVerification.Rejected r = rejected(verifier.verify(token.jws(), TokenFixtures.call()));
      assertThat(r.reason()).isEqualTo(TokenRejection.MALFORMED);
      assertThat(r.message()).contains("cap_");
    }

    @Test
    @DisplayName("a token longer than the cap, before parsing anything")
    void oversized() {
      String huge = "cap_" + "A".repeat(TokenVerifier.DEFAULT_MAX_TOKEN_LENGTH);
      TokenVerification.Rejected r = rejected(verifier.verify(huge, TokenFixtures.call()));
      assertThat(r.reason()).isEqualTo(TokenRejection.MALFORMED);
      assertThat(r.message()).contains("at most 8192");
      // The cap applies to signed, otherwise valid tokens too.
      Map<String, Object> p = payload();
      p.put("padding", "x".repeat(9000));
      assertThat(rejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), header(), p), TokenFixtures.call())).reason())
          .isEqualTo(TokenRejection.MALFORMED);
    }

    @Test
    @DisplayName("a header with a duplicate member name, even when signed")
    void duplicateHeaderMember() {
      String kid = ring.currentKey().keyId();
      String h = "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"typ\":\"lexecon-cap+jwt\",\"kid\":\"other\"}";
      String t = TokenFixtures.sign(ring.currentKey(), h, dev.lexecon.json.Jcs.canonicalString(payload()));
      TokenVerification.Rejected r = rejected(verifier.verify(t, TokenFixtures.call()));
      assertThat(r.reason()).isEqualTo(TokenRejection.MALFORMED);
      assertThat(r.message()).contains("repeats a member name");
    }

    @Test
    @DisplayName("a payload with a duplicate claim, even when correctly signed")
    void duplicateClaim() {
      String p = dev.lexecon.json.Jcs.canonicalString(payload());
      p = p.substring(0, p.length() - 1) + ",\"sub\":\"admin\"}";
      String t = TokenFixtures.sign(ring.currentKey(), dev.lexecon.json.Jcs.canonicalString(header()), p);
      TokenVerification.Rejected r = rejected(verifier.verify(t, TokenFixtures.call()));
      assertThat(r.reason()).isEqualTo(TokenRejection.MALFORMED);
      assertThat(r.message()).contains("repeats a member name");
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"iss", "sub", "iat", "nbf", "exp", "jti", "act", "tool", "dec", "pol", "arg"})
    @DisplayName("a signed token missing a required claim, naming the claim")
    void missingClaim(String claim) {
      Map<String, Object> p = payload();
      p.remove(claim);
      assertRejected(
          verifier.verify(TokenFixtures.sign(ring.currentKey(), header(), p), TokenFixtures.call()),
          TokenRejection.MALFORMED,
          claim);
    }

    @Test
    @DisplayName("a signed token whose claims have the wrong JSON types")
    void wrongTypes() {
      Map<String, Object> p = payload();
      p.put("exp", "tomorrow");
      assertRejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), header(), p), TokenFixtures.call()),
          TokenRejection.MALFORMED, "exp");
      p = payload();
      p.put("exp", new java.math.BigDecimal("1795000000.5"));
      assertRejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), header(), p), TokenFixtures.call()),
          TokenRejection.MALFORMED, "exp");
      p = payload();
      p.put("obl", "manager_cc");
      assertRejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), header(), p), TokenFixtures.call()),
          TokenRejection.MALFORMED, "obl");
      p = payload();
      p.put("arg", "ABC");
      assertRejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), header(), p), TokenFixtures.call()),
          TokenRejection.MALFORMED, "arg");
      p = payload();
      p.put("exp", p.get("nbf"));
      assertRejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), header(), p), TokenFixtures.call()),
          TokenRejection.MALFORMED, "exp");
    }

    @Test
    @DisplayName("a payload that is JSON but not an object")
    void payloadNotObject() {
      String t = TokenFixtures.sign(ring.currentKey(), dev.lexecon.json.Jcs.canonicalString(header()), "[1,2]");
      assertThat(rejected(verifier.verify(t, TokenFixtures.call())).reason()).isEqualTo(TokenRejection.MALFORMED);
    }

    @Test
    @DisplayName("a header without kid, with another typ, or with crit")
    void headerFields() {
      Map<String, Object> h = header();
      h.remove("kid");
      assertRejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), h, payload()), TokenFixtures.call()),
          TokenRejection.MALFORMED, "kid");
      h = header();
      h.put("typ", "JWT");
      assertRejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), h, payload()), TokenFixtures.call()),
          TokenRejection.MALFORMED, "typ");
      h = header();
      h.remove("typ");
      assertRejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), h, payload()), TokenFixtures.call()),
          TokenRejection.MALFORMED, "typ");
      h = header();
      h.put("crit", List.of("b64"));
      h.put("b64", false);
      assertRejected(verifier.verify(TokenFixtures.sign(ring.currentKey(), h, payload()), TokenFixtures.call()),
          TokenRejection.MALFORMED, "crit");
    }

    @Test
    @DisplayName("non-canonical base64url: padding, or non-zero unused bits in the last character")
    void nonCanonicalBase64() {
      String v = token.value();
      assertThat(rejected(verifier.verify(v + "=", TokenFixtures.call())).reason()).isEqualTo(TokenRejection.MALFORMED);
      // 64 signature bytes use 85 1/3 characters: the last character carries 4 unused bits.
      char last = v.charAt(v.length() - 1);
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
      String aliased = v.substring(0, v.length() - 1) + sibling;
      assertThat(rejected(verifier.verify(aliased, TokenFixtures.call())).reason()).isEqualTo(TokenRejection.MALFORMED);
    }

    @Test
    @DisplayName("random and mutated input never throws; every result is a rejection")
    void neverThrows() {
      Random random = new Random(7);
      String v = token.value();
      for (int i = 0; i < 3_000; i++) {
        String input;
        switch (i % 3) {
          case 0 -> {
            char[] chars = new char[random.nextInt(200)];
            for (int j = 0; j < chars.length; j++) {
              chars[j] = (char) random.nextInt(i % 2 == 0 ? 128 : 0xFFFF);
            }
            input = "cap_" + new String(chars);
          }
          case 1 -> {
            StringBuilder sb = new StringBuilder(v);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
              sb.setCharAt(4 + random.nextInt(sb.length() - 4), (char) (32 + random.nextInt(95)));
            }
            input = sb.toString();
          }
          default -> input = v.substring(0, random.nextInt(v.length()));
        }
        TokenVerification result = verifier.verify(input, TokenFixtures.call());
        if (!input.equals(v)) {
          assertThat(result.accepted()).as(input).isFalse();
        }
      }
    }
  }

  @Nested
  @DisplayName("rejects as BAD_SIGNATURE")
  class BadSignature {
    @Test
    @DisplayName("alg none with an empty signature")
    void algNone() {
      Map<String, Object> h = header();
      h.put("alg", "none");
      String unsigned =
          "cap_" + TokenFormat.encodeSegment(h) + "." + TokenFormat.encodeSegment(payload()) + ".";
      assertRejected(verifier.verify(unsigned, TokenFixtures.call()), TokenRejection.BAD_SIGNATURE, "alg");
    }

    @ParameterizedTest(name = "alg {0}")
    @ValueSource(strings = {"RS256", "PS256", "ES256", "HS512", "eddsa", "Ed25519"})
    @DisplayName("algorithms other than EdDSA and HS256")
    void otherAlgorithms(String alg) {
      Map<String, Object> h = header();
      h.put("alg", alg);
      assertRejected(
          verifier.verify(TokenFixtures.sign(ring.currentKey(), h, payload()), TokenFixtures.call()),
          TokenRejection.BAD_SIGNATURE,
          "alg");
    }

    @Test
    @DisplayName("an HS256 token keyed with the Ed25519 public key's bytes: never tried as HMAC")
    void algorithmConfusion() {
      VerificationKey pub = ring.currentKey().verificationKey();
      byte[] raw = Base64Url.decode((String) pub.toJwk().get("x"));
      // Try both the raw key and the exported forms an attacker could find published.
      for (byte[] secret :
          List.of(
              pad(raw),
              pub.encoded(),
              pub.toPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              ring.publicKeys().toJwkSetJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        SigningKey forged = SigningKey.hmacSha256(pub.keyId(), secret);
        Map<String, Object> h = TokenFormat.header(SignatureAlgorithm.HS256, pub.keyId());
        String t = TokenFixtures.sign(forged, h, payload());
        assertRejected(verifier.verify(t, TokenFixtures.call()), TokenRejection.BAD_SIGNATURE, "alg");
        TokenVerifier standalone = TokenVerifier.builder(ring.publicKeys()).clock(clock).build();
        assertRejected(standalone.verify(t, TokenFixtures.call()), TokenRejection.BAD_SIGNATURE, "alg");
      }
    }

    private byte[] pad(byte[] raw) {
      return raw.length >= 32 ? raw : java.util.Arrays.copyOf(raw, 32);
    }

    @Test
    @DisplayName("a token signed by another key under the trusted key's id")
    void wrongKey() {
      SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519).withKeyId(ring.currentKey().keyId());
      String forged = TokenFixtures.sign(other, header(), payload());
      assertRejected(verifier.verify(forged, TokenFixtures.call()), TokenRejection.BAD_SIGNATURE, null);
    }

    @Test
    @DisplayName("a token whose claims were changed after signing (payload swapped in)")
    void swappedPayload() {
      Map<String, Object> p = payload();
      p.put("tool", "shell.exec");
      String v = token.value();
      int d1 = v.indexOf('.');
      int d2 = v.indexOf('.', d1 + 1);
      String forged = v.substring(0, d1 + 1) + TokenFormat.encodeSegment(p) + v.substring(d2);
      assertRejected(
          verifier.verify(forged, ExpectedCall.of("ai_agent:assistant", "send_email", "shell.exec")),
          TokenRejection.BAD_SIGNATURE, null);
    }

    @Test
    @DisplayName("an HS256 token signed with a different secret")
    void wrongHmacSecret() {
      KeyRing hmacRing = KeyRing.of(TokenFixtures.hmac());
      SigningKey guess = SigningKey.hmacSha256(TokenFixtures.HMAC_KID, new byte[32]);
      String forged = TokenFixtures.sign(guess, TokenFormat.header(SignatureAlgorithm.HS256, TokenFixtures.HMAC_KID), payload());
      assertRejected(
          TokenVerifier.builder(hmacRing).clock(clock).build().verify(forged, TokenFixtures.call()),
          TokenRejection.BAD_SIGNATURE, null);
    }
  }

  @Nested
  @DisplayName("rejects as UNKNOWN_KEY")
  class UnknownKey {
    @Test
    @DisplayName("a token whose kid names no trusted key")
    void unknownKid() {
      SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519);
      String t = TokenFixtures.sign(stranger, TokenFormat.header(SignatureAlgorithm.ED25519, stranger.keyId()), payload());
      assertRejected(verifier.verify(t, TokenFixtures.call()), TokenRejection.UNKNOWN_KEY, "kid");
    }

    @Test
    @DisplayName("an HS256 token checked by a verifier that has only public keys")
    void hmacAgainstPublicSet() {
      KeyRing hmacRing = KeyRing.of(TokenFixtures.hmac());
      CapabilityToken t = TokenFixtures.issuer(hmacRing, clock).build()
          .issue(TokenFixtures.approved(), TokenFixtures.request(), null);
      TokenVerifier standalone = TokenVerifier.builder(ring.publicKeys()).clock(clock).build();
      assertRejected(standalone.verify(t.value(), TokenFixtures.call()), TokenRejection.UNKNOWN_KEY, "kid");
    }
  }

  @Nested
  @DisplayName("checks the time window with bounded skew")
  class TimeWindow {
    private final Instant exp = Instant.parse("2026-11-27T10:05:00Z");
    private final Instant nbf = Instant.parse("2026-11-27T10:00:00Z");
    private final Duration skew = TokenVerifier.DEFAULT_CLOCK_SKEW;

    @Test
    @DisplayName("accepts until the last nanosecond before exp + skew")
    void lastMoment() {
      clock.set(exp.plus(skew).minusNanos(1));
      assertThat(verifier.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
    }

    @Test
    @DisplayName("rejects as EXPIRED at exactly exp + skew, with the claims for auditing")
    void expiredAtBoundary() {
      clock.set(exp.plus(skew));
      TokenVerification.Rejected r = rejected(verifier.verify(token.value(), TokenFixtures.call()));
      assertThat(r.reason()).isEqualTo(TokenRejection.EXPIRED);
      assertThat(r.claim()).isEqualTo("exp");
      assertThat(r.claims()).isEqualTo(token.claims());
    }

    @Test
    @DisplayName("accepts from exactly nbf - skew")
    void firstMoment() {
      clock.set(nbf.minus(skew));
      assertThat(verifier.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
    }

    @Test
    @DisplayName("rejects as NOT_YET_VALID one nanosecond before nbf - skew")
    void notYetValid() {
      clock.set(nbf.minus(skew).minusNanos(1));
      assertRejected(verifier.verify(token.value(), TokenFixtures.call()), TokenRejection.NOT_YET_VALID, "nbf");
    }

    @Test
    @DisplayName("with zero skew, rejects at exactly exp and before exactly nbf")
    void zeroSkew() {
      TokenVerifier strict = TokenVerifier.builder(ring).clock(clock).clockSkew(Duration.ZERO).build();
      clock.set(exp);
      assertRejected(strict.verify(token.value(), TokenFixtures.call()), TokenRejection.EXPIRED, "exp");
      clock.set(exp.minusNanos(1));
      assertThat(strict.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
      clock.set(nbf.minusNanos(1));
      assertRejected(strict.verify(token.value(), TokenFixtures.call()), TokenRejection.NOT_YET_VALID, "nbf");
    }

    @Test
    @DisplayName("rejects a token issued in the future even if its nbf is in the past")
    void issuedInFuture() {
      Map<String, Object> p = payload();
      p.put("iat", ((Long) p.get("iat")) + 3600);
      assertRejected(
          verifier.verify(TokenFixtures.sign(ring.currentKey(), header(), p), TokenFixtures.call()),
          TokenRejection.NOT_YET_VALID, "iat");
    }

    @Test
    @DisplayName("honours a configured TTL and skew, and refuses skews beyond five minutes")
    void configured() {
      TokenIssuer shortLived = TokenFixtures.issuer(ring, clock).ttl(Duration.ofSeconds(10)).build();
      CapabilityToken t = shortLived.issue(TokenFixtures.approved(), TokenFixtures.request(), null);
      TokenVerifier tight = TokenVerifier.builder(ring).clock(clock).clockSkew(Duration.ofSeconds(2)).build();
      clock.set(nbf.plusSeconds(11));
      assertThat(tight.verify(t.value(), TokenFixtures.call()).accepted()).isTrue();
      clock.set(nbf.plusSeconds(12));
      assertRejected(tight.verify(t.value(), TokenFixtures.call()), TokenRejection.EXPIRED, "exp");
      assertThatThrownBy(() -> TokenVerifier.builder(ring).clockSkew(Duration.ofMinutes(6)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT5M");
      assertThatThrownBy(() -> TokenVerifier.builder(ring).clockSkew(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> TokenIssuer.builder(ring).ttl(Duration.ofMillis(1500)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> TokenIssuer.builder(ring).ttl(Duration.ofHours(25)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(TokenIssuer.builder(ring).build().ttl()).isEqualTo(Duration.ofMinutes(5));
    }
  }

  @Nested
  @DisplayName("rejects as WRONG_BINDING, naming the claim")
  class Binding {
    private ExpectedCall call(String actor, String action, String tool, String resource, Map<String, Object> args) {
      return new ExpectedCall(actor, action, tool, resource, args);
    }

    private final Map<String, Object> args = Map.of(
        "to", "ops@example.com", "subject", "Q3 report", "attachments", List.of("q3.pdf"));

    @Test
    @DisplayName("another actor (sub)")
    void actor() {
      assertRejected(verifier.verify(token.value(), call("ai_agent:intruder", "send_email", "smtp.send", "mailbox:ops", args)),
          TokenRejection.WRONG_BINDING, "sub");
    }

    @Test
    @DisplayName("another action (act)")
    void action() {
      assertRejected(verifier.verify(token.value(), call("ai_agent:assistant", "delete_email", "smtp.send", "mailbox:ops", args)),
          TokenRejection.WRONG_BINDING, "act");
    }

    @Test
    @DisplayName("another tool (tool)")
    void tool() {
      assertRejected(verifier.verify(token.value(), call("ai_agent:assistant", "send_email", "shell.exec", "mailbox:ops", args)),
          TokenRejection.WRONG_BINDING, "tool");
    }

    @Test
    @DisplayName("another resource, or none where the token names one (res)")
    void resource() {
      assertRejected(verifier.verify(token.value(), call("ai_agent:assistant", "send_email", "smtp.send", "mailbox:ceo", args)),
          TokenRejection.WRONG_BINDING, "res");
      assertRejected(verifier.verify(token.value(), call("ai_agent:assistant", "send_email", "smtp.send", null, args)),
          TokenRejection.WRONG_BINDING, "res");
    }

    @Test
    @DisplayName("other arguments for the same tool: changed, added or removed (arg)")
    void arguments() {
      Map<String, Object> changed = new LinkedHashMap<>(args);
      changed.put("to", "attacker@example.net");
      assertRejected(verifier.verify(token.value(), call("ai_agent:assistant", "send_email", "smtp.send", "mailbox:ops", changed)),
          TokenRejection.WRONG_BINDING, "arg");
      Map<String, Object> added = new LinkedHashMap<>(args);
      added.put("bcc", "attacker@example.net");
      assertRejected(verifier.verify(token.value(), call("ai_agent:assistant", "send_email", "smtp.send", "mailbox:ops", added)),
          TokenRejection.WRONG_BINDING, "arg");
      assertRejected(verifier.verify(token.value(), call("ai_agent:assistant", "send_email", "smtp.send", "mailbox:ops", Map.of())),
          TokenRejection.WRONG_BINDING, "arg");
      Map<String, Object> typed = new LinkedHashMap<>(args);
      typed.put("attachments", "q3.pdf");
      assertRejected(verifier.verify(token.value(), call("ai_agent:assistant", "send_email", "smtp.send", "mailbox:ops", typed)),
          TokenRejection.WRONG_BINDING, "arg");
    }

    @Test
    @DisplayName("a token from another issuer (iss)")
    void issuerClaim() {
      TokenVerifier other = TokenVerifier.builder(ring).clock(clock).issuer("someone-else").build();
      assertRejected(other.verify(token.value(), TokenFixtures.call()), TokenRejection.WRONG_BINDING, "iss");
    }

    @Test
    @DisplayName("audience: required when configured, refused when the token names one the verifier is not")
    void audience() {
      CapabilityToken forExecutor = TokenFixtures.issuer(ring, clock).audience("executor-a").build()
          .issue(TokenFixtures.approved(), TokenFixtures.request(), null);
      TokenVerifier a = TokenVerifier.builder(ring).clock(clock).audience("executor-a").build();
      TokenVerifier b = TokenVerifier.builder(ring).clock(clock).audience("executor-b").build();
      assertThat(a.verify(forExecutor.value(), TokenFixtures.call()).accepted()).isTrue();
      assertRejected(b.verify(forExecutor.value(), TokenFixtures.call()), TokenRejection.WRONG_BINDING, "aud");
      assertRejected(verifier.verify(forExecutor.value(), TokenFixtures.call()), TokenRejection.WRONG_BINDING, "aud");
      assertRejected(a.verify(token.value(), TokenFixtures.call()), TokenRejection.WRONG_BINDING, "aud");
    }
  }

  @Nested
  @DisplayName("revocation")
  class Revoked {
    @Test
    @DisplayName("rejects as REVOKED a token revoked by its id, and tells the listener once")
    void byTokenId() {
      List<Revocation> recorded = new java.util.ArrayList<>();
      InMemoryRevocationList revocations = new InMemoryRevocationList(clock, recorded::add);
      TokenVerifier v = TokenVerifier.builder(ring).clock(clock).revocations(revocations).build();
      assertThat(v.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
      revocations.revokeToken(token.claims().tokenId(), "agent compromised");
      assertRejected(v.verify(token.value(), TokenFixtures.call()), TokenRejection.REVOKED, "jti");
      assertThat(recorded).singleElement().satisfies(r -> {
        assertThat(r.scope()).isEqualTo(Revocation.Scope.TOKEN);
        assertThat(r.revokedAt()).isEqualTo(NOW);
      });
    }

    @Test
    @DisplayName("rejects as REVOKED every token of a revoked decision")
    void byDecisionId() {
      InMemoryRevocationList revocations = new InMemoryRevocationList(clock);
      TokenVerifier v = TokenVerifier.builder(ring).clock(clock).revocations(revocations).build();
      CapabilityToken second = issuer.issue(TokenFixtures.approved(), TokenFixtures.request(), null);
      revocations.revokeDecision(TokenFixtures.approved().decisionId(), "policy error");
      assertRejected(v.verify(token.value(), TokenFixtures.call()), TokenRejection.REVOKED, "dec");
      assertRejected(v.verify(second.value(), TokenFixtures.call()), TokenRejection.REVOKED, "dec");
    }

    @Test
    @DisplayName("feeds from recorded events without recording them again")
    void fromEvents() {
      List<Revocation> recorded = new java.util.ArrayList<>();
      InMemoryRevocationList origin = new InMemoryRevocationList(clock, recorded::add);
      origin.revokeToken(token.claims().tokenId(), "leaked in a log");
      Map<String, Object> payload = recorded.get(0).toEventPayload();
      assertThat(payload).containsEntry("scope", "token").containsEntry("revoked_at", "2026-11-27T10:00:00.654321Z");

      List<Revocation> again = new java.util.ArrayList<>();
      InMemoryRevocationList follower = new InMemoryRevocationList(clock, again::add);
      follower.apply(Revocation.fromEventPayload(payload));
      assertThat(again).isEmpty();
      TokenVerifier v = TokenVerifier.builder(ring.publicKeys()).clock(clock).revocations(follower).build();
      assertRejected(v.verify(token.value(), TokenFixtures.call()), TokenRejection.REVOKED, "jti");
      assertThat(Revocation.fromEventPayload(payload)).isEqualTo(recorded.get(0));
    }

    @Test
    @DisplayName("a revocation list that fails makes verify fail, never accept")
    void failingListPropagates() {
      TokenVerifier v = TokenVerifier.builder(ring).clock(clock)
          .revocations((jti, dec) -> { throw new IllegalStateException("store down"); }).build();
      assertThatThrownBy(() -> v.verify(token.value(), TokenFixtures.call()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Nested
  @DisplayName("single use")
  class SingleUse {
    @Test
    @DisplayName("rejects as REPLAYED the second use of a token")
    void replay() {
      TokenVerifier once = TokenVerifier.builder(ring).clock(clock).singleUse().build();
      assertThat(once.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
      assertRejected(once.verify(token.value(), TokenFixtures.call()), TokenRejection.REPLAYED, "jti");
    }

    @Test
    @DisplayName("does not burn a token on a rejected attempt")
    void rejectedAttemptDoesNotBurn() {
      TokenVerifier once = TokenVerifier.builder(ring).clock(clock).singleUse().build();
      assertRejected(once.verify(token.value(), ExpectedCall.of("ai_agent:assistant", "send_email", "smtp.send")),
          TokenRejection.WRONG_BINDING, "res");
      assertThat(once.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
    }

    @Test
    @DisplayName("is off by default: a token verifies any number of times")
    void offByDefault() {
      for (int i = 0; i < 3; i++) {
        assertThat(verifier.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
      }
    }
  }

  @Test
  @DisplayName("verifyOrThrow returns claims, or throws a LexeconException with the reason")
  void verifyOrThrow() {
    assertThat(verifier.verifyOrThrow(token.value(), TokenFixtures.call())).isEqualTo(token.claims());
    assertThatThrownBy(() -> verifier.verifyOrThrow(token.value(), ExpectedCall.of("x", "y", "z")))
        .isInstanceOf(LexeconException.class)
        .isInstanceOfSatisfying(TokenVerificationException.class, e -> {
          assertThat(e.reason()).isEqualTo(TokenRejection.WRONG_BINDING);
          assertThat(e.claim()).isEqualTo("sub");
          assertThat(e.getMessage()).doesNotContain(token.value().substring(4, 40));
        });
  }

  @Test
  @DisplayName("only authenticated rejections carry claims")
  void claimsOnlyWhenAuthentic() {
    SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519).withKeyId(ring.currentKey().keyId());
    TokenVerification.Rejected forged =
        rejected(verifier.verify(TokenFixtures.sign(other, header(), payload()), TokenFixtures.call()));
    assertThat(forged.claims()).isNull();
    TokenVerification.Rejected wrongCall =
        rejected(verifier.verify(token.value(), ExpectedCall.of("x", "y", "z")));
    assertThat(wrongCall.claims()).isEqualTo(token.claims());
  }

  @Test
  @DisplayName("the issuer refuses DENIED and ESCALATED decisions and mismatched requests")
  void issuerPreconditions() {
    assertThatThrownBy(() -> issuer.issue(TokenFixtures.decision(Outcome.DENIED), TokenFixtures.request(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DENIED");
    assertThatThrownBy(() -> issuer.issue(TokenFixtures.decision(Outcome.ESCALATED), TokenFixtures.request(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> issuer.issue(TokenFixtures.approved(),
            TokenFixtures.request().toBuilder().requestId("req_other").build(), null))
        .isInstanceOf(IllegalArgumentException.class);
    KeyRing rsaOnly = KeyRing.of(SigningKey.fromPkcs8Pem(KeyMaterialTest.OPENSSL_RSA_PKCS8));
    assertThatThrownBy(() -> TokenIssuer.builder(rsaOnly).build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("toString of a token names its id, never its value")
  void tokenToString() {
    assertThat(token.toString()).contains(token.claims().tokenId()).doesNotContain(token.jws().substring(0, 20));
  }
}

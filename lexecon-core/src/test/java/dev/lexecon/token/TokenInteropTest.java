package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an established JOSE implementation, nimbus-jose-jwt (Ed25519 through
 * Google Tink), in both directions: without the {@code cap_} prefix our tokens are plain JWS that
 * Nimbus verifies with our published JWK set, and JWTs Nimbus signs verify here.
 */
@DisplayName("Interoperability with nimbus-jose-jwt")
class TokenInteropTest {
  private static final JOSEObjectType TYP = new JOSEObjectType("lexecon-cap+jwt");

  @Test
  @DisplayName("our Ed25519 token verifies in Nimbus from our published JWK set, claims intact")
  void oursVerifyInNimbusEd25519() throws Exception {
    KeyRing ring = KeyRing.of(SigningKey.generate(SignatureAlgorithm.ED25519));
    CapabilityToken token = TokenIssuer.builder(ring).clock(Clock.systemUTC()).build()
        .issue(TokenFixtures.approved(), TokenFixtures.request(), "entry_9");

    JWKSet published = JWKSet.parse(ring.publicKeys().toJwkSetJson());
    OctetKeyPair key = (OctetKeyPair) published.getKeyByKeyId(token.keyId());
    assertThat(key.getCurve()).isEqualTo(Curve.Ed25519);
    assertThat(key.isPrivate()).isFalse();
    assertThat(key.computeThumbprint().toString()).isEqualTo(token.keyId());

    SignedJWT jwt = SignedJWT.parse(token.jws());
    assertThat(jwt.verify(new Ed25519Verifier(key))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
    assertThat(jwt.getHeader().getType()).isEqualTo(TYP);
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("ai_agent:assistant");
    assertThat(claims.getStringClaim("tool")).isEqualTo("smtp.send");
    assertThat(claims.getStringClaim("led")).isEqualTo("entry_9");
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(token.claims().expiresAt());

    // Nimbus selects that key from our JWK set by the token's header (kty, crv, kid, alg, use).
    // (Its DefaultJWTProcessor cannot be used: its verifier factory has no EdDSA support.)
    List<JWK> selected = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())).select(published);
    assertThat(selected).singleElement().isEqualTo(key);

    // And a tampered claim fails there as well.
    String[] parts = token.jws().split("\\.");
    String forged = parts[0] + "." + parts[1].substring(0, 10) + (parts[1].charAt(10) == 'A' ? 'B' : 'A')
        + parts[1].substring(11) + "." + parts[2];
    assertThat(verifies(forged, key)).isFalse();
  }

  private static boolean verifies(String jws, OctetKeyPair key) {
    try {
      return JWSObject.parse(jws).verify(new Ed25519Verifier(key));
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  @DisplayName("our HS256 token verifies in Nimbus with the shared secret")
  void oursVerifyInNimbusHs256() throws Exception {
    KeyRing ring = KeyRing.of(TokenFixtures.hmac());
    CapabilityToken token = TokenIssuer.builder(ring).build()
        .issue(TokenFixtures.approved(), TokenFixtures.request(), null);
    SignedJWT jwt = SignedJWT.parse(token.jws());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.verify(new MACVerifier(TokenFixtures.HMAC_SECRET))).isTrue();
    assertThat(jwt.verify(new MACVerifier(new byte[32]))).isFalse();
  }

  @Test
  @DisplayName("the published vector tokens verify in Nimbus")
  void vectorsVerifyInNimbus() throws Exception {
    for (Map<?, ?> v : TokenVectorsTest.vectors(TokenVectorsTest.read(TokenVectorsTest.TOKENS))) {
      String token = (String) ((Map<?, ?>) v.get("expected")).get("token");
      SignedJWT jwt = SignedJWT.parse(token.substring(CapabilityToken.PREFIX.length()));
      SigningKey key = TokenVectorsTest.key((Map<?, ?>) v.get("key"));
      boolean ok = key.algorithm() == SignatureAlgorithm.HS256
          ? jwt.verify(new MACVerifier(TokenFixtures.HMAC_SECRET))
          : jwt.verify(new Ed25519Verifier((OctetKeyPair) JWK.parse(key.verificationKey().toJwk())));
      assertThat(ok).as((String) v.get("name")).isTrue();
    }
  }

  private static JWTClaimsSet claims(Instant now, String jti) {
    return new JWTClaimsSet.Builder()
        .issuer("lexecon")
        .subject("ai_agent:assistant")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(120)))
        .jwtID(jti)
        .claim("act", "send_email")
        .claim("res", "mailbox:ops")
        .claim("tool", "smtp.send")
        .claim("dec", "dec_nimbus")
        .claim("pol", TokenFixtures.POLICY_HASH)
        .claim("obl", List.of("manager_cc"))
        .claim("arg", TokenVerifier.argumentsDigest(TokenFixtures.request().arguments()))
        .build();
  }

  @Test
  @DisplayName("a Nimbus-signed Ed25519 JWT verifies here from Nimbus's public JWK set")
  void theirsVerifyHereEd25519() throws Exception {
    OctetKeyPair nimbusKey = new OctetKeyPairGenerator(Curve.Ed25519).keyID("nimbus-ed-1").generate();
    Instant now = Instant.ofEpochSecond(TokenFixtures.NOW.getEpochSecond());
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("nimbus-ed-1").type(TYP).build(), claims(now, "tok_nimbus_1"));
    jwt.sign(new Ed25519Signer(nimbusKey));

    PublicKeySet keys = PublicKeySet.fromJwkSetJson(new JWKSet(nimbusKey.toPublicJWK()).toString());
    TokenVerifier verifier = TokenVerifier.builder(keys).clock(new MutableClock(TokenFixtures.NOW)).build();
    TokenVerification v = verifier.verify(CapabilityToken.PREFIX + jwt.serialize(), TokenFixtures.call());
    TokenClaims c = v.claimsOrThrow();
    assertThat(c.tokenId()).isEqualTo("tok_nimbus_1");
    assertThat(c.obligations()).containsExactly("manager_cc");
    assertThat(c.expiresAt()).isEqualTo(now.plusSeconds(120));

    // Refusing the private JWK keeps secrets out of public key sets.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PublicKeySet.fromJwkSetJson(new JWKSet(nimbusKey).toString(false)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private");
  }

  @Test
  @DisplayName("a Nimbus-signed HS256 JWT verifies here; one with another typ is refused")
  void theirsVerifyHereHs256() throws Exception {
    Instant now = Instant.ofEpochSecond(TokenFixtures.NOW.getEpochSecond());
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TokenFixtures.HMAC_KID).type(TYP).build(), claims(now, "tok_nimbus_2"));
    jwt.sign(new MACSigner(TokenFixtures.HMAC_SECRET));
    TokenVerifier verifier = TokenVerifier.builder(KeyRing.of(TokenFixtures.hmac()))
        .clock(new MutableClock(TokenFixtures.NOW)).build();
    assertThat(verifier.verify(CapabilityToken.PREFIX + jwt.serialize(), TokenFixtures.call()).accepted()).isTrue();

    SignedJWT plainJwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TokenFixtures.HMAC_KID).type(JOSEObjectType.JWT).build(),
        claims(now, "tok_nimbus_3"));
    plainJwt.sign(new MACSigner(TokenFixtures.HMAC_SECRET));
    TokenVerification v = verifier.verify(CapabilityToken.PREFIX + plainJwt.serialize(), TokenFixtures.call());
    assertThat(((TokenVerification.Rejected) v).reason()).isEqualTo(TokenRejection.MALFORMED);
    assertThat(((TokenVerification.Rejected) v).claim()).isEqualTo("typ");
  }
}

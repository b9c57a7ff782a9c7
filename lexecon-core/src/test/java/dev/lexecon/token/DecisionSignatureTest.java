package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.Decision;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.json.Jcs;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Decision JSON and decision signatures")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionSignatureTest {
  private SigningKey rsa;
  private SigningKey ed;

  @BeforeAll
  void generateKeys() {
    // A 4,096-bit RSA key takes seconds: made once for the whole class.
    rsa = SigningKey.generate(SignatureAlgorithm.RSA_PSS_SHA256);
    ed = TokenFixtures.ed25519();
  }

  private SigningKey key(SignatureAlgorithm alg) {
    return alg == SignatureAlgorithm.ED25519 ? ed : rsa;
  }

  @Test
  @DisplayName("decision JSON uses snake_case, lowercase enums, microsecond RFC 3339 time and omits absent rule ids")
  void jsonShape() {
    Decision d = new Decision("dec_1", "req_1", Outcome.ESCALATED,
        List.of(new Reason(ReasonCode.HUMAN_CONFIRMATION_REQUIRED, null, List.of(), "a human must confirm")),
        List.of("human_confirmation"), List.of("after hours"), "p", "2", TokenFixtures.POLICY_HASH,
        PolicyMode.PARANOID, Instant.parse("2026-11-27T10:00:00Z"), null, RiskAssessment.none(), null);
    assertThat(DecisionJson.canonicalString(d)).isEqualTo(
        "{\"advisories\":[\"after hours\"],\"decision_id\":\"dec_1\",\"evaluated_at\":\"2026-11-27T10:00:00.000000Z\","
            + "\"mode\":\"paranoid\",\"obligations\":[\"human_confirmation\"],\"outcome\":\"escalated\","
            + "\"policy_hash\":\"" + TokenFixtures.POLICY_HASH + "\",\"policy_id\":\"p\",\"policy_version\":\"2\","
            + "\"reasons\":[{\"code\":\"human_confirmation_required\",\"message\":\"a human must confirm\",\"term_ids\":[]}],"
            + "\"request_id\":\"req_1\"}");
    assertThat(DecisionJson.fromJson(DecisionJson.toJson(d))).isEqualTo(d);
  }

  @Test
  @DisplayName("decision JSON round-trips through text; nanoseconds are cut to microseconds")
  void roundTrip() {
    Decision d = TokenFixtures.approved();
    assertThat(DecisionJson.fromJson((Map<?, ?>) Jcs.parse(DecisionJson.canonicalString(d)))).isEqualTo(d);
    Decision nanos = new Decision(d.decisionId(), d.requestId(), d.outcome(), d.reasons(), d.obligations(),
        d.advisories(), d.policyId(), d.policyVersion(), d.policyHash(), d.mode(), d.evaluatedAt().plusNanos(999),
        null, d.risk(), null);
    assertThat(DecisionJson.fromJson(DecisionJson.toJson(nanos))).isEqualTo(d);
  }

  @Test
  @DisplayName("reading decision JSON names the member that is missing or wrong")
  void readErrors() {
    Map<String, Object> json = DecisionJson.toJson(TokenFixtures.approved());
    json.put("outcome", "APPROVED");
    assertThatThrownBy(() -> DecisionJson.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Outcome");
    json.remove("outcome");
    assertThatThrownBy(() -> DecisionJson.fromJson(json)).hasMessageContaining("outcome");
    Map<String, Object> badTime = DecisionJson.toJson(TokenFixtures.approved());
    badTime.put("evaluated_at", "yesterday");
    assertThatThrownBy(() -> DecisionJson.fromJson(badTime)).hasMessageContaining("evaluated_at");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "RSA_PSS_SHA256"})
  @DisplayName("a signed decision verifies from the record, from its canonical JSON and from reformatted JSON")
  void signAndVerify(SignatureAlgorithm alg) {
    DecisionSigner signer = new DecisionSigner(key(alg));
    Decision d = TokenFixtures.approved();
    DecisionSignature sig = signer.sign(d);
    assertThat(sig.algorithm()).isEqualTo(alg);
    DecisionVerifier verifier = new DecisionVerifier(PublicKeySet.of(signer.verificationKey()));
    assertThat(verifier.verify(d, sig)).isTrue();
    assertThat(verifier.verify(DecisionJson.canonicalString(d), sig)).isTrue();
    String pretty = "{\n  \"request_id\": \"" + d.requestId() + "\",\n"
        + DecisionJson.canonicalString(d).substring(1).replace(",\"request_id\":\"" + d.requestId() + "\"", "")
            .replace(",", ",\n  ");
    assertThat(verifier.verify(pretty, sig)).as(pretty).isTrue();
    // The signature survives its own JSON form.
    DecisionSignature back = DecisionSignature.fromJson((Map<?, ?>) Jcs.parse(Jcs.canonicalString(sig.toJson())));
    assertThat(verifier.verify(d, back)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "RSA_PSS_SHA256"})
  @DisplayName("any change to the decision, signature, key id or algorithm fails verification without throwing")
  void tampering(SignatureAlgorithm alg) {
    DecisionSigner signer = new DecisionSigner(key(alg));
    Decision d = TokenFixtures.approved();
    DecisionSignature sig = signer.sign(d);
    DecisionVerifier verifier = new DecisionVerifier(PublicKeySet.of(signer.verificationKey()));
    Map<String, Object> changed = DecisionJson.toJson(d);
    changed.put("outcome", "denied");
    assertThat(verifier.verify(Jcs.canonicalString(changed), sig)).isFalse();
    Map<String, Object> extra = new LinkedHashMap<>(DecisionJson.toJson(d));
    extra.put("note", "x");
    assertThat(verifier.verify(Jcs.canonicalString(extra), sig)).isFalse();
    String canonical = DecisionJson.canonicalString(d);
    String duplicated = canonical.substring(0, canonical.length() - 1) + ",\"outcome\":\"denied\"}";
    assertThat(verifier.verify(duplicated, sig)).isFalse();
    assertThat(verifier.verify("not json", sig)).isFalse();
    char c = sig.value().charAt(10);
    String flipped = sig.value().substring(0, 10) + (c == 'A' ? 'B' : 'A') + sig.value().substring(11);
    assertThat(verifier.verify(d, new DecisionSignature(sig.keyId(), alg, flipped))).isFalse();
    assertThat(verifier.verify(d, new DecisionSignature(sig.keyId(), alg, "!!"))).isFalse();
    assertThat(verifier.verify(d, new DecisionSignature("other", alg, sig.value()))).isFalse();
    SignatureAlgorithm wrongAlg = alg == SignatureAlgorithm.ED25519 ? SignatureAlgorithm.RSA_PSS_SHA256 : SignatureAlgorithm.ED25519;
    assertThat(verifier.verify(d, new DecisionSignature(sig.keyId(), wrongAlg, sig.value()))).isFalse();
  }

  @Test
  @DisplayName("a decision signed by another key under the same id fails")
  void wrongKey() {
    SigningKey impostor = SigningKey.generate(SignatureAlgorithm.ED25519).withKeyId(ed.keyId());
    DecisionSignature forged = new DecisionSigner(impostor).sign(TokenFixtures.approved());
    assertThat(new DecisionVerifier(PublicKeySet.of(ed.verificationKey())).verify(TokenFixtures.approved(), forged)).isFalse();
  }

  @Test
  @DisplayName("RSA-PSS keys are generated at 4,096 bits and published as PEM with a SHA-256 fingerprint")
  void rsaPublication() throws Exception {
    VerificationKey pub = new DecisionSigner(rsa).verificationKey();
    java.security.interfaces.RSAPublicKey jdk = (java.security.interfaces.RSAPublicKey)
        java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(pub.encoded()));
    assertThat(jdk.getModulus().bitLength()).isEqualTo(4096);
    assertThat(pub.toPem()).startsWith("-----BEGIN PUBLIC KEY-----\nMIICIjANBgkqhkiG9w0BAQEFAAOCAg8A");
    assertThat(pub.fingerprint()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pub.encoded())));
    assertThat(VerificationKey.fromPem(pub.toPem())).isEqualTo(pub);
    // PSS is randomized: two signatures differ, both verify.
    DecisionSigner signer = new DecisionSigner(rsa);
    DecisionSignature a = signer.sign(TokenFixtures.approved());
    DecisionSignature b = signer.sign(TokenFixtures.approved());
    assertThat(a.value()).isNotEqualTo(b.value());
    DecisionVerifier verifier = new DecisionVerifier(PublicKeySet.fromPem(pub.toPem()));
    assertThat(verifier.verify(TokenFixtures.approved(), a)).isTrue();
    assertThat(verifier.verify(TokenFixtures.approved(), b)).isTrue();
  }

  @Test
  @DisplayName("HMAC keys cannot sign decisions: they prove nothing to a third party")
  void noHmac() {
    assertThatThrownBy(() -> new DecisionSigner(TokenFixtures.hmac())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DecisionSignature("k", SignatureAlgorithm.HS256, "AA"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

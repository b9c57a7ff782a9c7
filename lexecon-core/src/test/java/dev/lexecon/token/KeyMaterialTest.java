package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.json.Jcs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Key material: JWK, PEM, PKCS#8, thumbprints, fingerprints")
class KeyMaterialTest {
  // Test-only keys made with OpenSSL 3.0 (never used anywhere else), so that loading and exporting
  // are checked against an independent implementation:
  //   openssl genpkey -algorithm ed25519 -out ed.pem; openssl pkey -in ed.pem -pubout
  //   openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.pem; openssl pkey -in rsa.pem -pubout
  static final String OPENSSL_ED25519_PKCS8 =
      "-----BEGIN PRIVATE KEY-----\n"
      + "MC4CAQAwBQYDK2VwBCIEIGn+TyHgWpjPnEp9WPNxqOR6ihqXlMfjiXReqnJBWuod\n"
      + "-----END PRIVATE KEY-----\n";
  static final String OPENSSL_ED25519_PUBLIC =
      "-----BEGIN PUBLIC KEY-----\n"
      + "MCowBQYDK2VwAyEAEq35GMApEiR+2UVVAQEuNTJShzupj5C8/em84GQe8T4=\n"
      + "-----END PUBLIC KEY-----\n";
  /** openssl pkey -pubin -in ed.pub.pem -outform DER | sha256sum */
  static final String OPENSSL_ED25519_FINGERPRINT =
      "f9d9a50e8e97819f9797668ee094b0e0f7d66464b7e8194f5a2f61a685bb2670";
  /** printf 'lexecon cross-check' | openssl pkeyutl -sign -inkey ed.pem -rawin | base64 */
  static final String OPENSSL_ED25519_SIGNATURE = "I6lVo8FQdxwgAvaoRgNlfvaRx3OKt7h11uzw+yWnM5v8PTkeOUwUiOj8Ns9wdlmDfIDx0iDegp9jY6aGYJFEBQ==";
  static final String OPENSSL_RSA_PKCS8 =
      "-----BEGIN PRIVATE KEY-----\n"
      + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDZfSJ2K60rynS6\n"
      + "CE2uu1hzPXtJ40YWirZGpFlpMp6TnFgbFPMKAzwbCBmIs+mfjfKc1eVsG8kXWnO+\n"
      + "U+pwGqvQty2HlYWUsQOV8acJnp0eX68Ft7v/yMFtQYfIqCpDTGX+z10CqYts7I4J\n"
      + "NVUsb1YCNSTG28YYRdM43Lx1BrES5wOdohd9c4sY8KDIW2PtdGf+WvhH/LuVCIGt\n"
      + "DVtRo5Xxb4AiwPr1YZRXEnGiDuLw2eqD6U3Qm2zU4+mLi7PcLUi9ucgwfd50J0sw\n"
      + "Orbog2ZFdetuC30mxf+Lq6z7qLZWfiRJxmfYszeRhDzy0fClVGQlQj3plUzAgu7+\n"
      + "qanphxsFAgMBAAECggEACalCoOO3TVjwvvvT8ZVebD4YrjNTn3g5eSFfXGo0e6Oo\n"
      + "EUnosvLqVlwRgE5XrDAKzTc+OgNw9yHcPuHs6d5xb/PXKKz2cmC7o0tJC4cZfSos\n"
      + "dPFQv1/MYd1Vmg8IU5V++Wb+P3pHGIdYluWg2zi15iK0t8W3AsiFRcMedwddUdTO\n"
      + "y4HefZaA658pIVnf6maNujxhBTOlxIKEA5pzWVw5FRrv7f24m3uuAg2l8p3ayN3N\n"
      + "VCczw+uGtG2YKFYt5BCKkHYg1PlGUroAetqtNyaVuBKBMMQE/Jwt57+bprnKjnoA\n"
      + "4lqxBuS60opdqmAZG//5PkBvQd+TmIaEX0EXTW20AQKBgQD2M8bLVnt991CHcNuV\n"
      + "CA3j1nZl5ClHqCKbBlOI1+N1/z2lUATEn1iEo2MNO85lukBcZpnMkTT44UB78nWs\n"
      + "3pXDAEy5Guf1lTekdbk3aB2MvahbsTHUSeva7drTMKI2KQaB2PUaFOdnJ5oRfk7Y\n"
      + "NySWqChK0QOt0QxtsXu8S2DEAQKBgQDiJNXeIK6gA+sVzSfOWCLRNIYsYOjNOzN1\n"
      + "ErZ8HkrCSehtG+I2oDohM9B0n0BBh7ZFSVdWlqv58j/Ev1R8JGYoYAAaneWj7g3n\n"
      + "l9Llw0ovCH9uKrTK8rB16yGbC1UtbfCwXm69R9ReZ5Fhquums0COC8KFCmHJfKHY\n"
      + "DBbGPkdHBQKBgFr5zPasUVu9vKMfv/Q1ErTjNcL26Y4SAh+Y2dtSMzoSBByHEgv5\n"
      + "+cKhgWONevo6NbgvLZva+GETEzn54SPs6BgzjyZDW/1ykyoRWkywC2NLXd/r/Ua9\n"
      + "vgqbI+YwLXCn/kCTBBcMLGoAxzy5mLbqwXluT909mQdsnRQXpmpwzCQBAoGBAMEi\n"
      + "mnC50smgbw7QhrWIujuXsxuFrG1SqTDMSYOZT1m9Sz6b+MeUcfDXUqm3NGaC5B0q\n"
      + "dOfjiH7P8Lw0d5AKeiDzVENnJK+raL6pAJnv/pRKmqJY4M0PFbuvk6TZueYxpcTK\n"
      + "8aLADNSPeS9DjTxyjKiDzJ5Y7ojo40QjlvO6Tp+NAoGAexNkgURAylUz+SUx3vEt\n"
      + "vbDOHeBqxSvzROarENxyrwFgHfwSq+H28ScvHRszrQ1k9IY5mcaVCWmxfcgd47R7\n"
      + "eo9XfG6+VRtxyo2ptUtTjFLPj46HUTHKNgQp1i8dRSDFq8+FblRd8HRmM8aT4+xM\n"
      + "vjlO+wZyPrX+YTl4hHS47+M=\n"
      + "-----END PRIVATE KEY-----\n";
  static final String OPENSSL_RSA_PUBLIC =
      "-----BEGIN PUBLIC KEY-----\n"
      + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2X0idiutK8p0ughNrrtY\n"
      + "cz17SeNGFoq2RqRZaTKek5xYGxTzCgM8GwgZiLPpn43ynNXlbBvJF1pzvlPqcBqr\n"
      + "0Lcth5WFlLEDlfGnCZ6dHl+vBbe7/8jBbUGHyKgqQ0xl/s9dAqmLbOyOCTVVLG9W\n"
      + "AjUkxtvGGEXTONy8dQaxEucDnaIXfXOLGPCgyFtj7XRn/lr4R/y7lQiBrQ1bUaOV\n"
      + "8W+AIsD69WGUVxJxog7i8Nnqg+lN0Jts1OPpi4uz3C1IvbnIMH3edCdLMDq26INm\n"
      + "RXXrbgt9JsX/i6us+6i2Vn4kScZn2LM3kYQ88tHwpVRkJUI96ZVMwILu/qmp6Ycb\n"
      + "BQIDAQAB\n"
      + "-----END PUBLIC KEY-----\n";
  static final String OPENSSL_RSA_FINGERPRINT =
      "dca21733c01ab78c32028fca9bc53459c16fb444bbbbf677b3720d9b0db075d5";
  /**
   * printf 'lexecon cross-check' | openssl dgst -sha256 -sign rsa.pem -sigopt rsa_padding_mode:pss
   * -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256 | base64
   */
  static final String OPENSSL_RSA_PSS_SIGNATURE =
      "nMYu9SLqtROUbZAgnm0InQ1aCo3d4C9vyzg8XPnOxb2L2vNgvnBR9SJhZmIAXgbNpvQWayjjDtUpWYserUiU1RVXFzyGIF0Xy/I5JmKd2XppSlR/9wleGKEBFzQeBnqidQep9lNgoH5iDYhzn5E2aW7QXRgd1ggQ5jYPUtPFTGQtQxtDGh5fdFFEjXqec5Djn6vNH5EjFLzxkaIA+7RHJCpvGyjiMRqR8NSgPdpxBS+wqhVlO3i2Cox9pfD4+g6/8qjU1ti2ra+rkjTrlXXGFTKER3TmRo2JH2gJMxQJ1yvKW8dl/m8qfKkCDKzfjGabQ2/j4HKlJp56IgtpHGnX/g==";
  /** The same RSA key in PKCS#1 form (openssl pkey -traditional), which must be refused. */
  static final String OPENSSL_RSA_PKCS1 =
      "-----BEGIN RSA PRIVATE KEY-----\n"
      + "MIIEowIBAAKCAQEA2X0idiutK8p0ughNrrtYcz17SeNGFoq2RqRZaTKek5xYGxTz\n"
      + "CgM8GwgZiLPpn43ynNXlbBvJF1pzvlPqcBqr0Lcth5WFlLEDlfGnCZ6dHl+vBbe7\n"
      + "/8jBbUGHyKgqQ0xl/s9dAqmLbOyOCTVVLG9WAjUkxtvGGEXTONy8dQaxEucDnaIX\n"
      + "fXOLGPCgyFtj7XRn/lr4R/y7lQiBrQ1bUaOV8W+AIsD69WGUVxJxog7i8Nnqg+lN\n"
      + "0Jts1OPpi4uz3C1IvbnIMH3edCdLMDq26INmRXXrbgt9JsX/i6us+6i2Vn4kScZn\n"
      + "2LM3kYQ88tHwpVRkJUI96ZVMwILu/qmp6YcbBQIDAQABAoIBAAmpQqDjt01Y8L77\n"
      + "0/GVXmw+GK4zU594OXkhX1xqNHujqBFJ6LLy6lZcEYBOV6wwCs03PjoDcPch3D7h\n"
      + "7OnecW/z1yis9nJgu6NLSQuHGX0qLHTxUL9fzGHdVZoPCFOVfvlm/j96RxiHWJbl\n"
      + "oNs4teYitLfFtwLIhUXDHncHXVHUzsuB3n2WgOufKSFZ3+pmjbo8YQUzpcSChAOa\n"
      + "c1lcORUa7+39uJt7rgINpfKd2sjdzVQnM8PrhrRtmChWLeQQipB2INT5RlK6AHra\n"
      + "rTcmlbgSgTDEBPycLee/m6a5yo56AOJasQbkutKKXapgGRv/+T5Ab0Hfk5iGhF9B\n"
      + "F01ttAECgYEA9jPGy1Z7ffdQh3DblQgN49Z2ZeQpR6gimwZTiNfjdf89pVAExJ9Y\n"
      + "hKNjDTvOZbpAXGaZzJE0+OFAe/J1rN6VwwBMuRrn9ZU3pHW5N2gdjL2oW7Ex1Enr\n"
      + "2u3a0zCiNikGgdj1GhTnZyeaEX5O2DcklqgoStEDrdEMbbF7vEtgxAECgYEA4iTV\n"
      + "3iCuoAPrFc0nzlgi0TSGLGDozTszdRK2fB5KwknobRviNqA6ITPQdJ9AQYe2RUlX\n"
      + "Vpar+fI/xL9UfCRmKGAAGp3lo+4N55fS5cNKLwh/biq0yvKwdeshmwtVLW3wsF5u\n"
      + "vUfUXmeRYarrprNAjgvChQphyXyh2AwWxj5HRwUCgYBa+cz2rFFbvbyjH7/0NRK0\n"
      + "4zXC9umOEgIfmNnbUjM6EgQchxIL+fnCoYFjjXr6OjW4Ly2b2vhhExM5+eEj7OgY\n"
      + "M48mQ1v9cpMqEVpMsAtjS13f6/1Gvb4KmyPmMC1wp/5AkwQXDCxqAMc8uZi26sF5\n"
      + "bk/dPZkHbJ0UF6ZqcMwkAQKBgQDBIppwudLJoG8O0Ia1iLo7l7MbhaxtUqkwzEmD\n"
      + "mU9ZvUs+m/jHlHHw11KptzRmguQdKnTn44h+z/C8NHeQCnog81RDZySvq2i+qQCZ\n"
      + "7/6USpqiWODNDxW7r5Ok2bnmMaXEyvGiwAzUj3kvQ408coyog8yeWO6I6ONEI5bz\n"
      + "uk6fjQKBgHsTZIFEQMpVM/klMd7xLb2wzh3gasUr80TmqxDccq8BYB38Eqvh9vEn\n"
      + "Lx0bM60NZPSGOZnGlQlpsX3IHeO0e3qPV3xuvlUbccqNqbVLU4xSz4+Oh1ExyjYE\n"
      + "KdYvHUUgxavPhW5UXfB0ZjPGk+PsTL45TvsGcj61/mE5eIR0uO/j\n"
      + "-----END RSA PRIVATE KEY-----\n";

  static final byte[] MESSAGE = "lexecon cross-check".getBytes(StandardCharsets.US_ASCII);

  @Test
  @DisplayName("an Ed25519 key's id is its RFC 7638 thumbprint, matching RFC 8037 Appendix A.3")
  void rfc8037Thumbprint() {
    VerificationKey key = TokenFixtures.ed25519().verificationKey();
    assertThat(key.keyId()).isEqualTo(TokenFixtures.ED25519_THUMBPRINT);
    assertThat(key.thumbprint()).isEqualTo(TokenFixtures.ED25519_THUMBPRINT);
    assertThat(key.toJwk())
        .containsEntry("kty", "OKP")
        .containsEntry("crv", "Ed25519")
        .containsEntry("x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
        .containsEntry("alg", "EdDSA")
        .containsEntry("use", "sig");
  }

  @Test
  @DisplayName("an OpenSSL Ed25519 PKCS#8 key loads, exports the same PEMs and signs as OpenSSL does")
  void opensslEd25519() throws Exception {
    SigningKey key = SigningKey.fromPkcs8Pem(OPENSSL_ED25519_PKCS8);
    assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
    VerificationKey pub = key.verificationKey();
    assertThat(pub.toPem()).isEqualTo(OPENSSL_ED25519_PUBLIC);
    assertThat(pub.fingerprint()).isEqualTo(OPENSSL_ED25519_FINGERPRINT);
    assertThat(pub.fingerprint())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pub.encoded())));
    assertThat(key.exportPkcs8Pem()).isEqualTo(OPENSSL_ED25519_PKCS8);
    // Ed25519 is deterministic: the same key and message give OpenSSL's signature exactly.
    assertThat(Base64.getEncoder().encodeToString(key.sign(MESSAGE))).isEqualTo(OPENSSL_ED25519_SIGNATURE);
    assertThat(VerificationKey.fromPem(OPENSSL_ED25519_PUBLIC)).isEqualTo(pub);
  }

  @Test
  @DisplayName("an OpenSSL RSA PKCS#8 key loads for PS256, verifies OpenSSL's PSS signature and round-trips")
  void opensslRsa() {
    SigningKey key = SigningKey.fromPkcs8Pem(OPENSSL_RSA_PKCS8);
    assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.RSA_PSS_SHA256);
    VerificationKey pub = key.verificationKey();
    assertThat(pub.toPem()).isEqualTo(OPENSSL_RSA_PUBLIC);
    assertThat(pub.fingerprint()).isEqualTo(OPENSSL_RSA_FINGERPRINT);
    assertThat(pub.verify(MESSAGE, Base64.getDecoder().decode(OPENSSL_RSA_PSS_SIGNATURE))).isTrue();
    byte[] ours = key.sign(MESSAGE);
    assertThat(pub.verify(MESSAGE, ours)).isTrue();
    assertThat(pub.verify("other".getBytes(StandardCharsets.US_ASCII), ours)).isFalse();
    assertThat(SigningKey.fromPkcs8Pem(key.exportPkcs8Pem()).verificationKey()).isEqualTo(pub);
    assertThat(pub.toJwk()).containsEntry("kty", "RSA").containsEntry("e", "AQAB").containsEntry("alg", "PS256");
  }

  @Test
  @DisplayName("PKCS#1, encrypted PKCS#8, a public key or two blocks are refused as private keys, without echoing key bytes")
  void refusedPrivateKeys() {
    assertThatThrownBy(() -> SigningKey.fromPkcs8Pem(OPENSSL_RSA_PKCS1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RSA PRIVATE KEY")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    assertThatThrownBy(() -> SigningKey.fromPkcs8Pem(
            OPENSSL_ED25519_PKCS8.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENCRYPTED PRIVATE KEY");
    assertThatThrownBy(() -> SigningKey.fromPkcs8Pem(OPENSSL_ED25519_PUBLIC))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SigningKey.fromPkcs8Pem(OPENSSL_ED25519_PKCS8 + OPENSSL_RSA_PKCS8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 2");
    assertThatThrownBy(() -> SigningKey.fromPkcs8Pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("AAAA");
    assertThatThrownBy(() -> SigningKey.fromPkcs8Pem("no pem here")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a public key set round-trips through JWK set JSON and through PEM")
  void roundTrips() {
    VerificationKey ed = TokenFixtures.ed25519().verificationKey();
    VerificationKey rsa = VerificationKey.fromPem(OPENSSL_RSA_PUBLIC);
    PublicKeySet set = PublicKeySet.of(ed, rsa);
    assertThat(PublicKeySet.fromJwkSetJson(set.toJwkSetJson()).keys()).containsExactly(ed, rsa);
    assertThat(PublicKeySet.fromPem(set.toPem()).keys()).containsExactly(ed, rsa);
    assertThat(set.toJwkSetJson()).startsWith("{\"keys\":[{\"alg\":\"EdDSA\",\"crv\":\"Ed25519\",\"kid\":\"kPrK_");
    // Custom ids survive JWK, not PEM (which has no place for them).
    VerificationKey named = ed.withKeyId("node-2026-01");
    assertThat(PublicKeySet.fromJwkSetJson(PublicKeySet.of(named).toJwkSetJson()).find("node-2026-01")).isEqualTo(named);
    assertThat(PublicKeySet.fromPem(named.toPem()).find(TokenFixtures.ED25519_THUMBPRINT)).isNotNull();
  }

  @Test
  @DisplayName("a JWK set skips keys of other types, curves, algorithms and uses")
  void skipsForeignKeys() {
    String x = (String) TokenFixtures.ed25519().verificationKey().toJwk().get("x");
    String json = "{\"keys\":["
        + "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"ec\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"},"
        + "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"x\",\"x\":\"" + x + "\"},"
        + "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"enc\",\"use\":\"enc\",\"x\":\"" + x + "\"},"
        + "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ours\",\"x\":\"" + x + "\"}"
        + "]}";
    PublicKeySet set = PublicKeySet.fromJwkSetJson(json);
    assertThat(set.size()).isEqualTo(1);
    assertThat(set.find("ours")).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"}]}",
      "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"k\",\"k\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]}",
      "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}",
      "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg\"}]}",
      "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"}]}",
      "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"kid\":\"j\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}",
      "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]}",
      "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"},{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"Eq35GMApEiR-2UVVAQEuNTJShzupj5C8_em84GQe8T4\"}]}",
      "{\"keys\":{}}",
      "[]"
  })
  @DisplayName("a JWK set with private members, secrets, missing kids, bad or weak keys, duplicates or bad shape is refused")
  void refusedJwkSets(String json) {
    assertThatThrownBy(() -> PublicKeySet.fromJwkSetJson(json)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("HMAC keys shorter than 32 bytes are refused; generated ones are 32 bytes with a random id")
  void hmacKeys() {
    assertThatThrownBy(() -> SigningKey.hmacSha256("k", new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
    SigningKey generated = SigningKey.generate(SignatureAlgorithm.HS256);
    assertThat(generated.keyId()).startsWith("hs256-").hasSize(22);
    assertThat(generated.verificationKey()).isNull();
    assertThatThrownBy(generated::exportPkcs8Pem).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("toString of keys, rings and signers never reveals key material")
  void noSecretsInToString() {
    SigningKey hmac = TokenFixtures.hmac();
    SigningKey ed = TokenFixtures.ed25519();
    String secretHex = HexFormat.of().formatHex(TokenFixtures.HMAC_SECRET);
    String secretB64 = Base64.getEncoder().encodeToString(TokenFixtures.HMAC_SECRET);
    String seedHex = HexFormat.of().formatHex(TokenFixtures.ED25519_SEED);
    String seedB64 = Base64.getUrlEncoder().withoutPadding().encodeToString(TokenFixtures.ED25519_SEED);
    KeyRing ring = KeyRing.builder(ed).retain(hmac).build();
    for (Object o : List.of(hmac, ed, ring, new DecisionSigner(ed), hmac.check(), TokenIssuer.builder(ring).build())) {
      assertThat(o.toString())
          .doesNotContain(secretHex).doesNotContain(secretB64.substring(0, 20))
          .doesNotContain(seedHex).doesNotContain(seedB64.substring(0, 20));
    }
    assertThat(hmac.toString()).isEqualTo("SigningKey[kid=hs256-vector, alg=HS256]");
  }

  @Test
  @DisplayName("a key id must be printable ASCII without spaces")
  void keyIds() {
    assertThatThrownBy(() -> TokenFixtures.ed25519().withKeyId("has space")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenFixtures.ed25519().withKeyId("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(TokenFixtures.ed25519().withKeyId("ed-2026-11").keyId()).isEqualTo("ed-2026-11");
  }

  @Test
  @DisplayName("thumbprints are the RFC 7638 hash of the canonical required members")
  void thumbprintDefinition() throws Exception {
    VerificationKey rsa = VerificationKey.fromPem(OPENSSL_RSA_PUBLIC);
    Map<String, Object> jwk = rsa.toJwk();
    String members = "{\"e\":\"" + jwk.get("e") + "\",\"kty\":\"RSA\",\"n\":\"" + jwk.get("n") + "\"}";
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8));
    assertThat(rsa.keyId()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    assertThat(Jcs.canonicalString(Map.of("kty", "RSA", "n", jwk.get("n"), "e", jwk.get("e")))).isEqualTo(members);
  }
}

package dev.lexecon.token;

import dev.lexecon.internal.Sha256;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.jspecify.annotations.Nullable;

/**
 * A public key that checks signatures: Ed25519 (tokens, decision signatures, checkpoints) or RSA
 * for RSASSA-PSS-SHA256 (decision signatures). It carries a key id, which by default is the RFC
 * 7638 JWK thumbprint, and exports itself as a JWK (RFC 7517; RFC 8037 {@code OKP} for Ed25519)
 * and as PEM (RFC 7468 {@code PUBLIC KEY}, a DER SubjectPublicKeyInfo), with a SHA-256
 * fingerprint of that DER.
 *
 * <p>Immutable and thread-safe. Public keys are not secret, but verifying only proves anything if
 * the key came from a trusted place (your own {@link KeyRing}, a pinned file, the ledger's {@code
 * key_rotated} events).
 *
 * @since 0.1
 */
public final class VerificationKey implements SignatureCheck {
  private static final HexFormat HEX = HexFormat.of();

  private final String keyId;
  private final SignatureAlgorithm algorithm;
  private final byte[] spki;
  private final @Nullable Ed25519PublicKeyParameters ed25519;
  private final @Nullable RSAPublicKey rsa;

  private VerificationKey(
      String keyId,
      SignatureAlgorithm algorithm,
      byte[] spki,
      @Nullable Ed25519PublicKeyParameters ed25519,
      @Nullable RSAPublicKey rsa) {
    this.keyId = KeyIds.check(keyId);
    this.algorithm = algorithm;
    this.spki = spki;
    this.ed25519 = ed25519;
    this.rsa = rsa;
  }

  /**
   * An Ed25519 public key from its 32-byte encoding (RFC 8032 §5.1.2), with its thumbprint as
   * key id.
   *
   * @throws IllegalArgumentException if the bytes are not a valid Ed25519 public key
   */
  public static VerificationKey ed25519(byte[] rawPublicKey) {
    return of(Ed25519Keys.publicKey(rawPublicKey.clone()));
  }

  /**
   * Reads one {@code -----BEGIN PUBLIC KEY-----} block (an Ed25519 or RSA SubjectPublicKeyInfo),
   * with its thumbprint as key id. Use {@link PublicKeySet#fromPem} for several keys.
   *
   * @throws IllegalArgumentException if the text holds not exactly one public key block or the
   *     key is not Ed25519 or RSA of at least 2,048 bits
   */
  public static VerificationKey fromPem(String pem) {
    List<Pem.Block> blocks = Pem.decodeAll(pem);
    if (blocks.size() != 1) {
      throw new IllegalArgumentException(
          "expected one PEM block, found " + blocks.size() + "; use PublicKeySet.fromPem");
    }
    return fromPemBlock(blocks.get(0));
  }

  static VerificationKey fromPemBlock(Pem.Block block) {
    if (!block.label().equals(Pem.PUBLIC_KEY)) {
      throw new IllegalArgumentException(
          "expected a PEM block labelled PUBLIC KEY, found " + block.label());
    }
    return fromSpki(block.der());
  }

  static VerificationKey of(Ed25519PublicKeyParameters key) {
    byte[] raw = key.getEncoded();
    return new VerificationKey(
        ed25519Thumbprint(raw), SignatureAlgorithm.ED25519, Ed25519Keys.spki(key), key, null);
  }

  static VerificationKey of(RSAPublicKey key) {
    RsaPss.checkSize(key);
    return new VerificationKey(
        rsaThumbprint(key), SignatureAlgorithm.RSA_PSS_SHA256, key.getEncoded(), null, key);
  }

  static VerificationKey fromSpki(byte[] der) {
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a DER SubjectPublicKeyInfo", e);
    }
    if (info == null) {
      throw new IllegalArgumentException("not a DER SubjectPublicKeyInfo");
    }
    if (Ed25519Keys.isEd25519(info.getAlgorithm())) {
      return of(Ed25519Keys.publicKey(info.getPublicKeyData().getOctets()));
    }
    var oid = info.getAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)
        || PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
      try {
        String factory = PKCSObjectIdentifiers.rsaEncryption.equals(oid) ? "RSA" : "RSASSA-PSS";
        RSAPublicKey key =
            (RSAPublicKey) KeyFactory.getInstance(factory).generatePublic(new X509EncodedKeySpec(der));
        return of(toPlainRsa(key));
      } catch (GeneralSecurityException | ClassCastException e) {
        throw new IllegalArgumentException("not a valid RSA public key", e);
      }
    }
    throw new IllegalArgumentException(
        "unsupported public key algorithm " + oid.getId() + "; expected Ed25519 or RSA");
  }

  /** Re-encodes an RSASSA-PSS-tagged key as a plain rsaEncryption key, the most portable form. */
  private static RSAPublicKey toPlainRsa(RSAPublicKey key) throws GeneralSecurityException {
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
  }

  /**
   * Reads a JWK; returns {@code null} for a key this library does not verify with (another
   * {@code kty} or curve, or {@code use} other than {@code sig}), so that a mixed key set still
   * loads.
   *
   * @throws IllegalArgumentException if the JWK is broken, carries private members or has no kid
   */
  static @Nullable VerificationKey fromJwk(Map<?, ?> jwk) {
    Object kty = jwk.get("kty");
    Object use = jwk.get("use");
    if (use != null && !"sig".equals(use)) {
      return null;
    }
    VerificationKey key;
    if ("OKP".equals(kty)) {
      if (!"Ed25519".equals(jwk.get("crv"))) {
        return null;
      }
      rejectPrivate(jwk, "d");
      key = of(Ed25519Keys.publicKey(Base64Url.decodeOrThrow(string(jwk, "x"), "JWK member x")));
    } else if ("RSA".equals(kty)) {
      rejectPrivate(jwk, "d", "p", "q", "dp", "dq", "qi");
      BigInteger n = new BigInteger(1, Base64Url.decodeOrThrow(string(jwk, "n"), "JWK member n"));
      BigInteger e = new BigInteger(1, Base64Url.decodeOrThrow(string(jwk, "e"), "JWK member e"));
      try {
        key =
            of(
                (RSAPublicKey)
                    KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
      } catch (GeneralSecurityException ex) {
        throw new IllegalArgumentException("not a valid RSA JWK", ex);
      }
    } else if ("oct".equals(kty)) {
      throw new IllegalArgumentException(
          "a public key set must not contain a symmetric (oct) key; HMAC secrets stay in a KeyRing");
    } else {
      return null;
    }
    Object alg = jwk.get("alg");
    if (alg != null && !key.algorithm.jwsName().equals(alg)) {
      return null; // the key is meant for another algorithm (for example RS256): not ours to use
    }
    return key.withKeyId(string(jwk, "kid"));
  }

  private static void rejectPrivate(Map<?, ?> jwk, String... members) {
    for (String m : members) {
      if (jwk.containsKey(m)) {
        throw new IllegalArgumentException(
            "JWK " + jwk.get("kid") + " contains private key member '" + m + "'; publish public keys only");
      }
    }
  }

  private static String string(Map<?, ?> jwk, String member) {
    if (!(jwk.get(member) instanceof String s)) {
      throw new IllegalArgumentException("JWK member '" + member + "' must be a string");
    }
    return s;
  }

  /** The same key under another id. */
  public VerificationKey withKeyId(String keyId) {
    if (keyId.equals(this.keyId)) {
      return this;
    }
    return new VerificationKey(keyId, algorithm, spki, ed25519, rsa);
  }

  /** The key id, the JWS {@code kid} of tokens and signatures made with the private key. */
  @Override
  public String keyId() {
    return keyId;
  }

  /** {@link SignatureAlgorithm#ED25519} or {@link SignatureAlgorithm#RSA_PSS_SHA256}. */
  @Override
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** The RFC 7638 JWK thumbprint (base64url SHA-256), the default key id. */
  public String thumbprint() {
    return ed25519 != null ? ed25519Thumbprint(ed25519.getEncoded()) : rsaThumbprint(rsa());
  }

  /**
   * Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo, as {@code openssl pkey -pubin -outform
   * DER | sha256sum} prints it.
   */
  public String fingerprint() {
    return HEX.formatHex(Sha256.of(spki));
  }

  /** The DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; RFC 8410 §4 for Ed25519), a fresh copy. */
  public byte[] encoded() {
    return spki.clone();
  }

  /** The key as an RFC 7468 {@code PUBLIC KEY} PEM block, lines of 64 characters. */
  public String toPem() {
    return Pem.encode(Pem.PUBLIC_KEY, spki);
  }

  /**
   * The key as a JWK: {@code {"kty":"OKP","crv":"Ed25519","x":...}} (RFC 8037 §2) or {@code
   * {"kty":"RSA","n":...,"e":...}}, with {@code kid}, {@code alg} and {@code use: "sig"}. A new
   * mutable map in that member order.
   */
  public Map<String, Object> toJwk() {
    Map<String, Object> jwk = new LinkedHashMap<>();
    if (ed25519 != null) {
      jwk.put("kty", "OKP");
      jwk.put("crv", "Ed25519");
      jwk.put("x", Base64Url.encode(ed25519.getEncoded()));
    } else {
      jwk.put("kty", "RSA");
      jwk.put("n", Base64Url.encode(unsigned(rsa().getModulus())));
      jwk.put("e", Base64Url.encode(unsigned(rsa().getPublicExponent())));
    }
    jwk.put("kid", keyId);
    jwk.put("alg", algorithm.jwsName());
    jwk.put("use", "sig");
    return jwk;
  }

  /** Checks a signature over {@code data}; false for any malformed signature, never throws. */
  @Override
  public boolean verify(byte[] data, byte[] signature) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(signature, "signature");
    return ed25519 != null
        ? Ed25519Keys.verify(ed25519, data, signature)
        : RsaPss.verify(rsa(), data, signature);
  }

  /** {@link #verify(byte[], byte[])} over {@code data[offset, offset + length)}; not public API. */
  boolean verify(byte[] data, int offset, int length, byte[] signature) {
    Objects.requireNonNull(signature, "signature");
    return ed25519 != null
        ? Ed25519Keys.verify(ed25519, data, offset, length, signature)
        : RsaPss.verify(rsa(), Arrays.copyOfRange(data, offset, offset + length), signature);
  }

  private RSAPublicKey rsa() {
    return Objects.requireNonNull(rsa);
  }

  private static String ed25519Thumbprint(byte[] raw) {
    return KeyIds.thumbprint(Map.of("crv", "Ed25519", "kty", "OKP", "x", Base64Url.encode(raw)));
  }

  private static String rsaThumbprint(RSAPublicKey key) {
    return KeyIds.thumbprint(
        Map.of(
            "e", Base64Url.encode(unsigned(key.getPublicExponent())),
            "kty", "RSA",
            "n", Base64Url.encode(unsigned(key.getModulus()))));
  }

  /** Big-endian without the sign byte, as JWA §6.3.1 encodes RSA integers. */
  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  /** Equal when id, algorithm and key bytes are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationKey k
        && keyId.equals(k.keyId)
        && algorithm == k.algorithm
        && Arrays.equals(spki, k.spki);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode() * 31 + Arrays.hashCode(spki);
  }

  @Override
  public String toString() {
    return "VerificationKey[kid=" + keyId + ", alg=" + algorithm.jwsName() + "]";
  }
}

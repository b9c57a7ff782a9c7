package dev.lexecon.token;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.jspecify.annotations.Nullable;

/**
 * A private key with its key id: Ed25519 (tokens and decision signatures), HMAC-SHA256 (tokens in
 * one process or trust domain) or RSA for RSASSA-PSS-SHA256 (decision signatures). Generate one,
 * or load it from PKCS#8 PEM ({@code openssl genpkey -algorithm ed25519}, {@code openssl genpkey
 * -algorithm RSA -pkeyopt rsa_keygen_bits:4096}).
 *
 * <p>Only this package can sign with it ({@link TokenIssuer}, {@link DecisionSigner}), so handing a
 * {@code SigningKey} around cannot be used to sign arbitrary bytes. {@link #toString()} shows the
 * key id and algorithm, never key material; the only way out for the secret is the explicit
 * {@link #exportPkcs8Pem()}. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SigningKey {
  /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
  public static final int MIN_HMAC_KEY_BYTES = 32;

  private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

  private final String keyId;
  private final SignatureAlgorithm algorithm;
  private final @Nullable Ed25519PrivateKeyParameters ed25519;
  private final @Nullable RSAPrivateCrtKey rsa;
  private final @Nullable HmacSha256 hmac;
  private final @Nullable VerificationKey verificationKey;

  private SigningKey(
      String keyId,
      SignatureAlgorithm algorithm,
      @Nullable Ed25519PrivateKeyParameters ed25519,
      @Nullable RSAPrivateCrtKey rsa,
      @Nullable HmacSha256 hmac,
      @Nullable VerificationKey verificationKey) {
    this.keyId = KeyIds.check(keyId);
    this.algorithm = algorithm;
    this.ed25519 = ed25519;
    this.rsa = rsa;
    this.hmac = hmac;
    this.verificationKey = verificationKey == null ? null : verificationKey.withKeyId(keyId);
  }

  /**
   * Generates a key from a {@link SecureRandom}: Ed25519, a 32-byte HMAC secret, or RSA 4,096
   * (which takes seconds; generate it once). Asymmetric keys get their RFC 7638 thumbprint as key
   * id; HMAC keys {@code hs256-} and 16 random characters.
   */
  public static SigningKey generate(SignatureAlgorithm algorithm) {
    return generate(algorithm, DEFAULT_RANDOM);
  }

  /** Generates a key from {@code random}; see {@link #generate(SignatureAlgorithm)}. */
  public static SigningKey generate(SignatureAlgorithm algorithm, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(random, "random");
    switch (algorithm) {
      case ED25519:
        return of(new Ed25519PrivateKeyParameters(random));
      case HS256:
        byte[] secret = new byte[MIN_HMAC_KEY_BYTES];
        random.nextBytes(secret);
        byte[] id = new byte[12];
        random.nextBytes(id);
        return hmacSha256("hs256-" + Base64Url.encode(id), secret);
      case RSA_PSS_SHA256:
        var pair = RsaPss.generate(random);
        return of((RSAPrivateCrtKey) pair.getPrivate());
      default:
        throw new AssertionError(algorithm);
    }
  }

  /**
   * An Ed25519 key from its 32-byte seed (the RFC 8032 "secret key"), with its thumbprint as key
   * id. For tests and vectors; in production load PKCS#8 or generate.
   */
  public static SigningKey ed25519(byte[] seed) {
    if (seed.length != Ed25519Keys.KEY_BYTES) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
    }
    return of(new Ed25519PrivateKeyParameters(seed.clone(), 0));
  }

  /**
   * An HMAC-SHA256 key. The secret is copied; it must have at least {@value #MIN_HMAC_KEY_BYTES}
   * bytes of high entropy (RFC 7518 §3.2), so a password will not do.
   */
  public static SigningKey hmacSha256(String keyId, byte[] secret) {
    if (secret.length < MIN_HMAC_KEY_BYTES) {
      throw new IllegalArgumentException(
          "an HS256 key needs at least " + MIN_HMAC_KEY_BYTES + " bytes, not " + secret.length);
    }
    return new SigningKey(
        keyId, SignatureAlgorithm.HS256, null, null, new HmacSha256(keyId, secret), null);
  }

  /**
   * Loads an unencrypted PKCS#8 {@code -----BEGIN PRIVATE KEY-----} block holding an Ed25519 key
   * or an RSA key of at least 2,048 bits (used with RSASSA-PSS-SHA256). The key id is the
   * thumbprint of its public key; change it with {@link #withKeyId}.
   *
   * @throws IllegalArgumentException if the text is not exactly one such block; the message never
   *     contains key material. Encrypted keys ({@code ENCRYPTED PRIVATE KEY}) and PKCS#1 ({@code
   *     RSA PRIVATE KEY}) must first be converted with {@code openssl pkcs8 -topk8 -nocrypt}.
   */
  public static SigningKey fromPkcs8Pem(String pem) {
    List<Pem.Block> blocks = Pem.decodeAll(pem);
    if (blocks.size() != 1) {
      throw new IllegalArgumentException("expected one PEM block, found " + blocks.size());
    }
    Pem.Block block = blocks.get(0);
    if (!block.label().equals(Pem.PRIVATE_KEY)) {
      throw new IllegalArgumentException(
          "expected an unencrypted PKCS#8 block (BEGIN PRIVATE KEY), found BEGIN "
              + block.label()
              + "; convert it with: openssl pkcs8 -topk8 -nocrypt");
    }
    return fromPkcs8(block.der());
  }

  private static SigningKey fromPkcs8(byte[] der) {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a DER PKCS#8 PrivateKeyInfo");
    }
    if (info == null) {
      throw new IllegalArgumentException("not a DER PKCS#8 PrivateKeyInfo");
    }
    var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    try {
      if (Ed25519Keys.isEd25519(info.getPrivateKeyAlgorithm())) {
        return of(Ed25519Keys.fromPrivateKeyInfo(info));
      }
      if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)
          || PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
        String factory = PKCSObjectIdentifiers.rsaEncryption.equals(oid) ? "RSA" : "RSASSA-PSS";
        var key = KeyFactory.getInstance(factory).generatePrivate(new PKCS8EncodedKeySpec(der));
        if (!(key instanceof RSAPrivateCrtKey crt)) {
          throw new IllegalArgumentException("RSA private key lacks its CRT parameters");
        }
        return of(crt);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      // The cause may quote key bytes; keep only its type.
      throw new IllegalArgumentException(
          "cannot read the private key (" + e.getClass().getSimpleName() + ")");
    }
    throw new IllegalArgumentException(
        "unsupported private key algorithm " + oid.getId() + "; expected Ed25519 or RSA");
  }

  private static SigningKey of(Ed25519PrivateKeyParameters key) {
    VerificationKey pub = VerificationKey.of(key.generatePublicKey());
    return new SigningKey(pub.keyId(), SignatureAlgorithm.ED25519, key, null, null, pub);
  }

  private static SigningKey of(RSAPrivateCrtKey key) {
    VerificationKey pub;
    try {
      pub =
          VerificationKey.of(
              (RSAPublicKey)
                  KeyFactory.getInstance("RSA")
                      .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid RSA key", e);
    }
    return new SigningKey(pub.keyId(), SignatureAlgorithm.RSA_PSS_SHA256, null, key, null, pub);
  }

  /** The same key under another id, for example a date-based name from your key inventory. */
  public SigningKey withKeyId(String keyId) {
    if (keyId.equals(this.keyId)) {
      return this;
    }
    HmacSha256 renamed = hmac == null ? null : hmac.withKeyId(keyId);
    return new SigningKey(keyId, algorithm, ed25519, rsa, renamed, verificationKey);
  }

  /** The key id, written as {@code kid} into everything this key signs. */
  public String keyId() {
    return keyId;
  }

  /** What the key signs with. */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** The public half under the same key id; {@code null} for an HMAC key, which has none. */
  public @Nullable VerificationKey verificationKey() {
    return verificationKey;
  }

  /**
   * Exports the private key as an unencrypted PKCS#8 PEM block, to store a generated key in a
   * secret store. The result is a secret: never log it or write it where others can read it.
   *
   * @throws UnsupportedOperationException for an HMAC key, which has no PKCS#8 form
   */
  public String exportPkcs8Pem() {
    if (ed25519 != null) {
      return Pem.encode(Pem.PRIVATE_KEY, Ed25519Keys.pkcs8(ed25519));
    }
    if (rsa != null) {
      return Pem.encode(Pem.PRIVATE_KEY, rsa.getEncoded());
    }
    throw new UnsupportedOperationException("an HMAC key has no PKCS#8 form");
  }

  /** Signs {@code data}. Package-private on purpose: only tokens and decisions get signed. */
  byte[] sign(byte[] data) {
    if (ed25519 != null) {
      return Ed25519Keys.sign(ed25519, data);
    }
    if (rsa != null) {
      return RsaPss.sign(rsa, data, DEFAULT_RANDOM);
    }
    return Objects.requireNonNull(hmac).sign(data);
  }

  /**
   * Signs {@code data[offset, offset + length)}; {@link #sign(byte[])} otherwise. Lets the issuer
   * sign a token's signing input inside the buffer the token is assembled in.
   */
  byte[] sign(byte[] data, int offset, int length) {
    if (ed25519 != null) {
      return Ed25519Keys.sign(ed25519, data, offset, length);
    }
    if (hmac != null) {
      return hmac.sign(data, offset, length);
    }
    return sign(Arrays.copyOfRange(data, offset, offset + length));
  }

  /** Length of this key's signatures in bytes. */
  int signatureLength() {
    if (ed25519 != null) {
      return Ed25519Keys.SIGNATURE_BYTES;
    }
    if (rsa != null) {
      return (rsa.getModulus().bitLength() + 7) / 8;
    }
    return HmacSha256.MAC_BYTES;
  }

  /** How tokens signed by this key are checked: its public key, or the HMAC secret itself. */
  SignatureCheck check() {
    return verificationKey != null ? verificationKey : Objects.requireNonNull(hmac);
  }

  /** Names the key without revealing it. */
  @Override
  public String toString() {
    return "SigningKey[kid=" + keyId + ", alg=" + algorithm.jwsName() + "]";
  }
}

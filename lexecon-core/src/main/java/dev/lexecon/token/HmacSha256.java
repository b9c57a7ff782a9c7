package dev.lexecon.token;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key (RFC 2104, JWS {@code HS256}) that can both sign and check. A keyed {@link
 * Mac} is kept as a prototype and cloned per call, because a {@code Mac} is not thread-safe but
 * cloning skips re-deriving the inner and outer pads. Immutable and thread-safe; {@link
 * #toString()} does not reveal the secret.
 */
final class HmacSha256 implements SignatureCheck {
  static final int MAC_BYTES = 32;

  private final String keyId;
  private final byte[] secret;
  private final Mac prototype;

  HmacSha256(String keyId, byte[] secret) {
    this.keyId = keyId;
    this.secret = secret.clone();
    this.prototype = newMac(this.secret);
  }

  HmacSha256 withKeyId(String newKeyId) {
    return new HmacSha256(newKeyId, secret);
  }

  /** One-shot HMAC-SHA256 with any key length, as RFC 4231 tests it. */
  static byte[] mac(byte[] secret, byte[] data) {
    return newMac(secret).doFinal(data);
  }

  byte[] sign(byte[] data) {
    return mac().doFinal(data);
  }

  /** The MAC of {@code data[offset, offset + length)}, so a token can be signed where it is built. */
  byte[] sign(byte[] data, int offset, int length) {
    Mac mac = mac();
    mac.update(data, offset, length);
    return mac.doFinal();
  }

  @Override
  public boolean verify(byte[] data, byte[] signature) {
    // MessageDigest.isEqual runs in time independent of where the bytes differ (JDK 6u17+).
    return signature.length == MAC_BYTES && MessageDigest.isEqual(sign(data), signature);
  }

  /** {@link #verify(byte[], byte[])} over {@code data[offset, offset + length)}. */
  boolean verify(byte[] data, int offset, int length, byte[] signature) {
    return signature.length == MAC_BYTES && MessageDigest.isEqual(sign(data, offset, length), signature);
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.HS256;
  }

  private Mac mac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      // SunJCE's HmacSHA256 clones; another provider may not: re-keying is correct, just slower.
      return newMac(secret);
    }
  }

  private static Mac newMac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("invalid HMAC key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java platform must provide HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "HmacSha256[kid=" + keyId + "]";
  }
}

package dev.lexecon.token;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * RSASSA-PSS with SHA-256 (RFC 8017 §8.1) through the JDK provider, with the parameters JWS
 * {@code PS256} fixes (RFC 7518 §3.5): MGF1 with SHA-256 and a salt as long as the hash. PSS is
 * randomized, so signatures differ on every call and only verification can be tested against
 * fixed values. {@link Signature} objects are not thread-safe; one is made per call, which costs
 * little next to a 4,096-bit private-key operation.
 */
final class RsaPss {
  static final int GENERATED_BITS = 4096;
  static final int MIN_BITS = 2048;
  private static final PSSParameterSpec PS256 =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

  private RsaPss() {}

  static byte[] sign(RSAPrivateCrtKey key, byte[] data, SecureRandom random) {
    try {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(PS256);
      s.initSign(key, random);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSASSA-PSS signing failed", e);
    }
  }

  static boolean verify(RSAPublicKey key, byte[] data, byte[] signature) {
    if (signature.length != (key.getModulus().bitLength() + 7) / 8) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(PS256);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static java.security.KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(GENERATED_BITS, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation failed", e);
    }
  }

  static void checkSize(RSAPublicKey key) {
    int bits = key.getModulus().bitLength();
    if (bits < MIN_BITS) {
      throw new IllegalArgumentException(
          "RSA key has " + bits + " bits; at least " + MIN_BITS + " required");
    }
  }
}

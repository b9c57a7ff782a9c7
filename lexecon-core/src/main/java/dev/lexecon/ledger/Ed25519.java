package dev.lexecon.ledger;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint;

/**
 * RFC 8032 Ed25519 (pure, no context) over BouncyCastle's low-level {@code rfc8032.Ed25519}, which
 * signs and verifies without the JCA's provider and key-object overhead. Kept package-private so
 * that no BouncyCastle type appears in a public signature.
 */
final class Ed25519 {
  static final int SEED_LENGTH = org.bouncycastle.math.ec.rfc8032.Ed25519.SECRET_KEY_SIZE;
  static final int PUBLIC_KEY_LENGTH = org.bouncycastle.math.ec.rfc8032.Ed25519.PUBLIC_KEY_SIZE;
  static final int SIGNATURE_LENGTH = org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE;

  private Ed25519() {}

  /** A private key: the 32-byte seed (RFC 8032 "secret key") and its public key. */
  static final class PrivateKey {
    private final byte[] seed;
    private final byte[] publicKey;

    private PrivateKey(byte[] seed) {
      this.seed = seed;
      this.publicKey = new byte[PUBLIC_KEY_LENGTH];
      org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    }

    static PrivateKey fromSeed(byte[] seed) {
      Objects.requireNonNull(seed, "seed");
      if (seed.length != SEED_LENGTH) {
        throw new IllegalArgumentException(
            "an Ed25519 seed is " + SEED_LENGTH + " bytes, got " + seed.length);
      }
      return new PrivateKey(seed.clone());
    }

    static PrivateKey generate(SecureRandom random) {
      byte[] seed = new byte[SEED_LENGTH];
      random.nextBytes(seed);
      return new PrivateKey(seed);
    }

    byte[] seed() {
      return seed.clone();
    }

    byte[] publicKey() {
      return publicKey.clone();
    }

    /** The 64-byte signature R || S of {@code message} (RFC 8032 §5.1.6). */
    byte[] sign(byte[] message) {
      byte[] signature = new byte[SIGNATURE_LENGTH];
      // Passing the public key spares BouncyCastle from recomputing it for every signature.
      org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
          seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
      return signature;
    }
  }

  /** A public key, decoded once so that each verification skips point decompression. */
  static final class PublicKey {
    private final byte[] encoded;
    private final PublicPoint point;

    private PublicKey(byte[] encoded, PublicPoint point) {
      this.encoded = encoded;
      this.point = point;
    }

    /**
     * Decodes a 32-byte public key.
     *
     * @throws IllegalArgumentException if it is not 32 bytes or not a valid curve point
     */
    static PublicKey decode(byte[] encoded) {
      Objects.requireNonNull(encoded, "encoded");
      if (encoded.length != PUBLIC_KEY_LENGTH) {
        throw new IllegalArgumentException(
            "an Ed25519 public key is " + PUBLIC_KEY_LENGTH + " bytes, got " + encoded.length);
      }
      byte[] copy = encoded.clone();
      PublicPoint point =
          org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(copy, 0);
      if (point == null) {
        throw new IllegalArgumentException("not a valid Ed25519 public key");
      }
      return new PublicKey(copy, point);
    }

    byte[] encoded() {
      return encoded.clone();
    }

    /**
     * Whether {@code signature} is a valid RFC 8032 §5.1.7 signature of {@code message}; {@code
     * false}, never an exception, for a signature of the wrong length.
     */
    boolean verify(byte[] message, byte[] signature) {
      if (signature.length != SIGNATURE_LENGTH) {
        return false;
      }
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
          signature, 0, point, message, 0, message.length);
    }
  }
}

package dev.lexecon.ledger;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Where commitment salts come from. Production uses one DRBG {@link SecureRandom} per thread, so
 * that 64 concurrent callers do not queue on one generator's lock; tests and the published vectors
 * use a seeded {@link Random} so that salts, and hence entries, are reproducible.
 */
@FunctionalInterface
interface SaltSource {
  /** Fills {@code salt} with fresh bytes. Must be thread-safe. */
  void next(byte[] salt);

  ThreadLocal<SecureRandom> PER_THREAD = ThreadLocal.withInitial(SaltSource::newSecureRandom);

  /** Salts from a per-thread {@link SecureRandom}. */
  static SaltSource secure() {
    return salt -> PER_THREAD.get().nextBytes(salt);
  }

  /** Reproducible salts, for tests and vectors only: never for real personal data. */
  static SaltSource seeded(long seed) {
    Random random = new Random(seed);
    return salt -> {
      synchronized (random) {
        random.nextBytes(salt);
      }
    };
  }

  private static SecureRandom newSecureRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (java.security.NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}

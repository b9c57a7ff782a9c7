package dev.lexecon.ledger;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

/**
 * Where commitment salts come from. Production uses one DRBG {@link SecureRandom} per thread, so
 * that 64 concurrent callers do not queue on one generator's lock, and draws from it in blocks
 * ({@link SecureBlock}); tests and the published vectors use a seeded {@link Random} so that
 * salts, and hence entries, are reproducible.
 */
@FunctionalInterface
interface SaltSource {
  /** Fills {@code salt} with fresh bytes. Must be thread-safe. */
  void next(byte[] salt);

  /** Salts from a per-thread DRBG {@link SecureRandom}, drawn a block at a time. */
  static SaltSource secure() {
    return salt -> SecureBlock.PER_THREAD.get().next(salt);
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

  /**
   * One thread's generator and the unused part of its last block. Each DRBG call has a large fixed
   * cost (JDK 17's Hash_DRBG here: 1.3 µs for one 32-byte salt, 7.8 µs for 1 KB, that is 32
   * salts), and a decision commits to a salt per personal value, so salts are drawn 1 KB at a
   * time and handed out in order. Each salt's bytes are zeroed in the block as it is
   * handed out, so the block never holds a salt already in use.
   */
  final class SecureBlock {
    static final int BLOCK_BYTES = 1024;
    static final ThreadLocal<SecureBlock> PER_THREAD = ThreadLocal.withInitial(SecureBlock::new);

    private final SecureRandom random = newSecureRandom();
    private final byte[] block = new byte[BLOCK_BYTES];
    private int used = BLOCK_BYTES;

    void next(byte[] salt) {
      if (salt.length > BLOCK_BYTES) {
        random.nextBytes(salt);
        return;
      }
      if (BLOCK_BYTES - used < salt.length) {
        random.nextBytes(block);
        used = 0;
      }
      System.arraycopy(block, used, salt, 0, salt.length);
      Arrays.fill(block, used, used + salt.length, (byte) 0);
      used += salt.length;
    }

    /** For tests: how much of the current block is still to be handed out. */
    int unusedBytes() {
      return BLOCK_BYTES - used;
    }

    /** For tests: whether every byte already handed out from the current block is zero. */
    boolean handedOutBytesAreZero() {
      for (int i = 0; i < used; i++) {
        if (block[i] != 0) {
          return false;
        }
      }
      return true;
    }

    private static SecureRandom newSecureRandom() {
      try {
        return SecureRandom.getInstance("DRBG");
      } catch (java.security.NoSuchAlgorithmException e) {
        return new SecureRandom();
      }
    }
  }
}

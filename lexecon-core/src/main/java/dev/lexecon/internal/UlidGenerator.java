package dev.lexecon.internal;

import dev.lexecon.api.IdGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Monotonic ULIDs (https://github.com/ulid/spec): 48 bits of milliseconds from the clock and 80
 * random bits, in Crockford base32, 26 characters. Within one millisecond (or if the clock steps
 * back) the random part is incremented, so ids from one generator sort in creation order and never
 * repeat. Thread-safe.
 */
public final class UlidGenerator implements IdGenerator {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private final Clock clock;
  private final Random random;
  private final ReentrantLock lock = new ReentrantLock();
  private long lastMillis = -1;
  private long randomHigh; // 16 bits
  private long randomLow; // 64 bits

  /** Random part from a {@link SecureRandom}. */
  public UlidGenerator(Clock clock) {
    this(clock, new SecureRandom());
  }

  /** Random part from the given source; a seeded {@link Random} makes ids reproducible. */
  public UlidGenerator(Clock clock, Random random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public String nextId() {
    long millis;
    long high;
    long low;
    lock.lock();
    try {
      millis = Math.max(clock.millis(), lastMillis);
      if (millis == lastMillis) {
        randomLow++;
        if (randomLow == 0) {
          randomHigh = (randomHigh + 1) & 0xFFFF;
          if (randomHigh == 0) {
            millis++; // 80-bit overflow within one millisecond: borrow the next millisecond
          }
        }
      } else {
        randomHigh = random.nextInt() & 0xFFFF;
        randomLow = random.nextLong();
      }
      lastMillis = millis;
      high = randomHigh;
      low = randomLow;
    } finally {
      lock.unlock();
    }
    return encode(millis, high, low);
  }

  static String encode(long millis, long high16, long low64) {
    char[] out = new char[26];
    // 48-bit time: 10 characters, the first carries only 3 bits.
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (millis & 31)];
      millis >>>= 5;
    }
    // 80-bit randomness: 16 characters of 5 bits, most significant first.
    for (int i = 0; i < 16; i++) {
      int bitFromTop = i * 5; // position of this digit's top bit within the 80 bits
      int shift = 80 - bitFromTop - 5;
      long digit;
      if (shift >= 64) {
        digit = high16 >>> (shift - 64);
      } else if (shift > 59) {
        digit = (low64 >>> shift) | (high16 << (64 - shift));
      } else {
        digit = low64 >>> shift;
      }
      out[10 + i] = CROCKFORD[(int) (digit & 31)];
    }
    return new String(out);
  }
}

package dev.lexecon.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link ReplayCache} on a Caffeine cache with a per-entry expiry at the entry's {@code
 * rememberUntil}. Caffeine's ticker is driven by the same {@link Clock} as the verifier, so a
 * fixed or mutable test clock moves both together. {@code putIfAbsent} on the map view is atomic
 * and treats an expired entry as absent, which is exactly "first use wins". Thread-safe.
 */
final class CaffeineReplayCache implements ReplayCache {
  private final Clock clock;
  private final Cache<String, Long> used;

  CaffeineReplayCache(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Ticker ticker = () -> nanos(clock.instant());
    this.used =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfter(
                new Expiry<String, Long>() {
                  @Override
                  public long expireAfterCreate(String key, Long untilNanos, long now) {
                    return Math.max(0, untilNanos - now);
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, Long untilNanos, long now, long currentDuration) {
                    return Math.max(0, untilNanos - now);
                  }

                  @Override
                  public long expireAfterRead(
                      String key, Long untilNanos, long now, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  @Override
  public boolean firstUse(String tokenId, Instant rememberUntil) {
    if (!rememberUntil.isAfter(clock.instant())) {
      // Nothing to remember: the token cannot verify any more, and a zero-lifetime entry
      // would be treated as absent on the next call.
      return true;
    }
    return used.asMap().putIfAbsent(tokenId, nanos(rememberUntil)) == null;
  }

  /** Nanoseconds since the epoch; a long holds them until the year 2262. */
  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  @Override
  public String toString() {
    return "ReplayCache.inMemory[" + used.estimatedSize() + " entries]";
  }
}

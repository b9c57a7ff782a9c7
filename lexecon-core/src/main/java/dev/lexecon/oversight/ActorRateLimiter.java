package dev.lexecon.oversight;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * One token bucket per actor: {@code burst} tokens, refilled at {@code rate} per second; a request
 * takes one. Buckets of idle actors are dropped once they would be full again, so memory follows
 * the number of recently active actors. Time comes from the injected clock.
 *
 * <p>Thread-safe: each bucket is updated under its own monitor (a few arithmetic operations, no
 * I/O), and the map of buckets is a concurrent cache.
 */
final class ActorRateLimiter {
  private final Clock clock;
  private final double tokensPerNano;
  private final double burst;
  private final Cache<String, Bucket> buckets;
  private final LongAdder refused = new LongAdder();

  ActorRateLimiter(Clock clock, double perSecond, int burst) {
    this.clock = clock;
    this.tokensPerNano = perSecond / 1e9;
    this.burst = burst;
    long refillNanos = (long) Math.ceil(burst / tokensPerNano);
    this.buckets = Caffeine.newBuilder()
        .ticker(() -> nanos(clock.instant()))
        .expireAfterAccess(Duration.ofNanos(Math.max(refillNanos, 1)))
        .build();
  }

  /** Takes a token for {@code actor}: zero when admitted, else how long until one is available. */
  Duration acquire(String actor) {
    long now = nanos(clock.instant());
    Bucket b = buckets.get(actor, k -> new Bucket(burst, now));
    long wait = b.take(now, tokensPerNano, burst);
    if (wait > 0) {
      refused.increment();
      return Duration.ofNanos(wait);
    }
    return Duration.ZERO;
  }

  long refused() {
    return refused.sum();
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static final class Bucket {
    private double tokens;
    private long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    synchronized long take(long now, double tokensPerNano, double burst) {
      if (now > at) {
        tokens = Math.min(burst, tokens + (now - at) * tokensPerNano);
        at = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }
  }
}

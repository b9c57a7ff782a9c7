package dev.lexecon.token;

import java.time.Clock;
import java.time.Instant;

/**
 * Remembers which capability tokens have been used, for single-use verification: the first use of
 * a token id wins and every later one is {@code REPLAYED}. An entry only has to outlive the token
 * itself, so memory is bounded by the issue rate times the token lifetime (plus clock skew).
 *
 * <p>{@link #inMemory(Clock)} serves one process. Verifiers in several processes that must share
 * single use need a shared implementation (for example a table with the token id as primary key
 * and an insert that fails on conflict). Implementations must be thread-safe, and {@link
 * #firstUse} must be atomic: of many concurrent calls with one id, exactly one returns true.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ReplayCache {
  /**
   * Records a use of {@code tokenId} and says whether it was the first.
   *
   * @param tokenId the token's {@code jti}
   * @param rememberUntil the first instant at which the token can no longer verify (its {@code
   *     exp} plus the verifier's clock skew); the entry may be dropped from then on
   * @return true for the first use, false if the id was seen before and is still remembered
   */
  boolean firstUse(String tokenId, Instant rememberUntil);

  /**
   * An in-process cache on Caffeine whose entries expire at their {@code rememberUntil}, measured
   * with {@code clock} so that it agrees with the verifier's time checks. Not size-bounded on
   * purpose: evicting a live entry would let a replay through.
   */
  static ReplayCache inMemory(Clock clock) {
    return new CaffeineReplayCache(clock);
  }
}

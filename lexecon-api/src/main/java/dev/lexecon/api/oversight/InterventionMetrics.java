package dev.lexecon.api.oversight;

import java.time.Duration;
import java.util.Objects;

/**
 * How quickly people in one oversight capacity intervened: response time from the decision to the
 * intervention. Immutable and thread-safe.
 *
 * @param role the capacity
 * @param count how many interventions
 * @param mean mean response time
 * @param median median response time (the lower middle for an even count)
 * @param max longest response time
 * @since 0.1
 */
public record InterventionMetrics(
    InterventionRole role, long count, Duration mean, Duration median, Duration max) {
  /** Checks the parts. */
  public InterventionMetrics {
    Objects.requireNonNull(role, "role");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0");
    }
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(median, "median");
    Objects.requireNonNull(max, "max");
  }
}

package dev.lexecon.api;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code decide()} refused a request because its actor exceeded the configured rate (a per-actor
 * token bucket). Nothing was evaluated or recorded. Cheap to throw: no stack trace is captured,
 * because a refusal under load is expected, not a bug.
 *
 * <p>The message does not name the actor, which may be a natural person.
 *
 * @since 0.1
 */
public final class RateLimitedException extends LexeconException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** Creates the exception; {@code retryAfter} is when the actor's next request will be admitted. */
  public RateLimitedException(Duration retryAfter) {
    super("rate limit exceeded for this actor; retry after " + retryAfter.toMillis() + " ms");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** How long to wait before the actor's next request will be admitted. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Not captured: see the class description. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}

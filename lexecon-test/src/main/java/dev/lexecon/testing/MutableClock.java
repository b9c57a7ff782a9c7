package dev.lexecon.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Clock} that stands still until a test sets or advances it, for testing expiry, rate
 * limits, escalation timeouts and timestamps deterministically.
 *
 * <p>Thread-safe: the instant lives in an {@link AtomicReference}, so one thread may advance the
 * clock while others read it. Clocks derived with {@link #withZone} share the instant with this
 * one: advancing either moves both. The clock may be set or advanced backwards, because real clocks
 * do jump back and code under test should survive it.
 *
 * @since 0.1
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock in UTC standing at {@code start}. */
  public static MutableClock startingAt(Instant start) {
    return startingAt(start, ZoneOffset.UTC);
  }

  /** A clock in {@code zone} standing at {@code start}. */
  public static MutableClock startingAt(Instant start, ZoneId zone) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(zone, "zone");
    return new MutableClock(new AtomicReference<>(start), zone);
  }

  /** Moves the clock to {@code instant}, which may be earlier than now. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Moves the clock by {@code amount} (negative moves it back) and returns the new instant. Atomic:
   * concurrent advances all take effect.
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    return now.updateAndGet(t -> t.plus(amount));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in another zone; it shares this clock's instant. */
  @Override
  public MutableClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }

  /** Equal when both share the same instant source and zone. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof MutableClock c && c.now == now && c.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(now) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}

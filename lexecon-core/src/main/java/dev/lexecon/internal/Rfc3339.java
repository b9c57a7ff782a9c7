package dev.lexecon.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The ledger's timestamp text outside the ledger package: RFC 3339 UTC with exactly six fractional
 * digits ({@code 2026-11-27T10:00:00.000000Z}), one width, so it sorts as text. Not API.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class Rfc3339 {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Rfc3339() {}

  /** {@code instant} truncated to microseconds, in the ledger's fixed-width form. */
  public static String micros(Instant instant) {
    return MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  /**
   * {@code instant} rounded up to a microsecond, in the ledger's form: a ledger timestamp {@code t}
   * satisfies {@code t >= instant} exactly when its text is at least this text.
   */
  public static String microsCeiling(Instant instant) {
    Instant down = instant.truncatedTo(ChronoUnit.MICROS);
    return MICROS.format(down.equals(instant) ? down : down.plusNanos(1000));
  }
}

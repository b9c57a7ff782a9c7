package dev.lexecon.ledger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Ledger timestamps: RFC 3339 in UTC with exactly six fractional digits and a {@code Z}, such as
 * {@code 2026-11-27T10:00:00.123456Z}. One fixed width means one text per instant, so two
 * implementations never hash different bytes for the same time; microseconds because that is
 * what databases store losslessly (PostgreSQL {@code timestamptz}) and finer clocks add nothing an
 * auditor can use. Years are limited to 0000–9999, as RFC 3339 requires.
 */
final class Timestamps {
  static final int LENGTH = 27;

  private Timestamps() {}

  /** The instant truncated to microseconds, which is what the ledger records. */
  static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Formats {@code instant}, truncated to microseconds.
   *
   * @throws IllegalArgumentException if the year is outside 0000–9999
   */
  static String format(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("ledger timestamps need a year in 0000-9999: " + instant);
    }
    char[] c = new char[LENGTH];
    digits(c, 0, year, 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    c[19] = '.';
    digits(c, 20, instant.getNano() / 1000, 6);
    c[26] = 'Z';
    return new String(c);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** Whether {@code text} is a ledger timestamp in exactly the form {@link #format} writes. */
  static boolean isValid(String text) {
    if (text.length() != LENGTH) {
      return false;
    }
    try {
      return format(Instant.parse(text)).equals(text);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Parses a ledger timestamp.
   *
   * @throws IllegalArgumentException if {@code text} is not in exactly the form {@link #format}
   *     writes
   */
  static Instant parse(String text) {
    if (!isValid(text)) {
      throw new IllegalArgumentException(
          "not a ledger timestamp (RFC 3339 UTC with 6 fractional digits): '" + text + "'");
    }
    return Instant.parse(text);
  }
}

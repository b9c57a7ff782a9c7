package dev.lexecon.token;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * RFC 3339 UTC timestamps with exactly six fractional digits ({@code 2026-11-27T10:00:00.123456Z}),
 * the form every Lexecon record uses, so that equal instants give equal canonical bytes. Finer
 * precision is truncated to microseconds. Stateless and thread-safe.
 */
final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  /**
   * Parses any RFC 3339 UTC timestamp ({@code Instant.parse}).
   *
   * @throws IllegalArgumentException naming {@code field} if it is not one
   */
  static Instant parse(Object value, String field) {
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(field + " must be an RFC 3339 timestamp string");
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an RFC 3339 UTC timestamp: " + s, e);
    }
  }
}

package dev.lexecon.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * The numeric policy of {@link Jcs}: which Java numbers become JSON numbers, and how the others
 * are spelled exactly as strings. The rules are stated in {@link Jcs}'s class Javadoc.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonNumbers {
  /** 2^53: every integer of at most this magnitude is a double, and I-JSON's safe range ends here. */
  static final long MAX_EXACT_INTEGER = 1L << 53;

  /**
   * Beyond this exponent {@link #exactText} switches from plain digits to {@code 1E+1000}
   * notation, so that a tiny input such as {@code 1e999999999} cannot expand to a gigabyte.
   */
  private static final int MAX_PLAIN_SCALE = 1000;

  private JsonNumbers() {}

  /** Whether {@code number} has one of the eight types of the JSON model. */
  static boolean isSupported(Number number) {
    return number instanceof Integer
        || number instanceof Long
        || number instanceof Double
        || number instanceof BigDecimal
        || number instanceof BigInteger
        || number instanceof Float
        || number instanceof Short
        || number instanceof Byte;
  }

  /** Whether {@code number} is NaN or an infinity, which JSON cannot express. */
  static boolean isNonFinite(Number number) {
    if (number instanceof Double d) {
      return !Double.isFinite(d);
    }
    if (number instanceof Float f) {
      return !Float.isFinite(f);
    }
    return false;
  }

  /**
   * Returns the RFC 8785 text of a supported, finite {@code number}, or {@code null} when writing
   * it as a JSON number would change its value.
   */
  static @Nullable String canonicalText(Number number) {
    if (number instanceof Double d) {
      return Es6NumberFormat.format(d);
    }
    if (number instanceof BigDecimal decimal) {
      return decimalText(decimal);
    }
    if (number instanceof Float f) {
      return Es6NumberFormat.format(f.doubleValue()); // widening a float to double is exact
    }
    if (number instanceof BigInteger integer) {
      return integer.bitLength() < Long.SIZE ? integerText(integer.longValue()) : null;
    }
    return integerText(number.longValue());
  }

  /**
   * Returns the exact decimal spelling of {@code number}, for a JSON string that stands in for a
   * number {@link #canonicalText} refuses. Equal values give equal strings: trailing zeros of a
   * decimal are dropped.
   */
  static String exactText(Number number) {
    if (number instanceof BigDecimal decimal) {
      BigDecimal stripped = decimal.stripTrailingZeros();
      return Math.abs(stripped.scale()) <= MAX_PLAIN_SCALE
          ? stripped.toPlainString()
          : stripped.toString();
    }
    return number.toString();
  }

  private static @Nullable String integerText(long value) {
    return -MAX_EXACT_INTEGER <= value && value <= MAX_EXACT_INTEGER ? Long.toString(value) : null;
  }

  /**
   * A decimal is a JSON number only when the JCS rendering of its nearest double spells the very
   * same value: {@code 0.1} and {@code 1E+30} qualify, {@code 0.10000000000000000001} and
   * {@code 9007199254740993.0} do not.
   */
  private static @Nullable String decimalText(BigDecimal value) {
    double nearest = value.doubleValue();
    if (nearest == 0) {
      return value.signum() == 0 ? "0" : null;
    }
    if (!Double.isFinite(nearest)) {
      return null;
    }
    Es6NumberFormat.Decimal rendering = Es6NumberFormat.decompose(nearest);
    return rendering.value().compareTo(value) == 0 ? rendering.toString() : null;
  }
}

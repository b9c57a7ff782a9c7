package dev.lexecon.policy.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * Equality and ordering of JSON values as the condition language defines them: no coercion
 * between types, numbers compared by exact mathematical value whatever their Java type.
 *
 * <p>The common pairs ({@code long}/{@code long}, {@code double}/{@code double}, {@code
 * long}/{@code double}, string/string) are decided without allocating; {@link BigDecimal} is used
 * only when an operand is a {@code BigInteger}, a {@code BigDecimal} or an unusual decimal literal.
 */
final class Values {
  /** Returned by {@link #order} when the operands have no defined order. */
  static final int INCOMPARABLE = 2;

  // Kinds, in the order compareNumbers relies on: the number kinds are contiguous.
  static final int STRING = 0;
  static final int LONG = 1;
  static final int DOUBLE = 2;
  static final int BIG = 3;
  static final int DECIMAL = 4;
  static final int BOOLEAN = 5;
  static final int MISSING = 6;
  static final int OTHER = 7;

  private static final double TWO_POW_63 = 0x1p63;

  private Values() {}

  static int kind(@Nullable Object value) {
    if (value instanceof String) {
      return STRING;
    }
    if (value instanceof Long || value instanceof Integer) {
      return LONG;
    }
    if (value instanceof Double) {
      return DOUBLE;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value == null || value == ConditionInput.ABSENT) {
      return MISSING;
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      return BIG;
    }
    if (value instanceof DecimalLiteral) {
      return DECIMAL;
    }
    if (value instanceof Short || value instanceof Byte) {
      return LONG;
    }
    if (value instanceof Float) {
      return DOUBLE;
    }
    return OTHER;
  }

  static boolean isNumber(int kind) {
    return kind >= LONG && kind <= DECIMAL;
  }

  /**
   * The {@code ==} of the language: strings by exact equality, booleans, numbers by value;
   * {@link Truth#UNKNOWN} for a missing operand, for operands of different types, for any other
   * type (lists, maps) and for NaN.
   */
  static Truth equal(@Nullable Object a, @Nullable Object b) {
    int ka = kind(a);
    int kb = kind(b);
    if (ka == STRING && kb == STRING) {
      return Truth.of(((String) a).equals(b));
    }
    if (isNumber(ka) && isNumber(kb)) {
      int c = compareNumbers(a, ka, b, kb);
      return c == INCOMPARABLE ? Truth.UNKNOWN : Truth.of(c == 0);
    }
    if (ka == BOOLEAN && kb == BOOLEAN) {
      return Truth.of(((Boolean) a).booleanValue() == ((Boolean) b).booleanValue());
    }
    return Truth.UNKNOWN;
  }

  /** The ordering of {@code < <= > >=}: -1, 0 or 1 for two numbers, else {@link #INCOMPARABLE}. */
  static int order(@Nullable Object a, @Nullable Object b) {
    int ka = kind(a);
    int kb = kind(b);
    if (isNumber(ka) && isNumber(kb)) {
      return compareNumbers(a, ka, b, kb);
    }
    return INCOMPARABLE;
  }

  /** Compares two numbers of the given kinds; -1, 0, 1 or {@link #INCOMPARABLE} (NaN). */
  static int compareNumbers(Object a, int ka, Object b, int kb) {
    if (ka > kb) {
      int c = compareNumbers(b, kb, a, ka);
      return c == INCOMPARABLE ? c : -c;
    }
    switch (ka) {
      case LONG:
        long x = ((Number) a).longValue();
        switch (kb) {
          case LONG:
            return Long.compare(x, ((Number) b).longValue());
          case DOUBLE:
            return compareLongDouble(x, ((Number) b).doubleValue());
          case BIG:
            if (b instanceof BigInteger && ((BigInteger) b).bitLength() < 64) {
              return Long.compare(x, ((BigInteger) b).longValue());
            }
            return BigDecimal.valueOf(x).compareTo(toBigDecimal(b));
          default:
            return -((DecimalLiteral) b).compareToLong(x);
        }
      case DOUBLE:
        double d = ((Number) a).doubleValue();
        switch (kb) {
          case DOUBLE:
            return compareDoubles(d, ((Number) b).doubleValue());
          case BIG:
            if (Double.isNaN(d)) {
              return INCOMPARABLE;
            }
            if (Double.isInfinite(d)) {
              return d > 0 ? 1 : -1;
            }
            return new BigDecimal(d).compareTo(toBigDecimal(b));
          default:
            // The decimal-literal rule: against a double, a literal means its nearest double.
            return compareDoubles(d, ((DecimalLiteral) b).nearest);
        }
      case BIG:
        BigDecimal big = toBigDecimal(a);
        return kb == BIG
            ? big.compareTo(toBigDecimal(b))
            : big.compareTo(((DecimalLiteral) b).exact);
      default:
        return ((DecimalLiteral) a).exact.compareTo(((DecimalLiteral) b).exact);
    }
  }

  private static BigDecimal toBigDecimal(Object big) {
    return big instanceof BigDecimal ? (BigDecimal) big : new BigDecimal((BigInteger) big);
  }

  /** Numeric comparison in which -0.0 equals 0.0 and NaN is incomparable. */
  static int compareDoubles(double a, double b) {
    if (a < b) {
      return -1;
    }
    if (a > b) {
      return 1;
    }
    return a == b ? 0 : INCOMPARABLE;
  }

  /**
   * Exact comparison of a long with a double, without the rounding of {@code (double) l}: above
   * 2^53 distinct longs share a double, so converting either way would lose the answer.
   */
  static int compareLongDouble(long l, double d) {
    if (Double.isNaN(d)) {
      return INCOMPARABLE;
    }
    if (d >= TWO_POW_63) {
      return -1;
    }
    if (d < -TWO_POW_63) {
      return 1;
    }
    // |d| < 2^63 here, so the cast truncates exactly, and d - t is exactly d's fraction.
    long t = (long) d;
    if (l != t) {
      return Long.compare(l, t);
    }
    double fraction = d - t;
    return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0);
  }

  /**
   * Whether a number's exact value is an integer within the range of {@code long}; such values
   * are the keys of {@link ValueSet}'s hash set. NaN and infinities are not.
   */
  static boolean hasLongKey(Object number, int kind) {
    switch (kind) {
      case LONG:
        return true;
      case DOUBLE:
        double d = ((Number) number).doubleValue();
        return d >= -TWO_POW_63 && d < TWO_POW_63 && d == (double) (long) d;
      case BIG:
        return bigLongKey(number) != null;
      default:
        return false;
    }
  }

  /** The key of a number for which {@link #hasLongKey} is true. */
  static long longKey(Object number, int kind) {
    switch (kind) {
      case LONG:
        return ((Number) number).longValue();
      case DOUBLE:
        return (long) ((Number) number).doubleValue();
      default:
        return bigLongKey(number).longValue();
    }
  }

  private static @Nullable BigInteger bigLongKey(Object big) {
    BigInteger integer;
    if (big instanceof BigInteger) {
      integer = (BigInteger) big;
    } else {
      BigDecimal decimal = (BigDecimal) big;
      if (decimal.signum() == 0) {
        return BigInteger.ZERO;
      }
      // Cheap rejection before stripTrailingZeros: more than 19 integer digits cannot fit a long.
      if (decimal.precision() - decimal.scale() > 19) {
        return null;
      }
      BigDecimal stripped = decimal.stripTrailingZeros();
      if (stripped.scale() > 0) {
        return null;
      }
      integer = stripped.toBigIntegerExact();
    }
    return integer.bitLength() < 64 ? integer : null;
  }
}

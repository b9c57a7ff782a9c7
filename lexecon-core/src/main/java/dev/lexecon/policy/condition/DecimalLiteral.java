package dev.lexecon.policy.condition;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A number literal written with a decimal point, such as {@code 0.1}, kept both as its exact
 * decimal value and as the nearest {@code double}.
 *
 * <p>Why two values: a condition author writing {@code args.rate == 0.1} means the number a JSON
 * parser reads from {@code 0.1}, and that is the double nearest to 0.1 when the input holds a
 * {@code Double}, but exactly 0.1 when it holds a {@code BigDecimal}. So against a {@code
 * Double}/{@code Float} operand the literal compares as its nearest double, and against every
 * other number exactly. Integer literals need no such rule: they are exact {@code Long}s (or
 * {@code BigInteger}s).
 *
 * <p>Only the parser creates these; they never reach a {@link ConditionInput}.
 */
final class DecimalLiteral {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  final String text;
  final BigDecimal exact;
  /** Correctly rounded by {@link Double#parseDouble}; may be infinite for huge literals. */
  final double nearest;
  /** Whether {@link #exact} is an integer within the range of {@code long}. */
  final boolean integral;
  /** Whether {@link #nearest} has exactly the value {@link #exact}. */
  final boolean doubleExact;
  /** {@code floor(exact)}, saturated; see {@link #floorRange}. */
  private final long floor;
  /** -1 if {@code floor(exact)} is below the range of {@code long}, +1 above, 0 within. */
  private final int floorRange;

  DecimalLiteral(String text) {
    this.text = text;
    this.exact = new BigDecimal(text);
    this.nearest = Double.parseDouble(text);
    this.doubleExact =
        !Double.isInfinite(nearest) && new BigDecimal(nearest).compareTo(exact) == 0;
    BigDecimal floorValue = exact.setScale(0, RoundingMode.FLOOR);
    if (floorValue.compareTo(LONG_MIN) < 0) {
      floorRange = -1;
      floor = Long.MIN_VALUE;
    } else if (floorValue.compareTo(LONG_MAX) > 0) {
      floorRange = 1;
      floor = Long.MAX_VALUE;
    } else {
      floorRange = 0;
      floor = floorValue.longValueExact();
    }
    this.integral = floorRange == 0 && floorValue.compareTo(exact) == 0;
  }

  /** The value when {@link #integral}. */
  long longValue() {
    return floor;
  }

  /** Returns the sign (-1, 0 or 1) of {@code this - value}, exactly and without allocating. */
  int compareToLong(long value) {
    if (integral) {
      return Long.compare(floor, value);
    }
    if (floorRange != 0) {
      return floorRange;
    }
    // Not an integer, so never equal; and it exceeds value exactly when its floor reaches value.
    return floor >= value ? 1 : -1;
  }

  @Override
  public String toString() {
    return text;
  }
}

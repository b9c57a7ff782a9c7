package dev.lexecon.json;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * Renders a finite double exactly as ECMA-262 {@code Number::toString(x)} (radix 10) does, which
 * is what RFC 8785 §3.2.2.3 prescribes for JSON numbers.
 *
 * <p>ECMA-262 asks for the shortest decimal that rounds back to the double, the closest such
 * decimal when several have that length, the even one on a tie; then it fixes where the decimal
 * point and the exponent go. The search for digits is delegated to the Schubfach algorithm that
 * ships in jackson-core (the same code as {@code Double.toString} since JDK 19, JDK-4511638),
 * because JDK 17's {@code Double.toString} is sometimes one digit too long or not the closest.
 * Schubfach follows Java's rule, not ECMA-262's, in one corner: when a one-digit decimal would
 * do, Java may pick a closer two-digit one ({@code 4.9E-324} where ECMA-262 says {@code 5e-324}).
 * {@link #decompose} corrects that case.
 *
 * <p>Stateless and thread-safe.
 */
final class Es6NumberFormat {
  /** Integers up to this magnitude are their own shortest rendering (the ulp is at most 1). */
  private static final double EXACT_INTEGER_LIMIT = 0x1p53;

  private Es6NumberFormat() {}

  /**
   * Returns the ECMA-262 rendering of {@code value}: {@code -0} becomes {@code 0}.
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  static String format(double value) {
    if (value == 0) {
      return "0"; // ECMA-262 Number::toString step 2: both zeros print as "0"
    }
    if (Math.abs(value) <= EXACT_INTEGER_LIMIT && value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    return decompose(value).toString();
  }

  /**
   * Returns the shortest decimal that ECMA-262 picks for a finite, non-zero {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is zero, NaN or infinite
   */
  static Decimal decompose(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      throw new IllegalArgumentException("Expected a finite non-zero double, got " + value);
    }
    double magnitude = Math.abs(value);
    // Java layout: "123.45", "0.001", "1.0E21", "4.9E-324"; at most 17 significant digits.
    String java = NumberOutput.toString(magnitude, true);
    long digits = 0;
    int digitCount = 0;
    int point = 0; // ECMA-262's n: the value is 0.<digits> x 10^point
    boolean afterPoint = false;
    int i = 0;
    for (; i < java.length(); i++) {
      char c = java.charAt(i);
      if (c == '.') {
        afterPoint = true;
        continue;
      }
      if (c == 'E') {
        break;
      }
      if (!afterPoint) {
        point++;
      }
      if (digits == 0 && c == '0') {
        point--; // a leading zero carries no significance, it only shifts the point
        continue;
      }
      digits = digits * 10 + (c - '0');
      digitCount++;
    }
    if (i < java.length()) {
      point += Integer.parseInt(java, i + 1, java.length(), 10);
    }
    while (digits % 10 == 0) {
      digits /= 10;
      digitCount--;
    }
    if (digitCount == 2) {
      return preferOneDigit(value < 0, magnitude, digits, point);
    }
    return new Decimal(value < 0, digits, digitCount, point);
  }

  /**
   * ECMA-262 wants the fewest digits even where Java settles for a closer two-digit decimal. The
   * only one-digit candidates are the two that bracket the two-digit one, {@code a} and
   * {@code a + 1} (scaled); take whichever rounds back to the double, the closer if both do.
   */
  private static Decimal preferOneDigit(
      boolean negative, double magnitude, long twoDigits, int point) {
    long low = twoDigits / 10;
    long high = low + 1;
    boolean lowRoundTrips = Double.parseDouble(low + "E" + (point - 1)) == magnitude;
    boolean highRoundTrips = Double.parseDouble(high + "E" + (point - 1)) == magnitude;
    boolean useHigh;
    if (lowRoundTrips && highRoundTrips) {
      BigDecimal midpoint = BigDecimal.valueOf(10 * low + 5, 2 - point);
      int side = new BigDecimal(magnitude).compareTo(midpoint);
      useHigh = side > 0 || (side == 0 && high % 2 == 0);
    } else if (lowRoundTrips || highRoundTrips) {
      useHigh = highRoundTrips;
    } else {
      return new Decimal(negative, twoDigits, 2, point);
    }
    if (!useHigh) {
      return new Decimal(negative, low, 1, point);
    }
    return high == 10 ? new Decimal(negative, 1, 1, point + 1) : new Decimal(negative, high, 1, point);
  }

  /**
   * A decimal {@code ±0.<digits> × 10^point} in ECMA-262's terms: {@code digits} is the integer
   * {@code s} with {@code digitCount} = {@code k} digits and no trailing zero, and {@code point}
   * is {@code n}.
   */
  record Decimal(boolean negative, long digits, int digitCount, int point) {

    /** The exact value this decimal denotes. */
    BigDecimal value() {
      return BigDecimal.valueOf(negative ? -digits : digits, digitCount - point);
    }

    /** The layout of ECMA-262 Number::toString, steps for n, k and s (ES2015 §7.1.12.1). */
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(25);
      if (negative) {
        out.append('-');
      }
      String s = Long.toString(digits);
      int k = digitCount;
      int n = point;
      if (k <= n && n <= 21) {
        out.append(s);
        out.append("0".repeat(n - k));
      } else if (0 < n && n <= 21) {
        out.append(s, 0, n).append('.').append(s, n, k);
      } else if (-6 < n && n <= 0) {
        out.append("0.").append("0".repeat(-n)).append(s);
      } else {
        int exponent = n - 1;
        out.append(s.charAt(0));
        if (k > 1) {
          out.append('.').append(s, 1, k);
        }
        out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
      }
      return out.toString();
    }
  }
}

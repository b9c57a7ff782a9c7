package dev.lexecon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checks the fast formatter against a slow one written straight from the words of ECMA-262
 * Number::toString with exact BigDecimal arithmetic, over doubles the vector file does not reach.
 */
@DisplayName("ECMAScript number formatting agrees with a brute-force reference")
class JcsNumberCrossCheckTest {
  private static final int SAMPLES = 20_000;

  @Test
  @DisplayName("the reference itself reproduces known ECMAScript renderings")
  void referenceIsSound() {
    assertThat(ReferenceFormat.format(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(ReferenceFormat.format(1e21)).isEqualTo("1e+21");
    assertThat(ReferenceFormat.format(-1.5e-7)).isEqualTo("-1.5e-7");
    assertThat(ReferenceFormat.format(0x1p60)).isEqualTo("1152921504606847000");
    assertThat(ReferenceFormat.format(0.000001)).isEqualTo("0.000001");
  }

  @Test
  @DisplayName("random bit patterns format like the reference")
  void randomBits() {
    SplittableRandom random = new SplittableRandom(8785);
    check(
        () -> {
          double d;
          do {
            d = Double.longBitsToDouble(random.nextLong());
          } while (!Double.isFinite(d));
          return d;
        });
  }

  @Test
  @DisplayName("short decimals across the whole exponent range format like the reference")
  void shortDecimals() {
    // One- and two-digit decimals hit the corner where Java's rule and ECMAScript's differ.
    SplittableRandom random = new SplittableRandom(7493);
    check(
        () -> {
          double d;
          do {
            d = Double.parseDouble(random.nextInt(1, 100) + "e" + random.nextInt(-325, 309));
          } while (!Double.isFinite(d));
          return d;
        });
  }

  @Test
  @DisplayName("subnormals and powers of two, where rounding intervals are lopsided, format like the reference")
  void subnormalsAndPowersOfTwo() {
    SplittableRandom random = new SplittableRandom(8259);
    check(() -> Double.longBitsToDouble(random.nextLong(1, 1L << 12)));
    check(() -> Double.longBitsToDouble(random.nextLong(1, 1L << 52)));
    for (int exponent = -1074; exponent <= 1023; exponent++) {
      double power = Math.scalb(1.0, exponent);
      expectSame(power);
      expectSame(Math.nextUp(power));
      expectSame(Math.nextDown(power));
    }
  }

  private static void check(DoubleSupplier values) {
    for (int i = 0; i < SAMPLES / 4; i++) {
      expectSame(values.getAsDouble());
    }
  }

  private static void expectSame(double value) {
    String expected = ReferenceFormat.format(value);
    String actual = Jcs.canonicalString(value);
    if (!expected.equals(actual)) {
      fail(
          "%s (bits %x) should be %s but was %s",
          Double.toString(value), Double.doubleToRawLongBits(value), expected, actual);
    }
  }

  /** ECMA-262 Number::toString by exhaustive search: slow, obviously right. */
  static final class ReferenceFormat {
    static String format(double value) {
      if (value == 0) {
        return "0";
      }
      double magnitude = Math.abs(value);
      BigDecimal exact = new BigDecimal(magnitude);
      for (int k = 1; k <= 17; k++) {
        BigDecimal below = exact.round(new MathContext(k, RoundingMode.FLOOR));
        BigDecimal above = exact.round(new MathContext(k, RoundingMode.CEILING));
        boolean belowOk = below.doubleValue() == magnitude;
        boolean aboveOk = above.doubleValue() == magnitude;
        if (!belowOk && !aboveOk) {
          continue;
        }
        BigDecimal chosen;
        if (belowOk && aboveOk) {
          int cmp = exact.subtract(below).compareTo(above.subtract(exact));
          boolean belowEven = !below.unscaledValue().testBit(0);
          chosen = cmp < 0 || (cmp == 0 && belowEven) ? below : above;
        } else {
          chosen = belowOk ? below : above;
        }
        return (value < 0 ? "-" : "") + layout(chosen.stripTrailingZeros());
      }
      throw new AssertionError("no decimal of 17 digits or fewer round-trips " + value);
    }

    private static String layout(BigDecimal decimal) {
      String s = decimal.unscaledValue().toString();
      int k = s.length();
      int n = k - decimal.scale();
      if (k <= n && n <= 21) {
        return s + "0".repeat(n - k);
      }
      if (0 < n && n <= 21) {
        return s.substring(0, n) + "." + s.substring(n);
      }
      if (-6 < n && n <= 0) {
        return "0." + "0".repeat(-n) + s;
      }
      int e = n - 1;
      String mantissa = k == 1 ? s : s.charAt(0) + "." + s.substring(1);
      return mantissa + "e" + (e < 0 ? "-" : "+") + Math.abs(e);
    }
  }
}

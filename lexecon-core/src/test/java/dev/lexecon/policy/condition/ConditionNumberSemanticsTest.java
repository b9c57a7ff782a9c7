package dev.lexecon.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checks the allocation-free number comparisons and the hashed membership index against slow,
 * obviously correct references: exact {@link BigDecimal} arithmetic, and comparing with every
 * element one by one.
 */
@DisplayName("Condition number semantics")
class ConditionNumberSemanticsTest {
  private final Random random = new Random(0x5EED_0F_4E11L);

  private static final Object[] EDGES = {
    0, 1, -1, 0L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
    1L << 53, (1L << 53) + 1, 1L << 60, (1L << 60) + 1, Integer.MAX_VALUE, (short) 7, (byte) -3,
    0.0, -0.0, 0.5, -0.5, 1.0, 0.1, 0x1p53, 0x1p60, 0x1p63, -0x1p63, 0x1p64, 9.223372036854775E18,
    1e300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY, Double.NaN, 0.1f, 1.5f, Float.NaN,
    new BigDecimal("0.1"), new BigDecimal("1.00"), new BigDecimal("-0.000"),
    new BigDecimal("9223372036854775807"), new BigDecimal("9223372036854775808"),
    new BigDecimal("-9223372036854775809"), new BigDecimal("1152921504606846977.0"),
    new BigDecimal("1E+30"), new BigDecimal("1E-30"), new BigDecimal("0.5"),
    BigInteger.ZERO, BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(63).negate(),
    BigInteger.TEN.pow(25), BigInteger.valueOf(Long.MAX_VALUE)
  };

  private static final String[] DECIMAL_TEXTS = {
    "0.1", "0.5", "1.0", "-0.0", "2.50", "9007199254740993.0", "1152921504606846977.0",
    "9223372036854775807.5", "9223372036854775808.0", "-9223372036854775809.0",
    "123456789012345678901234567890.25", "0.99999999999999999999", "-1.5"
  };

  @Test
  @DisplayName("Ordering of any two numbers equals exact BigDecimal comparison, NaN aside")
  void orderingIsExact() {
    List<Object> numbers = numbers(300);
    for (Object a : numbers) {
      for (Object b : numbers) {
        assertThat(Values.order(a, b))
            .as("%s (%s) vs %s (%s)", a, a.getClass().getSimpleName(), b, b.getClass().getSimpleName())
            .isEqualTo(reference(a, b));
      }
    }
  }

  @Test
  @DisplayName("A decimal literal compares as its nearest double against a Double and exactly against anything else")
  void decimalLiteralRule() {
    List<Object> numbers = numbers(200);
    for (String text : DECIMAL_TEXTS) {
      DecimalLiteral literal = new DecimalLiteral(text);
      for (Object other : numbers) {
        Object standIn =
            other instanceof Double || other instanceof Float
                ? (Object) Double.parseDouble(text)
                : new BigDecimal(text);
        assertThat(Values.order(literal, other)).as("%s vs %s", text, other).isEqualTo(reference(standIn, other));
        assertThat(Values.order(other, literal)).as("%s vs %s", other, text).isEqualTo(reference(other, standIn));
      }
      for (String otherText : DECIMAL_TEXTS) {
        assertThat(Values.order(literal, new DecimalLiteral(otherText)))
            .isEqualTo(Integer.signum(new BigDecimal(text).compareTo(new BigDecimal(otherText))));
      }
    }
  }

  @Test
  @DisplayName("Hashed membership answers exactly what comparing with every element answers")
  void membershipIndexMatchesScan() {
    List<Object> pool = new ArrayList<>(numbers(150));
    pool.removeIf(n -> n instanceof Double && !Double.isFinite((Double) n));
    pool.removeIf(n -> n instanceof Float && !Float.isFinite((Float) n));
    for (String text : DECIMAL_TEXTS) {
      pool.add(new DecimalLiteral(text));
    }
    pool.addAll(List.of("a", "b", "", "1", true, false));

    List<Object> probes = new ArrayList<>(pool);
    probes.addAll(List.of(Double.NaN, Float.NaN, Double.POSITIVE_INFINITY, new Object(), 'c'));
    for (int round = 0; round < 400; round++) {
      List<Object> elements = new ArrayList<>();
      for (int i = random.nextInt(12); i > 0; i--) {
        elements.add(pool.get(random.nextInt(pool.size())));
      }
      ValueSet set = new ValueSet(elements);
      for (Object probe : probes) {
        assertThat(set.contains(probe))
            .as("%s in %s", probe, elements)
            .isEqualTo(ValueSet.scan(probe, elements.toArray()));
      }
    }
  }

  @Test
  @DisplayName("The integer index holds thousands of keys, zero and the extremes included")
  void largeIntegerIndex() {
    List<Object> elements = new ArrayList<>();
    for (long k = -3000; k <= 3000; k += 3) {
      elements.add(k * 1_000_003L);
    }
    elements.add(Long.MIN_VALUE);
    elements.add(Long.MAX_VALUE);
    ValueSet set = new ValueSet(elements);
    for (long k = -3000; k <= 3000; k++) {
      assertThat(set.contains(k * 1_000_003L)).isEqualTo(Truth.of(k % 3 == 0));
    }
    assertThat(set.contains(0)).isEqualTo(Truth.TRUE);
    assertThat(set.contains(Long.MIN_VALUE)).isEqualTo(Truth.TRUE);
    assertThat(set.contains((double) Long.MIN_VALUE)).isEqualTo(Truth.TRUE);
    assertThat(set.contains(Long.MAX_VALUE)).isEqualTo(Truth.TRUE);
    assertThat(set.contains(0x1p63)).isEqualTo(Truth.FALSE);
    assertThat(set.contains("0")).isEqualTo(Truth.UNKNOWN);
  }

  private List<Object> numbers(int randomCount) {
    List<Object> numbers = new ArrayList<>(List.of(EDGES));
    for (int i = 0; i < randomCount; i++) {
      switch (random.nextInt(5)) {
        case 0:
          numbers.add(random.nextLong() >> random.nextInt(64));
          break;
        case 1:
          numbers.add(Double.longBitsToDouble(random.nextLong()));
          break;
        case 2:
          // Doubles next to large integers, where long/double conversion loses information.
          long base = random.nextLong() >> random.nextInt(12);
          numbers.add(Math.nextUp((double) base));
          numbers.add(base);
          break;
        case 3:
          numbers.add(BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(40) - 20));
          break;
        default:
          numbers.add(new BigInteger(70, random).subtract(BigInteger.ONE.shiftLeft(69)));
      }
    }
    return numbers;
  }

  /** Exact comparison through BigDecimal; infinities by sign; NaN incomparable. */
  private static int reference(Object a, Object b) {
    double da = ((Number) a).doubleValue();
    double db = ((Number) b).doubleValue();
    boolean floatingA = a instanceof Double || a instanceof Float;
    boolean floatingB = b instanceof Double || b instanceof Float;
    if ((floatingA && Double.isNaN(da)) || (floatingB && Double.isNaN(db))) {
      return Values.INCOMPARABLE;
    }
    int infinityA = floatingA && Double.isInfinite(da) ? (da > 0 ? 1 : -1) : 0;
    int infinityB = floatingB && Double.isInfinite(db) ? (db > 0 ? 1 : -1) : 0;
    if (infinityA != 0 || infinityB != 0) {
      return Integer.compare(infinityA, infinityB);
    }
    return Integer.signum(exact(a).compareTo(exact(b)));
  }

  private static BigDecimal exact(Object n) {
    if (n instanceof BigDecimal) {
      return (BigDecimal) n;
    }
    if (n instanceof BigInteger) {
      return new BigDecimal((BigInteger) n);
    }
    if (n instanceof Double || n instanceof Float) {
      return new BigDecimal(((Number) n).doubleValue());
    }
    return BigDecimal.valueOf(((Number) n).longValue());
  }
}

package dev.lexecon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Jcs numbers (RFC 8785 §3.2.2.3 and the numeric policy)")
class JcsNumbersTest {

  private static final long TWO_53 = 1L << 53;

  @ParameterizedTest(name = "{0} is written {1}")
  @DisplayName("doubles are written as ECMAScript's Number.prototype.toString writes them")
  @CsvSource({
    "0.0, 0",
    "-0.0, 0",
    "1, 1",
    "-1, -1",
    "0.1, 0.1",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "999999999999999900000, 999999999999999900000",
    "1e-6, 0.000001",
    "1e-7, 1e-7",
    "1.5e-7, 1.5e-7",
    "9.999999999999997e-7, 9.999999999999997e-7",
    "0.000001234, 0.000001234",
    "1.234e-7, 1.234e-7",
    "4.9e-324, 5e-324",
    "-4.9e-324, -5e-324",
    "1e-323, 1e-323",
    "1.5e-323, 1.5e-323",
    "4.35e-322, 4.35e-322",
    "2.2250738585072014e-308, 2.2250738585072014e-308",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "-1.5e300, -1.5e+300",
    "9007199254740992, 9007199254740992",
    "0x1p60, 1152921504606847000",
    "1.2345678901234568e20, 123456789012345680000",
    "333333333.33333329, 333333333.3333333",
    "123456.789, 123456.789",
    "2e-3, 0.002",
    "1e23, 1e+23",
    // JDK 17's Double.toString renders these one digit too long or not closest (JDK-4511638).
    "2.82879384806159e17, 282879384806159000",
    "1.9400994884341945e25, 1.9400994884341945e+25",
  })
  void doubles(String javaLiteral, String expected) {
    assertThat(Jcs.canonicalString(Double.parseDouble(javaLiteral))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("NaN and the infinities are refused with their path")
  @MethodSource("nonFinite")
  void nonFiniteNumbersAreRefused(Number number) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(Map.of("payload", Map.of("amount", number))))
        .withMessageContaining("$.payload.amount")
        .withMessageContaining(number.toString())
        .withMessageContaining("NaN or Infinity");
  }

  static Stream<Number> nonFinite() {
    return Stream.of(
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Float.NaN,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY);
  }

  @ParameterizedTest(name = "{0} ({1}) is written {2}")
  @DisplayName("integers within ±2^53 are written exactly")
  @MethodSource("safeIntegers")
  void safeIntegers(Number number, String type, String expected) {
    assertThat(Jcs.canonicalString(number)).isEqualTo(expected);
  }

  static Stream<Arguments> safeIntegers() {
    return Stream.of(
        Arguments.of(TWO_53, "Long", "9007199254740992"),
        Arguments.of(-TWO_53, "Long", "-9007199254740992"),
        Arguments.of(TWO_53 - 1, "Long", "9007199254740991"),
        Arguments.of(BigInteger.valueOf(TWO_53), "BigInteger", "9007199254740992"),
        Arguments.of(BigInteger.valueOf(-TWO_53), "BigInteger", "-9007199254740992"),
        Arguments.of(Integer.MAX_VALUE, "Integer", "2147483647"),
        Arguments.of(Integer.MIN_VALUE, "Integer", "-2147483648"),
        Arguments.of(Short.MIN_VALUE, "Short", "-32768"),
        Arguments.of(Byte.MAX_VALUE, "Byte", "127"),
        Arguments.of(0L, "Long", "0"),
        Arguments.of(BigInteger.ZERO, "BigInteger", "0"));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @DisplayName("integers beyond ±2^53 are refused with path, value and the advice to send a string")
  @MethodSource("unsafeIntegers")
  void unsafeIntegers(Number number, String type) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(Map.of("payload", Map.of("amount", number))))
        .withMessageContaining("$.payload.amount")
        .withMessageContaining("(" + number + ")")
        .withMessageContaining("as a string");
  }

  static Stream<Arguments> unsafeIntegers() {
    return Stream.of(
        Arguments.of(TWO_53 + 1, "Long"),
        Arguments.of(-TWO_53 - 1, "Long"),
        Arguments.of(TWO_53 + 2, "Long, although a double holds it"),
        Arguments.of(Long.MAX_VALUE, "Long"),
        Arguments.of(Long.MIN_VALUE, "Long"),
        Arguments.of(BigInteger.valueOf(TWO_53 + 1), "BigInteger"),
        Arguments.of(BigInteger.TWO.pow(64), "BigInteger"),
        Arguments.of(BigInteger.TWO.pow(64).negate(), "BigInteger"));
  }

  @ParameterizedTest(name = "{0} is written {1}")
  @DisplayName("a BigDecimal equal to the rendering of its nearest double is written as that rendering")
  @CsvSource({
    "0.1, 0.1",
    "4.50, 4.5",
    "56.0, 56",
    "-0.0, 0",
    "0E+10, 0",
    "2e-3, 0.002",
    "1E30, 1e+30",
    "0.000000000000000000000000001, 1e-27",
    "333333333.3333333, 333333333.3333333",
    "9007199254740992.000, 9007199254740992",
    "1152921504606847000, 1152921504606847000",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "5e-324, 5e-324",
  })
  void exactDecimals(String decimal, String expected) {
    assertThat(Jcs.canonicalString(new BigDecimal(decimal))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a BigDecimal a double cannot carry is refused with path and exact value")
  @CsvSource({
    "0.10000000000000000001, 0.10000000000000000001",
    "333333333.33333329, 333333333.33333329",
    "9007199254740993.0, 9007199254740993",
    "1152921504606846976, 1152921504606846976",
    "4.9e-324, 4.9E-324",
    "1E+400, 1E+400",
    "1E-400, 1E-400",
    "-1E-400, -1E-400",
  })
  void inexactDecimals(String decimal, String quoted) {
    BigDecimal value = new BigDecimal(decimal);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(List.of(Map.of("amount", value))))
        .withMessageContaining("$[0].amount")
        .withMessageContaining("(" + quoted + ")")
        .withMessageContaining("Jcs.normalizeNumbers");
  }

  @Test
  @DisplayName("a Float is written as the double of exactly its value")
  void floatsWidenExactly() {
    assertThat(Jcs.canonicalString(0.1f)).isEqualTo("0.10000000149011612");
    assertThat(Jcs.canonicalString(1.5f)).isEqualTo("1.5");
    assertThat(Jcs.canonicalString(-0.0f)).isEqualTo("0");
    assertThat(Jcs.canonicalString(Float.MIN_VALUE)).isEqualTo("1.401298464324817e-45");
    assertThat(Jcs.canonicalString(16777217f)).isEqualTo("16777216");
  }

  @Test
  @DisplayName("equal values of different Java number types give equal bytes")
  void typeDoesNotChangeTheBytes() {
    List<Number> sevens =
        List.of(
            7, 7L, (short) 7, (byte) 7, 7.0, 7.0f, BigInteger.valueOf(7), new BigDecimal("7.000"));

    assertThat(sevens).extracting(Jcs::canonicalString).containsOnly("7");
  }

  @Test
  @DisplayName("other Number types such as AtomicLong are refused as unsupported, with path")
  void otherNumberTypes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(Map.of("n", new java.util.concurrent.atomic.AtomicLong(1))))
        .withMessageContaining("$.n")
        .withMessageContaining("java.util.concurrent.atomic.AtomicLong");
  }
}

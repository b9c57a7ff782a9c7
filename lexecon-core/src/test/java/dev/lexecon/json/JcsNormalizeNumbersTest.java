package dev.lexecon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Jcs.normalizeNumbers turns numbers a double cannot carry into exact strings")
class JcsNormalizeNumbersTest {

  @ParameterizedTest(name = "{0} becomes \"{1}\"")
  @DisplayName("inexact decimals become their exact value without trailing zeros")
  @CsvSource({
    "0.10000000000000000001, 0.10000000000000000001",
    "0.100000000000000000010, 0.10000000000000000001",
    "333333333.33333329, 333333333.33333329",
    "9007199254740993.0, 9007199254740993",
    "1E+5000, 1E+5000",
    "-1.5E-1001, -1.5E-1001",
  })
  void decimals(String decimal, String expected) {
    assertThat(Jcs.normalizeNumbers(new BigDecimal(decimal))).isEqualTo(expected);
  }

  @Test
  @DisplayName("tiny decimals are spelled out in full; beyond exponent ±1000 scientific notation bounds the size")
  void plainUpToAThousandDigits() {
    assertThat(Jcs.normalizeNumbers(new BigDecimal("1E-400"))).isEqualTo("0." + "0".repeat(399) + "1");
    assertThat(Jcs.normalizeNumbers(new BigDecimal("1E+1000"))).isEqualTo("1" + "0".repeat(1000));
    assertThat(Jcs.normalizeNumbers(new BigDecimal("1E+1001"))).isEqualTo("1E+1001");
  }

  @Test
  @DisplayName("decimals equal to their double rendering stay numbers, the same instances")
  void representableDecimalsStay() {
    BigDecimal oneTenth = new BigDecimal("0.1");
    BigDecimal big = new BigDecimal("1E+25");

    assertThat(Jcs.normalizeNumbers(oneTenth)).isSameAs(oneTenth);
    assertThat(Jcs.normalizeNumbers(big)).isSameAs(big);
    assertThat(Jcs.canonicalString(Jcs.normalizeNumbers(big))).isEqualTo("1e+25");
  }

  @Test
  @DisplayName("integers beyond ±2^53 become their decimal strings; those within stay the same instances")
  void integers() {
    Long safe = 1L << 53;
    Long unsafe = (1L << 53) + 1;
    BigInteger huge = BigInteger.TEN.pow(30).negate();

    assertThat(Jcs.normalizeNumbers(safe)).isSameAs(safe);
    assertThat(Jcs.normalizeNumbers(unsafe)).isEqualTo("9007199254740993");
    assertThat(Jcs.normalizeNumbers(huge)).isEqualTo("-1000000000000000000000000000000");
    assertThat(Jcs.normalizeNumbers(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
  }

  @Test
  @DisplayName("doubles, floats and other values are kept as they are")
  void othersUntouched() {
    Double tenth = 0.1;
    Float f = 0.1f;
    assertThat(Jcs.normalizeNumbers(tenth)).isSameAs(tenth);
    assertThat(Jcs.normalizeNumbers(f)).isSameAs(f);
    assertThat(Jcs.normalizeNumbers("s")).isEqualTo("s");
    assertThat(Jcs.normalizeNumbers(true)).isEqualTo(true);
    assertThat(Jcs.normalizeNumbers(null)).isNull();
  }

  @Test
  @DisplayName("nested models are copied in order, the input is not modified, and the copy canonicalizes")
  void nestedCopy() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", 12345678901234567L);
    payload.put("amount", new BigDecimal("0.10000000000000000001"));
    payload.put("fee", new BigDecimal("0.25"));
    List<Object> items = new ArrayList<>(List.of(1, new BigInteger("99999999999999999999")));
    payload.put("items", items);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("payload", payload);
    String before = json.toString();

    Object normalized = Jcs.normalizeNumbers(json);

    assertThat(json.toString()).isEqualTo(before);
    assertThat(normalized).isNotSameAs(json).isInstanceOf(LinkedHashMap.class);
    assertThat(new ArrayList<Object>(((Map<?, ?>) ((Map<?, ?>) normalized).get("payload")).keySet()))
        .containsExactly("id", "amount", "fee", "items");
    assertThat(Jcs.canonicalString(normalized))
        .isEqualTo(
            "{\"payload\":{\"amount\":\"0.10000000000000000001\",\"fee\":0.25,"
                + "\"id\":\"12345678901234567\",\"items\":[1,\"99999999999999999999\"]}}");
    assertThat(Jcs.normalizeNumbers(normalized)).isEqualTo(normalized);
  }

  @Test
  @DisplayName("equal values written with different scales normalize to the same bytes")
  void deterministic() {
    Object a = Jcs.normalizeNumbers(List.of(new BigDecimal("1.000000000000000000001")));
    Object b = Jcs.normalizeNumbers(List.of(new BigDecimal("1.00000000000000000000100")));

    assertThat(Jcs.sha256Hex(a)).isEqualTo(Jcs.sha256Hex(b));
  }

  @Test
  @DisplayName("NaN, unsupported types and non-string keys are still refused with their path")
  void stillRefuses() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.normalizeNumbers(Map.of("a", List.of(Double.NaN))))
        .withMessageContaining("$.a[0]");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.normalizeNumbers(Map.of("a", new Object())))
        .withMessageContaining("$.a")
        .withMessageContaining("java.lang.Object");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.normalizeNumbers(List.of(Map.of(1, 2))))
        .withMessageContaining("Object at $[0]");
  }
}

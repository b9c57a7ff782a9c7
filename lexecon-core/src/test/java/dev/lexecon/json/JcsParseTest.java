package dev.lexecon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Jcs.parse reads JSON text strictly into the plain-Java model")
class JcsParseTest {

  @Test
  @DisplayName("objects keep document order in a LinkedHashMap, arrays become ArrayLists")
  void containers() {
    Object parsed = Jcs.parse("{\"z\":[1,\"two\",true,false,null],\"a\":{}}");

    assertThat(parsed).isInstanceOf(LinkedHashMap.class);
    Map<?, ?> object = (Map<?, ?>) parsed;
    assertThat(new ArrayList<Object>(object.keySet())).containsExactly("z", "a");
    assertThat(object.get("z"))
        .isInstanceOf(ArrayList.class)
        .isEqualTo(java.util.Arrays.asList(1L, "two", true, false, null));
    assertThat(object.get("a")).isEqualTo(Map.of());
  }

  @ParameterizedTest(name = "{0} is a {1}")
  @DisplayName("numbers stay exact: Long when they fit, else BigInteger; BigDecimal for fractions and exponents")
  @CsvSource({
    "0, java.lang.Long",
    "-0, java.lang.Long",
    "9223372036854775807, java.lang.Long",
    "-9223372036854775808, java.lang.Long",
    "9223372036854775808, java.math.BigInteger",
    "-9223372036854775809, java.math.BigInteger",
    "1.0, java.math.BigDecimal",
    "1e2, java.math.BigDecimal",
    "-0.0, java.math.BigDecimal",
    "0.10000000000000000001, java.math.BigDecimal",
  })
  void numberTypes(String text, String type) throws Exception {
    Object parsed = Jcs.parse(text);

    assertThat(parsed).isInstanceOf(Class.forName(type));
    assertThat(new BigDecimal(parsed.toString())).isEqualByComparingTo(new BigDecimal(text));
  }

  @Test
  @DisplayName("a large integer is a BigInteger with every digit")
  void bigInteger() {
    assertThat(Jcs.parse("123456789012345678901234567890"))
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  @DisplayName("a duplicate member name is refused with the object's path and the position")
  void duplicateKeys() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse("{\"a\":1,\"b\":[{\"c\":1,\n\"c\":2}]}"))
        .withMessageContaining("$.b[0]")
        .withMessageContaining("line 2")
        .withMessageContaining("unique");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse("{\"a\":null,\"a\":null}"))
        .withMessageContaining("JSON object at $ ");
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("content after the value is refused")
  @ValueSource(strings = {"{} {}", "1 2", "[] x", "null,", "\"a\"\"b\""})
  void trailingContent(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> Jcs.parse(text));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("malformed or lenient JSON is refused")
  @ValueSource(
      strings = {
        "",
        "   ",
        "{\"a\":}",
        "[1,]",
        "{\"a\":1,}",
        "NaN",
        "Infinity",
        "01",
        "+1",
        ".5",
        "'a'",
        "{a:1}",
        "[1] // comment",
        "/* c */ 1",
        "\"tab\tinside\"",
        "[",
      })
  void malformed(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> Jcs.parse(text));
  }

  @Test
  @DisplayName("syntax errors report line and column")
  void syntaxErrorPosition() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse("{\n  \"a\": tru\n}"))
        .withMessageStartingWith("Invalid JSON at line 2, column");
  }

  @Test
  @DisplayName("escaped lone surrogates are refused with path; escaped pairs are accepted")
  void surrogateEscapes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse("{\"a\":[\"ok\",\"\\ud800\"]}"))
        .withMessageContaining("string at $.a[1]")
        .withMessageContaining("lone surrogate");
    // Jackson itself refuses a lone surrogate in a member name; our check covers it otherwise.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse("{\"x\":{\"\\udc00\":1}}"))
        .withMessageContaining("line 1")
        .withMessageContaining("surrogate");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse("{\"x\":{\"\\ud800\":1}}"))
        .withMessageContaining("line 1")
        .withMessageContaining("surrogate");
    assertThat(Jcs.parse("\"\\ud83d\\ude02\"")).isEqualTo("\uD83D\uDE02");
  }

  @Test
  @DisplayName("bytes must be UTF-8: malformed sequences, encoded surrogates, a BOM and UTF-16 are refused")
  void utf8Only() {
    assertThat(Jcs.parse("\"péché\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("péché");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse(new byte[] {'"', (byte) 0xc3, '(', '"'}))
        .withMessageContaining("not valid UTF-8")
        .withMessageContaining("offset 1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}))
        .withMessageContaining("not valid UTF-8");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '1'}));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse("[1]".getBytes(StandardCharsets.UTF_16BE)));
  }

  @Test
  @DisplayName("1,000 levels of nesting parse; 1,001 are refused")
  void nestingLimit() {
    assertThat(Jcs.parse("[".repeat(1000) + "]".repeat(1000))).isInstanceOf(List.class);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.parse("[".repeat(1001) + "]".repeat(1001)))
        .withMessageContaining("1000");
  }

  @Test
  @DisplayName("parsing canonical text and canonicalizing again gives the same bytes")
  void roundTrip() {
    String canonical =
        "{\"\":\"empty\",\"a\":[1,-2.5,1e+30,true,null],\"b\":{\"\u20ac\":\"\\u000f\\n\"}}";

    assertThat(Jcs.canonicalString(Jcs.parse(canonical))).isEqualTo(canonical);
    assertThat(Jcs.canonicalize(Jcs.parse(canonical.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(canonical.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("negative zero in text is written 0")
  void negativeZero() {
    assertThat(Jcs.canonicalString(Jcs.parse("[-0, -0.0, -0e5]"))).isEqualTo("[0,0,0]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"100000000000000000000", "-100000000000000000000", "123456789012345680",
      "9007199254740994", "18014398509481984", "295147905179352830000"})
  @DisplayName("an integer beyond 2^53 that is how JCS writes a double reads back as that double and canonicalizes to itself")
  void largeIntegerThatADoubleSpells(String text) {
    Object parsed = Jcs.parse(text);
    assertThat(parsed).isInstanceOf(Double.class).isEqualTo(Double.parseDouble(text));
    assertThat(Jcs.canonicalString(parsed)).isEqualTo(text);
    assertThat(Jcs.canonicalString(Jcs.parse("{\"v\":[" + text + "]}"))).isEqualTo("{\"v\":[" + text + "]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9007199254740993", "1152921504606846976", "123456789012345678",
      "123456789012345678901234567890"})
  @DisplayName("any other integer beyond 2^53 stays exact, and canonicalize refuses it as before")
  void largeIntegerNoDoubleSpells(String text) {
    Object parsed = Jcs.parse(text);
    assertThat(parsed).isInstanceOfAny(Long.class, BigInteger.class);
    assertThat(new BigDecimal(parsed.toString())).isEqualByComparingTo(new BigDecimal(text));
    assertThatIllegalArgumentException().isThrownBy(() -> Jcs.canonicalize(parsed));
    assertThat(Jcs.canonicalString(Jcs.normalizeNumbers(parsed))).isEqualTo("\"" + text + "\"");
  }

  @Test
  @DisplayName("2^53 itself and smaller integers stay Longs")
  void safeIntegersStayLongs() {
    assertThat(Jcs.parse("9007199254740992")).isEqualTo(9007199254740992L);
    assertThat(Jcs.parse("-9007199254740992")).isEqualTo(-9007199254740992L);
    assertThat(Jcs.parse("42")).isEqualTo(42L);
  }
}

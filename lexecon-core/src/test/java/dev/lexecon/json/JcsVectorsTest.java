package dev.lexecon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

import dev.lexecon.testing.SharedVectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reproduces the reference vectors of RFC 8785's co-author (cyberphone/json-canonicalization),
 * read from {@code shared/testdata/vectors/jcs} at run time.
 */
@DisplayName("JCS conformance vectors (cyberphone/json-canonicalization)")
class JcsVectorsTest {

  @TestFactory
  @DisplayName("each input_*.json, read the way ECMAScript reads numbers, canonicalizes to output_*.json and outhex_*.txt")
  Stream<DynamicTest> inputsCanonicalizeToOutputs() throws IOException {
    return vectorNames()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      byte[] expected = expectedOutput(name);
                      Object model = Jcs.parse(Files.readAllBytes(input(name)));

                      byte[] actual = Jcs.canonicalize(asEcmaScriptNumbers(model));

                      assertThat(actual).isEqualTo(expected);
                      assertThat(HexFormat.of().formatHex(actual)).isEqualTo(expectedHex(name));
                    }));
  }

  @TestFactory
  @DisplayName("each input_*.json read exactly canonicalizes to its output, except the one number a double cannot carry")
  Stream<DynamicTest> exactReadingMatchesOrRefuses() throws IOException {
    return vectorNames()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      Object model = Jcs.parse(Files.readAllBytes(input(name)));
                      if (name.equals("values")) {
                        // RFC 8785 §3.2.2.3 rounds 333333333.33333329 to 333333333.3333333; our
                        // numeric policy refuses to round silently and names the number.
                        assertThatIllegalArgumentException()
                            .isThrownBy(() -> Jcs.canonicalize(model))
                            .withMessageContaining("$.numbers[0]")
                            .withMessageContaining("333333333.33333329");
                      } else {
                        assertThat(Jcs.canonicalize(model)).isEqualTo(expectedOutput(name));
                      }
                    }));
  }

  @TestFactory
  @DisplayName("each output_*.json is already canonical: parsing and canonicalizing it changes no byte")
  Stream<DynamicTest> outputsAreFixedPoints() throws IOException {
    return vectorNames()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      byte[] expected = expectedOutput(name);
                      Object model = asEcmaScriptNumbers(Jcs.parse(expected));

                      assertThat(Jcs.canonicalize(model)).isEqualTo(expected);
                      assertThat(Jcs.canonicalString(model))
                          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
                    }));
  }

  @Test
  @DisplayName("all 10,000 lines of es6_numbers_first10000.txt format exactly as ECMAScript does")
  void es6NumberFile() throws IOException {
    Path file = SharedVectors.require("jcs/es6_numbers_first10000.txt");
    int lineNumber = 0;
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        int comma = line.indexOf(',');
        String hexBits = line.substring(0, comma);
        String expected = line.substring(comma + 1);
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(hexBits, 16));

        String actual = Jcs.canonicalString(value);

        if (!actual.equals(expected)) {
          fail(
              "line %d: bits %s (%s) should be %s but was %s",
              lineNumber, hexBits, Double.toString(value), expected, actual);
        }
      }
    }
    assertThat(lineNumber).as("lines read").isEqualTo(10_000);
  }

  private static Stream<String> vectorNames() throws IOException {
    Path folder = SharedVectors.require("jcs");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      files
          .map(file -> file.getFileName().toString())
          .filter(file -> file.startsWith("input_") && file.endsWith(".json"))
          .map(file -> file.substring("input_".length(), file.length() - ".json".length()))
          .sorted()
          .forEach(names::add);
    }
    assertThat(names).as("input_*.json files in %s", folder).isNotEmpty();
    return names.stream();
  }

  private static Path input(String name) {
    return SharedVectors.require("jcs/input_" + name + ".json");
  }

  private static byte[] expectedOutput(String name) throws IOException {
    return Files.readAllBytes(SharedVectors.require("jcs/output_" + name + ".json"));
  }

  private static String expectedHex(String name) throws IOException {
    String text = Files.readString(SharedVectors.require("jcs/outhex_" + name + ".txt"));
    return text.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The vectors assume an ECMAScript reader, whose JSON.parse rounds every number to a double
   * before canonicalization; our parser keeps numbers exact, so the test does that rounding.
   */
  private static Object asEcmaScriptNumbers(Object value) {
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Map<?, ?> object) {
      Map<String, Object> copy = new LinkedHashMap<>();
      object.forEach((key, member) -> copy.put((String) key, asEcmaScriptNumbers(member)));
      return copy;
    }
    if (value instanceof List<?> array) {
      List<Object> copy = new ArrayList<>();
      array.forEach(element -> copy.add(asEcmaScriptNumbers(element)));
      return copy;
    }
    return value;
  }
}

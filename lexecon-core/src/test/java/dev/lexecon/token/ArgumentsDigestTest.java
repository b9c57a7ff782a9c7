package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.json.Jcs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The argument digest against its definition, {@code sha256Hex(canonicalize(normalizeNumbers(a)))}
 * (docs/token-format.md §2), on generated arguments with every kind of number, including the ones
 * JCS refuses and {@code normalizeNumbers} turns into strings, and with values JSON cannot express.
 */
@DisplayName("ArgumentsDigest")
class ArgumentsDigestTest {
  private final Random random = new Random(5);

  private @Nullable Object value(int depth, boolean invalid) {
    int kinds = depth > 3 ? 6 : 8;
    switch (random.nextInt(kinds + (invalid ? 1 : 0))) {
      case 0:
        return random.nextBoolean() ? "caf\u00e9" : "a\"b\\c\n";
      case 1:
        return switch (random.nextInt(4)) {
          case 0 -> random.nextInt();
          case 1 -> random.nextLong(); // often beyond 2^53: normalized into a string
          case 2 -> (long) (1L << 53);
          default -> (short) 7;
        };
      case 2:
        return switch (random.nextInt(4)) {
          case 0 -> random.nextDouble() * 1e6;
          case 1 -> 0.1f;
          case 2 -> -0.0;
          default -> 1e21;
        };
      case 3:
        String[] decimals = {"1250.50", "0.1", "0.10000000000000000001", "1E+30", "56.0", "1E+5000", "9007199254740993.0"};
        return new BigDecimal(decimals[random.nextInt(decimals.length)]);
      case 4:
        return random.nextBoolean() ? BigInteger.TWO.pow(60) : BigInteger.valueOf(12);
      case 5:
        return random.nextBoolean() ? null : random.nextBoolean();
      case 6:
        Map<String, @Nullable Object> m = random.nextBoolean() ? new LinkedHashMap<>() : new TreeMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          m.put("k" + random.nextInt(10), value(depth + 1, invalid));
        }
        return m;
      case 7:
        List<@Nullable Object> l = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          l.add(value(depth + 1, invalid));
        }
        return l;
      default:
        return switch (random.nextInt(3)) {
          case 0 -> Double.NaN;
          case 1 -> Instant.EPOCH;
          default -> "lone \ud800";
        };
    }
  }

  private Map<String, @Nullable Object> arguments(boolean invalid) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    for (int i = random.nextInt(6); i > 0; i--) {
      m.put("arg" + random.nextInt(8), value(0, invalid && random.nextInt(3) == 0));
    }
    return m;
  }

  /** The definition, or the message it fails with. */
  private static String reference(Map<String, ?> arguments) {
    try {
      return Jcs.sha256Hex(Jcs.normalizeNumbers(arguments));
    } catch (IllegalArgumentException e) {
      return "failed: " + e.getMessage();
    }
  }

  private static String actual(Map<String, ?> arguments) {
    try {
      String hex = TokenVerifier.argumentsDigest(arguments);
      assertThat(ArgumentsDigest.matches(hex, ArgumentsDigest.digest(arguments))).isTrue();
      return hex;
    } catch (IllegalArgumentException e) {
      return "failed: " + e.getMessage();
    }
  }

  @Test
  @DisplayName("equals the definition, digest or error message, on 30,000 generated argument maps")
  void sameAsDefinition() {
    int failures = 0;
    for (int i = 0; i < 30_000; i++) {
      Map<String, @Nullable Object> arguments = arguments(i % 3 == 0);
      String expected = reference(arguments);
      assertThat(actual(arguments)).as("%s", arguments).isEqualTo(expected);
      if (expected.startsWith("failed")) {
        failures++;
      }
    }
    assertThat(failures).isBetween(100, 20_000);
  }

  @Test
  @DisplayName("gives the published digest of no arguments and compares hex without building it")
  void emptyAndMatching() {
    String empty = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    assertThat(ArgumentsDigest.hex(Map.of())).isEqualTo(empty);
    byte[] digest = HexFormat.of().parseHex(empty);
    assertThat(ArgumentsDigest.matches(empty, digest)).isTrue();
    assertThat(ArgumentsDigest.matches(empty.toUpperCase(java.util.Locale.ROOT), digest)).isFalse();
    assertThat(ArgumentsDigest.matches(empty.substring(1) + "0", digest)).isFalse();
    assertThat(ArgumentsDigest.matches(empty.substring(2), digest)).isFalse();
    assertThat(ArgumentsDigest.matches("4" + "\u0664" + empty.substring(2), digest)).isFalse(); // Arabic-Indic 4
  }
}

package dev.lexecon.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seeded random conditions and inputs. Compilation may only fail with {@link
 * ConditionSyntaxException}; evaluation may not fail at all, whatever values the input holds; and
 * the boolean operators obey the Kleene tables. A failure prints the source, so it can be added to
 * the tables as a regression case.
 */
@DisplayName("Condition fuzzing")
class ConditionFuzzTest {
  private static final long SEED = 0x1E7EC0DEL;

  private static final String[] FRAGMENTS = {
    "a", "b.c", "args.url", "context.risk_level", "s", "n", "missing", "eu_regions", "exists",
    "1", "-2", "0.5", "1.", "-", "99999999999999999999", "\"x\"", "'y'", "\"*\"", "\"a\\n\"",
    "\"\\u00e9\"", "\"\\q\"", "\"", "'", "\\", "true", "false", "null", "(", ")", "[", "]", ",",
    "==", "!=", "<", "<=", ">", ">=", "&&", "||", "&", "|", "=", "!", "and", "or", "not", "in",
    "matches", ".", "#", "é", "\t", " "
  };

  private static final String[] PATHS = {
    "a", "b", "s", "n", "missing", "args.url", "args.amount", "args.tools", "args.nested.x",
    "context.region", "context.human_confirmed", "context.risk_level"
  };

  private static final String[] LITERALS = {
    "1", "-2", "0", "0.1", "2.5", "-0.0", "1152921504606846977", "99999999999999999999",
    "\"a\"", "'b'", "\"\"", "\"EU\"", "true", "false", "[1, \"a\", true]", "[]", "[0.1, 2]",
    "[\"EU\", \"US\"]"
  };

  private static final String[] GLOBS = {
    "\"*\"", "\"a*\"", "\"*.example.com/*\"", "\"\"", "\"a?c\"", "\"*a*b*\"", "\"https://*\""
  };

  private static final String[] RIGHT_SIDES = {
    "eu_regions", "small_ints", "mixed_list", "ratios", "args.tools", "s", "missing",
    "[\"EU\", \"US\"]", "[1, 2.5, 99999999999999999999]", "[]", "[true]"
  };

  private final Random random = new Random(SEED);

  @Test
  @DisplayName("Random token soup compiles or fails with ConditionSyntaxException, and what compiles evaluates without throwing")
  void tokenSoup() {
    List<ConditionInput> inputs = randomInputs(30);
    int compiled = 0;
    for (int i = 0; i < 30_000; i++) {
      StringBuilder source = new StringBuilder();
      int length = random.nextInt(10);
      for (int j = 0; j < length; j++) {
        source.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        if (random.nextBoolean()) {
          source.append(' ');
        }
      }
      if (compileAndEvaluate(source.toString(), inputs)) {
        compiled++;
      }
    }
    // Guards the generator itself: it must reach the evaluator often enough to matter.
    assertThat(compiled).isGreaterThan(1_000);
  }

  @Test
  @DisplayName("Random characters compile or fail with ConditionSyntaxException")
  void randomCharacters() {
    String alphabet = "ab.1-_ \"'\\u0e9()[],=!<>&|*#\té\uD83D\uDE00";
    List<ConditionInput> inputs = randomInputs(5);
    for (int i = 0; i < 30_000; i++) {
      char[] chars = new char[random.nextInt(16)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = random.nextInt(50) == 0
            ? (char) random.nextInt(0x10000)
            : alphabet.charAt(random.nextInt(alphabet.length()));
      }
      compileAndEvaluate(new String(chars), inputs);
    }
  }

  @Test
  @DisplayName("Generated well-formed conditions evaluate without throwing, deterministically, and obey the Kleene tables")
  void generatedConditions() {
    List<ConditionInput> inputs = randomInputs(12);
    for (int i = 0; i < 3_000; i++) {
      String a = condition(3);
      String b = condition(2);
      Condition ca = compile(a);
      Condition cb = compile(b);
      Condition not = compile("!(" + a + ")");
      Condition and = compile("(" + a + ") && (" + b + ")");
      Condition or = compile("(" + a + ") or (" + b + ")");
      for (ConditionInput input : inputs) {
        Truth ta = evaluate(ca, input);
        Truth tb = evaluate(cb, input);
        assertThat(evaluate(ca, input)).as("deterministic: %s", a).isEqualTo(ta);
        assertThat(evaluate(not, input)).as(not.source()).isEqualTo(ta.not());
        assertThat(evaluate(and, input)).as(and.source()).isEqualTo(ta.and(tb));
        assertThat(evaluate(or, input)).as(or.source()).isEqualTo(ta.or(tb));
      }
    }
  }

  private boolean compileAndEvaluate(String source, List<ConditionInput> inputs) {
    Condition condition;
    try {
      condition = Condition.compile(source, ConditionFixtures.LISTS);
    } catch (ConditionSyntaxException e) {
      assertThat(e.column()).as(source).isBetween(0, source.length());
      assertThat(e.getMessage()).as(source).endsWith(" in \"" + source + "\"").contains("expected");
      return false;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("compile threw " + e + " for [" + source + "]", e);
    }
    for (ConditionInput input : inputs) {
      evaluate(condition, input);
    }
    return true;
  }

  private static Condition compile(String source) {
    try {
      return Condition.compile(source, ConditionFixtures.LISTS);
    } catch (ConditionSyntaxException e) {
      return fail("the generator produced a malformed condition: " + e.getMessage());
    }
  }

  private static Truth evaluate(Condition condition, ConditionInput input) {
    try {
      return condition.evaluate(input);
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("evaluate threw " + e + " for [" + condition + "]", e);
    }
  }

  private String condition(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return predicate();
    }
    switch (random.nextInt(7)) {
      case 0:
        return condition(depth - 1) + " && " + condition(depth - 1);
      case 1:
        return condition(depth - 1) + " || " + condition(depth - 1);
      case 2:
        return condition(depth - 1) + " and " + condition(depth - 1);
      case 3:
        return condition(depth - 1) + " or " + condition(depth - 1);
      case 4:
        return "!" + condition(depth - 1);
      case 5:
        return "not (" + condition(depth - 1) + ")";
      default:
        return "(" + condition(depth - 1) + ")";
    }
  }

  private String predicate() {
    switch (random.nextInt(8)) {
      case 0:
        return pick(PATHS);
      case 1:
        return "exists(" + pick(PATHS) + ")";
      case 2:
        return operand() + " " + pick(new String[] {"==", "!=", "<", "<=", ">", ">="}) + " " + operand();
      case 3:
        return operand() + " in " + pick(RIGHT_SIDES);
      case 4:
        return operand() + " not in " + pick(RIGHT_SIDES);
      case 5:
        return operand() + " matches " + pick(GLOBS);
      case 6:
        return pick(new String[] {"true", "false"});
      default:
        return pick(PATHS) + " == " + pick(LITERALS);
    }
  }

  private String operand() {
    return random.nextBoolean() ? pick(PATHS) : pick(LITERALS);
  }

  private String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private List<ConditionInput> randomInputs(int count) {
    List<ConditionInput> inputs = new ArrayList<>();
    inputs.add(ConditionFixtures.INPUT);
    inputs.add(ConditionInput.ofMap(Map.of()));
    inputs.add(path -> ConditionInput.ABSENT);
    inputs.add(path -> null);
    while (inputs.size() < count) {
      Map<String, Object> root = randomMap(3);
      Map<String, Object> args = randomMap(2);
      args.put("nested", randomMap(1));
      root.put("args", args);
      root.put("context", randomMap(1));
      inputs.add(ConditionInput.ofMap(root));
    }
    return inputs;
  }

  private Map<String, Object> randomMap(int depth) {
    Map<String, Object> map = new HashMap<>();
    for (String key : new String[] {"a", "b", "s", "n", "url", "amount", "tools", "x", "region",
        "human_confirmed", "risk_level", "c"}) {
      if (random.nextInt(4) != 0) {
        map.put(key, randomValue(depth));
      }
    }
    return map;
  }

  private Object randomValue(int depth) {
    int choice = random.nextInt(depth > 0 ? 24 : 21);
    switch (choice) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return pick(new String[] {"a", "b", "", "EU", "https://x.example.com/y", "*", "1", "a?c"});
      case 3:
        return random.nextInt(5) - 2;
      case 4:
        return pick(new Long[] {Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1, (1L << 60) + 1, 0L});
      case 5:
        return pick(new Double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            -0.0, 0.1, 0x1p60, 1e300, Double.MIN_VALUE, 9.223372036854775807E18});
      case 6:
        return random.nextDouble() * 10 - 5;
      case 7:
        return pick(new Float[] {Float.NaN, 0.1f, 2.5f, Float.MAX_VALUE});
      case 8:
        return pick(new BigDecimal[] {new BigDecimal("1E+400"), new BigDecimal("0.10"),
            new BigDecimal("-0"), new BigDecimal("1152921504606846977.000"), new BigDecimal("1E-400"),
            new BigDecimal("2.5")});
      case 9:
        return pick(new BigInteger[] {BigInteger.TEN.pow(30), BigInteger.ONE.shiftLeft(63),
            BigInteger.ONE.shiftLeft(63).negate(), BigInteger.ONE});
      case 10:
        return (short) 2;
      case 11:
        return (byte) -1;
      case 12:
        return new AtomicLong(1);
      case 13:
        return 'x';
      case 14:
        return new Object();
      case 15:
        return new StringBuilder("a");
      case 16:
        return Arrays.asList("a", null, 1, 0.1, true);
      case 17:
        return List.of();
      case 18:
        return new BigDecimal("0.1");
      case 19:
        return "search";
      case 20:
        return ConditionInput.ABSENT;
      case 21:
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(randomValue(depth - 1));
        }
        return list;
      case 22:
        return new java.util.LinkedList<>(Arrays.asList("EU", 1, null));
      default:
        return randomMap(depth - 1);
    }
  }

  private <T> T pick(T[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}

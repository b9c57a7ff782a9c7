package dev.lexecon.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The semantics table: each row is a condition and the {@link Truth} it must evaluate to against
 * {@link ConditionFixtures#INPUT} and {@link ConditionFixtures#LISTS}.
 */
@DisplayName("Condition evaluation")
class ConditionEvaluationTest {

  private static void check(String source, Truth expected) {
    Condition condition = Condition.compile(source, ConditionFixtures.LISTS);
    assertThat(condition.evaluate(ConditionFixtures.INPUT)).as(source).isEqualTo(expected);
  }

  @DisplayName("A bare path is a flag: true only for boolean true; absent, null and false are false; other types unknown")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          t                         => TRUE
          f                         => FALSE
          n                         => FALSE
          missing                   => FALSE
          context.cleared           => FALSE
          context.nothing.deeper    => FALSE
          s.deeper                  => FALSE
          s                         => UNKNOWN
          i1                        => UNKNOWN
          tags                      => UNKNOWN
          context.human_confirmed   => TRUE
          true                      => TRUE
          false                     => FALSE
          """)
  void flags(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("exists(path) is true for any present non-null value and never unknown")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          exists(s)                 => TRUE
          exists(f)                 => TRUE
          exists(no_tags)           => TRUE
          exists(args.url)          => TRUE
          exists(n)                 => FALSE
          exists(context.cleared)   => FALSE
          exists(missing)           => FALSE
          exists(s.deeper)          => FALSE
          !exists(missing)          => TRUE
          """)
  void exists(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("== and != compare strings exactly and booleans, and never coerce between types")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          s == "hello"              => TRUE
          s == 'hello'              => TRUE
          "hello" == s              => TRUE
          s != "hello"              => FALSE
          s == "Hello"              => FALSE
          s != "Hello"              => TRUE
          empty == ""               => TRUE
          "a\\tb" == 'a\\u0009b'      => TRUE
          "it's" == 'it\\'s'         => TRUE
          t == true                 => TRUE
          f == false                => TRUE
          t != false                => TRUE
          t == f                    => FALSE
          t == 1                    => UNKNOWN
          str1 == 1                 => UNKNOWN
          str1 != 1                 => UNKNOWN
          i1 == "1"                 => UNKNOWN
          s == tags                 => UNKNOWN
          tags == tags              => UNKNOWN
          obj == obj                => UNKNOWN
          s == missing              => UNKNOWN
          missing == missing        => UNKNOWN
          n == n                    => UNKNOWN
          n != 1                    => UNKNOWN
          context.cleared == false  => UNKNOWN
          """)
  void equality(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("Numbers compare by exact value whatever their Java type")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          i1 == 1                           => TRUE
          i1 == 1.0                         => TRUE
          l1 == d1                          => TRUE
          i1 == bd1                         => TRUE
          bd1 == 1                          => TRUE
          bi1 == d1                         => TRUE
          bi1 == bd1                        => TRUE
          f15 == 1.5                        => TRUE
          1 == 1.0                          => TRUE
          -0.0 == 0                         => TRUE
          p60plus1 == 1152921504606846977   => TRUE
          p60plus1 == p60                   => FALSE
          p60plus1 == d60                   => FALSE
          p60plus1 > d60                    => TRUE
          p60 == d60                        => TRUE
          d60 == 1152921504606846976        => TRUE
          d60 == 1152921504606846977        => FALSE
          p60plus1 == bd60plus1             => TRUE
          d60 < bd60plus1                   => TRUE
          99999999999999999999999 > p60     => TRUE
          tenth == 0.1                      => TRUE
          bd_tenth == 0.1                   => TRUE
          tenth == bd_tenth                 => FALSE
          half == 0.5                       => TRUE
          args.amount == 250.0              => TRUE
          args.amount > 100.5               => TRUE
          args.amount < 250.000001          => TRUE
          args.amount > 249.9               => TRUE
          args.amount <= 250                => TRUE
          args.amount >= 251                => FALSE
          context.risk_level < 4            => TRUE
          -1 < 0                            => TRUE
          -2.5 < -2                         => TRUE
          inf > p60                         => TRUE
          inf > bd60plus1                   => TRUE
          nan == nan                        => UNKNOWN
          nan != 1                          => UNKNOWN
          nan < 1                           => UNKNOWN
          """)
  void numbers(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("Ordering is defined for numbers only")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          "a" < "b"        => UNKNOWN
          s >= "a"         => UNKNOWN
          s > 1            => UNKNOWN
          t > f            => UNKNOWN
          str1 < 2         => UNKNOWN
          nums <= 3        => UNKNOWN
          missing < 3      => UNKNOWN
          3 > n            => UNKNOWN
          """)
  void ordering(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("in tests membership with == equality; unknown unless every comparison was definite")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          context.region in ["EU", "EEA"]           => TRUE
          context.region in ["US"]                  => FALSE
          context.region in []                      => FALSE
          context.region in eu_regions              => TRUE
          context.region not in eu_regions          => FALSE
          s not in eu_regions                       => TRUE
          missing in eu_regions                     => UNKNOWN
          missing not in eu_regions                 => UNKNOWN
          n in eu_regions                           => UNKNOWN
          n not in []                               => UNKNOWN
          i1 in small_ints                          => TRUE
          d1 in small_ints                          => TRUE
          bd1 in small_ints                         => TRUE
          4 in small_ints                           => FALSE
          half in ratios                            => TRUE
          0.5 in ratios                             => TRUE
          1.5 in ratios                             => TRUE
          0.25 in ratios                            => FALSE
          tenth in [0.1, 0.2]                       => TRUE
          bd_tenth in [0.1, 0.2]                    => TRUE
          bd_tenth in precise                       => TRUE
          tenth in precise                          => FALSE
          123456789012345678901234567890.0 in precise => TRUE
          nan in small_ints                         => UNKNOWN
          str1 in small_ints                        => UNKNOWN
          "a" in mixed_list                         => TRUE
          1 in mixed_list                           => TRUE
          "b" in mixed_list                         => UNKNOWN
          2 in mixed_list                           => UNKNOWN
          "x" in [1, "x"]                           => TRUE
          "y" in [1, "x"]                           => UNKNOWN
          t in [true, false]                        => TRUE
          f in [true]                               => FALSE
          t in ["true"]                             => UNKNOWN
          p60 in [1152921504606846976]              => TRUE
          d60 in [1152921504606846976]              => TRUE
          p60plus1 in [1152921504606846976]         => FALSE
          "search" in args.tools                    => TRUE
          "delete" in args.tools                    => FALSE
          "delete" not in args.tools                => TRUE
          2.0 in nums                               => TRUE
          2 in linked_nums                          => TRUE
          "a" in with_null                          => TRUE
          "b" in with_null                          => UNKNOWN
          s in s                                    => UNKNOWN
          s in obj                                  => UNKNOWN
          s in missing                              => UNKNOWN
          s not in missing                          => UNKNOWN
          s in n                                    => UNKNOWN
          obj in eu_regions                         => UNKNOWN
          """)
  void membership(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("A list on the left of in requires every element to be in the right-hand list")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          tags in ["a", "b", "c"]      => TRUE
          tags in ["a"]                => FALSE
          tags not in ["a"]            => TRUE
          no_tags in ["a"]             => TRUE
          no_tags in []                => TRUE
          ["a", "b"] in tags           => TRUE
          ["a", "z"] in tags           => FALSE
          [] in tags                   => TRUE
          nums in small_ints           => TRUE
          linked_nums in small_ints    => TRUE
          [1, 5] in nums               => FALSE
          mixed in small_ints          => UNKNOWN
          with_null in ["a"]           => UNKNOWN
          with_null in ["b"]           => FALSE
          args.tools in allowed_tools  => TRUE
          """)
  void listOnTheLeft(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("matches is a whole-string, case-sensitive glob in which only * is a wildcard")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          args.url matches "https://*.example.com/*"   => TRUE
          args.url matches "https://*.example.org/*"   => FALSE
          args.url matches "https://*.example.com"     => FALSE
          actor matches 'ai_agent:*'                   => TRUE
          s matches "*"                                => TRUE
          empty matches "*"                            => TRUE
          empty matches ""                             => TRUE
          s matches ""                                 => FALSE
          s matches "hello"                            => TRUE
          s matches "hell"                             => FALSE
          s matches "h*o"                              => TRUE
          s matches "h*l*o"                            => TRUE
          s matches "h*x*o"                            => FALSE
          "abc" matches "a*b*c"                        => TRUE
          "ac" matches "a*b*c"                         => FALSE
          "abcbc" matches "a*bc"                       => TRUE
          "ab" matches "a**b"                          => TRUE
          "aa" matches "a*a"                           => TRUE
          "a" matches "a*a"                            => FALSE
          args.path matches "/tmp/*"                   => TRUE
          args.path matches "/tmp*b"                   => TRUE
          s matches "HELLO"                            => FALSE
          s matches "Hel*"                             => FALSE
          "a?c" matches "a?c"                          => TRUE
          "abc" matches "a?c"                          => FALSE
          "a.c" matches "a?c"                          => FALSE
          i1 matches "*"                               => UNKNOWN
          tags matches "*"                             => UNKNOWN
          missing matches "*"                          => UNKNOWN
          n matches "*"                                => UNKNOWN
          """)
  void globs(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("&&, || and ! follow Kleene three-valued logic")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          false && missing == 1     => FALSE
          missing == 1 && false     => FALSE
          true || missing == 1      => TRUE
          missing == 1 || true      => TRUE
          true && missing == 1      => UNKNOWN
          missing == 1 && true      => UNKNOWN
          false || missing == 1     => UNKNOWN
          missing == 1 || missing == 2 => UNKNOWN
          !(missing == 1)           => UNKNOWN
          !missing == 1             => UNKNOWN
          !s                        => UNKNOWN
          !missing                  => TRUE
          !!t                       => TRUE
          !!!t                      => FALSE
          !!s                       => UNKNOWN
          """)
  void threeValuedLogic(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("! binds a whole predicate, comparisons bind tighter than &&, && tighter than ||")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          !s == "hello"                    => FALSE
          !s == "x"                        => TRUE
          !i1 in [1]                       => FALSE
          !s matches "h*"                  => FALSE
          true || false && false           => TRUE
          (true || false) && false         => FALSE
          false && false || true           => TRUE
          false && (false || true)         => FALSE
          !false && false                  => FALSE
          !(false && false)                => TRUE
          t && s == "hello" || f           => TRUE
          f || i1 == 1 && s == "hello"     => TRUE
          ((((t))))                        => TRUE
          """)
  void precedence(String source, Truth expected) {
    check(source, expected);
  }

  @DisplayName("and, or and not are keyword aliases of &&, || and !")
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          t and f                    => FALSE
          t or f                     => TRUE
          not f                      => TRUE
          not s == "hello"           => FALSE
          t and not f or f           => TRUE
          not (t and f)              => TRUE
          f or missing == 1          => UNKNOWN
          s not in ["a"]             => TRUE
          s == "hello" and i1 >= 1   => TRUE
          """)
  void keywords(String source, Truth expected) {
    check(source, expected);
  }
}

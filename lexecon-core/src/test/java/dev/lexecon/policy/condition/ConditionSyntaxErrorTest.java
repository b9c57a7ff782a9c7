package dev.lexecon.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Condition syntax errors")
class ConditionSyntaxErrorTest {
  private static final NamedLists LISTS = NamedLists.of(Map.of("eu_regions", List.of("EU")));

  @DisplayName("A malformed condition is rejected with the column and what was expected there")
  @ParameterizedTest(name = "[{0}] fails at column {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          `risk_level >= `    => 14 => expected an operand after '>='
          `a < b < c`         => 6  => expected '&&' or '||' before another comparison; comparisons do not chain, found '<'
          `a == b != c`       => 7  => expected '&&' or '||' before another comparison; comparisons do not chain, found '!='
          `(a < b) < c`       => 8  => expected '&&', '||' or the end of the condition, found '<'
          `s == "abc`         => 5  => unterminated string: expected a closing double quote for the string
          `s == 'abc\\'`      => 5  => unterminated string: expected a closing single quote for the string
          `a == 1 b`          => 7  => expected '&&', '||' or the end of the condition, found 'b'
          `a b`               => 2  => expected a comparison, 'in', 'matches', '&&', '||' or the end of the condition, found 'b'
          `a == 1)`           => 6  => expected '&&', '||' or the end of the condition, found ')'
          `(a == 1`           => 7  => expected '&&', '||' or ')'
          ``                  => 0  => expected a condition
          `   `               => 3  => expected a condition
          `a matches b`       => 10 => expected a string literal glob after 'matches', found 'b'
          `a matches 5`       => 10 => expected a string literal glob after 'matches', found '5'
          `a matches`         => 9  => expected a string literal glob after 'matches'
          `s == "a\\qb"`      => 7  => unknown escape '\\q': expected one of \\" \\' \\\\ \\n \\t \\uXXXX
          `s == "\\u12"`      => 6  => expected four hexadecimal digits after \\u
          `s == "\\u00G1"`    => 6  => expected four hexadecimal digits after \\u
          `a & b`             => 2  => expected a comparison, 'in', 'matches', '&&', '||' or the end of the condition, found '&' (did you mean '&&'?)
          `a | b`             => 2  => expected a comparison, 'in', 'matches', '&&', '||' or the end of the condition, found '|' (did you mean '||'?)
          `a = 1`             => 2  => expected a comparison, 'in', 'matches', '&&', '||' or the end of the condition, found '=' (did you mean '=='?)
          `a in "x"`          => 5  => expected a list, a named list or a path after 'in', found '"x"'
          `a not in 3`        => 9  => expected a list, a named list or a path after 'in', found '3'
          `a in`              => 4  => expected a list, a named list or a path after 'in'
          `a not b`           => 6  => expected 'in' after 'not', found 'b'
          `exists("x")`       => 7  => expected a path after '(' in exists(), found '"x"'
          `exists(a b)`       => 9  => expected ')' after the path in exists(), found 'b'
          `x == null`         => 5  => expected an operand after '=='; there is no null literal, test with exists(path), found 'null'
          `a in [1, b]`       => 9  => expected a number, string or boolean after ',' (list literals hold only literals), found 'b'
          `a in [[1]]`        => 6  => expected a number, string or boolean after '[' (list literals hold only literals), found '['
          `a in [1 2]`        => 8  => expected ',' or ']' in the list that starts at column 5, found '2'
          `a in [1,`          => 8  => expected a number, string or boolean after ',' (list literals hold only literals)
          `a > 1.`            => 6  => expected a digit after the decimal point
          `a > .5`            => 4  => expected an operand after '>', found '.'
          `a. == 1`           => 2  => expected a name after '.' in a path
          `a..b`              => 2  => expected a name after '.' in a path
          `5`                 => 1  => expected a comparison, 'in' or 'matches' after '5'
          `"x"`               => 3  => expected a comparison, 'in' or 'matches' after '"x"'
          `[1, 2]`            => 6  => expected a comparison, 'in' or 'matches' after the list literal
          `&& a`              => 0  => expected a condition, found '&&'
          `a &&`              => 4  => expected a condition after '&&'
          `a or`              => 4  => expected a condition after 'or'
          `!`                 => 1  => expected a condition after '!'
          `not`               => 3  => expected a condition after 'not'
          `()`                => 1  => expected a condition after '(', found ')'
          `#`                 => 0  => expected a condition, found '#'
          `a == -`            => 5  => expected an operand after '==', found '-'
          `in == 1`           => 0  => expected a condition, found 'in'
          `a == é`            => 5  => expected an operand after '==', found 'é'
          """)
  void rejected(String source, int column, String expected) {
    assertThatThrownBy(() -> Condition.compile(source, LISTS))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessage("%s at column %d in \"%s\"", expected, column, source)
        .asInstanceOf(type(ConditionSyntaxException.class))
        .satisfies(
            e -> {
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.source()).isEqualTo(source);
            });
  }

  @Test
  @DisplayName("The example from the design brief produces exactly its message")
  void briefExample() {
    assertThatThrownBy(() -> Condition.compile("risk_level >= "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected an operand after '>=' at column 14 in \"risk_level >= \"");
  }

  @Test
  @DisplayName("Nesting deeper than the limit is a syntax error, not a stack overflow")
  void nestingLimit() {
    String deepest = "(".repeat(Parser.MAX_NESTING) + "t" + ")".repeat(Parser.MAX_NESTING);
    assertThat(Condition.compile(deepest).evaluate(ConditionFixtures.INPUT)).isEqualTo(Truth.TRUE);

    String tooDeep = "(".repeat(100_000) + "t" + ")".repeat(100_000);
    assertThatThrownBy(() -> Condition.compile(tooDeep))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessageStartingWith("expected at most 64 nested '(' and '!', found '(' at column 64");
    assertThatThrownBy(() -> Condition.compile("!".repeat(100_000) + "t"))
        .isInstanceOf(ConditionSyntaxException.class)
        .hasMessageStartingWith("expected at most 64 nested '(' and '!', found '!' at column 64");
  }

  @Test
  @DisplayName("Long && and || chains compile and evaluate without deep recursion")
  void longChains() {
    String chain = String.join(" && ", java.util.Collections.nCopies(50_000, "t"));
    assertThat(Condition.compile(chain).evaluate(ConditionFixtures.INPUT)).isEqualTo(Truth.TRUE);
    String alternatives = String.join(" || ", java.util.Collections.nCopies(50_000, "f"));
    assertThat(Condition.compile(alternatives).evaluate(ConditionFixtures.INPUT))
        .isEqualTo(Truth.FALSE);
  }

  @Test
  @DisplayName("A long unexpected token is shortened in the message")
  void longTokenShortened() {
    String source = "a \"" + "x".repeat(100) + "\"";
    assertThatThrownBy(() -> Condition.compile(source))
        .hasMessageStartingWith(
            "expected a comparison, 'in', 'matches', '&&', '||' or the end of the condition, found '\""
                + "x".repeat(23)
                + "...' at column 2");
  }
}

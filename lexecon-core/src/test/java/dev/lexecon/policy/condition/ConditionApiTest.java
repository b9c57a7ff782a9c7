package dev.lexecon.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Condition API")
class ConditionApiTest {
  @Test
  @DisplayName("paths() lists every path read, dotted, once, in order, without named lists")
  void paths() {
    NamedLists lists = NamedLists.of(Map.of("eu_regions", List.of("EU")));
    Condition condition =
        Condition.compile(
            "context.region in eu_regions && exists(args.url) && args.url matches \"*\""
                + " || flag || args.tools in allowed || 1 < context.risk_level || flag",
            lists);
    assertThat(condition.paths())
        .containsExactly(
            "context.region", "args.url", "flag", "args.tools", "allowed", "context.risk_level");
    assertThatThrownBy(() -> condition.paths().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest(name = "[{0}] is a flag: {1}")
  @DisplayName("isFlag() is true only for a condition that is a bare path")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
          context.human_confirmed  => true
          (approved)               => true
          !approved                => false
          approved && other        => false
          approved == true         => false
          true                     => false
          exists(approved)         => false
          """)
  void isFlag(String source, boolean flag) {
    assertThat(Condition.compile(source).isFlag()).isEqualTo(flag);
  }

  @Test
  @DisplayName("source() and toString() return the text as written")
  void source() {
    String text = "  a == 'x'  ";
    Condition condition = Condition.compile(text);
    assertThat(condition.source()).isEqualTo(text);
    assertThat(condition).hasToString(text);
  }

  @Test
  @DisplayName("An identifier on the right of in names a declared list, or else is a path")
  void namedListOrPath() {
    Condition condition = Condition.compile("x in allowed", NamedLists.empty());
    assertThat(condition.paths()).containsExactly("x", "allowed");
    Map<String, Object> root = Map.of("x", "a", "allowed", List.of("a"));
    assertThat(condition.evaluate(ConditionInput.ofMap(root))).isEqualTo(Truth.TRUE);

    Condition named =
        Condition.compile("x in allowed", NamedLists.of(Map.of("allowed", List.of("b"))));
    assertThat(named.paths()).containsExactly("x");
    assertThat(named.evaluate(ConditionInput.ofMap(root))).isEqualTo(Truth.FALSE);
  }

  @Test
  @DisplayName("The input receives each path as its pre-split segments")
  void segmentsPassedToInput() {
    List<List<String>> seen = new ArrayList<>();
    ConditionInput recording =
        path -> {
          seen.add(List.of(path));
          return "v";
        };
    Condition.compile("args.url == 'v' && exists(context.a.b) && flag").evaluate(recording);
    assertThat(seen)
        .containsExactly(List.of("args", "url"), List.of("context", "a", "b"), List.of("flag"));
  }

  @Test
  @DisplayName("Null arguments are rejected with NullPointerException")
  void nulls() {
    assertThatThrownBy(() -> Condition.compile(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Condition.compile("a", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Condition.compile("a").evaluate(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  @DisplayName("One compiled condition gives the same answers when evaluated from many threads")
  void concurrentEvaluation() {
    Condition condition =
        Condition.compile("args.amount <= 100 && args.tool in ['search', 'read'] || admin");
    List<ConditionInput> inputs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      inputs.add(
          ConditionInput.ofMap(
              Map.of(
                  "args", Map.of("amount", i, "tool", i % 3 == 0 ? "search" : "delete"),
                  "admin", i % 7 == 0)));
    }
    List<Truth> sequential = inputs.stream().map(condition::evaluate).toList();
    boolean allAgree =
        IntStream.range(0, 50_000)
            .parallel()
            .allMatch(i -> condition.evaluate(inputs.get(i % 200)) == sequential.get(i % 200));
    assertThat(allAgree).isTrue();
  }
}

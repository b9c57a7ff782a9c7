package dev.lexecon.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Condition input from maps")
class ConditionInputTest {
  @Test
  @DisplayName("Resolves nested maps, tells JSON null from absent, and stops at non-maps")
  void resolves() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("value", 5);
    inner.put("nothing", null);
    ConditionInput input = ConditionInput.ofMap(Map.of("outer", inner, "text", "abc"));
    assertThat(input.resolve(new String[] {"outer", "value"})).isEqualTo(5);
    assertThat(input.resolve(new String[] {"outer", "nothing"})).isNull();
    assertThat(input.resolve(new String[] {"outer", "missing"})).isSameAs(ConditionInput.ABSENT);
    assertThat(input.resolve(new String[] {"text", "length"})).isSameAs(ConditionInput.ABSENT);
    assertThat(input.resolve(new String[] {"outer"})).isSameAs(inner);
  }

  @Test
  @DisplayName("A map whose keys are not strings resolves to absent instead of throwing")
  void foreignKeys() {
    TreeMap<Integer, String> numbered = new TreeMap<>(Map.of(1, "one"));
    ConditionInput input = ConditionInput.ofMap(Map.of("numbered", numbered));
    assertThat(input.resolve(new String[] {"numbered", "one"})).isSameAs(ConditionInput.ABSENT);
    assertThat(Condition.compile("numbered.one == 'one'").evaluate(input))
        .isEqualTo(Truth.UNKNOWN);
  }

  @Test
  @DisplayName("ABSENT is a distinct marker that says what it is")
  void absentMarker() {
    assertThat(ConditionInput.ABSENT).isNotNull().hasToString("ConditionInput.ABSENT");
  }
}

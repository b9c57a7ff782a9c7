package dev.lexecon.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Condition named lists")
class ConditionNamedListsTest {
  @Test
  @DisplayName("Lists are copied, keep their declaration order and compare by content")
  void copiedAndOrdered() {
    Map<String, List<Object>> source = new LinkedHashMap<>();
    List<Object> regions = new ArrayList<>(List.of("EU", "EEA"));
    source.put("regions", regions);
    source.put("limits", List.of(1, 2.5, new BigDecimal("3")));
    NamedLists lists = NamedLists.of(source);
    regions.add("US");
    assertThat(lists.names()).containsExactly("regions", "limits");
    assertThat(lists.get("regions")).containsExactly("EU", "EEA");
    assertThat(lists.get("absent")).isNull();
    assertThat(lists).isEqualTo(NamedLists.of(Map.of("regions", List.of("EU", "EEA"), "limits", List.of(1, 2.5, new BigDecimal("3")))));
    assertThat(NamedLists.of(Map.of())).isSameAs(NamedLists.empty());
    assertThat(NamedLists.empty().names()).isEmpty();
  }

  @ParameterizedTest(name = "name [{0}] is rejected")
  @DisplayName("A name that conditions could not refer to is rejected")
  @CsvSource(
      quoteCharacter = '`',
      value = {"``", "1abc", "blocked-domains", "a.b", "in", "not", "true", "null", "exists"})
  void badNames(String name) {
    assertThatThrownBy(() -> NamedLists.of(Map.of(name, List.of("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("named list '" + name + "' cannot be referred to");
  }

  @Test
  @DisplayName("Values other than strings, booleans and finite numbers are rejected with their index")
  void badValues() {
    assertThatThrownBy(() -> NamedLists.of(Map.of("l", Arrays.asList("a", null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "named list 'l' holds null at index 1; only strings, booleans and finite numbers are allowed");
    assertThatThrownBy(() -> NamedLists.of(Map.of("l", List.of(1.0, Double.NaN))))
        .hasMessageStartingWith("named list 'l' holds the non-finite number NaN at index 1");
    assertThatThrownBy(() -> NamedLists.of(Map.of("l", List.of(Map.of()))))
        .hasMessageStartingWith("named list 'l' holds a java.util.ImmutableCollections$MapN at index 0");
  }
}

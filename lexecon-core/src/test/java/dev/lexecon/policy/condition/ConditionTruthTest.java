package dev.lexecon.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Condition results (Truth)")
class ConditionTruthTest {
  @ParameterizedTest(name = "{0} and {1} is {2}; {0} or {1} is {3}")
  @DisplayName("and/or follow the Kleene tables")
  @CsvSource({
    "TRUE, TRUE, TRUE, TRUE",
    "TRUE, FALSE, FALSE, TRUE",
    "TRUE, UNKNOWN, UNKNOWN, TRUE",
    "FALSE, TRUE, FALSE, TRUE",
    "FALSE, FALSE, FALSE, FALSE",
    "FALSE, UNKNOWN, FALSE, UNKNOWN",
    "UNKNOWN, TRUE, UNKNOWN, TRUE",
    "UNKNOWN, FALSE, FALSE, UNKNOWN",
    "UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN"
  })
  void tables(Truth a, Truth b, Truth and, Truth or) {
    assertThat(a.and(b)).isEqualTo(and);
    assertThat(a.or(b)).isEqualTo(or);
  }

  @Test
  @DisplayName("not swaps TRUE and FALSE and keeps UNKNOWN; isTrue is the fail-closed reading")
  void not() {
    assertThat(Truth.TRUE.not()).isEqualTo(Truth.FALSE);
    assertThat(Truth.FALSE.not()).isEqualTo(Truth.TRUE);
    assertThat(Truth.UNKNOWN.not()).isEqualTo(Truth.UNKNOWN);
    assertThat(Truth.of(true)).isEqualTo(Truth.TRUE);
    assertThat(Truth.of(false)).isEqualTo(Truth.FALSE);
    assertThat(Truth.UNKNOWN.isTrue()).isFalse();
    assertThat(Truth.TRUE.isTrue()).isTrue();
  }
}

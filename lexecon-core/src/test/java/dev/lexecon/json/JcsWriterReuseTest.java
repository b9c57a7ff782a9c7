package dev.lexecon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Jcs reuses one writer per thread")
class JcsWriterReuseTest {

  @Test
  @DisplayName("a write that threw deep inside a value leaves nothing behind for the next one")
  void afterFailure() {
    Map<String, Object> bad = Map.of("a", List.of(Map.of("b", Double.NaN)));
    assertThatThrownBy(() -> Jcs.canonicalize(bad)).hasMessageContaining("$.a[0].b");
    assertThat(Jcs.canonicalString(Map.of("x", 1))).isEqualTo("{\"x\":1}");
    // the path starts at the root again
    assertThatThrownBy(() -> Jcs.canonicalize(Map.of("c", Double.NaN))).hasMessageContaining(
        "Number at $.c is NaN");
  }

  @Test
  @DisplayName("a map that canonicalizes while it is being written gets a writer of its own")
  void reentrant() {
    // Its entry computes its value, by canonicalizing, while the writer collects the members.
    Map.Entry<String, Object> computing = new Map.Entry<>() {
      @Override
      public String getKey() {
        return "k";
      }

      @Override
      public Object getValue() {
        return Jcs.canonicalString(Map.of("inner", List.of(1, 2)));
      }

      @Override
      public Object setValue(Object value) {
        throw new UnsupportedOperationException();
      }
    };
    Map<String, Object> sneaky = new AbstractMap<>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        return Set.of(computing);
      }
    };
    assertThat(Jcs.canonicalString(Map.of("outer", sneaky)))
        .isEqualTo("{\"outer\":{\"k\":\"{\\\"inner\\\":[1,2]}\"}}");
  }

  @Test
  @DisplayName("values larger than the buffer a thread keeps come out whole, and small ones after")
  void largeThenSmall() {
    Map<String, Object> big = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      big.put("key" + i, "value" + i);
    }
    byte[] bytes = Jcs.canonicalize(big);
    assertThat(Jcs.parse(bytes)).isEqualTo(big);
    assertThat(new String(Jcs.canonicalize(List.of("é")), StandardCharsets.UTF_8)).isEqualTo("[\"é\"]");
    assertThat(Jcs.sha256Hex(List.of())).isEqualTo(Jcs.sha256Hex(List.of()));
  }
}

package dev.lexecon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.json.Jcs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallJsonObjectTest {

  @Test
  void behavesAsTheLinkedHashMapWithTheSameMembers() {
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      int n = random.nextInt(40);
      SmallJsonObject small = new SmallJsonObject(random.nextInt(4)); // grows past its capacity
      Map<String, Object> expected = new LinkedHashMap<>();
      while (expected.size() < n) {
        String key = "k" + random.nextInt(100);
        Object value = random.nextBoolean() ? null : (Object) random.nextInt(1000);
        if (!expected.containsKey(key)) {
          expected.put(key, value);
          small.add(key, value);
        }
      }
      assertThat(small).isEqualTo(expected);
      assertThat(small.hashCode()).isEqualTo(expected.hashCode());
      assertThat(new ArrayList<>(small.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
      List<String> visited = new ArrayList<>();
      small.forEach((k, v) -> visited.add(k + "=" + v));
      List<String> expectedVisits = new ArrayList<>();
      expected.forEach((k, v) -> expectedVisits.add(k + "=" + v));
      assertThat(visited).isEqualTo(expectedVisits);
      assertThat(small.get("k100")).isNull();
      assertThat(small.containsKey("k100")).isFalse();
      assertThat(Jcs.canonicalize(small)).isEqualTo(Jcs.canonicalize(expected));
    }
  }

  @Test
  void canonicalFormSortsMembersAndWritesNull() {
    SmallJsonObject o = new SmallJsonObject(3).add("b", 1).add("a", null).add("c", List.of("x"));
    assertThat(new String(Jcs.canonicalize(o), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":null,\"b\":1,\"c\":[\"x\"]}");
  }

  @Test
  void refusesADuplicateMemberAndKeepsTheFirst() {
    SmallJsonObject o = new SmallJsonObject(2).add("outcome", "approved");
    assertThatThrownBy(() -> o.add("outcome", "denied"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate member 'outcome'");
    assertThat(o).containsExactly(Map.entry("outcome", "approved"));
  }

  @Test
  void refusesNullKeysNegativeCapacityAndChangesThroughTheMapInterface() {
    SmallJsonObject o = new SmallJsonObject(1).add("a", 1);
    assertThatThrownBy(() -> o.add(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SmallJsonObject(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> o.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> o.entrySet().iterator().remove())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> o.entrySet().iterator().next().setValue(3))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(o).containsExactly(Map.entry("a", 1));
  }
}

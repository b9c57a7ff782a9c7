package dev.lexecon.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Key table")
class KeyTableTest {

  @Test
  @DisplayName("finds what a HashMap finds, for whole values and for prefixes, Latin-1 or not")
  void agreesWithHashMap() {
    String[][] alphabets = {{"Aa", "BB", "a", "b"}, {"Aa", "BB", "é", "数"}};
    Random random = new Random(11);
    for (String[] atoms : alphabets) {
      for (int round = 0; round < 200; round++) {
        Map<String, Integer> map = new LinkedHashMap<>();
        int n = random.nextInt(60);
        for (int i = 0; i < n; i++) {
          map.put(word(random, atoms, 1 + random.nextInt(5)), random.nextInt(1000) - 500);
        }
        KeyTable table = new KeyTable(map);
        assertThat(table.size()).isEqualTo(map.size());
        for (int q = 0; q < 100; q++) {
          String value = word(random, atoms, random.nextInt(7));
          assertThat(table.find(value)).as(value).isEqualTo(map.getOrDefault(value, KeyTable.ABSENT));
          for (int len = 0; len <= value.length(); len++) {
            String prefix = value.substring(0, len);
            assertThat(table.find(value, len, prefix.hashCode()))
                .as("%s, first %d", value, len)
                .isEqualTo(map.getOrDefault(prefix, KeyTable.ABSENT));
          }
        }
      }
    }
  }

  @Test
  @DisplayName("refuses the marker of absence as a value")
  void refusesAbsentMarker() {
    assertThatThrownBy(() -> new KeyTable(Map.of("k", KeyTable.ABSENT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k'");
  }

  private static String word(Random random, String[] atoms, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(atoms[random.nextInt(atoms.length)]);
    }
    return sb.toString();
  }
}

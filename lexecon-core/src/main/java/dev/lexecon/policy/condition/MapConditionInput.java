package dev.lexecon.policy.condition;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@link ConditionInput#ofMap(Map)}: walks nested maps one path segment at a time. */
final class MapConditionInput implements ConditionInput {
  private final Map<String, ?> root;

  MapConditionInput(Map<String, ?> root) {
    this.root = root;
  }

  @Override
  public @Nullable Object resolve(String[] path) {
    Object current = root;
    for (String segment : path) {
      if (!(current instanceof Map)) {
        return ABSENT;
      }
      Map<?, ?> map = (Map<?, ?>) current;
      Object next;
      try {
        next = map.get(segment);
        // Only a null answer needs the second lookup that tells a JSON null from a missing key.
        if (next == null && !map.containsKey(segment)) {
          return ABSENT;
        }
      } catch (ClassCastException e) {
        // A sorted map with non-string keys (say a TreeMap<Integer, ?>) cannot hold a name.
        return ABSENT;
      }
      current = next;
    }
    return current;
  }

  @Override
  public String toString() {
    return "ConditionInput.ofMap(" + root.keySet() + ")";
  }
}

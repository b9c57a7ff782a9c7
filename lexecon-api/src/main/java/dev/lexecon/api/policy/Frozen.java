package dev.lexecon.api.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Deep, order-preserving, unmodifiable copies of the JSON-like metadata policies carry. */
final class Frozen {
  private Frozen() {}

  static Map<String, Object> map(@Nullable Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, value(v)));
    return Collections.unmodifiableMap(out);
  }

  static List<Object> list(@Nullable List<?> list) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    List<Object> out = new ArrayList<>(list.size());
    list.forEach(v -> out.add(value(v)));
    return Collections.unmodifiableList(out);
  }

  @SuppressWarnings("unchecked")
  private static Object value(@Nullable Object v) {
    if (v == null) {
      throw new NullPointerException("policy metadata must not contain null values");
    }
    if (v instanceof Map<?, ?> m) {
      return map((Map<String, ?>) m);
    }
    if (v instanceof List<?> l) {
      return list(l);
    }
    return v;
  }

  static String requireText(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}

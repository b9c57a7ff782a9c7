package dev.lexecon.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Deep-copies caller-supplied JSON-like values (maps, lists, strings, numbers, booleans, null)
 * into unmodifiable structures while checking the request limits on depth, size and types.
 * Copying and checking in one walk keeps request construction to a single pass.
 */
final class JsonValues {
  private final String root;
  private final List<FieldViolation> violations;
  private long bytes;
  private boolean depthReported;
  private boolean typeReported;

  private JsonValues(String root, List<FieldViolation> violations) {
    this.root = root;
    this.violations = violations;
  }

  /**
   * Returns an unmodifiable deep copy of {@code map}, adding a violation for each broken limit.
   * Serialized size is counted as compact JSON so the limit means the same bytes everywhere.
   */
  static Map<String, @Nullable Object> copyChecked(
      String root, @Nullable Map<String, ?> map, List<FieldViolation> violations) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    JsonValues walker = new JsonValues(root, violations);
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> copy = (Map<String, @Nullable Object>) walker.copy(map, root, 1);
    if (walker.bytes > RequestLimits.MAX_CONTEXT_BYTES) {
      violations.add(
          new FieldViolation(
              root,
              "serializes to "
                  + walker.bytes
                  + " bytes of JSON; at most "
                  + RequestLimits.MAX_CONTEXT_BYTES
                  + " allowed"));
    }
    return copy;
  }

  private @Nullable Object copy(@Nullable Object value, String path, int depth) {
    if (value == null) {
      bytes += 4;
      return null;
    }
    if (value instanceof String s) {
      bytes += jsonStringBytes(s);
      return s;
    }
    if (value instanceof Boolean b) {
      bytes += b ? 4 : 5;
      return b;
    }
    if (value instanceof Number n) {
      return copyNumber(n, path);
    }
    if (value instanceof Map<?, ?> map) {
      checkDepth(path, depth);
      Map<String, @Nullable Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      bytes += 2 + Math.max(0, map.size() - 1);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          reportType(path, "has a key of type " + typeName(e.getKey()) + "; keys must be strings");
          continue;
        }
        bytes += jsonStringBytes(key) + 1;
        out.put(key, copy(e.getValue(), path + "." + key, depth + 1));
      }
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      checkDepth(path, depth);
      List<@Nullable Object> out = new ArrayList<>(list.size());
      bytes += 2 + Math.max(0, list.size() - 1);
      for (int i = 0; i < list.size(); i++) {
        out.add(copy(list.get(i), path + "[" + i + "]", depth + 1));
      }
      return Collections.unmodifiableList(out);
    }
    reportType(
        path,
        "has unsupported type "
            + typeName(value)
            + "; use maps, lists, strings, numbers, booleans or null");
    return null;
  }

  private Number copyNumber(Number n, String path) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        reportType(path, "is " + d + "; JSON numbers must be finite");
      }
    } else if (!(n instanceof Integer
        || n instanceof Long
        || n instanceof Short
        || n instanceof Byte
        || n instanceof BigInteger
        || n instanceof BigDecimal)) {
      reportType(path, "has unsupported number type " + typeName(n));
    }
    bytes += n.toString().length();
    return n;
  }

  private void checkDepth(String path, int depth) {
    if (depth > RequestLimits.MAX_CONTEXT_DEPTH && !depthReported) {
      depthReported = true;
      violations.add(
          new FieldViolation(
              path,
              "nests "
                  + depth
                  + " levels deep; at most "
                  + RequestLimits.MAX_CONTEXT_DEPTH
                  + " allowed (the top-level "
                  + root
                  + " is level 1)"));
    }
  }

  private void reportType(String path, String message) {
    // One type error per root is enough to act on; listing thousands helps nobody.
    if (!typeReported) {
      typeReported = true;
      violations.add(new FieldViolation(path, message));
    }
  }

  private static String typeName(@Nullable Object o) {
    return o == null ? "null" : o.getClass().getName();
  }

  /** Bytes of {@code s} as a JSON string: quotes, escapes and UTF-8 encoding. */
  static long jsonStringBytes(String s) {
    long n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
        n += 2;
      } else if (c < 0x20) {
        n += 6;
      } else if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Unmodifiable list copy that keeps insertion order. */
  static List<String> copyStrings(@Nullable List<String> values) {
    return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }
}

package dev.lexecon.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Copies a JSON model, turning every number that JCS cannot write exactly into a string of its
 * exact decimal value; see {@link Jcs#normalizeNumbers}.
 *
 * <p>Not thread-safe: create one per call.
 */
final class NumberNormalizer {
  private final JsonPath path = new JsonPath();

  @Nullable Object normalize(@Nullable Object value) {
    if (value instanceof Map<?, ?> object) {
      return normalizeObject(object);
    }
    if (value instanceof List<?> array) {
      return normalizeArray(array);
    }
    if (value instanceof Number number) {
      return normalizeNumber(number);
    }
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    throw ModelErrors.unsupportedType(path, value);
  }

  private Map<String, @Nullable Object> normalizeObject(Map<?, ?> object) {
    if (path.depth() >= ModelErrors.MAX_DEPTH) {
      throw ModelErrors.tooDeep(path);
    }
    Map<String, @Nullable Object> copy = new LinkedHashMap<>(Math.max(4, object.size() * 4 / 3 + 1));
    for (Map.Entry<?, ?> member : object.entrySet()) {
      Object key = member.getKey();
      if (!(key instanceof String name)) {
        throw key == null ? ModelErrors.nullKey(path) : ModelErrors.nonStringKey(path, key);
      }
      Object value = member.getValue();
      path.pushKey(name);
      copy.put(name, normalize(value));
      path.pop();
    }
    return copy;
  }

  private List<@Nullable Object> normalizeArray(List<?> array) {
    if (path.depth() >= ModelErrors.MAX_DEPTH) {
      throw ModelErrors.tooDeep(path);
    }
    List<@Nullable Object> copy = new ArrayList<>(array.size());
    path.pushIndex(0);
    for (Object element : array) {
      copy.add(normalize(element));
      path.nextIndex();
    }
    path.pop();
    return copy;
  }

  private Object normalizeNumber(Number number) {
    if (!JsonNumbers.isSupported(number)) {
      throw ModelErrors.unsupportedType(path, number);
    }
    if (JsonNumbers.isNonFinite(number)) {
      throw ModelErrors.nonFinite(path, number); // no decimal string could be exact either
    }
    return JsonNumbers.canonicalText(number) != null ? number : JsonNumbers.exactText(number);
  }
}

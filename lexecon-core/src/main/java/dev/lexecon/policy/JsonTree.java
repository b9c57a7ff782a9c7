package dev.lexecon.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Converts Jackson trees into the plain Java JSON model the rest of Lexecon uses. */
final class JsonTree {
  private JsonTree() {}

  static @Nullable Object toJava(JsonNode node) {
    if (node.isObject()) {
      return toJavaMap(node);
    }
    if (node.isArray()) {
      List<@Nullable Object> out = new ArrayList<>(node.size());
      node.forEach(v -> out.add(toJava(v)));
      return Collections.unmodifiableList(out);
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return null;
  }

  static Map<String, Object> toJavaMap(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Object value = toJava(e.getValue());
      if (value != null) {
        out.put(e.getKey(), value);
      }
    }
    return Collections.unmodifiableMap(out);
  }
}

package dev.lexecon.compliance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A strict view of one JSON object in a compliance data file: unknown and duplicate fields are
 * errors, and every error names the file and the JSON path, because a typo in a control id must
 * fail the build rather than silently drop a mapping.
 */
final class JsonObject {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final JsonNode node;
  private final String origin;
  private final String path;

  private JsonObject(JsonNode node, String origin, String path, Set<String> allowed) {
    if (!node.isObject()) {
      throw error(origin, path, "must be an object");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      if (!allowed.contains(name)) {
        throw error(origin, path + "." + name, "unknown field; expected one of " + allowed);
      }
    }
    this.node = node;
    this.origin = origin;
    this.path = path;
  }

  /** Parses {@code json}, whose top level must be an object with only {@code allowed} fields. */
  static JsonObject parse(String json, String origin, Set<String> allowed) {
    try {
      return new JsonObject(MAPPER.readTree(json), origin, "$", allowed);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(origin + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String resource(String name) {
    try (InputStream in = JsonObject.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource dev/lexecon/compliance/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }

  String path() {
    return path;
  }

  String text(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw error(origin, path + "." + field, "must be a non-blank string");
    }
    return v.asText();
  }

  @Nullable String optionalText(String field) {
    return node.has(field) ? text(field) : null;
  }

  JsonObject object(String field, Set<String> allowed) {
    return new JsonObject(require(field), origin, path + "." + field, allowed);
  }

  /** The members of an object-valued field, in file order, each checked against {@code allowed}. */
  List<Map.Entry<String, JsonObject>> members(String field, Set<String> allowed) {
    JsonNode v = require(field);
    if (!v.isObject()) {
      throw error(origin, path + "." + field, "must be an object");
    }
    List<Map.Entry<String, JsonObject>> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      out.add(Map.entry(e.getKey(),
          new JsonObject(e.getValue(), origin, path + "." + field + "." + e.getKey(), allowed)));
    }
    return out;
  }

  List<JsonObject> objects(String field, Set<String> allowed) {
    JsonNode v = require(field);
    if (!v.isArray()) {
      throw error(origin, path + "." + field, "must be an array");
    }
    List<JsonObject> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      out.add(new JsonObject(v.get(i), origin, path + "." + field + "[" + i + "]", allowed));
    }
    return out;
  }

  /** A string array field; absent means empty. */
  List<String> texts(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw error(origin, path + "." + field, "must be an array of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode s = v.get(i);
      if (!s.isTextual() || s.asText().isBlank()) {
        throw error(origin, path + "." + field + "[" + i + "]", "must be a non-blank string");
      }
      out.add(s.asText());
    }
    return out;
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String value = text(field);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw error(origin, path + "." + field, "unknown " + type.getSimpleName() + " '" + value
          + "'; expected one of " + List.of(type.getEnumConstants()));
    }
  }

  IllegalArgumentException error(String message) {
    return error(origin, path, message);
  }

  IllegalArgumentException error(String field, String message) {
    return error(origin, path + "." + field, message);
  }

  private JsonNode require(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw error(origin, path + "." + field, "is required");
    }
    return v;
  }

  private static IllegalArgumentException error(String origin, String path, String message) {
    return new IllegalArgumentException(origin + ": " + path + ": " + message);
  }
}

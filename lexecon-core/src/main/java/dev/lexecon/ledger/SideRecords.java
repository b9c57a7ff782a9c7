package dev.lexecon.ledger;

import dev.lexecon.json.Jcs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads side records and checks them against the commitments of their entry.
 *
 * <p>A side record is {@code {"fields":{"<JSON Pointer>":{"salt":"<64 hex>","value":<JSON>}}}}.
 * Each field must point at a commitment in the entry's payload and open it: {@code SHA-256(salt ||
 * JCS(value))} equals the commitment. A side record may cover only some of an entry's commitments,
 * so that single fields can be erased later; a commitment without a field is simply erased.
 */
final class SideRecords {
  private SideRecords() {}

  /** What is wrong with a side record; never quotes the personal data. */
  record Problem(@Nullable String expected, @Nullable String actual, String message) {}

  /** The values by pointer; throws IllegalArgumentException when the side record is malformed. */
  static Map<String, @Nullable Object> values(byte[] sideRecord) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    fields(sideRecord).forEach((pointer, field) -> out.put((String) pointer, ((Map<?, ?>) field).get("value")));
    return out;
  }

  private static Map<?, ?> fields(byte[] sideRecord) {
    Object parsed;
    try {
      parsed = Jcs.parse(sideRecord);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("side record is not JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map<?, ?> root) || !(root.get("fields") instanceof Map<?, ?> fields)
        || root.size() != 1) {
      throw new IllegalArgumentException("side record is not {\"fields\":{...}}");
    }
    for (Map.Entry<?, ?> e : fields.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> field)
          || !(field.get("salt") instanceof String salt)
          || !EntryCodec.isHexHash(salt)
          || !field.containsKey("value")
          || field.size() != 2) {
        throw new IllegalArgumentException(
            "side record field " + e.getKey() + " is not {\"salt\":\"<64 hex>\",\"value\":...}");
      }
    }
    return fields;
  }

  /** Checks {@code sideRecord} against the entry whose payload bytes are given; null when good. */
  static @Nullable Problem check(byte[] payloadBytes, byte[] sideRecord) {
    Map<?, ?> fields;
    try {
      fields = fields(sideRecord);
    } catch (IllegalArgumentException e) {
      return new Problem(null, null, e.getMessage());
    }
    Object payload;
    try {
      payload = Jcs.parse(payloadBytes);
    } catch (IllegalArgumentException e) {
      return new Problem(null, null, "the entry's payload is not JSON: " + e.getMessage());
    }
    for (Map.Entry<?, ?> e : fields.entrySet()) {
      String pointer = (String) e.getKey();
      Map<?, ?> field = (Map<?, ?>) e.getValue();
      Object node = resolve(payload, pointer);
      String commitment = Commitments.commitmentOf(node);
      if (commitment == null) {
        return new Problem(null, null,
            "side record field " + pointer + " does not point at a commitment in the entry");
      }
      String actual;
      try {
        actual = Commitments.commit(Commitments.unhex((String) field.get("salt")), field.get("value"));
      } catch (IllegalArgumentException ex) {
        return new Problem(commitment, null,
            "side record field " + pointer + " holds a value JCS cannot express");
      }
      if (!actual.equals(commitment)) {
        return new Problem(commitment, actual,
            "side record field " + pointer + " does not open the entry's commitment");
      }
    }
    return null;
  }

  /** The node at an RFC 6901 pointer that starts with {@code /payload}, or null. */
  private static @Nullable Object resolve(@Nullable Object payload, String pointer) {
    if (!pointer.startsWith("/payload/")) {
      return null;
    }
    Object node = payload;
    for (String token : pointer.substring("/payload/".length()).split("/", -1)) {
      String key = PreparedEvent.unescape(token);
      if (node instanceof Map<?, ?> m) {
        if (!m.containsKey(key)) {
          return null;
        }
        node = m.get(key);
      } else if (node instanceof List<?> l) {
        int index;
        try {
          index = Integer.parseInt(key);
        } catch (NumberFormatException ex) {
          return null;
        }
        if (index < 0 || index >= l.size() || !key.equals(Integer.toString(index))) {
          return null;
        }
        node = l.get(index);
      } else {
        return null;
      }
    }
    return node;
  }
}

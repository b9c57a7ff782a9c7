package dev.lexecon.ledger;

import dev.lexecon.json.Jcs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event ready for the writer: its payload with numbers normalized and personal data replaced by
 * commitments, already in canonical bytes, and the side record holding the committed values.
 * Built on the caller's thread so that the single writer thread only sequences and hashes.
 *
 * @param eventType the JSON event type
 * @param timestamp the event time, truncated to microseconds
 * @param timestampText {@code timestamp} in the ledger's RFC 3339 form
 * @param payload the payload as hashed (commitments in place of personal data)
 * @param payloadBytes the RFC 8785 bytes of {@code payload}
 * @param sideRecord the canonical side record, or {@code null} when nothing was committed
 * @param personalData the committed values by JSON Pointer within the entry
 */
record PreparedEvent(
    String eventType,
    Instant timestamp,
    String timestampText,
    Map<String, @Nullable Object> payload,
    byte[] payloadBytes,
    byte @Nullable [] sideRecord,
    Map<String, @Nullable Object> personalData) {

  /**
   * Prepares {@code payload}: copies it, turns every {@link Redactable} into a salted commitment,
   * and normalizes numbers that JCS cannot write exactly into strings ({@link
   * Jcs#normalizeNumbers}).
   *
   * @throws IllegalArgumentException if the event type is not a lower-case identifier or the
   *     payload holds something JSON cannot express; the message names the JSON path
   */
  static PreparedEvent prepare(
      String eventType, Map<String, ?> payload, Instant timestamp, SaltSource salts) {
    Objects.requireNonNull(payload, "payload");
    if (!EntryCodec.isValidEventType(eventType)) {
      throw new IllegalArgumentException(
          "event type '" + eventType + "' is not a lower-case identifier [a-z][a-z0-9_]*");
    }
    Instant at = Timestamps.truncate(timestamp);
    String atText = Timestamps.format(at);
    Walk walk = new Walk(salts);
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> copy =
        (Map<String, @Nullable Object>) walk.copy(payload);
    byte[] payloadBytes = Jcs.canonicalize(copy);
    byte[] side = null;
    Map<String, @Nullable Object> personal = Map.of();
    if (walk.fields != null && walk.personal != null) {
      side = Jcs.canonicalize(Map.of("fields", walk.fields));
      personal = walk.personal;
    }
    return new PreparedEvent(eventType, at, atText, copy, payloadBytes, side, personal);
  }

  /**
   * One payload copy; collects side-record fields as it goes. Not thread-safe.
   *
   * <p>The walk keeps where it is as a stack of keys and indexes and spells the RFC 6901 pointer
   * only for a redactable value and the diagnostic path only for an error: building both strings
   * for every node was a quarter of what recording a decision allocated. Leaves that JCS writes
   * as they are (strings, booleans, null, integers within 2^53, finite doubles) are shared
   * without a trip through {@link Jcs#normalizeNumbers}; other numbers go through it.
   */
  static final class Walk {
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private final SaltSource salts;
    // Created at the first redactable value: most events have none.
    private @Nullable Map<String, Object> fields;
    private @Nullable Map<String, @Nullable Object> personal;
    /** The key of each enclosing level, or null where the level is an array. */
    private @Nullable String[] keys = new String[8];
    /** The index of each enclosing level that is an array. */
    private int[] indexes = new int[8];
    private int depth;

    Walk(SaltSource salts) {
      this.salts = salts;
    }

    @Nullable Object copy(@Nullable Object value) {
      if (value instanceof Map<?, ?> map) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 4 / 3 + 1));
        // forEach rather than entrySet(): an unmodifiable map (every payload read back from a
        // ledger) wraps each entry it iterates in a new object, but forEach passes straight through.
        map.forEach((k, v) -> {
          if (!(k instanceof String key)) {
            throw new IllegalArgumentException("payload object at " + path() + " has a non-string key");
          }
          push(key, 0);
          out.put(key, copy(v));
          depth--;
        });
        return Collections.unmodifiableMap(out); // entries handed out are immutable, nested too
      }
      if (value instanceof List<?> list) {
        int n = list.size();
        List<@Nullable Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          push(null, i);
          out.add(copy(list.get(i)));
          depth--;
        }
        return Collections.unmodifiableList(out);
      }
      if (isCanonicalLeaf(value)) {
        return value;
      }
      if (value instanceof Redactable r) {
        return commit(r);
      }
      try {
        return Jcs.normalizeNumbers(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("payload value at " + path() + ": " + e.getMessage(), e);
      }
    }

    private Object commit(Redactable r) {
      Object value = r.value();
      Object normalized;
      try {
        normalized = isCanonicalLeaf(value) ? value : Jcs.normalizeNumbers(value);
      } catch (IllegalArgumentException e) {
        // The message names a path inside the value and its type, never the value itself.
        throw new IllegalArgumentException("redactable value at " + path() + ": " + e.getMessage(), e);
      }
      byte[] salt = new byte[Commitments.SALT_LENGTH];
      salts.next(salt);
      String commitment = Commitments.commit(salt, normalized);
      Map<String, @Nullable Object> field = new LinkedHashMap<>(4); // two members, no resize
      field.put("salt", Commitments.hex(salt));
      field.put("value", normalized);
      String pointer = pointer();
      if (fields == null || personal == null) {
        fields = new LinkedHashMap<>();
        personal = new LinkedHashMap<>();
      }
      fields.put(pointer, field);
      personal.put(pointer, EntryDecoder.freeze(normalized));
      return Commitments.marker(commitment);
    }

    /**
     * Whether {@link Jcs#normalizeNumbers} would return {@code value} itself: exactly the values
     * for which {@code JsonNumbers.canonicalText} is not null, restricted to the common types.
     */
    static boolean isCanonicalLeaf(@Nullable Object value) {
      return value == null
          || value instanceof String
          || value instanceof Boolean
          || value instanceof Integer
          || value instanceof Long l && -MAX_EXACT_INTEGER <= l && l <= MAX_EXACT_INTEGER
          || value instanceof Double d && Double.isFinite(d)
          || value instanceof Short
          || value instanceof Byte;
    }

    private void push(@Nullable String key, int index) {
      if (depth == keys.length) {
        keys = Arrays.copyOf(keys, depth * 2);
        indexes = Arrays.copyOf(indexes, depth * 2);
      }
      keys[depth] = key;
      indexes[depth] = index;
      depth++;
    }

    /** The RFC 6901 pointer of the current node within the entry: {@code /payload/a/0}. */
    private String pointer() {
      StringBuilder out = new StringBuilder("/payload");
      for (int i = 0; i < depth; i++) {
        String key = keys[i];
        out.append('/');
        if (key == null) {
          out.append(indexes[i]);
        } else {
          out.append(escape(key));
        }
      }
      return out.toString();
    }

    /** The diagnostic path of the current node, for messages: {@code $.a[0]}. */
    private String path() {
      StringBuilder out = new StringBuilder("$");
      for (int i = 0; i < depth; i++) {
        String key = keys[i];
        if (key == null) {
          out.append('[').append(indexes[i]).append(']');
        } else {
          out.append('.').append(key);
        }
      }
      return out.toString();
    }
  }

  /** RFC 6901 §3: '~' is written "~0" and '/' is written "~1". */
  static String escape(String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return key;
    }
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** The reverse of {@link #escape}. */
  static String unescape(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    return token.replace("~1", "/").replace("~0", "~");
  }
}

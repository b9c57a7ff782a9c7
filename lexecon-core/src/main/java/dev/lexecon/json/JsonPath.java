package dev.lexecon.json;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where a tree walk currently is, kept as a stack so that error messages can say
 * {@code $.payload.items[3].amount} without building that string unless something fails.
 * A {@link Jcs.Substitution} is shown the writer's path; it may render it ({@link #toString()},
 * {@link #toPointer()}) but must not keep it, since the walk moves on.
 *
 * <p>Not thread-safe: one instance belongs to one walk.
 *
 * @since 0.1
 */
public final class JsonPath {
  private static final String[] NO_KEYS = {};
  private static final int[] NO_INDEXES = {};

  // Allocated on the first step: a walk of a scalar, which Jcs.normalizeNumbers sees for every
  // leaf of a ledger payload, then costs no arrays at all.
  private @Nullable String[] keys = NO_KEYS;
  private int[] indexes = NO_INDEXES;
  private int depth;

  /** Number of enclosing objects and arrays of the current position. */
  int depth() {
    return depth;
  }

  /** Steps into the member {@code key} of an object. */
  void pushKey(String key) {
    grow();
    keys[depth] = key;
    depth++;
  }

  /** Steps into the element {@code index} of an array. */
  void pushIndex(int index) {
    grow();
    keys[depth] = null;
    indexes[depth] = index;
    depth++;
  }

  /** Moves to the next element of the array it is in. */
  void nextIndex() {
    indexes[depth - 1]++;
  }

  /** Steps back out to the enclosing object or array. */
  void pop() {
    depth--;
    keys[depth] = null;
  }

  /** Back to the root, forgetting the keys: for a writer reused after a walk that threw. */
  void reset() {
    Arrays.fill(keys, 0, Math.min(keys.length, depth + 1), null);
    depth = 0;
  }

  private void grow() {
    if (depth == keys.length) {
      int length = Math.max(8, depth * 2);
      keys = Arrays.copyOf(keys, length);
      indexes = Arrays.copyOf(indexes, length);
    }
  }

  /**
   * Renders the path as an RFC 6901 JSON Pointer: {@code ""} for the root, {@code /name} for a
   * member (with {@code ~} written {@code ~0} and {@code /} written {@code ~1}), {@code /3} for
   * an array element.
   */
  public String toPointer() {
    StringBuilder out = new StringBuilder(depth * 8);
    for (int i = 0; i < depth; i++) {
      String key = keys[i];
      out.append('/');
      if (key == null) {
        out.append(indexes[i]);
      } else {
        out.append(escapeToken(key));
      }
    }
    return out.toString();
  }

  /** RFC 6901 §3: one reference token, with {@code ~} written {@code ~0} and {@code /} {@code ~1}. */
  public static String escapeToken(String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return key;
    }
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** The reverse of {@link #escapeToken}. */
  public static String unescapeToken(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    return token.replace("~1", "/").replace("~0", "~");
  }

  /**
   * Renders the path in JSONPath notation: {@code $} for the root, {@code .name} for identifier
   * keys, {@code ["a b"]} for any other key, {@code [3]} for array elements.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(8 + depth * 8).append('$');
    for (int i = 0; i < depth; i++) {
      String key = keys[i];
      if (key == null) {
        out.append('[').append(indexes[i]).append(']');
      } else if (isIdentifier(key)) {
        out.append('.').append(key);
      } else {
        appendQuoted(key, out);
      }
    }
    return out.toString();
  }

  private static boolean isIdentifier(String key) {
    if (key.isEmpty() || isDigit(key.charAt(0))) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(isDigit(c) || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Quotes leniently: this runs while reporting bad keys, lone surrogates included. */
  private static void appendQuoted(String key, StringBuilder out) {
    out.append("[\"");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append("\"]");
  }
}

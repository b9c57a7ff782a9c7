package dev.lexecon.policy;

import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * An immutable hash table from strings to an {@code int}, laid out for lookups on policies too
 * large for the CPU caches. A {@code HashMap<String, ...>} lookup follows four pointers (table,
 * node, key string, key bytes), each a likely cache miss once a policy has thousands of terms; here
 * a probe reads one 16-byte row (hash, where the key's characters are, length, value) and compares
 * the characters in one shared array, which is two misses.
 *
 * <p>A lookup can also name a prefix of the value ({@link #find(String, int, int)}), so the glob
 * prefix index probes it for each prefix length without creating substrings.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
final class KeyTable {
  /** What {@link #find} returns when the key is absent; never a stored value. */
  static final int ABSENT = Integer.MIN_VALUE;

  private static final int ROW = 4; // hash, offset in chars, length, value (ABSENT: free slot)

  private final int mask;
  private final int[] rows;
  /**
   * Every key, concatenated: one byte a character when all keys are Latin-1, as they almost always
   * are (half the memory, so more of a large policy stays in cache), else one char.
   */
  private final byte[] latin1;
  private final char[] chars;
  private final boolean wide;
  private final int size;

  /** A table keyed by {@code String.hashCode()}, which request strings have cached. */
  KeyTable(Map<String, Integer> values) {
    this(values, String::hashCode);
  }

  /**
   * @param values the value of each key; {@link #ABSENT} is not allowed
   * @param hash the hash of a key, which lookups must pass to {@link #find(String, int, int)}
   * @throws IllegalArgumentException if a value is {@link #ABSENT}
   */
  KeyTable(Map<String, Integer> values, ToIntFunction<String> hash) {
    // At most two thirds full: an absent key usually stops within a row or two, which share a
    // cache line, and a large policy's table stays small enough to keep much of it cached.
    int capacity = Integer.highestOneBit(Math.max(4, values.size() * 3 / 2 + 1) - 1) << 1;
    mask = capacity - 1;
    rows = new int[capacity * ROW];
    for (int slot = 0; slot < capacity; slot++) {
      rows[slot * ROW + 3] = ABSENT;
    }
    int totalChars = 0;
    boolean anyWide = false;
    for (String key : values.keySet()) {
      totalChars += key.length();
      for (int i = 0; i < key.length(); i++) {
        anyWide |= key.charAt(i) > 0xFF;
      }
    }
    wide = anyWide;
    latin1 = new byte[wide ? 0 : totalChars];
    chars = new char[wide ? totalChars : 0];
    int offset = 0;
    for (Map.Entry<String, Integer> e : values.entrySet()) {
      String key = e.getKey();
      int value = e.getValue();
      if (value == ABSENT) {
        throw new IllegalArgumentException("value of '" + key + "' is the ABSENT marker");
      }
      int h = hash.applyAsInt(key);
      int slot = spread(h) & mask;
      while (rows[slot * ROW + 3] != ABSENT) {
        slot = (slot + 1) & mask;
      }
      for (int i = 0; i < key.length(); i++) {
        if (wide) {
          chars[offset + i] = key.charAt(i);
        } else {
          latin1[offset + i] = (byte) key.charAt(i);
        }
      }
      int row = slot * ROW;
      rows[row] = h;
      rows[row + 1] = offset;
      rows[row + 2] = key.length();
      rows[row + 3] = value;
      offset += key.length();
    }
    size = values.size();
  }

  /** The value stored for {@code key}, or {@link #ABSENT}; for tables keyed by hashCode. */
  int find(String key) {
    return find(key, key.length(), key.hashCode());
  }

  /**
   * The value stored for the first {@code length} characters of {@code value}, or {@link #ABSENT}.
   *
   * @param hash the hash of those characters, as the table's hash function computes it
   */
  int find(String value, int length, int hash) {
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      int row = slot * ROW;
      int found = rows[row + 3];
      if (found == ABSENT) {
        return ABSENT;
      }
      if (rows[row] == hash && rows[row + 2] == length && sameChars(value, length, rows[row + 1])) {
        return found;
      }
    }
  }

  private boolean sameChars(String value, int length, int offset) {
    if (wide) {
      char[] c = chars;
      for (int i = 0; i < length; i++) {
        if (value.charAt(i) != c[offset + i]) {
          return false;
        }
      }
    } else {
      byte[] b = latin1;
      for (int i = 0; i < length; i++) {
        if (value.charAt(i) != (b[offset + i] & 0xFF)) {
          return false;
        }
      }
    }
    return true;
  }

  int size() {
    return size;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}

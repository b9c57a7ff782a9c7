package dev.lexecon.token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A fast reader for the flat JSON objects that token headers and claims are: one object whose
 * members are strings, non-negative integers or arrays of strings, under names known in advance.
 * It reads only a strict subset of JSON and returns {@code null} for anything outside it, so that
 * the caller falls back to {@link dev.lexecon.json.Jcs#parse}, which then accepts or rejects the
 * text with its usual, detailed message. Whatever this reader does accept, {@code Jcs.parse}
 * accepts too, giving the same values of the same types ({@code String}, {@code Long}, a list of
 * {@code String}s); {@code FlatJsonObjectTest} checks this on many generated texts.
 *
 * <p>Outside the subset, hence left to the generic parser: whitespace, escapes, control
 * characters, malformed UTF-8, member names it does not know, repeated names, {@code true},
 * {@code false}, {@code null}, nested objects, negative or fractional numbers, numbers with an
 * exponent or more than 18 digits, leading zeros, arrays holding anything but strings, and
 * anything after the object. None of it occurs in tokens Lexecon or a JOSE library issues.
 *
 * <p>Why: with Jackson, a {@code CharsetDecoder} and a {@code LinkedHashMap} per object, parsing
 * was over 40% of HS256 verification.
 *
 * <p>Instances are immutable once read and thread-safe.
 */
final class FlatJsonObject implements JsonMembers {

  /** The member names a reader knows, in a fixed order. Immutable and thread-safe. */
  static final class Names {
    private final String[] names;
    private final byte[][] ascii;

    Names(String... names) {
      this.names = names.clone();
      this.ascii = new byte[names.length][];
      for (int i = 0; i < names.length; i++) {
        this.ascii[i] = names[i].getBytes(StandardCharsets.US_ASCII);
      }
    }

    int size() {
      return names.length;
    }

    int indexOf(String name) {
      // Callers ask with the same string constants the names were given as: compare identity
      // first, which is what makes reading a claim cheap.
      for (int i = 0; i < names.length; i++) {
        if (names[i] == name) {
          return i;
        }
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    /** The index of the name spelled by the bytes {@code b[from, to)}, or -1. */
    int indexOf(byte[] b, int from, int to) {
      int length = to - from;
      for (int i = 0; i < ascii.length; i++) {
        byte[] name = ascii[i];
        if (name.length == length && matches(name, b, from)) {
          return i;
        }
      }
      return -1;
    }

    private static boolean matches(byte[] name, byte[] b, int from) {
      for (int j = 0; j < name.length; j++) {
        if (name[j] != b[from + j]) {
          return false;
        }
      }
      return true;
    }
  }

  private final Names names;
  private final @Nullable Object[] values;

  private FlatJsonObject(Names names, @Nullable Object[] values) {
    this.names = names;
    this.values = values;
  }

  @Override
  public @Nullable Object get(String name) {
    int i = names.indexOf(name);
    return i < 0 ? null : values[i];
  }

  /** Every value read is non-null (JSON {@code null} is outside the subset). */
  @Override
  public boolean contains(String name) {
    return get(name) != null;
  }

  /**
   * Reads {@code json} (UTF-8) if it is a flat object of the subset described above, else returns
   * {@code null}: that is a "don't know", not a rejection.
   */
  static @Nullable FlatJsonObject read(byte[] json, Names names) {
    byte[] b = json;
    int n = b.length;
    if (n < 2 || b[0] != '{') {
      return null;
    }
    @Nullable Object[] values = new Object[names.size()];
    if (b[1] == '}') {
      return n == 2 ? new FlatJsonObject(names, values) : null;
    }
    int p = 1;
    while (true) {
      if (p >= n || b[p] != '"') {
        return null;
      }
      int nameEnd = stringEnd(b, p + 1);
      if (nameEnd < 0 || (nameEnd & NON_ASCII) != 0) {
        return null; // every known name is ASCII
      }
      int slot = names.indexOf(b, p + 1, nameEnd);
      if (slot < 0 || values[slot] != null) {
        return null; // an unknown or repeated name: the generic parser decides
      }
      p = nameEnd + 1;
      if (p + 1 >= n || b[p] != ':') {
        return null;
      }
      p++;
      byte c = b[p];
      Object value;
      if (c == '"') {
        int end = stringEnd(b, p + 1);
        if (end < 0) {
          return null;
        }
        value = string(b, p + 1, end);
        if (value == null) {
          return null;
        }
        p = (end & ~NON_ASCII) + 1;
      } else if (c >= '0' && c <= '9') {
        // At most 15 digits are always within 2^53, where Jcs.parse gives a Long (beyond it, it
        // may give a Double). A 16th digit, a leading zero, a fraction or an exponent leaves a
        // character other than ',' or '}' next, which the check below refuses: the caller falls back.
        long number = c - '0';
        int end = p + 1;
        if (c != '0') {
          while (end < n && end - p < 15 && b[end] >= '0' && b[end] <= '9') {
            number = number * 10 + (b[end] - '0');
            end++;
          }
        }
        value = number; // a Long, as Jcs.parse gives for integers that fit
        p = end;
      } else if (c == '[') {
        List<String> list = new ArrayList<>(2);
        p++;
        if (p < n && b[p] == ']') {
          p++;
        } else {
          while (true) {
            if (p >= n || b[p] != '"') {
              return null;
            }
            int end = stringEnd(b, p + 1);
            if (end < 0) {
              return null;
            }
            String s = string(b, p + 1, end);
            if (s == null) {
              return null;
            }
            list.add(s);
            p = (end & ~NON_ASCII) + 1;
            if (p < n && b[p] == ',') {
              p++;
            } else if (p < n && b[p] == ']') {
              p++;
              break;
            } else {
              return null;
            }
          }
        }
        value = list;
      } else {
        return null;
      }
      values[slot] = value;
      if (p >= n) {
        return null;
      }
      if (b[p] == ',') {
        p++;
      } else if (b[p] == '}') {
        return p + 1 == n ? new FlatJsonObject(names, values) : null;
      } else {
        return null;
      }
    }
  }

  /**
   * Flag in {@link #stringEnd}'s result: the string has non-ASCII bytes. Positions stay far below
   * it (tokens are at most 64 KiB).
   */
  private static final int NON_ASCII = 1 << 30;

  /**
   * The index of the quote that ends a string starting at {@code from}, with {@link #NON_ASCII}
   * set if it holds bytes above 0x7f; -1 if it runs to the end or holds an escape or a control
   * character.
   */
  private static int stringEnd(byte[] b, int from) {
    int high = 0;
    for (int i = from; i < b.length; i++) {
      byte c = b[i];
      if (c == '"') {
        return high < 0 ? i | NON_ASCII : i;
      }
      if (c == '\\' || (c >= 0 && c < 0x20)) {
        return -1;
      }
      high |= c;
    }
    return -1;
  }

  /**
   * The text of the string from {@code from} to {@code end}, a {@link #stringEnd} result; {@code
   * null} if it is not well-formed UTF-8.
   */
  private static @Nullable String string(byte[] b, int from, int end) {
    int to = end & ~NON_ASCII;
    if (end == to) {
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1); // ASCII: a plain copy
    }
    return wellFormedUtf8(b, from, to) ? new String(b, from, to - from, StandardCharsets.UTF_8) : null;
  }

  /**
   * Well-formed UTF-8 by Unicode §3.9, Table 3-7: no overlong forms, no encoded surrogates, nothing
   * above U+10FFFF, no truncated sequences. Exactly what the generic parser's reporting {@code
   * CharsetDecoder} accepts; {@code new String(..., UTF_8)} would instead replace what is not.
   */
  static boolean wellFormedUtf8(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
      } else if (c < 0xc2) {
        return false; // a continuation byte, or the start of an overlong 2-byte form
      } else if (c < 0xe0) {
        if (i + 1 >= to || !continuation(b[i + 1], 0x80, 0xbf)) {
          return false;
        }
        i += 2;
      } else if (c < 0xf0) {
        int low = c == 0xe0 ? 0xa0 : 0x80; // E0 80..9F would be overlong
        int high = c == 0xed ? 0x9f : 0xbf; // ED A0..BF would be a surrogate
        if (i + 2 >= to || !continuation(b[i + 1], low, high) || !continuation(b[i + 2], 0x80, 0xbf)) {
          return false;
        }
        i += 3;
      } else if (c < 0xf5) {
        int low = c == 0xf0 ? 0x90 : 0x80; // F0 80..8F would be overlong
        int high = c == 0xf4 ? 0x8f : 0xbf; // F4 90.. would be above U+10FFFF
        if (i + 3 >= to
            || !continuation(b[i + 1], low, high)
            || !continuation(b[i + 2], 0x80, 0xbf)
            || !continuation(b[i + 3], 0x80, 0xbf)) {
          return false;
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean continuation(byte b, int low, int high) {
    int v = b & 0xff;
    return v >= low && v <= high;
  }
}

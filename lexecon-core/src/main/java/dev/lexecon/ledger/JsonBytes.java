package dev.lexecon.ledger;

import org.jspecify.annotations.Nullable;


/**
 * A validating scan of JSON text in UTF-8 bytes that builds nothing: it finds where a value ends,
 * and answers only when it can prove that {@link dev.lexecon.json.Jcs#parse(byte[])} accepts the
 * value. Verification uses it to check side records against their entry's commitments without
 * parsing every payload into maps (see {@link SideRecords}).
 *
 * <p>It accepts a subset of what the parser accepts and answers {@link #UNSURE} for everything
 * else, so that callers fall back to the parser, which decides and names the problem. The subset is
 * what the ledger writes (RFC 8785 text): no white space; strings without raw control characters,
 * in well-formed UTF-8, with the standard escapes but no escaped surrogate (the parser pairs those
 * up); member names without escapes, strictly increasing in byte order within each object, which
 * proves them unique as RFC 8785 requires (distinct unescaped UTF-8 is distinct text); numbers in
 * RFC 8259 form; nesting up to {@value #MAX_DEPTH} levels and strings, names and numbers well
 * below the parser's length limits.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonBytes {
  /** What {@link #valueEnd} returns when it cannot prove the text valid. */
  static final int UNSURE = -1;

  static final int MAX_DEPTH = 64;
  private static final int MAX_STRING = 1 << 20; // the parser's limit is 20,000,000 characters
  private static final int MAX_NAME = 1000; // the parser's limit is 50,000
  private static final int MAX_NUMBER = 100; // the parser's limit is 1,000

  private JsonBytes() {}

  /**
   * The index just after the JSON value that starts at {@code at} and lies before {@code limit},
   * or {@link #UNSURE}.
   */
  static int valueEnd(byte[] b, int at, int limit) {
    return value(b, at, limit, 0, null, Tape.ROOT);
  }

  /**
   * {@link #valueEnd(byte[], int, int)} that also records in {@code tape} where every member and
   * element of the value starts, so that a caller can look them up without scanning the text again.
   * The tape is cleared first and is meaningful only when the answer is not {@link #UNSURE}.
   */
  static int valueEnd(byte[] b, int at, int limit, Tape tape) {
    tape.size = 0;
    return value(b, at, limit, 0, tape, Tape.ROOT);
  }

  /**
   * The members and elements of validated JSON text, each with its container, its name (or index)
   * and where its value starts: what {@link #skip} would find, found once while validating. Not
   * thread-safe; reuse one per thread.
   */
  static final class Tape {
    /** The container of the value the scan started at. */
    static final int ROOT = -1;
    private static final int SLOT = 4; // parent, name start (or -1 for an element), name end (or index), value start

    private int[] slots = new int[SLOT * 64];
    private int size;

    private int add(int parent, int nameStart, int nameEnd, int valueStart) {
      int at = size * SLOT;
      if (at + SLOT > slots.length) {
        slots = java.util.Arrays.copyOf(slots, slots.length * 2);
      }
      slots[at] = parent;
      slots[at + 1] = nameStart;
      slots[at + 2] = nameEnd;
      slots[at + 3] = valueStart;
      return size++;
    }

    /**
     * The member named {@code name[from, to)} of container {@code parent} in text {@code b}, or -1.
     * Names in validated text are unescaped UTF-8, so equal bytes are equal names.
     */
    int member(int parent, byte[] b, byte[] name, int from, int to) {
      for (int i = 0, at = 0; i < size; i++, at += SLOT) {
        if (slots[at] == parent && slots[at + 1] >= 0
            && java.util.Arrays.equals(b, slots[at + 1], slots[at + 2], name, from, to)) {
          return i;
        }
      }
      return -1;
    }

    /** Element {@code index} of container {@code parent}, or -1. */
    int element(int parent, int index) {
      for (int i = 0, at = 0; i < size; i++, at += SLOT) {
        if (slots[at] == parent && slots[at + 1] < 0 && slots[at + 2] == index) {
          return i;
        }
      }
      return -1;
    }

    /** Where the value of member or element {@code node} starts. */
    int valueStart(int node) {
      return slots[node * SLOT + 3];
    }
  }

  private static int value(byte[] b, int at, int limit, int depth, @Nullable Tape tape, int self) {
    if (at >= limit) {
      return UNSURE;
    }
    switch (b[at]) {
      case '{':
        return object(b, at, limit, depth + 1, tape, self);
      case '[':
        return array(b, at, limit, depth + 1, tape, self);
      case '"':
        return stringEnd(b, at, limit, MAX_STRING, true);
      case 't':
        return literal(b, at, limit, TRUE);
      case 'f':
        return literal(b, at, limit, FALSE);
      case 'n':
        return literal(b, at, limit, NULL);
      default:
        return numberEnd(b, at, limit);
    }
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private static int literal(byte[] b, int at, int limit, byte[] word) {
    int end = at + word.length;
    if (end > limit) {
      return UNSURE;
    }
    for (int i = 0; i < word.length; i++) {
      if (b[at + i] != word[i]) {
        return UNSURE;
      }
    }
    return end;
  }

  private static int object(byte[] b, int at, int limit, int depth, @Nullable Tape tape, int self) {
    if (depth > MAX_DEPTH) {
      return UNSURE;
    }
    at++; // {
    if (at < limit && b[at] == '}') {
      return at + 1;
    }
    int previousStart = -1;
    int previousEnd = -1;
    while (true) {
      if (at >= limit || b[at] != '"') {
        return UNSURE;
      }
      int nameEnd = stringEnd(b, at, limit, MAX_NAME, false);
      if (nameEnd == UNSURE) {
        return UNSURE;
      }
      if (previousStart >= 0 && !isBefore(b, previousStart, previousEnd, at + 1, nameEnd - 1)) {
        return UNSURE;
      }
      previousStart = at + 1;
      previousEnd = nameEnd - 1;
      at = nameEnd;
      if (at >= limit || b[at] != ':') {
        return UNSURE;
      }
      int member = tape == null ? Tape.ROOT : tape.add(self, previousStart, previousEnd, at + 1);
      at = value(b, at + 1, limit, depth, tape, member);
      if (at == UNSURE || at >= limit) {
        return UNSURE;
      }
      if (b[at] == '}') {
        return at + 1;
      }
      if (b[at] != ',') {
        return UNSURE;
      }
      at++;
    }
  }

  /**
   * Whether {@code b[from1, to1)} sorts strictly before {@code b[from2, to2)} as unsigned bytes. A
   * plain loop: names are short and differ early, where {@link java.util.Arrays#compareUnsigned}
   * costs more to call than to run.
   */
  private static boolean isBefore(byte[] b, int from1, int to1, int from2, int to2) {
    int n = Math.min(to1 - from1, to2 - from2);
    for (int k = 0; k < n; k++) {
      int x = b[from1 + k] & 0xFF;
      int y = b[from2 + k] & 0xFF;
      if (x != y) {
        return x < y;
      }
    }
    return to1 - from1 < to2 - from2;
  }

  private static int array(byte[] b, int at, int limit, int depth, @Nullable Tape tape, int self) {
    if (depth > MAX_DEPTH) {
      return UNSURE;
    }
    at++; // [
    if (at < limit && b[at] == ']') {
      return at + 1;
    }
    for (int index = 0; ; index++) {
      int element = tape == null ? Tape.ROOT : tape.add(self, -1, index, at);
      at = value(b, at, limit, depth, tape, element);
      if (at == UNSURE || at >= limit) {
        return UNSURE;
      }
      if (b[at] == ']') {
        return at + 1;
      }
      if (b[at] != ',') {
        return UNSURE;
      }
      at++;
    }
  }

  /**
   * The index after the closing quote of the string whose opening quote is at {@code at}, or
   * {@link #UNSURE}; escapes only when {@code escapes} (member names have none in the subset).
   */
  static int stringEnd(byte[] b, int at, int limit, int maxLength, boolean escapes) {
    int end = Math.min(limit, at + 1 + maxLength + 1);
    int i = at + 1;
    while (i < end) {
      int c = b[i];
      if (c == '"') {
        return i + 1;
      }
      if (c >= 0x20 && c != '\\') { // printable ASCII; c < 0 for bytes of multi-byte sequences
        i++;
      } else if (c < 0) {
        i = utf8SequenceEnd(b, i, end);
        if (i == UNSURE) {
          return UNSURE;
        }
      } else if (c == '\\' && escapes && i + 1 < end) {
        i = escapeEnd(b, i, end);
        if (i == UNSURE) {
          return UNSURE;
        }
      } else {
        return UNSURE; // a raw control character, or an escape where none is expected
      }
    }
    return UNSURE;
  }

  private static int escapeEnd(byte[] b, int at, int end) {
    switch (b[at + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
        return at + 2;
      case 'u': {
        if (at + 6 > end) {
          return UNSURE;
        }
        int unit = 0;
        for (int k = at + 2; k < at + 6; k++) {
          int d = Character.digit(b[k], 16);
          if (d < 0) {
            return UNSURE;
          }
          unit = unit << 4 | d;
        }
        // the parser pairs escaped surrogates and rejects lone ones; leave those to it
        return Character.isSurrogate((char) unit) ? UNSURE : at + 6;
      }
      default:
        return UNSURE;
    }
  }

  /**
   * The end of the well-formed UTF-8 sequence (Unicode Table 3-7: no overlong forms, no
   * surrogates, nothing above U+10FFFF) that starts at {@code at}, or {@link #UNSURE}.
   */
  private static int utf8SequenceEnd(byte[] b, int at, int end) {
    int lead = b[at] & 0xFF;
    int length;
    int secondMin = 0x80;
    int secondMax = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) {
        secondMin = 0xA0;
      } else if (lead == 0xED) {
        secondMax = 0x9F;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) {
        secondMin = 0x90;
      } else if (lead == 0xF4) {
        secondMax = 0x8F;
      }
    } else {
      return UNSURE;
    }
    if (at + length > end) {
      return UNSURE;
    }
    int second = b[at + 1] & 0xFF;
    if (second < secondMin || second > secondMax) {
      return UNSURE;
    }
    for (int k = at + 2; k < at + length; k++) {
      if ((b[k] & 0xC0) != 0x80) {
        return UNSURE;
      }
    }
    return at + length;
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, the RFC 8259 number grammar. */
  static int numberEnd(byte[] b, int at, int limit) {
    int end = Math.min(limit, at + MAX_NUMBER + 1);
    int i = at;
    if (i < end && b[i] == '-') {
      i++;
    }
    if (i >= end) {
      return UNSURE;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      i = digits(b, i, end);
    } else {
      return UNSURE;
    }
    if (i < end && b[i] == '.') {
      int after = digits(b, i + 1, end);
      if (after == i + 1) {
        return UNSURE;
      }
      i = after;
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int after = digits(b, i, end);
      // an exponent beyond an int makes BigDecimal, and so the parser, fail
      if (after == i || after - i > 4) {
        return UNSURE;
      }
      i = after;
    }
    // a number longer than the limit, or one followed by a digit-like byte, is not ours to judge
    if (i - at > MAX_NUMBER || (i < limit && isNumberByte(b[i]))) {
      return UNSURE;
    }
    return i;
  }

  private static boolean isNumberByte(byte c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }

  private static int digits(byte[] b, int i, int end) {
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }
}

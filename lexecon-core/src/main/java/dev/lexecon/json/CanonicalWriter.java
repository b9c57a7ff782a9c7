package dev.lexecon.json;

import dev.lexecon.internal.JsonEscape;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes a JSON model in RFC 8785 canonical form straight into UTF-8 bytes, the encoding RFC 8785
 * §3.2.4 fixes, so that hashing needs neither a String nor a second copy.
 *
 * <p>Not thread-safe. {@link #acquire()} lends the calling thread its own writer, so that the many
 * small canonicalizations of a decision (payload, side record, commitments, token segments) reuse
 * one buffer and one path stack instead of growing a new buffer to the value's size and copying
 * it each time; {@link #release()} hands it back.
 */
final class CanonicalWriter {
  private static final int INITIAL_CAPACITY = 2048; // a decision entry's payload is about 1 KB
  /** A thread keeps at most this much buffer between calls; a large policy's buffer is dropped. */
  private static final int MAX_RETAINED_CAPACITY = 64 * 1024;
  private static final ThreadLocal<CanonicalWriter> PER_THREAD =
      ThreadLocal.withInitial(CanonicalWriter::new);

  /** How many writers a thread keeps for nested canonicalizations. */
  private static final int MAX_NESTED = 3;

  /** Objects with more members than this are sorted by {@link Arrays#sort}, not insertion. */
  private static final int MAX_COLLECTED_MEMBERS = 32;
  /** Room on a call's member stack before it grows; a call gets new arrays (see release()). */
  private static final int MEMBER_STACK = 32;
  private static final int MAX_RETAINED_CHARS = 16 * 1024;

  private final JsonPath path = new JsonPath();
  private @Nullable CanonicalWriter nested;
  /**
   * The members of the objects being written, innermost last: each object collects its own on
   * top and pops them when written.
   */
  private @Nullable Object[] memberKeys = new Object[MEMBER_STACK];
  private @Nullable Object[] memberValues = new Object[MEMBER_STACK];
  private int memberTop;
  /**
   * How far up the member stack this call has reached. Each object leaves its members on the
   * stack when done (the next object overwrites them) instead of clearing them, which was 5% of a
   * ledger payload's walk; {@link #release()} drops the arrays of a call that used them.
   */
  private int memberHigh;
  private final BiConsumer<Object, Object> collector = this::collectMember;
  /** Scratch for {@link #writeString}; {@code charsUsed} is how much of it holds text. */
  private char[] chars = new char[256];
  private int charsUsed;
  /** Asked for a replacement of each value that cannot be written as it is; null: refuse them. */
  private Jcs.@Nullable Substitution substitution;
  private byte[] buffer = new byte[INITIAL_CAPACITY];
  private int size;
  private boolean lent;

  /**
   * The calling thread's writer, empty. While it is lent, a nested call (the ledger commits to a
   * redactable value while the payload around it is being written; a map's {@code get} may
   * canonicalize something) gets the thread's next writer, kept for such calls up to {@link
   * #MAX_NESTED} deep and fresh beyond that. Pair with {@link #release()} in a {@code finally}
   * block.
   */
  static CanonicalWriter acquire() {
    CanonicalWriter w = PER_THREAD.get();
    for (int depth = 0; w.lent; depth++) {
      if (depth == MAX_NESTED) {
        w = new CanonicalWriter();
        break;
      }
      if (w.nested == null) {
        w.nested = new CanonicalWriter();
      }
      w = w.nested;
    }
    w.lent = true;
    return w;
  }

  /**
   * Empties the writer for the next {@link #acquire()}, also after a write that threw. What it
   * wrote is zeroed: the ledger canonicalizes personal data (redactable values, side records)
   * through these writers, and a thread's kept buffers must not hold it after the call.
   */
  void release() {
    try {
      Arrays.fill(buffer, 0, size, (byte) 0);
      Arrays.fill(chars, 0, Math.min(charsUsed, chars.length), '\0');
      // Objects leave their members on the stack (see memberHigh), as does a write that threw.
      // New arrays rather than cleared ones: arrays a thread keeps end up in the old generation,
      // where G1 fences every store of a young reference (card marking), two per member; stores
      // into young arrays skip that. 288 bytes per call bought 10% of a payload's walk.
      if (Math.max(memberHigh, memberTop) > 0) {
        memberKeys = new Object[MEMBER_STACK];
        memberValues = new Object[MEMBER_STACK];
      }
      size = 0;
      charsUsed = 0;
      memberTop = 0;
      memberHigh = 0;
      substitution = null;
      path.reset();
      if (buffer.length > MAX_RETAINED_CAPACITY) {
        buffer = new byte[INITIAL_CAPACITY];
      }
      if (chars.length > MAX_RETAINED_CHARS) {
        chars = new char[256];
      }
    } finally {
      lent = false; // whatever happened above, the thread must get this writer back
    }
  }

  /** Appends the canonical form of {@code value}; throws on the first value JCS cannot express. */
  CanonicalWriter write(@Nullable Object value) {
    writeValue(value);
    return this;
  }

  /**
   * Appends the canonical form of {@code value}, writing in place of each value JCS cannot
   * express as it is (an unsupported type, a non-finite or inexact number) what {@code
   * substitution} returns for it, which must be plain JSON.
   */
  CanonicalWriter write(@Nullable Object value, Jcs.Substitution substitution) {
    this.substitution = substitution;
    try {
      writeValue(value);
    } finally {
      this.substitution = null;
    }
    return this;
  }

  /** Writes the substitute for {@code value}; only while {@link #substitution} is set. */
  private void writeSubstitute(Jcs.Substitution s, Object value) {
    substitution = null; // a replacement is plain JSON: never substitute within it
    try {
      writeValue(s.substitute(value, path));
    } finally {
      substitution = s;
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /** What was written, at offset {@code before} of a new array with {@code after} bytes behind. */
  byte[] toFramedArray(int before, int after) {
    byte[] out = new byte[Math.addExact(Math.addExact(before, size), after)];
    System.arraycopy(buffer, 0, out, before, size);
    return out;
  }

  String toUtf8String() {
    return new String(buffer, 0, size, StandardCharsets.UTF_8);
  }

  void digestInto(MessageDigest digest) {
    digest.update(buffer, 0, size);
  }

  private void writeValue(@Nullable Object value) {
    if (value instanceof String string) {
      writeString(string, false);
    } else if (value instanceof Map<?, ?> object) {
      writeObject(object);
    } else if (value instanceof List<?> array) {
      writeArray(array);
    } else if (value instanceof Number number) {
      writeNumber(number);
    } else if (value instanceof Boolean bool) {
      writeAscii(bool ? "true" : "false");
    } else if (value == null) {
      writeAscii("null");
    } else if (substitution != null) {
      writeSubstitute(substitution, value);
    } else {
      throw ModelErrors.unsupportedType(path, value);
    }
  }

  private void writeObject(Map<?, ?> object) {
    if (path.depth() >= ModelErrors.MAX_DEPTH) {
      throw ModelErrors.tooDeep(path);
    }
    // The members go onto the writer's member stack in canonical order, and are written from
    // there; each object pops its own when done.
    int base = memberTop;
    try {
      if (object.size() > MAX_COLLECTED_MEMBERS) {
        collectSortedByKeySnapshot(object);
      } else {
        // One pass over the map, so writing needs no get() per key; insertion sort beats a
        // general sort at the handful of members a JSON object usually has.
        object.forEach(collector);
        checkKeys(memberKeys, base, memberTop);
        sortMembers(base, memberTop);
      }
      int end = memberTop;
      writeByte('{');
      for (int i = base; i < end; i++) {
        String key = (String) memberKeys[i];
        if (i > base) {
          writeByte(',');
        }
        writeString(key, true);
        writeByte(':');
        path.pushKey(key);
        writeValue(memberValues[i]);
        path.pop();
      }
      writeByte('}');
    } finally {
      // The members stay on the stack until release() clears it up to memberHigh.
      if (memberTop > memberHigh) {
        memberHigh = memberTop;
      }
      memberTop = base;
    }
  }

  /** Throws, naming the object's path, at the first key in {@code [from, to)} not a String. */
  private void checkKeys(@Nullable Object[] keys, int from, int to) {
    for (int i = from; i < to; i++) {
      Object key = keys[i];
      if (!(key instanceof String)) {
        throw key == null ? ModelErrors.nullKey(path) : ModelErrors.nonStringKey(path, key);
      }
    }
  }

  /**
   * Sorts the members in {@code [from, to)} by key, UTF-16 code units (RFC 8785 §3.2.3), and
   * throws at two equal keys, which an IdentityHashMap can hold: in a sorted run the insertion of
   * a key stops at an equal one if there is one.
   */
  private void sortMembers(int from, int to) {
    Object[] keys = memberKeys;
    Object[] values = memberValues;
    for (int i = from + 1; i < to; i++) {
      String key = (String) keys[i];
      int j = i - 1;
      int order = ((String) keys[j]).compareTo(key);
      if (order < 0) {
        // In place already, as every member of a map that iterates in canonical order is (a
        // ledger entry's payload read back, a TreeMap): no stores, which cost a GC barrier each.
        continue;
      }
      Object value = values[i];
      while (order > 0) {
        keys[j + 1] = keys[j];
        values[j + 1] = values[j];
        if (--j < from) {
          break;
        }
        order = ((String) keys[j]).compareTo(key);
      }
      if (order == 0) {
        throw ModelErrors.duplicateKey(path);
      }
      keys[j + 1] = key;
      values[j + 1] = value;
    }
  }

  private void collectMember(Object key, Object value) {
    if (memberTop == memberKeys.length) {
      memberKeys = Arrays.copyOf(memberKeys, memberTop * 2);
      memberValues = Arrays.copyOf(memberValues, memberTop * 2);
    }
    memberKeys[memberTop] = key;
    memberValues[memberTop] = value;
    memberTop++;
  }

  /**
   * Collects an object too large for insertion sort: a snapshot of its keys, sorted, and a get
   * per key. keySet().toArray() takes a consistent snapshot even of a concurrent map.
   */
  private void collectSortedByKeySnapshot(Map<?, ?> object) {
    Object[] keys = object.keySet().toArray();
    checkKeys(keys, 0, keys.length);
    Arrays.sort(keys); // RFC 8785 §3.2.3: UTF-16 code units, which is exactly String.compareTo
    for (int i = 1; i < keys.length; i++) {
      if (keys[i].equals(keys[i - 1])) {
        throw ModelErrors.duplicateKey(path); // an IdentityHashMap can hold equal keys
      }
    }
    for (Object key : keys) {
      collectMember(key, object.get(key));
    }
  }

  private void writeArray(List<?> array) {
    if (path.depth() >= ModelErrors.MAX_DEPTH) {
      throw ModelErrors.tooDeep(path);
    }
    writeByte('[');
    path.pushIndex(0);
    if (array instanceof RandomAccess) { // no iterator object (two, for an unmodifiable list)
      int n = array.size();
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          writeByte(',');
          path.nextIndex();
        }
        writeValue(array.get(i));
      }
      path.pop();
      writeByte(']');
      return;
    }
    boolean first = true;
    for (Object element : array) {
      if (first) {
        first = false;
      } else {
        writeByte(',');
        path.nextIndex();
      }
      writeValue(element);
    }
    path.pop();
    writeByte(']');
  }

  private void writeNumber(Number number) {
    if (number instanceof Long || number instanceof Integer) {
      long value = number.longValue();
      if (-JsonNumbers.MAX_EXACT_INTEGER <= value && value <= JsonNumbers.MAX_EXACT_INTEGER) {
        writeInteger(value);
        return;
      }
    }
    String text = JsonNumbers.isSupported(number) && !JsonNumbers.isNonFinite(number)
        ? JsonNumbers.canonicalText(number)
        : null;
    if (text != null) {
      writeAscii(text);
    } else if (substitution != null) {
      writeSubstitute(substitution, number);
    } else if (!JsonNumbers.isSupported(number)) {
      throw ModelErrors.unsupportedType(path, number);
    } else if (JsonNumbers.isNonFinite(number)) {
      throw ModelErrors.nonFinite(path, number);
    } else {
      throw ModelErrors.inexact(path, number);
    }
  }

  /**
   * RFC 8785 §3.2.2.2: escape only {@code "}, {@code \} and the C0 controls, using the two-letter
   * escapes where JSON has them and lowercase <code>&#92;u00xx</code> otherwise; everything else, U+2028,
   * U+2029 and DEL included, goes out as literal UTF-8.
   */
  private void writeString(String string, boolean isKey) {
    int length = string.length();
    ensure(length * 3 + 2); // at most 3 UTF-8 bytes per UTF-16 unit; escapes ensure their own
    // One bulk copy into a char array (a vectorized inflate for the usual Latin-1 string) and a
    // loop over that array: charAt() per character checked bounds and the coder every time.
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    char[] in = chars;
    string.getChars(0, length, in, 0);
    if (length > charsUsed) {
      charsUsed = length;
    }
    byte[] out = buffer;
    int at = size;
    out[at++] = '"';
    int i = 0;
    for (; i < length; i++) { // the common case: printable ASCII that needs no escape
      char c = in[i];
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        break;
      }
      out[at++] = (byte) c;
    }
    for (; i < length; i++) {
      char c = in[i];
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          out[at++] = (byte) c;
          continue;
        }
        size = at;
        ensure(6 + 3 * (length - i - 1) + 1); // an escape outgrows the 3 bytes reserved for it
        writeEscape(c);
        out = buffer;
        at = size;
      } else if (c < 0x800) {
        out[at++] = (byte) (0xc0 | c >> 6);
        out[at++] = (byte) (0x80 | c & 0x3f);
      } else if (!Character.isSurrogate(c)) {
        out[at++] = (byte) (0xe0 | c >> 12);
        out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
        out[at++] = (byte) (0x80 | c & 0x3f);
      } else {
        char low = i + 1 < length ? in[i + 1] : 0;
        if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
          throw ModelErrors.loneSurrogate(path, isKey, c, i);
        }
        int codePoint = Character.toCodePoint(c, low);
        i++;
        out[at++] = (byte) (0xf0 | codePoint >> 18);
        out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
        out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
        out[at++] = (byte) (0x80 | codePoint & 0x3f);
      }
    }
    out[at++] = '"';
    size = at;
  }

  private void writeEscape(char c) {
    size = JsonEscape.write(buffer, size, c);
  }

  /**
   * Writes an integer of at most 2^53 in magnitude, as {@link Long#toString} spells it, without
   * the String.
   */
  private void writeInteger(long value) {
    ensure(17); // "-9007199254740992"
    byte[] out = buffer;
    int at = size;
    long rest = value;
    if (rest < 0) {
      out[at++] = '-';
      rest = -rest;
    }
    int end = at + 1;
    for (long power = 10; power <= rest; power *= 10) { // 2^53 < 10^16: power cannot overflow
      end++;
    }
    for (int i = end - 1; i >= at; i--) {
      out[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    size = end;
  }

  /** For keywords and numbers, which are ASCII by construction. */
  private void writeAscii(String text) {
    int length = text.length();
    ensure(length);
    byte[] out = buffer;
    int at = size;
    for (int i = 0; i < length; i++) {
      out[at++] = (byte) text.charAt(i);
    }
    size = at;
  }

  private void writeByte(char c) {
    ensure(1);
    buffer[size++] = (byte) c;
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
  }
}

package dev.lexecon.ledger;

import dev.lexecon.json.Jcs;
import dev.lexecon.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
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

  /**
   * Checks {@code sideRecord} against the entry whose payload lies in {@code entry[payloadStart,
   * payloadEnd)}; null when good. The same answer as {@link #check(byte[], byte[])}, faster: it
   * first tries to prove the side record good on the bytes, and only when that fails (anything
   * wrong, or merely unusual) parses both and lets the parse decide and name the problem.
   *
   * @param sha a SHA-256 instance in its initial state, which the caller reuses; left so
   */
  static @Nullable Problem check(
      byte[] entry, int payloadStart, int payloadEnd, byte[] sideRecord, MessageDigest sha) {
    return check(entry, payloadStart, payloadEnd, sideRecord, sha, new JsonBytes.Tape());
  }

  /** {@link #check(byte[], int, int, byte[], MessageDigest)} with a tape the caller reuses. */
  static @Nullable Problem check(byte[] entry, int payloadStart, int payloadEnd, byte[] sideRecord,
      MessageDigest sha, JsonBytes.Tape tape) {
    if (opensOnBytes(entry, payloadStart, payloadEnd, sideRecord, sha, tape)) {
      return null;
    }
    return check(Arrays.copyOfRange(entry, payloadStart, payloadEnd), sideRecord);
  }

  private static final byte[] FIELDS_START = ascii("{\"fields\":{");
  private static final byte[] FIELDS_END = ascii("}}");
  private static final byte[] SALT = ascii("\":{\"salt\":\"");
  private static final byte[] VALUE = ascii("\",\"value\":");
  private static final byte[] MARKER = ascii("{\"commitment\":\"sha256:");
  private static final byte[] MARKER_END = ascii("\"}");
  private static final byte[] HEX_DIGITS = ascii("0123456789abcdef");
  private static final int[] HEX_VALUES = new int[128]; // for bytes already checked to be hex

  static {
    for (int i = 0; i < 16; i++) {
      HEX_VALUES[HEX_DIGITS[i]] = i;
    }
  }

  /**
   * Whether the side record is proven good on the bytes alone: the payload is JSON the parser
   * accepts ({@link JsonBytes}); the side record is exactly {@code {"fields":{...}}} with
   * unescaped pointers in strictly increasing order (so unique), each field exactly {@code
   * {"salt":"<64 hex>","value":<JSON>}}; each pointer leads, through object members and array
   * indexes of the payload, to exactly {@code {"commitment":"sha256:<64 hex>"}}; and {@code
   * SHA-256(salt || JCS(value))} is that hex. JCS(value) is the value's own bytes when those are
   * canonical, which is what the ledger writes; otherwise it comes from the parser. Every condition
   * is one the parsing path checks too, so "true" here means it would find no problem; "false"
   * means only "not proven" and sends the record to the parsing path.
   */
  static boolean opensOnBytes(
      byte[] entry, int payloadStart, int payloadEnd, byte[] side, MessageDigest sha) {
    return opensOnBytes(entry, payloadStart, payloadEnd, side, sha, new JsonBytes.Tape());
  }

  /**
   * {@link #opensOnBytes(byte[], int, int, byte[], MessageDigest)} with a tape the caller reuses:
   * validating the payload records where its members start, so that pointers are resolved without
   * scanning the payload a second time.
   */
  static boolean opensOnBytes(byte[] entry, int payloadStart, int payloadEnd, byte[] side,
      MessageDigest sha, JsonBytes.Tape tape) {
    try {
      if (JsonBytes.valueEnd(entry, payloadStart, payloadEnd, tape) != payloadEnd
          || !startsWith(side, 0, FIELDS_START)) {
        return false;
      }
      int at = FIELDS_START.length;
      if (at < side.length && side[at] == '}') {
        return at + FIELDS_END.length == side.length && startsWith(side, at, FIELDS_END);
      }
      byte[] digest = new byte[32];
      byte[] salt = new byte[Commitments.SALT_LENGTH];
      int previousStart = -1;
      int previousEnd = -1;
      while (true) {
        if (at >= side.length || side[at] != '"') {
          return false;
        }
        int pointerStart = at + 1;
        int quoted = JsonBytes.stringEnd(side, at, side.length, side.length - at, false);
        if (quoted == JsonBytes.UNSURE) {
          return false; // escapes in the pointer: the parser decodes them
        }
        int pointerEnd = quoted - 1;
        if (previousStart >= 0 && Arrays.compareUnsigned(
            side, previousStart, previousEnd, side, pointerStart, pointerEnd) >= 0) {
          return false; // out of order, or a repeated pointer: the parser decides
        }
        previousStart = pointerStart;
        previousEnd = pointerEnd;
        at = pointerEnd;
        if (!startsWith(side, at, SALT)) {
          return false;
        }
        int saltStart = at + SALT.length;
        if (saltStart + 64 > side.length || !isLowerHex(side, saltStart, 64)
            || !startsWith(side, saltStart + 64, VALUE)) {
          return false;
        }
        int valueStart = saltStart + 64 + VALUE.length;
        int valueEnd = JsonBytes.valueEnd(side, valueStart, side.length);
        if (valueEnd == JsonBytes.UNSURE || valueEnd >= side.length || side[valueEnd] != '}') {
          return false;
        }
        int marker = resolve(entry, payloadStart, tape, side, pointerStart, pointerEnd);
        if (marker < 0 || !startsWith(entry, marker, MARKER)) {
          return false;
        }
        int hexStart = marker + MARKER.length;
        if (hexStart + 64 + MARKER_END.length > payloadEnd
            || !startsWith(entry, hexStart + 64, MARKER_END)) {
          return false;
        }
        byte[] value = side;
        int valueOffset = valueStart;
        int valueLength = valueEnd - valueStart;
        if (!isCanonical(side, valueStart, valueEnd)) {
          try {
            value = Jcs.canonicalize(Jcs.parse(Arrays.copyOfRange(side, valueStart, valueEnd)));
          } catch (IllegalArgumentException e) {
            return false;
          }
          valueOffset = 0;
          valueLength = value.length;
        }
        for (int k = 0; k < 32; k++) {
          salt[k] = (byte) (HEX_VALUES[side[saltStart + 2 * k]] << 4 | HEX_VALUES[side[saltStart + 2 * k + 1]]);
        }
        sha.update(salt); // one call: MessageDigest.update(byte) costs about as much as a block
        sha.update(value, valueOffset, valueLength);
        sha.digest(digest, 0, digest.length); // which also resets it for the next use
        for (int k = 0; k < 32; k++) {
          if (entry[hexStart + 2 * k] != HEX_DIGITS[(digest[k] >> 4) & 0xF]
              || entry[hexStart + 2 * k + 1] != HEX_DIGITS[digest[k] & 0xF]) {
            return false;
          }
        }
        at = valueEnd + 1;
        if (at < side.length && side[at] == ',') {
          at++;
          continue;
        }
        return at + FIELDS_END.length == side.length && startsWith(side, at, FIELDS_END);
      }
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Where the node at the pointer {@code side[from, to)} starts in the payload, for pointers
   * {@code /payload/...} through object members and array indexes; -1 when it is absent or the
   * pointer is unusual. The payload was already validated by {@link JsonBytes}, which recorded its
   * members and elements in {@code tape}.
   */
  private static int resolve(byte[] entry, int payloadStart, JsonBytes.Tape tape, byte[] side,
      int from, int to) {
    if (!startsWith(side, from, POINTER_ROOT) || from + POINTER_ROOT.length > to) {
      return -1;
    }
    int position = payloadStart;
    int node = JsonBytes.Tape.ROOT;
    int token = from + POINTER_ROOT.length;
    while (true) {
      int tokenEnd = token;
      boolean escaped = false;
      while (tokenEnd < to && side[tokenEnd] != '/') {
        escaped |= side[tokenEnd] == '~';
        tokenEnd++;
      }
      byte[] name = side;
      int nameStart = token;
      int nameEnd = tokenEnd;
      if (escaped) { // RFC 6901 ~0 and ~1, decoded exactly as the parsing path decodes them
        name = JsonPath.unescapeToken(new String(side, token, tokenEnd - token, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
        nameStart = 0;
        nameEnd = name.length;
      }
      node = entry[position] == '{' ? tape.member(node, entry, name, nameStart, nameEnd)
          : entry[position] == '[' ? element(tape, node, name, nameStart, nameEnd)
          : -1;
      if (node < 0) {
        return -1;
      }
      position = tape.valueStart(node);
      if (tokenEnd == to) {
        return position;
      }
      token = tokenEnd + 1;
    }
  }

  private static final byte[] POINTER_ROOT = ascii("/payload/");

  /** The element of {@code array} whose index is {@code side[from, to)}, or -1. */
  private static int element(JsonBytes.Tape tape, int array, byte[] index, int from, int to) {
    int length = to - from;
    if (length == 0 || length > 6 || (index[from] == '0' && length > 1)) {
      return -1;
    }
    int position = 0;
    for (int k = from; k < to; k++) {
      if (index[k] < '0' || index[k] > '9') {
        return -1;
      }
      position = position * 10 + (index[k] - '0');
    }
    return tape.element(array, position);
  }

  /**
   * Whether {@code JCS(parse(b[from, to)))} is those bytes, for the values it is easy to tell:
   * a string without escapes (JCS writes any other character as itself), {@code true}, {@code
   * false}, {@code null}, and an integer below 10^15 without sign on zero (JCS writes integers up
   * to 2^53 as they are). The caller has validated the value.
   */
  private static boolean isCanonical(byte[] b, int from, int to) {
    byte first = b[from];
    if (first == '"') {
      for (int k = from + 1; k < to - 1; k++) {
        if (b[k] == '\\') {
          return false;
        }
      }
      return true;
    }
    if (first == 't' || first == 'f' || first == 'n') {
      return true;
    }
    int k = first == '-' ? from + 1 : from;
    if (to - k > 15 || to == k || (b[k] == '0' && (to - k > 1 || k > from))) {
      return false;
    }
    for (int i = k; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerHex(byte[] b, int from, int length) {
    for (int i = from; i < from + length; i++) {
      byte c = b[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    return at >= 0 && at + prefix.length <= b.length
        && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
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
      String key = JsonPath.unescapeToken(token);
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

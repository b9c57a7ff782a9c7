package dev.lexecon.ledger;

import dev.lexecon.json.Jcs;
import java.nio.charset.StandardCharsets;
import dev.lexecon.api.ledger.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The canonical bytes of a ledger entry without {@code entry_hash}, which is what {@code
 * entry_hash} is the SHA-256 of:
 *
 * <pre>{@code
 * {"entry_id":"entry_<seq>","event_type":"<type>","payload":<JCS payload>,
 *  "previous_hash":"<64 hex>","seq":<seq>,"timestamp":"<RFC 3339, 6 digits>"}
 * }</pre>
 *
 * (one line, no white space). This is exactly RFC 8785 of the six-member object: the member names
 * are already in UTF-16 order, and none of the fixed members can hold a character JCS would
 * escape. Writing the envelope around pre-canonicalized payload bytes lets callers canonicalize
 * their payload on their own thread, leaving the single writer thread only this concatenation and
 * one SHA-256; {@code EntryCodecTest} checks the equivalence with {@link Jcs} on random entries.
 *
 * <p>{@link #parse} reads the five fixed members back without a JSON parser, so verifying a
 * million entries does not build a million trees: the fixed members are located from both ends,
 * and the payload is whatever lies between. A payload cannot fool this, because any text inside
 * it that looks like the envelope's tail would have to end the entry, and the tail is checked to
 * the last byte. Bytes that do not fit fall back to a full parse, which names the problem.
 *
 * <p>Stateless and thread-safe.
 */
final class EntryCodec {
  static final String ZERO_HASH = "0".repeat(64);
  static final long MAX_SEQ = 1L << 53; // JCS numbers are doubles: seq must stay exact

  private static final byte[] P_ENTRY_ID = ascii("{\"entry_id\":\"entry_");
  private static final byte[] P_EVENT_TYPE = ascii("\",\"event_type\":\"");
  private static final byte[] P_PAYLOAD = ascii("\",\"payload\":");
  private static final byte[] P_PREVIOUS = ascii(",\"previous_hash\":\"");
  private static final byte[] P_SEQ = ascii("\",\"seq\":");
  private static final byte[] P_TIMESTAMP = ascii(",\"timestamp\":\"");
  private static final byte[] P_END = ascii("\"}");
  private static final Set<String> MEMBERS =
      Set.of("entry_id", "event_type", "payload", "previous_hash", "seq", "timestamp");

  private EntryCodec() {}

  /**
   * The fixed members of an entry and where its payload lies in the bytes. The previous hash and
   * the timestamp stay in the entry's bytes until asked for as strings, and the {@code ...Is}
   * methods compare them where they lie.
   *
   * <p>A header from {@link #parse} is never changed again. A loop over many entries can instead
   * keep one header and {@link #read} each entry into it: verification reads every entry of a
   * million-entry ledger, and a header object per entry was almost half of what it allocated.
   * Not thread-safe: a header being reread belongs to the loop that rereads it.
   */
  static final class Header {
    private byte[] entry;
    private long seq;
    private String eventType;
    private int previousHashStart;
    private int timestampStart;
    private int payloadStart;
    private int payloadEnd;
    private @Nullable String previousHash;
    private @Nullable String timestamp;

    /** A header to {@link #read} entries into; it holds none until the first read succeeds. */
    Header() {
      this.entry = new byte[0];
      this.eventType = "";
    }

    /**
     * Reads the fixed members of {@code entry} into this header, replacing the entry it held; false
     * if the bytes are not a canonical entry, and then this header holds nothing valid. {@link
     * #parse} of the same bytes names the problem.
     */
    boolean read(byte[] entry) {
      previousHash = null;
      timestamp = null;
      return readFast(entry, this);
    }

    private void set(byte[] entry, long seq, String eventType, int previousHashStart,
        int timestampStart, int payloadStart, int payloadEnd) {
      this.entry = entry;
      this.seq = seq;
      this.eventType = eventType;
      this.previousHashStart = previousHashStart;
      this.timestampStart = timestampStart;
      this.payloadStart = payloadStart;
      this.payloadEnd = payloadEnd;
    }

    long seq() {
      return seq;
    }

    String eventType() {
      return eventType;
    }

    String previousHash() {
      String s = previousHash;
      if (s == null) {
        s = new String(entry, previousHashStart, 64, StandardCharsets.US_ASCII);
        previousHash = s;
      }
      return s;
    }

    String timestamp() {
      String s = timestamp;
      if (s == null) {
        s = new String(entry, timestampStart, Timestamps.LENGTH, StandardCharsets.US_ASCII);
        timestamp = s;
      }
      return s;
    }

    /** Whether the previous hash is {@code s}, without building a string. */
    boolean previousHashIs(String s) {
      return asciiEquals(entry, previousHashStart, 64, s);
    }

    /** Whether the previous hash is the lowercase hex of {@code digest}, without building a string. */
    boolean previousHashIsHexOf(byte[] digest) {
      for (int k = 0; k < 32; k++) {
        if (entry[previousHashStart + 2 * k] != HEX_DIGITS[(digest[k] >> 4) & 0xF]
            || entry[previousHashStart + 2 * k + 1] != HEX_DIGITS[digest[k] & 0xF]) {
          return false;
        }
      }
      return true;
    }

    /** Whether the timestamp is {@code s}, without building a string. */
    boolean timestampIs(String s) {
      return asciiEquals(entry, timestampStart, Timestamps.LENGTH, s);
    }

    int payloadStart() {
      return payloadStart;
    }

    int payloadEnd() {
      return payloadEnd;
    }
  }

  private static final byte[] HEX_DIGITS = ascii("0123456789abcdef");

  /** Event types by length, to hand out the same string for every entry of a known type. */
  private static final String[][] KNOWN_TYPES = knownTypes();

  private static String[][] knownTypes() {
    List<String> names = new ArrayList<>();
    for (EventType t : EventType.values()) {
      names.add(t.jsonName());
    }
    String[][] byLength = new String[65][];
    for (int length = 0; length <= 64; length++) {
      final int l = length;
      byLength[length] = names.stream().filter(n -> n.length() == l).toArray(String[]::new);
    }
    return byLength;
  }

  private static String eventType(byte[] b, int from, int length) {
    if (length <= 64) {
      for (String known : KNOWN_TYPES[length]) {
        if (asciiEquals(b, from, length, known)) {
          return known;
        }
      }
    }
    return new String(b, from, length, StandardCharsets.US_ASCII);
  }

  private static boolean asciiEquals(byte[] b, int from, int length, String s) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (b[from + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes the canonical entry bytes. The arguments must already be valid: {@code eventType}
   * matches {@link #isValidEventType}, {@code payload} is the JCS form of a JSON object, {@code
   * previousHash} is 64 lowercase hex digits and {@code timestamp} came from {@link Timestamps}.
   */
  static byte[] encode(
      long seq, String eventType, byte[] payload, String previousHash, String timestamp) {
    return encode(seq, eventType, payload, 0, payload.length, previousHash, timestamp);
  }

  /**
   * {@link #encode(long, String, byte[], String, String)} of the payload that lies in {@code
   * source} at {@code [from, from + length)}, copied once, into the entry.
   */
  static byte[] encode(long seq, String eventType, byte[] source, int from, int length,
      String previousHash, String timestamp) {
    int seqDigits = decimalDigits(seq);
    int front = frontLength(seqDigits, eventType);
    byte[] out = new byte[front + length + backLength(seqDigits)];
    System.arraycopy(source, from, out, front, length);
    frame(out, seq, eventType, length, previousHash, timestamp);
    return out;
  }

  /**
   * How many bytes precede the payload in an entry of {@code eventType} whose seq has {@code
   * seqDigits} digits: the payload's offset in {@link #frame}'s array.
   */
  static int frontLength(int seqDigits, String eventType) {
    return P_ENTRY_ID.length + seqDigits + P_EVENT_TYPE.length + eventType.length()
        + P_PAYLOAD.length;
  }

  /** How many bytes follow the payload in an entry whose seq has {@code seqDigits} digits. */
  static int backLength(int seqDigits) {
    return P_PREVIOUS.length + 64 + P_SEQ.length + seqDigits + P_TIMESTAMP.length
        + Timestamps.LENGTH + P_END.length;
  }

  /**
   * Writes the fixed members around a payload of {@code payloadLength} bytes that already lies at
   * offset {@link #frontLength} of {@code out}, which is exactly as long as the entry; the
   * arguments must be valid as for {@link #encode}. The payload's bytes are not touched.
   *
   * @throws IllegalArgumentException if {@code out} does not have the entry's length
   */
  static void frame(
      byte[] out, long seq, String eventType, int payloadLength, String previousHash,
      String timestamp) {
    int seqDigits = decimalDigits(seq);
    int front = frontLength(seqDigits, eventType);
    if (out.length != front + payloadLength + backLength(seqDigits)) {
      throw new IllegalArgumentException("an entry of seq " + seq + " with a payload of "
          + payloadLength + " bytes is " + (front + payloadLength + backLength(seqDigits))
          + " bytes long, not " + out.length);
    }
    int at = put(out, 0, P_ENTRY_ID);
    at = putDecimal(out, at, seq, seqDigits);
    at = put(out, at, P_EVENT_TYPE);
    at = putAscii(out, at, eventType);
    put(out, at, P_PAYLOAD);
    at = front + payloadLength;
    at = put(out, at, P_PREVIOUS);
    at = putAscii(out, at, previousHash);
    at = put(out, at, P_SEQ);
    at = putDecimal(out, at, seq, seqDigits);
    at = put(out, at, P_TIMESTAMP);
    at = putAscii(out, at, timestamp);
    put(out, at, P_END);
  }

  /** The number of digits of a non-negative {@code value}, as {@code Long.toString} writes it. */
  static int decimalDigits(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("seq must be >= 0, was " + value);
    }
    int digits = 1;
    for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
      digits++;
    }
    return digits;
  }

  private static int putDecimal(byte[] out, int at, long value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + digits;
  }

  /**
   * Reads the fixed members of canonical entry bytes.
   *
   * @throws IllegalArgumentException naming what is wrong, when the bytes are not a canonical
   *     entry
   */
  static Header parse(byte[] entry) {
    Header h = new Header();
    return h.read(entry) ? h : parseSlow(entry);
  }

  /** The payload's canonical bytes. */
  static byte[] payload(byte[] entry, Header header) {
    return Arrays.copyOfRange(entry, header.payloadStart(), header.payloadEnd());
  }

  /** Event types are short lower-case identifiers, so they never need escaping in JSON. */
  static boolean isValidEventType(String type) {
    if (type.isEmpty() || type.length() > 64 || !(type.charAt(0) >= 'a' && type.charAt(0) <= 'z')) {
      return false;
    }
    for (int i = 1; i < type.length(); i++) {
      char c = type.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  static boolean isHexHash(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Reads {@code b} into {@code into} if it is in the canonical layout; false if not. */
  private static boolean readFast(byte[] b, Header into) {
    int n = b.length;
    if (!startsWith(b, 0, P_ENTRY_ID)) {
      return false;
    }
    int at = P_ENTRY_ID.length;
    int idDigitsStart = at;
    while (at < n && b[at] >= '0' && b[at] <= '9') {
      at++;
    }
    int idDigitsEnd = at;
    if (!startsWith(b, at, P_EVENT_TYPE)) {
      return false;
    }
    at += P_EVENT_TYPE.length;
    int typeStart = at;
    while (at < n && b[at] != '"') {
      at++;
    }
    String eventType = eventType(b, typeStart, at - typeStart);
    if (!isValidEventType(eventType) || !startsWith(b, at, P_PAYLOAD)) {
      return false;
    }
    int payloadStart = at + P_PAYLOAD.length;
    // The tail, read backwards: ,"previous_hash":"<64 hex>","seq":<digits>,"timestamp":"<27>"}
    int end = n - P_END.length;
    if (end < payloadStart || !startsWith(b, end, P_END)) {
      return false;
    }
    int tsStart = end - Timestamps.LENGTH;
    int tsPrefix = tsStart - P_TIMESTAMP.length;
    if (tsPrefix < payloadStart || !startsWith(b, tsPrefix, P_TIMESTAMP)) {
      return false;
    }
    int seqEnd = tsPrefix;
    int seqStart = seqEnd;
    while (seqStart > payloadStart && b[seqStart - 1] >= '0' && b[seqStart - 1] <= '9') {
      seqStart--;
    }
    int seqPrefix = seqStart - P_SEQ.length;
    int hashStart = seqPrefix - 64;
    int payloadEnd = hashStart - P_PREVIOUS.length;
    if (payloadEnd < payloadStart + 2
        || !startsWith(b, seqPrefix, P_SEQ)
        || !startsWith(b, payloadEnd, P_PREVIOUS)
        || b[payloadStart] != '{'
        || b[payloadEnd - 1] != '}') {
      return false;
    }
    long seq = parseDigits(b, seqStart, seqEnd);
    if (seq < 0
        || !Arrays.equals(b, idDigitsStart, idDigitsEnd, b, seqStart, seqEnd)
        || !isHex(b, hashStart, 64)
        || !isPlausibleTimestamp(b, tsStart)) {
      return false;
    }
    into.set(b, seq, eventType, hashStart, tsStart, payloadStart, payloadEnd);
    return true;
  }

  /** Full parse for bytes the fast path refused: finds and names the problem. */
  private static Header parseSlow(byte[] entry) {
    Object parsed;
    try {
      parsed = Jcs.parse(entry);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (!map.keySet().equals(MEMBERS)) {
      throw new IllegalArgumentException(
          "members are " + new java.util.TreeSet<>(map.keySet().stream().map(String::valueOf).toList())
              + "; an entry has exactly " + new java.util.TreeSet<>(MEMBERS));
    }
    Object seq = map.get("seq");
    if (!(seq instanceof Long s) || s < 0 || s > MAX_SEQ) {
      throw new IllegalArgumentException("seq is not an integer in 0..2^53");
    }
    if (!("entry_" + s).equals(map.get("entry_id"))) {
      throw new IllegalArgumentException("entry_id is not entry_" + s);
    }
    if (!(map.get("event_type") instanceof String type) || !isValidEventType(type)) {
      throw new IllegalArgumentException("event_type is not a lower-case identifier");
    }
    if (!(map.get("payload") instanceof Map)) {
      throw new IllegalArgumentException("payload is not a JSON object");
    }
    if (!(map.get("previous_hash") instanceof String prev) || !isHexHash(prev)) {
      throw new IllegalArgumentException("previous_hash is not 64 lower-case hex digits");
    }
    if (!(map.get("timestamp") instanceof String ts) || !Timestamps.isValid(ts)) {
      throw new IllegalArgumentException(
          "timestamp is not RFC 3339 UTC with exactly 6 fractional digits");
    }
    if (!Arrays.equals(Jcs.canonicalize(map), entry)) {
      throw new IllegalArgumentException("not in RFC 8785 canonical form");
    }
    throw new IllegalArgumentException("not in the canonical entry layout");
  }

  private static final boolean[] LOWER_HEX = new boolean[256];

  static {
    for (char c : "0123456789abcdef".toCharArray()) {
      LOWER_HEX[c] = true;
    }
  }

  /** One table lookup per byte, no early exit: the hashes verification reads are nearly always good. */
  private static boolean isHex(byte[] b, int from, int length) {
    boolean all = true;
    for (int i = from; i < from + length; i++) {
      all &= LOWER_HEX[b[i] & 0xFF];
    }
    return all;
  }

  private static final int[] TIMESTAMP_DIGITS =
      {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 23, 24, 25};

  /**
   * A cheap structural check of the 27 timestamp bytes at {@code at}, enough to keep garbage out
   * of the hot path; {@link Timestamps#parse} does the full one when an entry is decoded.
   */
  private static boolean isPlausibleTimestamp(byte[] t, int at) {
    if (t[at + 4] != '-' || t[at + 7] != '-' || t[at + 10] != 'T' || t[at + 13] != ':'
        || t[at + 16] != ':' || t[at + 19] != '.' || t[at + 26] != 'Z') {
      return false;
    }
    for (int i : TIMESTAMP_DIGITS) {
      if (t[at + i] < '0' || t[at + i] > '9') {
        return false;
      }
    }
    int month = num(t, at + 5, 2);
    int day = num(t, at + 8, 2);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31
        && num(t, at + 11, 2) < 24 && num(t, at + 14, 2) < 60 && num(t, at + 17, 2) < 60;
  }

  private static int num(byte[] s, int at, int width) {
    int v = 0;
    for (int i = at; i < at + width; i++) {
      v = v * 10 + (s[i] - '0');
    }
    return v;
  }

  /** Digits without sign or leading zero, at most 2^53; -1 otherwise. */
  private static long parseDigits(byte[] b, int from, int to) {
    if (to <= from || to - from > 16 || (b[from] == '0' && to - from > 1)) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return v <= MAX_SEQ ? v : -1;
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    return at >= 0
        && at + prefix.length <= b.length
        && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static int put(byte[] out, int at, byte[] src) {
    System.arraycopy(src, 0, out, at, src.length);
    return at + src.length;
  }

  private static int putAscii(byte[] out, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      out[at + i] = (byte) s.charAt(i);
    }
    return at + s.length();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.json.Jcs;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-level check of side records ({@link SideRecords#opensOnBytes}) must agree with the
 * parsing check on every input: it may only say "good" where the parsing check finds no problem,
 * and whatever it cannot prove goes to the parsing check, whose problem is then reported.
 */
@DisplayName("Side records checked on bytes")
class SideRecordsTest {
  private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
  private static final MessageDigest SHA = TreeHasher.newSha256();

  /** Checks both paths on the payload placed inside other bytes, as it is inside an entry. */
  private static SideRecords.@Nullable Problem checkBoth(byte[] payload, byte[] side) {
    byte[] entry = new byte[payload.length + 7];
    Arrays.fill(entry, (byte) '}');
    System.arraycopy(payload, 0, entry, 3, payload.length);
    SideRecords.Problem reference = SideRecords.check(payload, side);
    SideRecords.Problem fast = SideRecords.check(entry, 3, 3 + payload.length, side, SHA);
    assertThat(fast).as("side record %s on payload %s", utf8(side), utf8(payload)).isEqualTo(reference);
    if (SideRecords.opensOnBytes(entry, 3, 3 + payload.length, side, SHA)) {
      assertThat(reference).as("proven good on bytes: %s on %s", utf8(side), utf8(payload)).isNull();
    }
    return reference;
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static PreparedEvent prepare(Map<String, ?> payload, long seed) {
    return PreparedEvent.prepare("decision", payload, AT, SaltSource.seeded(seed));
  }

  @Test
  @DisplayName("the ledger's own side records are proven good on the bytes, for random payloads")
  void provesWhatTheWriterWrites() {
    Random rnd = new Random(42);
    int withoutEscapes = 0;
    int proven = 0;
    for (int i = 0; i < 2000; i++) {
      PreparedEvent e = prepare(RandomJson.payload(rnd, true), i);
      if (e.sideRecord() == null) {
        continue;
      }
      assertThat(checkBoth(e.payloadBytes(), e.sideRecord())).isNull();
      byte[] p = e.payloadBytes();
      // escaped member names are left to the parser, which is not needed for what the ledger
      // writes itself (decision payloads have none)
      if (!utf8(p).contains("\\") && !utf8(e.sideRecord()).contains("\\")) {
        withoutEscapes++;
        if (SideRecords.opensOnBytes(p, 0, p.length, e.sideRecord(), SHA)) {
          proven++;
        }
      }
    }
    assertThat(withoutEscapes).isGreaterThan(300);
    assertThat(proven).isEqualTo(withoutEscapes);
  }

  @Test
  @DisplayName("a decision's amount and actor are proven good on the bytes")
  void provesTypicalDecision() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("decision_id", "dec_1");
    payload.put("request", Map.of("args", Map.of("amount", Redactable.of(2500)),
        "actor", Redactable.of("Zoë Müller"), "tools", List.of("a", Map.of("x", Redactable.of(true)))));
    PreparedEvent e = prepare(payload, 7);
    byte[] p = e.payloadBytes();
    assertThat(SideRecords.opensOnBytes(p, 0, p.length, e.sideRecord(), SHA)).isTrue();
    assertThat(checkBoth(p, e.sideRecord())).isNull();
  }

  @Test
  @DisplayName("random byte changes to side records and payloads get the parsing check's answer")
  void mutationsAgree() {
    Random rnd = new Random(7);
    int problems = 0;
    for (int i = 0; i < 3000; i++) {
      PreparedEvent e = prepare(RandomJson.payload(rnd, true), i);
      if (e.sideRecord() == null) {
        continue;
      }
      byte[] side = e.sideRecord();
      byte[] payload = e.payloadBytes();
      if (rnd.nextBoolean()) {
        side = RandomJson.mutate(side, rnd);
      } else {
        payload = RandomJson.mutate(payload, rnd);
      }
      if (checkBoth(payload, side) != null) {
        problems++;
      }
    }
    assertThat(problems).isGreaterThan(500);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("side records the byte check does not prove still get the parsing check's answer")
  @ValueSource(strings = {
    // good, but not in the form the byte check proves
    "{ \"fields\":{\"/payload/a\":{\"salt\":\"%s\",\"value\":%s}}}",
    "{\"fields\":{\"/payload/a\":{\"value\":%2$s,\"salt\":\"%1$s\"}}}",
    "{\"fields\":{\"/payload/\\u0061\":{\"salt\":\"%s\",\"value\":%s}}}",
    // bad
    "{\"fields\":{\"/payload/a\":{\"salt\":\"%s\",\"value\":%s},\"/payload/a\":{\"salt\":\"%1$s\",\"value\":%2$s}}}",
    "{\"fields\":{\"/payload/a\":{\"salt\":\"%s\",\"value\":%s,\"x\":1}}}",
    "{\"fields\":{\"/payload/b\":{\"salt\":\"%s\",\"value\":%s}}}",
    "{\"fields\":{\"/payload/a/0\":{\"salt\":\"%s\",\"value\":%s}}}",
    "{\"fields\":{\"/a\":{\"salt\":\"%s\",\"value\":%s}}}",
    "{\"fields\":{\"/payload/a\":{\"salt\":\"%S\",\"value\":%s}}}",
    "{\"fields\":{\"/payload/a\":{\"salt\":\"%s\",\"value\":%s}},\"x\":1}",
    "{\"fields\":{\"/payload/a\":{\"salt\":\"%s\",\"value\":%s}}} ",
    "{\"fields\":{}}",
    "{\"fields\":[]}",
    "",
  })
  void unusualSideRecords(String template) {
    PreparedEvent e = prepare(Map.of("a", Redactable.of("Jane Doe"), "b", 1), 3);
    Map<?, ?> field = (Map<?, ?>) ((Map<?, ?>) Jcs.parse(e.sideRecord())).get("fields");
    Map<?, ?> a = (Map<?, ?>) field.get("/payload/a");
    String side = String.format(template, a.get("salt"), Jcs.canonicalString(a.get("value")));
    checkBoth(e.payloadBytes(), side.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("values are hashed in canonical form whatever form the side record holds them in")
  @ValueSource(strings = {"1.50", "1.5", "1e2", "100", "-0", "0", "9007199254740993",
      "123456789012345678", "\"caf\\u00e9\"", "\"tab\\there\"", "\"\\/\"", "[1, 2]", "{\"b\":1,\"a\":2}",
      "true", "null", "1E400"})
  void valueForms(String valueText) {
    Object value = Jcs.parse(valueText);
    Object committed;
    try {
      committed = Jcs.normalizeNumbers(value);
    } catch (IllegalArgumentException e) {
      return;
    }
    PreparedEvent e = prepare(Map.of("a", Redactable.of(committed)), 5);
    String salt = (String) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Jcs.parse(e.sideRecord()))
        .get("fields")).get("/payload/a")).get("salt");
    String side = "{\"fields\":{\"/payload/a\":{\"salt\":\"" + salt + "\",\"value\":" + valueText + "}}}";
    checkBoth(e.payloadBytes(), side.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("pointers through arrays, escaped names and missing members agree")
  void pointers() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("list", List.of("x", Map.of("k", Redactable.of("v")), Redactable.of(12)));
    payload.put("a/b", Redactable.of("slash"));
    payload.put("t~", Redactable.of("tilde"));
    PreparedEvent e = prepare(payload, 11);
    assertThat(checkBoth(e.payloadBytes(), e.sideRecord())).isNull();
    String side = utf8(e.sideRecord());
    for (String[] swap : new String[][] {{"/payload/list/2", "/payload/list/3"},
        {"/payload/list/2", "/payload/list/02"}, {"/payload/list/1/k", "/payload/list/1/j"},
        {"/payload/list/1/k", "/payload/list/0/k"}, {"/payload/list/2", "/payload/list"}}) {
      checkBoth(e.payloadBytes(), side.replace(swap[0], swap[1]).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  @DisplayName("JsonBytes proves a text valid only when the parser accepts it")
  void jsonBytesNeverOverclaims() {
    Random rnd = new Random(99);
    int valid = 0;
    for (int i = 0; i < 20000; i++) {
      byte[] text = Jcs.canonicalize(Jcs.normalizeNumbers(RandomJson.value(rnd, 0, false)));
      if (rnd.nextInt(3) > 0) {
        text = RandomJson.mutate(text, rnd);
      }
      boolean proven = JsonBytes.valueEnd(text, 0, text.length) == text.length;
      boolean parses;
      try {
        Jcs.parse(text);
        parses = true;
      } catch (IllegalArgumentException e) {
        parses = false;
      }
      if (proven) {
        valid++;
        assertThat(parses).as("proven valid: %s", utf8(text)).isTrue();
      }
    }
    assertThat(valid).isGreaterThan(5000);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("JsonBytes leaves unusual or invalid text to the parser")
  @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"b\":1,\"a\":2}", "{\"a\\u0062\":1}", "\"\\ud800\"",
      "\"\u0001\"", "01", "1.", ".5", "1e", "-", "1e99999", "[1,]", "{\"a\":1,}", "[1 ]", "tru", "nul",
      "\"abc", "{\"a\"1}", "\"\\x\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"})
  void jsonBytesRefuses(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    assertThat(JsonBytes.valueEnd(b, 0, b.length)).isNotEqualTo(b.length);
  }

  @Test
  @DisplayName("JsonBytes rejects malformed UTF-8 inside strings")
  void jsonBytesUtf8() {
    byte[][] bad = {{'"', (byte) 0xC0, (byte) 0x80, '"'}, {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
        {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, {'"', (byte) 0x80, '"'},
        {'"', (byte) 0xE2, (byte) 0x82, '"'}};
    for (byte[] b : bad) {
      assertThat(JsonBytes.valueEnd(b, 0, b.length)).isEqualTo(JsonBytes.UNSURE);
    }
    byte[] good = "\"\u00e9\u20ac\ud83d\ude00\"".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonBytes.valueEnd(good, 0, good.length)).isEqualTo(good.length);
  }

  /** Random JSON payloads with redactable values, and byte mutations. */
  static final class RandomJson {
    private static final String[] NAMES = {"a", "b", "amount", "actor", "Zoë", "é", "\u20ac", "z z",
        "tab\t", "quote\"", "x/y", "t~1", "args", "request", "k1", "k2", "\ud83d\ude00"};
    private static final String[] STRINGS = {"", "plain", "Jane Doe", "Zoë Müller", "line\nbreak",
        "back\\slash", "\u0001ctl", "\u2028", "emoji \ud83d\ude00", "\"quoted\"", "\u007f"};

    static Map<String, Object> payload(Random rnd, boolean redact) {
      Map<String, Object> out = new LinkedHashMap<>();
      int n = 1 + rnd.nextInt(5);
      for (int i = 0; i < n; i++) {
        out.put(NAMES[rnd.nextInt(NAMES.length)], value(rnd, 1, redact));
      }
      if (redact) {
        out.put("who", Redactable.of(value(rnd, 2, false)));
      }
      return out;
    }

    static @Nullable Object value(Random rnd, int depth, boolean redact) {
      int kind = rnd.nextInt(depth > 3 ? 6 : 9);
      if (redact && rnd.nextInt(5) == 0) {
        return Redactable.of(value(rnd, depth + 1, false));
      }
      switch (kind) {
        case 0: return STRINGS[rnd.nextInt(STRINGS.length)];
        case 1: return (long) rnd.nextInt(100000) - 50000;
        case 2: return rnd.nextBoolean();
        case 3: return null;
        case 4: return new BigDecimal(rnd.nextInt(100000)).movePointLeft(rnd.nextInt(4));
        case 5: return rnd.nextBoolean() ? (Object) (1L << 60) : (Object) (rnd.nextDouble() * 1e6);
        case 6: case 7: {
          Map<String, Object> m = new LinkedHashMap<>();
          int n = rnd.nextInt(4);
          for (int i = 0; i < n; i++) {
            m.put(NAMES[rnd.nextInt(NAMES.length)], value(rnd, depth + 1, redact));
          }
          return m;
        }
        default: {
          List<Object> l = new ArrayList<>();
          int n = rnd.nextInt(4);
          for (int i = 0; i < n; i++) {
            l.add(value(rnd, depth + 1, redact));
          }
          return l;
        }
      }
    }

    private static final byte[] INTERESTING = "{}[]\",:\\0123456789abcdef-+.eEuntrl /~ \t".getBytes(
        StandardCharsets.US_ASCII);

    /** One to three random byte changes: replace, insert, delete, or swap two bytes. */
    static byte[] mutate(byte[] in, Random rnd) {
      byte[] b = in;
      int changes = 1 + rnd.nextInt(3);
      for (int c = 0; c < changes; c++) {
        int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
        byte with = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : INTERESTING[rnd.nextInt(INTERESTING.length)];
        switch (rnd.nextInt(4)) {
          case 0 -> {
            if (b.length > 0) {
              b = b.clone();
              b[at] = with;
            }
          }
          case 1 -> {
            byte[] out = new byte[b.length + 1];
            System.arraycopy(b, 0, out, 0, at);
            out[at] = with;
            System.arraycopy(b, at, out, at + 1, b.length - at);
            b = out;
          }
          case 2 -> {
            if (b.length > 0) {
              byte[] out = new byte[b.length - 1];
              System.arraycopy(b, 0, out, 0, at);
              System.arraycopy(b, at + 1, out, at, b.length - at - 1);
              b = out;
            }
          }
          default -> {
            if (b.length > 1) {
              b = b.clone();
              int other = rnd.nextInt(b.length);
              byte t = b[at];
              b[at] = b[other];
              b[other] = t;
            }
          }
        }
      }
      return b;
    }
  }
}

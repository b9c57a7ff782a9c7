package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.json.Jcs;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fast reader of token headers and claims against the generic path it short-cuts ({@code
 * Jcs.parse}, then {@link TokenFormat#claims}), on generated texts: valid payloads, payloads with
 * one claim replaced by a value of another shape, repeated, missing, unknown and escaped names,
 * whitespace, and random byte damage. Whenever the fast reader answers, the generic path must
 * accept the same text with the same values, and the claims (or the claim error) must be the
 * same; whenever it does not answer, the verifier uses the generic path anyway.
 */
@DisplayName("FlatJsonObject")
class FlatJsonObjectTest {
  private static final String[] NAMES = {
    "iss", "sub", "aud", "iat", "nbf", "exp", "jti", "act", "res", "tool", "dec", "led", "pol",
    "obl", "arg", "alg", "kid", "typ", "crit", "x", "Sub", "s\\u0075b", "caf\u00e9", ""
  };
  private static final String[] VALUES = {
    "\"abc\"", "\"\"", "\"a\\\"b\"", "\"a\\u0041\"", "\"\\ud800\"", "\"\\/\"", "\"caf\u00e9 \u2603\"",
    "\"\ud83d\ude00\"", "\"a\tb\"", "\"\u007f\"", "\"lexecon\"", "\"ai_agent:assistant\"",
    "\"lexecon-cap+jwt\"", "\"HS256\"", "\"EdDSA\"",
    "\"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"",
    "0", "7", "1795773600", "1795773660", "00", "01", "-1", "-0", "1.0", "1e3", "1E3", "1795773600.0",
    "123456789012345678", "1234567890123456789", "12345678901234567890", "9223372036854775807",
    "9223372036854775808", "253402300799", "253402300800",
    "[]", "[\"a\"]", "[\"a\",\"b\"]", "[1]", "[\"a\",1]", "[ ]", "[\"a\",]", "[[]]", "[\"\u00e9\"]",
    "true", "false", "null", "{}", "{\"a\":1}"
  };

  private final Random random = new Random(20261127);

  /** What the verifier did before the fast reader: the reference. */
  private static @Nullable Map<?, ?> generic(byte[] json) {
    try {
      return Jcs.parse(json) instanceof Map<?, ?> m ? m : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A claims result as a comparable value: the claims, or the claim and message of the error. */
  private static Object claimsOutcome(JsonMembers members) {
    try {
      return TokenFormat.claims(members);
    } catch (TokenFormat.ClaimException e) {
      return List.of(e.claim, Objects.requireNonNull(e.getMessage()));
    }
  }

  private String canonicalPayload() {
    Map<String, Object> p =
        TokenFormat.payload(
            new TokenClaims("lexecon", "ai_agent:assistant", random.nextBoolean() ? List.of() : List.of("executor"),
                java.time.Instant.ofEpochSecond(1795773600), java.time.Instant.ofEpochSecond(1795773600),
                java.time.Instant.ofEpochSecond(1795773900), "tok_01JDZ8Y4Q6M7N8P9R0S1T2V3W6", "send_email",
                random.nextBoolean() ? null : "mailbox:ops", "smtp.send", "dec_01JDZ8Y4Q6M7N8P9R0S1T2V3W4",
                random.nextBoolean() ? null : "entry_42", TokenFixtures.POLICY_HASH,
                random.nextBoolean() ? List.of() : List.of("manager_cc", "caf\u00e9"),
                "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"));
    return Jcs.canonicalString(p);
  }

  /** Splits a flat canonical object into its member texts (no nested objects in payloads). */
  private static List<String> members(String object) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean inString = false;
    int start = 1;
    for (int i = 1; i < object.length() - 1; i++) {
      char c = object.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(object.substring(start, i));
        start = i + 1;
      }
    }
    if (object.length() > 2) {
      out.add(object.substring(start, object.length() - 1));
    }
    return out;
  }

  private String pick(String[] pool) {
    return pool[random.nextInt(pool.length)];
  }

  /** A payload-like text: a valid payload, changed in one or more ways. */
  private String generate() {
    List<String> m = members(canonicalPayload());
    int changes = random.nextInt(4);
    for (int k = 0; k < changes; k++) {
      int at = m.isEmpty() ? 0 : random.nextInt(m.size());
      switch (random.nextInt(7)) {
        case 0 -> { // replace a value
          if (!m.isEmpty()) {
            String member = m.get(at);
            m.set(at, member.substring(0, member.indexOf(':') + 1) + pick(VALUES));
          }
        }
        case 1 -> m.add(at, "\"" + pick(NAMES) + "\":" + pick(VALUES)); // add a member
        case 2 -> { // repeat a member
          if (!m.isEmpty()) {
            m.add(m.get(at));
          }
        }
        case 3 -> { // remove one
          if (!m.isEmpty()) {
            m.remove(at);
          }
        }
        case 4 -> { // reorder
          if (m.size() > 1) {
            m.add(m.remove(at));
          }
        }
        case 5 -> { // whitespace around a member
          if (!m.isEmpty()) {
            m.set(at, " " + m.get(at).replace(":", random.nextBoolean() ? " : " : ":\n"));
          }
        }
        default -> { /* unchanged */ }
      }
    }
    String text = "{" + String.join(",", m) + "}";
    if (random.nextInt(10) == 0) {
      text = switch (random.nextInt(5)) {
        case 0 -> text + " ";
        case 1 -> text.substring(0, random.nextInt(text.length()));
        case 2 -> text.substring(0, text.length() - 1) + ",}";
        case 3 -> "\ufeff" + text;
        default -> text + "{}";
      };
    }
    return text;
  }

  private static void assertAgrees(byte[] json) {
    for (FlatJsonObject.Names names : List.of(TokenFormat.CLAIM_NAMES, TokenFormat.HEADER_NAMES)) {
      FlatJsonObject fast = FlatJsonObject.read(json, names);
      if (fast == null) {
        continue; // the verifier falls back to the generic path itself
      }
      String text = new String(json, StandardCharsets.UTF_8);
      Map<?, ?> map = generic(json);
      if (map == null) {
        fail("the fast reader accepted what the generic parser refuses: %s", text);
        return;
      }
      for (String name : NAMES) {
        Object expected = map.get(name);
        Object actual = fast.get(name);
        if (!Objects.equals(expected, actual)
            || (expected != null && expected.getClass() != actual.getClass())
            || fast.contains(name) != map.containsKey(name)) {
          fail("member %s: fast %s, generic %s, in %s", name, actual, expected, text);
        }
      }
      for (Object key : map.keySet()) {
        if (!fast.contains((String) key)) {
          fail("the fast reader lost member %s of %s", key, text);
        }
      }
      if (names == TokenFormat.CLAIM_NAMES) {
        assertThat(claimsOutcome(fast)).as(text).isEqualTo(claimsOutcome(JsonMembers.of(map)));
      }
    }
  }

  @Test
  @DisplayName("reads every canonical payload Lexecon writes, with the generic path's values and claims")
  void canonicalPayloads() {
    for (int i = 0; i < 500; i++) {
      byte[] json = canonicalPayload().getBytes(StandardCharsets.UTF_8);
      assertThat(FlatJsonObject.read(json, TokenFormat.CLAIM_NAMES)).isNotNull();
      assertAgrees(json);
    }
    byte[] header = "{\"alg\":\"HS256\",\"kid\":\"hs256-vector\",\"typ\":\"lexecon-cap+jwt\"}".getBytes(StandardCharsets.UTF_8);
    FlatJsonObject h = FlatJsonObject.read(header, TokenFormat.HEADER_NAMES);
    assertThat(h).isNotNull();
    assertThat(h.get("kid")).isEqualTo("hs256-vector");
    assertThat(h.contains("crit")).isFalse();
  }

  @Test
  @DisplayName("agrees with the generic path on 30,000 generated and damaged payloads")
  void generatedPayloads() {
    int fastAnswers = 0;
    for (int i = 0; i < 30_000; i++) {
      byte[] json = generate().getBytes(StandardCharsets.UTF_8);
      if (random.nextInt(8) == 0 && json.length > 0) {
        json[random.nextInt(json.length)] = (byte) random.nextInt(256); // raw damage, UTF-8 included
      }
      if (FlatJsonObject.read(json, TokenFormat.CLAIM_NAMES) != null) {
        fastAnswers++;
      }
      assertAgrees(json);
    }
    // Both branches must be exercised for the comparison to mean something.
    assertThat(fastAnswers).isBetween(3_000, 27_000);
  }

  @Test
  @DisplayName("leaves to the generic parser: escapes, whitespace, repeats, unknown names, literals, odd numbers")
  void outsideTheSubset() {
    String[] texts = {
      "{\"sub\":\"a\\u0062\"}", "{ \"sub\":\"a\"}", "{\"sub\":\"a\",\"sub\":\"a\"}", "{\"crit\":\"a\"}",
      "{\"sub\":null}", "{\"sub\":true}", "{\"iat\":-1}", "{\"iat\":1.0}", "{\"iat\":1e3}", "{\"iat\":01}",
      "{\"iat\":1234567890123456789}", "{\"obl\":[1]}", "{\"obl\":[\"a\",]}", "{\"sub\":\"a\"} ",
      "{\"sub\":\"a\"}{}", "{\"sub\":\"a\",}", "{\"sub\":\"a\tb\"}", "\ufeff{}", "[]", "", "{", "{\"sub\"}",
      "{\"sub\":}", "{\"sub\":\"a\"", "{\"s\\u0075b\":\"a\"}", "{\"sub\":{}}"
    };
    for (String t : texts) {
      assertThat(FlatJsonObject.read(t.getBytes(StandardCharsets.UTF_8), TokenFormat.CLAIM_NAMES)).as(t).isNull();
    }
    assertThat(FlatJsonObject.read(new byte[] {'{', '"', 's', 'u', 'b', '"', ':', '"', (byte) 0xc3, '"', '}'},
        TokenFormat.CLAIM_NAMES)).isNull(); // truncated UTF-8
    assertThat(FlatJsonObject.read("{}".getBytes(StandardCharsets.UTF_8), TokenFormat.CLAIM_NAMES)).isNotNull();
  }

  private static boolean decoderAccepts(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  @DisplayName("accepts exactly the UTF-8 the generic parser's reporting decoder accepts")
  void utf8() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        byte[] two = {(byte) a, (byte) b};
        if (FlatJsonObject.wellFormedUtf8(two, 0, 2) != decoderAccepts(two)) {
          fail("%02x %02x", a, b);
        }
        byte[] one = {(byte) a};
        if (FlatJsonObject.wellFormedUtf8(one, 0, 1) != decoderAccepts(one)) {
          fail("%02x", a);
        }
      }
    }
    int[] interesting = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf,
        0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff};
    for (int a : interesting) {
      for (int b : interesting) {
        for (int c : interesting) {
          for (int d : interesting) {
            byte[] four = {(byte) a, (byte) b, (byte) c, (byte) d};
            boolean expected = decoderAccepts(four);
            if (FlatJsonObject.wellFormedUtf8(four, 0, 4) != expected) {
              fail("%02x %02x %02x %02x: decoder says %s", a, b, c, d, expected);
            }
            byte[] three = {(byte) a, (byte) b, (byte) c};
            if (FlatJsonObject.wellFormedUtf8(three, 0, 3) != decoderAccepts(three)) {
              fail("%02x %02x %02x", a, b, c);
            }
          }
        }
      }
    }
  }
}

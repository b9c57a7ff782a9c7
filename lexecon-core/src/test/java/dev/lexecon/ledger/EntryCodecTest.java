package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.json.Jcs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Entry codec")
class EntryCodecTest {

  static Object randomJson(Random rnd, int depth) {
    int kind = rnd.nextInt(depth > 3 ? 6 : 8);
    return switch (kind) {
      case 0 -> null;
      case 1 -> rnd.nextBoolean();
      case 2 -> rnd.nextLong() >> rnd.nextInt(64);
      case 3 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
      case 4 -> randomString(rnd);
      case 5 -> new BigDecimal(new BigInteger(90, rnd), rnd.nextInt(30));
      case 6 -> {
        List<Object> l = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          l.add(randomJson(rnd, depth + 1));
        }
        yield l;
      }
      default -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = rnd.nextInt(5); i > 0; i--) {
          m.put(randomString(rnd), randomJson(rnd, depth + 1));
        }
        yield m;
      }
    };
  }

  static String randomString(Random rnd) {
    String alphabet = "abcXYZ09 \"\\/\n\t\u0001\u00e9\u20ac\ud83d\ude00~";
    StringBuilder b = new StringBuilder();
    for (int i = rnd.nextInt(8); i > 0; i--) {
      int at = rnd.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        b.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Test
  @DisplayName("the envelope around pre-canonicalized payload bytes is exactly RFC 8785 of the entry")
  void encodeEqualsJcs() {
    Random rnd = new Random(8785);
    for (int i = 0; i < 2000; i++) {
      Map<String, Object> payload = new LinkedHashMap<>();
      for (int k = rnd.nextInt(6); k > 0; k--) {
        payload.put(randomString(rnd), randomJson(rnd, 0));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> normalized = (Map<String, Object>) Jcs.normalizeNumbers(payload);
      long seq = rnd.nextInt(3) == 0 ? rnd.nextInt(10) : (rnd.nextLong() >>> 11);
      String type = List.of("genesis", "decision", "policy_loaded", "x9_y").get(rnd.nextInt(4));
      String prev = Commitments.hex(Jcs.sha256(seq));
      String ts = Timestamps.format(Instant.ofEpochSecond(rnd.nextInt(2_000_000_000), rnd.nextInt(1_000_000_000)));
      byte[] encoded = EntryCodec.encode(seq, type, Jcs.canonicalize(normalized), prev, ts);

      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("seq", seq);
      entry.put("timestamp", ts);
      entry.put("payload", normalized);
      entry.put("event_type", type);
      entry.put("previous_hash", prev);
      entry.put("entry_id", "entry_" + seq);
      assertThat(encoded).isEqualTo(Jcs.canonicalize(entry));

      EntryCodec.Header h = EntryCodec.parse(encoded);
      assertThat(h.seq()).isEqualTo(seq);
      assertThat(h.eventType()).isEqualTo(type);
      assertThat(h.previousHash()).isEqualTo(prev);
      assertThat(h.timestamp()).isEqualTo(ts);
      assertThat(h.previousHashIs(prev)).isTrue();
      assertThat(h.previousHashIs(prev.substring(1) + "0")).isEqualTo(prev.equals("0".repeat(64)));
      assertThat(h.previousHashIs(prev.substring(1))).isFalse();
      assertThat(h.timestampIs(ts)).isTrue();
      assertThat(h.timestampIs(ts.replace('Z', 'z'))).isFalse();
      assertThat(EntryCodec.payload(encoded, h)).isEqualTo(Jcs.canonicalize(normalized));
    }
  }

  @Test
  @DisplayName("framing a payload in place gives encode's bytes, and refuses an array of another length")
  void frameInPlace() {
    Random rnd = new Random(6962);
    for (int i = 0; i < 500; i++) {
      byte[] payload = Jcs.canonicalize(Jcs.normalizeNumbers(java.util.Collections.singletonMap(randomString(rnd), randomJson(rnd, 0))));
      long seq = rnd.nextLong() >>> (11 + rnd.nextInt(53));
      int digits = EntryCodec.decimalDigits(seq);
      String prev = Commitments.hex(Jcs.sha256(seq));
      String ts = Timestamps.format(Instant.ofEpochSecond(rnd.nextInt(2_000_000_000)));
      byte[] out = new byte[EntryCodec.frontLength(digits, "decision") + payload.length
          + EntryCodec.backLength(digits)];
      System.arraycopy(payload, 0, out, EntryCodec.frontLength(digits, "decision"), payload.length);
      EntryCodec.frame(out, seq, "decision", payload.length, prev, ts);
      assertThat(out).isEqualTo(EntryCodec.encode(seq, "decision", payload, prev, ts));
      assertThatThrownBy(() -> EntryCodec.frame(out, seq * 10 + 10, "decision", payload.length, prev, ts))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bytes long, not " + out.length);
    }
  }

  @Test
  @DisplayName("a header read again holds only the last entry read into it, and a refused read says so")
  void headerReadAgain() {
    String prev1 = "ab".repeat(32);
    String prev2 = "0".repeat(64);
    String ts1 = "2026-11-27T10:00:00.000001Z";
    String ts2 = "2026-11-28T11:30:00.250000Z";
    byte[] first = EntryCodec.encode(7, "decision", Jcs.canonicalize(Map.of("a", 1L)), prev1, ts1);
    byte[] second = EntryCodec.encode(12345, "genesis", Jcs.canonicalize(Map.of("bb", "x")), prev2, ts2);

    EntryCodec.Header h = new EntryCodec.Header();
    assertThat(h.read(first)).isTrue();
    assertThat(h.previousHash()).isEqualTo(prev1); // cached as strings: a reread must drop them
    assertThat(h.timestamp()).isEqualTo(ts1);
    assertThat(h.read(second)).isTrue();
    assertThat(h.seq()).isEqualTo(12345);
    assertThat(h.eventType()).isEqualTo("genesis");
    assertThat(h.previousHash()).isEqualTo(prev2);
    assertThat(h.timestamp()).isEqualTo(ts2);
    assertThat(h.previousHashIs(prev2)).isTrue();
    assertThat(h.timestampIs(ts2)).isTrue();
    assertThat(EntryCodec.payload(second, h)).isEqualTo(Jcs.canonicalize(Map.of("bb", "x")));

    byte[] spaced = new String(first, StandardCharsets.US_ASCII).replace(",\"seq\"", ", \"seq\"")
        .getBytes(StandardCharsets.US_ASCII);
    assertThat(h.read(spaced)).isFalse();
    assertThatThrownBy(() -> EntryCodec.parse(spaced)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("timestamps are RFC 3339 UTC with exactly six fractional digits")
  void timestamps() {
    assertThat(Timestamps.format(Instant.parse("2026-11-27T10:00:00Z")))
        .isEqualTo("2026-11-27T10:00:00.000000Z");
    assertThat(Timestamps.format(Instant.parse("2026-11-27T10:00:00.123456789Z")))
        .isEqualTo("2026-11-27T10:00:00.123456Z");
    assertThat(Timestamps.format(Instant.parse("0001-01-01T00:00:00.000001Z")))
        .isEqualTo("0001-01-01T00:00:00.000001Z");
    assertThat(Timestamps.isValid("2026-11-27T10:00:00.123456Z")).isTrue();
    assertThat(Timestamps.isValid("2026-11-27T10:00:00.123Z")).isFalse();
    assertThat(Timestamps.isValid("2026-11-27T10:00:00.123456+00:00")).isFalse();
    assertThat(Timestamps.isValid("2026-02-30T10:00:00.123456Z")).isFalse();
    assertThatThrownBy(() -> Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"entry_id\":\"entry_1\",\"event_type\":\"x\",\"payload\":{},\"previous_hash\":\"%s\",\"seq\":2,\"timestamp\":\"2026-11-27T10:00:00.000000Z\"}",
      "{\"entry_id\":\"entry_1\",\"event_type\":\"X\",\"payload\":{},\"previous_hash\":\"%s\",\"seq\":1,\"timestamp\":\"2026-11-27T10:00:00.000000Z\"}",
      "{\"entry_id\":\"entry_1\",\"event_type\":\"x\",\"payload\":[],\"previous_hash\":\"%s\",\"seq\":1,\"timestamp\":\"2026-11-27T10:00:00.000000Z\"}",
      "{\"entry_id\":\"entry_1\",\"event_type\":\"x\",\"payload\":{},\"previous_hash\":\"%s\",\"seq\":1,\"timestamp\":\"2026-11-27T10:00:00Z\"}",
      "{\"entry_id\":\"entry_01\",\"event_type\":\"x\",\"payload\":{},\"previous_hash\":\"%s\",\"seq\":1,\"timestamp\":\"2026-11-27T10:00:00.000000Z\"}",
      "{\"event_type\":\"x\",\"entry_id\":\"entry_1\",\"payload\":{},\"previous_hash\":\"%s\",\"seq\":1,\"timestamp\":\"2026-11-27T10:00:00.000000Z\"}",
      "{\"entry_id\":\"entry_1\",\"event_type\":\"x\",\"payload\":{}, \"previous_hash\":\"%s\",\"seq\":1,\"timestamp\":\"2026-11-27T10:00:00.000000Z\"}",
      "{\"entry_id\":\"entry_1\",\"event_type\":\"x\",\"payload\":{},\"previous_hash\":\"%s\",\"seq\":1,\"timestamp\":\"2026-11-27T10:00:00.000000Z\",\"z\":1}",
  })
  @DisplayName("bytes that are not a canonical entry are refused with a reason")
  void refusesNonCanonical(String template) {
    byte[] bytes = String.format(template, "ab".repeat(32)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EntryCodec.parse(bytes)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("null");
  }
}

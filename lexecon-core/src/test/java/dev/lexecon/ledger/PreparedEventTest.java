package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.ledger.LazyPayload;
import dev.lexecon.json.Jcs;
import dev.lexecon.json.JsonPath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prepared events")
class PreparedEventTest {
  private static final Instant AT = Instant.parse("2026-11-27T10:00:00.123456Z");

  /** Random payloads with redactable values, odd keys and every kind of number. */
  static Object randomPayloadValue(Random rnd, int depth) {
    int kind = rnd.nextInt(depth > 4 ? 10 : 12);
    return switch (kind) {
      case 0 -> null;
      case 1 -> rnd.nextBoolean();
      case 2 -> rnd.nextLong() >> rnd.nextInt(64); // some beyond 2^53
      case 3 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
      case 4 -> EntryCodecTest.randomString(rnd);
      case 5 -> new BigDecimal(new BigInteger(90, rnd), rnd.nextInt(30));
      case 6 -> rnd.nextInt();
      case 7 -> (short) rnd.nextInt();
      case 8 -> rnd.nextFloat();
      case 9 -> Redactable.of(EntryCodecTest.randomJson(rnd, 3));
      case 10 -> {
        List<Object> l = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          l.add(randomPayloadValue(rnd, depth + 1));
        }
        yield l;
      }
      default -> randomPayload(rnd, depth + 1);
    };
  }

  static Map<String, Object> randomPayload(Random rnd, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = rnd.nextInt(5); i > 0; i--) {
      m.put(EntryCodecTest.randomString(rnd), randomPayloadValue(rnd, depth + 1));
    }
    return m;
  }

  @Test
  @DisplayName("frames the payload in place once, and gives every other entry request its own array")
  void entryFramesInPlaceOnceThenCopies() {
    Random rnd = new Random(1127);
    for (int i = 0; i < 2000; i++) {
      Map<String, Object> payload = randomPayload(rnd, 0);
      long expected = rnd.nextInt(4) == 0 ? rnd.nextInt(12) : rnd.nextLong() >>> (11 + rnd.nextInt(40));
      // The entry lands where expected, or a few places on, sometimes past a power of ten.
      long seq = expected + (rnd.nextBoolean() ? 0 : rnd.nextInt(20));
      PreparedEvent ev = PreparedEvent.prepare("decision", payload, AT, SaltSource.seeded(i), expected);
      String prev = Commitments.hex(Jcs.sha256(seq));
      byte[] reference = EntryCodec.encode(seq, "decision", ev.payloadBytes(), prev, ev.timestampText());

      byte[] first = ev.entry(seq, prev);
      assertThat(first).isEqualTo(reference);
      // A batch built again after a failed commit, on another head: new bytes, the first intact.
      String otherPrev = Commitments.hex(Jcs.sha256(seq + 1));
      byte[] again = ev.entry(seq + 1, otherPrev);
      assertThat(again).isNotSameAs(first)
          .isEqualTo(EntryCodec.encode(seq + 1, "decision", ev.payloadBytes(), otherPrev, ev.timestampText()));
      assertThat(first).isEqualTo(reference);
      assertThat(ev.entry(seq, prev)).isNotSameAs(first).isEqualTo(reference);
      assertThat(ev.payload()).isEqualTo(EntryDecoder.payload(ev.payloadBytes()));
    }
  }

  @Test
  @DisplayName("agrees with the reference walk (pointers, commitments, side record) on random payloads")
  void agreesWithReference() {
    Random rnd = new Random(20261127);
    for (int i = 0; i < 3000; i++) {
      Map<String, Object> payload = randomPayload(rnd, 0);
      long seed = rnd.nextLong();
      PreparedEvent fast = PreparedEvent.prepare("decision", payload, AT, SaltSource.seeded(seed));
      Reference ref = new Reference(SaltSource.seeded(seed));
      Object copy = ref.copy(payload, "/payload", "$");
      byte[] canonical = Jcs.canonicalize(copy);
      assertThat(fast.payloadBytes()).isEqualTo(canonical);
      assertThat(fast.payload()).isEqualTo(EntryDecoder.freeze(Jcs.parse(canonical)));
      assertThat(fast.personalData()).isEqualTo(ref.personal);
      assertThat(new ArrayList<>(fast.personalData().keySet()))
          .isEqualTo(new ArrayList<>(ref.personal.keySet()));
      assertThat(fast.sideRecord())
          .isEqualTo(ref.fields.isEmpty() ? null : Jcs.canonicalize(Map.of("fields", ref.fields)));
    }
  }

  @Test
  @DisplayName("decodes the payload only when it is read, as reading the entry back would")
  void lazyPayload() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("z", 1);
    payload.put("a", List.of(new BigDecimal("0.10"), BigInteger.TWO.pow(60)));
    payload.put("who", Redactable.of("Ada"));
    PreparedEvent e = prepare(payload);
    assertThat(((LazyPayload) e.payload()).isDecoded()).isFalse();
    assertThat(new ArrayList<>(e.payload().keySet())).containsExactly("a", "who", "z");
    assertThat(e.payload().get("z")).isEqualTo(1L);
    assertThat(e.payload().get("a")).isEqualTo(List.of(new BigDecimal("0.1"), "1152921504606846976"));
    assertThat(Commitments.commitmentOf(e.payload().get("who"))).startsWith("sha256:");
    assertThat(((LazyPayload) e.payload()).isDecoded()).isTrue();
    assertThatThrownBy(() -> e.payload().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("names the path within the payload in every error")
  void errorsNameThePath() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("ok", 1);
    inner.put("bad", List.of(1, Double.NaN));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("a b", inner);
    assertThatThrownBy(() -> prepare(payload))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("payload value at $[\"a b\"].bad[1]: ")
        .hasMessageContaining("NaN");

    Map<Object, Object> nonString = new LinkedHashMap<>();
    nonString.put(3, "x");
    assertThatThrownBy(() -> prepare(Map.of("list", List.of("x", nonString))))
        .hasMessageStartingWith("Object at $.list[1] has a key of type java.lang.Integer");

    assertThatThrownBy(() -> prepare(Map.of("who", List.of(Redactable.of(Map.of("n", Double.POSITIVE_INFINITY))))))
        .hasMessageStartingWith("redactable value at $.who[0]: ")
        .hasMessageContaining("$.n");

    assertThatThrownBy(() -> prepare(Map.of("when", Instant.EPOCH)))
        .hasMessageStartingWith("payload value at $.when: ");
  }

  @Test
  @DisplayName("keys redactable values by their RFC 6901 pointer, escaped")
  void pointers() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("a/b", Map.of("c~d", Redactable.of("x")));
    payload.put("list", List.of("y", Redactable.of(2)));
    PreparedEvent e = prepare(payload);
    assertThat(e.personalData()).containsOnlyKeys("/payload/a~1b/c~0d", "/payload/list/1");
    assertThat(e.personalData().get("/payload/list/1")).isEqualTo(2);
  }

  private static PreparedEvent prepare(Map<String, ?> payload) {
    return PreparedEvent.prepare("decision", payload, AT, SaltSource.seeded(1));
  }

  /** A plain copying walk, the reference for the one-pass writer above. */
  private static final class Reference {
    private final SaltSource salts;
    final Map<String, Object> fields = new LinkedHashMap<>();
    final Map<String, @Nullable Object> personal = new LinkedHashMap<>();

    Reference(SaltSource salts) {
      this.salts = salts;
    }

    @Nullable Object copy(@Nullable Object value, String pointer, String path) {
      if (value instanceof Redactable r) {
        Object normalized = Jcs.normalizeNumbers(r.value());
        byte[] salt = new byte[Commitments.SALT_LENGTH];
        salts.next(salt);
        String commitment = Commitments.commit(salt, normalized);
        Map<String, @Nullable Object> field = new LinkedHashMap<>();
        field.put("salt", Commitments.hex(salt));
        field.put("value", normalized);
        fields.put(pointer, field);
        personal.put(pointer, EntryDecoder.freeze(normalized));
        return Commitments.marker(commitment);
      }
      if (value instanceof Map<?, ?> map) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        // In canonical key order, as the writer visits members: salts are drawn in that order.
        List<String> keys = new ArrayList<>();
        map.keySet().forEach(k -> keys.add((String) k));
        Collections.sort(keys);
        for (String key : keys) {
          out.put(key, copy(map.get(key), pointer + "/" + JsonPath.escapeToken(key), path + "." + key));
        }
        return Collections.unmodifiableMap(out);
      }
      if (value instanceof List<?> list) {
        List<@Nullable Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          out.add(copy(list.get(i), pointer + "/" + i, path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
      }
      return Jcs.normalizeNumbers(value);
    }
  }
}

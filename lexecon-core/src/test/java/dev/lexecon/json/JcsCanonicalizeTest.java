package dev.lexecon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Jcs canonical form: structure, strings, types and hashes")
class JcsCanonicalizeTest {

  record Person(String name) {}

  @Test
  @DisplayName("empty objects and arrays are written {} and [], also nested")
  void emptyContainers() {
    assertThat(Jcs.canonicalString(Map.of())).isEqualTo("{}");
    assertThat(Jcs.canonicalString(List.of())).isEqualTo("[]");
    assertThat(Jcs.canonicalString(List.of(List.of(), Map.of(), List.of(List.of()))))
        .isEqualTo("[[],{},[[]]]");
  }

  @Test
  @DisplayName("null, true, false and strings at the top level are written as JSON literals")
  void scalarsAtTheTop() {
    assertThat(Jcs.canonicalString(null)).isEqualTo("null");
    assertThat(Jcs.canonicalString(true)).isEqualTo("true");
    assertThat(Jcs.canonicalString(false)).isEqualTo("false");
    assertThat(Jcs.canonicalString("")).isEqualTo("\"\"");
  }

  @Test
  @DisplayName("members are sorted by UTF-16 code units, so U+1F600 (D83D DE00) sorts before U+E000")
  void utf16KeyOrder() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("\uE000", 1);
    object.put("\uD83D\uDE00", 2);
    object.put("a", 3);
    object.put("\u00e9", 4);
    object.put("", 5);
    object.put("B", 6);

    assertThat(Jcs.canonicalString(object))
        .isEqualTo("{\"\":5,\"B\":6,\"a\":3,\"\u00e9\":4,\"\uD83D\uDE00\":2,\"\uE000\":1}");
    // Code point order would put U+E000 first; that is the mistake this guards against.
    assertThat("\uE000".codePointAt(0)).isLessThan("\uD83D\uDE00".codePointAt(0));
  }

  @Test
  @DisplayName("every insertion order of keys needing UTF-16 order gives the same bytes")
  void everyInsertionOrder() {
    List<String> keys = List.of("", "z", "\u00e9", "\uD83D\uDE00", "\uE000", "Z", "zz");
    String expected =
        "{\"\":0,\"Z\":5,\"z\":1,\"zz\":6,\"\u00e9\":2,\"\uD83D\uDE00\":3,\"\uE000\":4}";
    List<List<String>> orders = new ArrayList<>();
    permutations(new ArrayList<>(keys), 0, orders);
    assertThat(orders).hasSize(5040);
    for (List<String> order : orders) {
      Map<String, Object> object = new LinkedHashMap<>();
      order.forEach(k -> object.put(k, keys.indexOf(k)));
      assertThat(Jcs.canonicalString(object)).as("insertion order %s", order).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0} members")
  @DisplayName("two equal keys are refused wherever they sort, by insertion and by Arrays.sort")
  @ValueSource(ints = {2, 3, 5, 32, 33, 40})
  void duplicateKeysAnywhere(int members) {
    for (int twin = 0; twin < members - 1; twin++) {
      for (boolean reversed : new boolean[] {false, true}) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < members - 1; i++) {
          entries.add(Map.entry("k" + (char) ('a' + i), i));
        }
        entries.add(Map.entry(new String(entries.get(twin).getKey()), -1));
        if (reversed) {
          Collections.reverse(entries);
        }
        Map<String, Object> object = new EntryListMap(entries);
        assertThatIllegalArgumentException()
            .as("%d members, the twin of member %d, reversed: %s", members, twin, reversed)
            .isThrownBy(() -> Jcs.canonicalize(object))
            .withMessageContaining("unique names");
      }
    }
  }

  /**
   * A broken map that iterates its entries as listed, equal keys included: the order in which the
   * writer meets two equal keys is chosen, unlike an IdentityHashMap's.
   */
  private static final class EntryListMap extends AbstractMap<String, Object> {
    private final List<Map.Entry<String, Object>> entries;

    EntryListMap(List<Map.Entry<String, Object>> entries) {
      this.entries = entries;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
          return entries.iterator();
        }

        @Override
        public int size() {
          return entries.size();
        }
      };
    }

    @Override
    public Object get(Object key) {
      return entries.stream().filter(e -> e.getKey().equals(key)).findFirst()
          .map(Map.Entry::getValue).orElse(null);
    }
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("Long and Integer values up to 2^53 are written as Long.toString spells them")
  @ValueSource(longs = {
      0, 1, -1, 9, 10, -10, 99, 100, 12345, Integer.MAX_VALUE, Integer.MIN_VALUE,
      999_999_999_999_999L, 1_000_000_000_000_000L, -1_000_000_000_000_000L,
      9_007_199_254_740_991L, 9_007_199_254_740_992L, -9_007_199_254_740_992L})
  void integers(long value) {
    assertThat(Jcs.canonicalString(value)).isEqualTo(Long.toString(value));
    assertThat(Jcs.canonicalString(List.of(value, "x"))).isEqualTo("[" + value + ",\"x\"]");
    if ((int) value == value) {
      assertThat(Jcs.canonicalString(Map.of("n", (int) value))).isEqualTo("{\"n\":" + value + "}");
    }
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("Long values beyond 2^53 are still refused")
  @ValueSource(longs = {
      9_007_199_254_740_993L, -9_007_199_254_740_993L, Long.MAX_VALUE, Long.MIN_VALUE})
  void integersBeyondTheSafeRange(long value) {
    assertThatIllegalArgumentException().isThrownBy(() -> Jcs.canonicalize(List.of(value)));
  }

  @Test
  @DisplayName("any Map implementation and insertion order give the same bytes")
  void mapImplementationDoesNotMatter() {
    Map<String, Object> linked = new LinkedHashMap<>();
    linked.put("b", List.of(1, 2));
    linked.put("a", Map.of("y", true, "x", false));
    Map<String, Object> hash = new HashMap<>(linked);
    Map<String, Object> tree = new TreeMap<>(java.util.Comparator.reverseOrder());
    tree.putAll(linked);

    String expected = "{\"a\":{\"x\":false,\"y\":true},\"b\":[1,2]}";
    assertThat(List.of(linked, hash, tree)).extracting(Jcs::canonicalString).containsOnly(expected);
    assertThat(Jcs.canonicalString(new LinkedList<>(List.of(1, 2)))).isEqualTo("[1,2]");
  }

  @Test
  @DisplayName("null members and elements are written as null")
  void nulls() {
    Map<String, Object> object = new HashMap<>();
    object.put("z", null);
    object.put("a", Arrays.asList(null, 1));

    assertThat(Jcs.canonicalString(object)).isEqualTo("{\"a\":[null,1],\"z\":null}");
  }

  @ParameterizedTest(name = "{2}")
  @DisplayName("strings escape only quote, backslash and C0 controls; everything else is literal UTF-8")
  @MethodSource("escapes")
  void escaping(String input, String expectedJson, String description) {
    assertThat(Jcs.canonicalize(input)).isEqualTo(expectedJson.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> escapes() {
    return Stream.of(
        Arguments.of("\"", "\"\\\"\"", "quote"),
        Arguments.of("\\", "\"\\\\\"", "backslash"),
        Arguments.of("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"", "two-letter escapes"),
        Arguments.of("\u0000", "\"\\u0000\"", "NUL as \\u0000"),
        Arguments.of("\u000f\u001f", "\"\\u000f\\u001f\"", "other controls in lowercase hex"),
        Arguments.of("\u000b", "\"\\u000b\"", "vertical tab has no short escape"),
        Arguments.of("/", "\"/\"", "solidus stays literal"),
        Arguments.of("\u007f", "\"\u007f\"", "DEL stays literal"),
        Arguments.of("</script>", "\"</script>\"", "no HTML escaping"),
        Arguments.of("\u2028\u2029", "\"\u2028\u2029\"", "line and paragraph separators stay literal"),
        Arguments.of("\u0080\u07ff\u0800\uffff", "\"\u0080\u07ff\u0800\uffff\"", "UTF-8 boundaries"),
        Arguments.of("A\u030a", "\"A\u030a\"", "no Unicode normalization"),
        Arguments.of("\uD83D\uDE02", "\"\uD83D\uDE02\"", "surrogate pair as four UTF-8 bytes"),
        Arguments.of("\uDBFF\uDFFF", "\"\uDBFF\uDFFF\"", "U+10FFFF"));
  }

  @Test
  @DisplayName("a long string of escapes grows the buffer correctly")
  void manyEscapes() {
    String controls = "\u0001".repeat(10_000) + "é".repeat(1_000);

    String expected = "\"" + "\\u0001".repeat(10_000) + "é".repeat(1_000) + "\"";
    assertThat(Jcs.canonicalString(controls)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1}")
  @DisplayName("strings and keys with lone surrogates are refused, naming path and position")
  @MethodSource("loneSurrogates")
  void loneSurrogatesAreRefused(String bad, String description) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(Map.of("items", List.of("ok", bad))))
        .withMessageContaining("$.items[1]")
        .withMessageContaining("lone surrogate");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(Map.of("items", Map.of(bad, 1))))
        .withMessageContaining("key of the object at $.items")
        .withMessageContaining("lone surrogate");
  }

  static Stream<Arguments> loneSurrogates() {
    return Stream.of(
        Arguments.of("\uD800", "high surrogate alone"),
        Arguments.of("x\uDC00", "low surrogate alone"),
        Arguments.of("\uD83Dx", "high surrogate followed by a letter"),
        Arguments.of("\uDE02\uD83D", "pair in the wrong order"),
        Arguments.of("\uD83D\uD83D\uDE02", "high surrogate before a valid pair"));
  }

  @ParameterizedTest(name = "{1}")
  @DisplayName("values outside the JSON model are refused, naming path and type")
  @MethodSource("unsupported")
  void unsupportedTypes(Object value, String typeName) {
    Map<String, Object> json = Map.of("payload", List.of(1, value));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(json))
        .withMessageContaining("$.payload[1]")
        .withMessageContaining(typeName);
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of(new Person("Ada"), Person.class.getName()),
        Arguments.of(Instant.EPOCH, "java.time.Instant"),
        Arguments.of(Optional.of(1), "java.util.Optional"),
        Arguments.of(new int[] {1}, "[I"),
        Arguments.of(new String[] {"a"}, "[Ljava.lang.String;"),
        Arguments.of('c', "java.lang.Character"),
        Arguments.of(new StringBuilder("s"), "java.lang.StringBuilder"),
        Arguments.of(java.util.Set.of(1), "java.util.ImmutableCollections"));
  }

  @Test
  @DisplayName("an unsupported value's toString never reaches the message")
  void messagesDoNotLeakValues() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(Map.of("who", new Person("secret-name"))))
        .withMessageNotContaining("secret-name");
  }

  @Test
  @DisplayName("non-string and null keys are refused, naming the object's path and key type")
  void badKeys() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(Map.of("outer", Map.of(1, "one"))))
        .withMessageContaining("Object at $.outer")
        .withMessageContaining("java.lang.Integer");
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, 1);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(List.of(nullKey)))
        .withMessageContaining("Object at $[0]")
        .withMessageContaining("null key");
  }

  @Test
  @DisplayName("an IdentityHashMap holding two equal keys is refused instead of writing both")
  void duplicateKeysInIdentityMap() {
    Map<String, Object> object = new IdentityHashMap<>();
    object.put(new String("k"), 1);
    object.put(new String("k"), 2);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(object))
        .withMessageContaining("unique names");
  }

  @Test
  @DisplayName("keys that are not identifiers are quoted in paths")
  void pathQuoting() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(Map.of("a b", Map.of("q\"", Double.NaN))))
        .withMessageContaining("$[\"a b\"][\"q\\\"\"]");
  }

  @Test
  @DisplayName("1,000 levels of nesting are written; one more is refused, as is a cycle")
  void deepNesting() {
    assertThat(Jcs.canonicalString(nest(1000))).isEqualTo("[".repeat(1000) + "]".repeat(1000));
    assertThat(Jcs.canonicalString(nestObjects(1000)))
        .isEqualTo("{\"a\":".repeat(999) + "{}" + "}".repeat(999));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(nest(1001)))
        .withMessageContaining("$" + "[0]".repeat(1000))
        .withMessageContaining("1000");

    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Jcs.canonicalize(cycle))
        .withMessageContaining("cyclic");
  }

  @Test
  @DisplayName("canonicalString is the UTF-8 decoding of canonicalize")
  void stringMatchesBytes() {
    Object json = Map.of("€", List.of("\uD83D\uDE02", 1.5, "é"));

    assertThat(Jcs.canonicalString(json))
        .isEqualTo(new String(Jcs.canonicalize(json), StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("sha256 hashes the canonical bytes and sha256Hex is its lowercase hex")
  void hashes() throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("a", Arrays.asList(1, "x", null));

    assertThat(Jcs.sha256Hex(Map.of()))
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThat(Jcs.sha256Hex(json))
        .isEqualTo("cf946966268a847cf33ffefa5b616e3e6f8eb1333575ed1716fa60602d565ff7");
    assertThat(Jcs.sha256(json))
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(Jcs.canonicalize(json)))
        .hasSize(32);
    assertThat(Jcs.sha256Hex(json)).isEqualTo(HexFormat.of().formatHex(Jcs.sha256(json)));
  }

  @Test
  @DisplayName("hashes do not depend on key insertion order")
  void hashIgnoresInsertionOrder() {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("x", 1);
    one.put("y", 2);
    Map<String, Object> two = new LinkedHashMap<>();
    two.put("y", 2);
    two.put("x", 1);

    assertThat(Jcs.sha256Hex(one)).isEqualTo(Jcs.sha256Hex(two));
  }

  private static void permutations(List<String> keys, int from, List<List<String>> out) {
    if (from == keys.size()) {
      out.add(List.copyOf(keys));
      return;
    }
    for (int i = from; i < keys.size(); i++) {
      Collections.swap(keys, from, i);
      permutations(keys, from + 1, out);
      Collections.swap(keys, from, i);
    }
  }

  private static Object nest(int depth) {
    Object value = List.of();
    for (int i = 1; i < depth; i++) {
      value = List.of(value);
    }
    return value;
  }

  private static Object nestObjects(int depth) {
    Object value = Map.of();
    for (int i = 1; i < depth; i++) {
      value = Map.of("a", value);
    }
    return value;
  }
}

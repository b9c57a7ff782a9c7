package dev.lexecon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("DecisionRequest validation")
class DecisionRequestValidationTest {

  private static DecisionRequest.Builder valid() {
    return DecisionRequest.builder("ai_agent:assistant", "send_email");
  }

  private static List<String> violatedFields(DecisionRequest.Builder builder) {
    try {
      builder.build();
      return List.of();
    } catch (InvalidRequestException e) {
      return e.violations().stream().map(FieldViolation::field).toList();
    }
  }

  static Stream<Arguments> lengthBoundaries() {
    return Stream.of(
        // field, length, valid?
        Arguments.of("actor", 0, false),
        Arguments.of("actor", 1, true),
        Arguments.of("actor", 255, true),
        Arguments.of("actor", 256, false),
        Arguments.of("action", 0, false),
        Arguments.of("action", 1, true),
        Arguments.of("action", 255, true),
        Arguments.of("action", 256, false),
        Arguments.of("tool", 0, false),
        Arguments.of("tool", 1, true),
        Arguments.of("tool", 100, true),
        Arguments.of("tool", 101, false),
        Arguments.of("user_intent", 0, false),
        Arguments.of("user_intent", 1, true),
        Arguments.of("user_intent", 500, true),
        Arguments.of("user_intent", 501, false));
  }

  @ParameterizedTest(name = "{0} of {1} characters is valid: {2}")
  @MethodSource("lengthBoundaries")
  @DisplayName("text fields accept 1..max characters and reject 0 and max+1")
  void lengthBoundaries(String field, int length, boolean valid) {
    String value = "a".repeat(length);
    DecisionRequest.Builder b =
        switch (field) {
          case "actor" -> DecisionRequest.builder(value, "send_email");
          case "action" -> DecisionRequest.builder("agent", value);
          case "tool" -> valid().tool(value);
          case "user_intent" -> valid().userIntent(value);
          default -> throw new IllegalArgumentException(field);
        };
    assertThat(violatedFields(b)).isEqualTo(valid ? List.of() : List.of(field));
  }

  @ParameterizedTest(name = "actor \"{0}\"")
  @MethodSource("badActors")
  @DisplayName("actors with characters outside [A-Za-z0-9_-.@:] are refused")
  void actorCharacters(String actor) {
    assertThat(violatedFields(DecisionRequest.builder(actor, "read"))).containsExactly("actor");
  }

  static Stream<String> badActors() {
    return Stream.of("agent one", "agent/1", "agent#1", "agent\n", "ägent", "a;drop", "a*");
  }

  @Test
  @DisplayName("actors may use every allowed punctuation character")
  void actorAllowedCharacters() {
    assertThat(violatedFields(DecisionRequest.builder("a-b_c.d@e:f9", "read"))).isEmpty();
  }

  @Test
  @DisplayName("risk level must be within 1..5, default 1")
  void riskLevel() {
    assertThat(valid().build().riskLevel()).isEqualTo(1);
    assertThat(violatedFields(valid().riskLevel(0))).containsExactly("risk_level");
    assertThat(violatedFields(valid().riskLevel(1))).isEmpty();
    assertThat(violatedFields(valid().riskLevel(5))).isEmpty();
    assertThat(violatedFields(valid().riskLevel(6))).containsExactly("risk_level");
  }

  @Test
  @DisplayName("at most 10 data classes are accepted")
  void dataClasses() {
    List<String> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add("class" + i);
    }
    assertThat(violatedFields(valid().dataClasses(ten))).isEmpty();
    assertThat(violatedFields(valid().dataClasses(ten).dataClasses("one_more")))
        .containsExactly("data_classes");
    assertThat(violatedFields(valid().dataClasses(""))).containsExactly("data_classes[0]");
  }

  private static Map<String, Object> nested(int depth) {
    Map<String, Object> leaf = new HashMap<>(Map.of("value", 1));
    Map<String, Object> current = leaf;
    for (int i = 1; i < depth; i++) {
      current = new HashMap<>(Map.of("level" + i, current));
    }
    return current;
  }

  @Test
  @DisplayName("context nests at most 5 levels: 5 passes, 6 fails")
  void contextDepth() {
    assertThat(violatedFields(valid().context(nested(5)))).isEmpty();
    assertThat(violatedFields(valid().context(nested(6)))).hasSize(1).first().asString()
        .startsWith("context.");
    assertThat(violatedFields(valid().arguments(nested(6)))).hasSize(1).first().asString()
        .startsWith("args.");
  }

  @Test
  @DisplayName("context serializes to at most 64 KiB: exactly 64 KiB passes, one byte more fails")
  void contextSize() {
    // {"k":"<n chars>"} is n + 8 bytes of compact JSON.
    int limit = RequestLimits.MAX_CONTEXT_BYTES;
    Map<String, Object> atLimit = Map.of("k", "x".repeat(limit - 8));
    Map<String, Object> overLimit = Map.of("k", "x".repeat(limit - 7));
    assertThat(violatedFields(valid().context(atLimit))).isEmpty();
    assertThatThrownBy(() -> valid().context(overLimit).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("context: serializes to 65537 bytes");
  }

  @Test
  @DisplayName("multi-byte characters count as their UTF-8 bytes towards the size limit")
  void contextSizeCountsUtf8() {
    int limit = RequestLimits.MAX_CONTEXT_BYTES;
    // "é" is 2 bytes in UTF-8.
    assertThat(violatedFields(valid().context(Map.of("k", "é".repeat((limit - 8) / 2))))).isEmpty();
    assertThat(violatedFields(valid().context(Map.of("k", "é".repeat((limit - 8) / 2 + 1)))))
        .containsExactly("context");
  }

  @Test
  @DisplayName("every violation is listed at once, not just the first")
  void listsEveryViolation() {
    Map<String, Object> badContext = new LinkedHashMap<>();
    badContext.put("when", Instant.EPOCH);
    assertThatThrownBy(
            () ->
                DecisionRequest.builder("bad actor", "")
                    .tool("t".repeat(101))
                    .riskLevel(9)
                    .context(badContext)
                    .build())
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactly("actor", "action", "tool", "risk_level", "context.when"))
        .hasMessageContaining("5 violations")
        .hasMessageContaining("context.when: has unsupported type java.time.Instant");
  }

  @Test
  @DisplayName("missing actor and action are violations, not NullPointerExceptions")
  void nullRequiredFields() {
    assertThat(violatedFields(DecisionRequest.builder(null, null)))
        .containsExactly("actor", "action");
  }

  @Test
  @DisplayName("non-finite numbers in arguments are refused")
  void nonFiniteNumbers() {
    assertThat(violatedFields(valid().argument("amount", Double.NaN))).containsExactly("args.amount");
  }

  @Test
  @DisplayName("tool defaults to the action; context and arguments are deep, unmodifiable copies")
  void defaultsAndCopies() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("to", "bob@example.com");
    inner.put("cc", null);
    Map<String, Object> args = new HashMap<>();
    args.put("mail", inner);
    args.put("amount", new BigDecimal("12.50"));
    DecisionRequest request = valid().arguments(args).build();
    inner.put("to", "mallory@example.com");
    assertThat(request.tool()).isEqualTo("send_email");
    @SuppressWarnings("unchecked")
    Map<String, Object> copied = (Map<String, Object>) request.arguments().get("mail");
    assertThat(copied).containsEntry("to", "bob@example.com").containsEntry("cc", null);
    assertThatThrownBy(() -> copied.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("toBuilder derives an equal request")
  void toBuilderRoundTrip() {
    DecisionRequest r =
        valid().tool("mail").userIntent("tell bob").dataClasses("pii").riskLevel(3)
            .resource("mailbox:bob").mode(PolicyMode.PARANOID).requestId("r-1")
            .context("approved", true).argument("to", "bob").build();
    assertThat(r.toBuilder().build()).isEqualTo(r);
  }
}

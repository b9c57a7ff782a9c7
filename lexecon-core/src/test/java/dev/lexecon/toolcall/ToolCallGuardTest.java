package dev.lexecon.toolcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.token.TokenVerifier;
import dev.lexecon.toolcall.ToolCallVerdict.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Tool call guard")
class ToolCallGuardTest {
  static final Policy POLICY = Policy.builder("tools", "1").mode(PolicyMode.STRICT)
      .actor("actor:agent", "ai_agent:*")
      .action("action:lookup", "lookup")
      .action("action:transfer", "transfer")
      .action("action:deploy", "deploy")
      .action("action:read_chart", "read_chart")
      .permits("actor:agent", "action:lookup")
      .permits("actor:agent", "action:transfer", "args.amount <= 1000")
      .permits("actor:agent", "action:deploy")
      .requires(null, "action:deploy", "human_confirmation")
      .permits("actor:agent", "action:read_chart")
      .requires(null, "action:read_chart", "patient_consent")
      .build();
  static final Lexecon LEXECON = Lexecon.builder().policy(POLICY).build();
  static final ToolCallGuard GUARD = ToolCallGuard.forActor(LEXECON, "ai_agent:assistant");

  static ToolCallVerdict check(String tool, String json) {
    return GUARD.check(ToolCall.fromJson(tool, json, "call_1"));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "lookup   | {}                | ALLOWED     | false",
    "transfer | {\"amount\": 1000}   | ALLOWED     | false",
    "transfer | {\"amount\": 1000.01}| DENIED      | true",
    "transfer | {}                | DENIED      | true",
    "deploy   | {}                | PENDING     | false",
    "read_chart | {}              | CONDITIONAL | true",
    "unknown  | {}                | DENIED      | true"
  })
  @DisplayName("maps each outcome to a status, with arguments visible to conditions as args.*")
  void statuses(String tool, String json, Status status, boolean error) {
    ToolCallVerdict v = check(tool.trim(), json.trim());
    assertThat(v.status()).isEqualTo(status);
    assertThat(v.isError()).isEqualTo(error);
    assertThat(v.proceed()).isEqualTo(status == Status.ALLOWED);
    assertThat(v.decision()).isNotNull();
    if (status == Status.ALLOWED) {
      assertThat(v.message()).isEmpty();
    }
  }

  @Test
  @DisplayName("a denial reads as a sentence the model can act on")
  void deniedText() {
    ToolCallVerdict v = check("transfer", "{\"amount\": 5000}");
    assertThat(v.message()).startsWith("DENIED by Lexecon: the call to 'transfer' was not run (decision dec_")
        .contains("no relation permits this request").endsWith("tell the user it is not allowed.");
  }

  @Test
  @DisplayName("an escalation is a pending result naming what it waits for")
  void pendingText() {
    assertThat(check("deploy", "{}").message())
        .startsWith("PENDING human approval: the call to 'deploy' has not run yet")
        .contains("awaiting human_confirmation");
  }

  @Test
  @DisplayName("an unmet obligation names it")
  void conditionalText() {
    assertThat(check("read_chart", "{}").message())
        .startsWith("NOT RUN by Lexecon: the call to 'read_chart' needs patient_consent first");
  }

  @ParameterizedTest(name = "arguments {0}")
  @ValueSource(strings = {"{", "[1,2]", "\"text\"", "42", "null", "{\"a\":1,\"a\":2}"})
  @DisplayName("arguments that are not one JSON object are an invalid call, not an exception")
  void invalidJson(String json) {
    assertThatThrownBy(() -> ToolCall.fromJson("lookup", json, null))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("args"));
  }

  @Test
  @DisplayName("a call that breaks a request limit comes back as INVALID with the violation")
  void invalidRequest() {
    ToolCallVerdict v = GUARD.check(new ToolCall("t".repeat(101), Map.of(), null));
    assertThat(v.status()).isEqualTo(Status.INVALID);
    assertThat(v.decision()).isNull();
    assertThat(v.isError()).isTrue();
    assertThat(v.message()).startsWith("INVALID tool call:").contains("tool: is 101 characters long")
        .endsWith("Fix the arguments and call it again.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "   "})
  @DisplayName("empty arguments text means no arguments")
  void emptyArguments(String json) {
    assertThat(ToolCall.fromJson("lookup", json, null).arguments()).isEmpty();
    assertThat(ToolCall.fromJson("lookup", null, null).arguments()).isEmpty();
  }

  @Test
  @DisplayName("the listener sees every decision and the check can refuse an approved call")
  void listenerAndCheck() {
    List<String> seen = new ArrayList<>();
    ToolCallGuard guard = ToolCallGuard.builder(LEXECON).actor("ai_agent:assistant")
        .onDecision((call, d) -> seen.add(call.toolName() + ":" + d.outcome()))
        .beforeExecution((call, d) -> call.arguments().containsKey("tampered") ? "token mismatch" : null)
        .build();
    assertThat(guard.check(new ToolCall("lookup", Map.of(), null)).status()).isEqualTo(Status.ALLOWED);
    ToolCallVerdict refused = guard.check(new ToolCall("lookup", Map.of("tampered", true), null));
    assertThat(refused.status()).isEqualTo(Status.REFUSED);
    assertThat(refused.message()).startsWith("REFUSED: the call to 'lookup' was approved").endsWith("token mismatch.");
    assertThat(guard.check(new ToolCall("deploy", Map.of(), null)).status()).isEqualTo(Status.PENDING);
    assertThat(seen).containsExactly("lookup:APPROVED", "lookup:APPROVED", "deploy:ESCALATED");
  }

  @Test
  @DisplayName("a custom mapper can add what the policy needs")
  void customMapper() {
    ToolCallGuard guard = ToolCallGuard.builder(LEXECON)
        .mapper(call -> ToolCallMapper.defaults("ai_agent:assistant", call)
            .context("patient_consent", true).build())
        .build();
    assertThat(guard.check(new ToolCall("read_chart", Map.of(), null)).status()).isEqualTo(Status.ALLOWED);
  }

  @Test
  @DisplayName("the builder needs exactly one mapper")
  void builder() {
    assertThatThrownBy(() -> ToolCallGuard.builder(LEXECON).build()).hasMessageContaining("no mapper set");
    assertThatThrownBy(() -> ToolCallGuard.builder(LEXECON).actor("a").mapper(c -> null))
        .hasMessage("the mapper (or actor) was already set");
  }

  @Test
  @DisplayName("the arguments digest ignores key order and number spelling, and sees any change")
  void digest() {
    String a = ToolCall.fromJson("t", "{\"to\":\"bob\",\"amount\":1.0}", null).argumentsDigest();
    String b = ToolCall.fromJson("t", "{\"amount\":1,\"to\":\"bob\"}", null).argumentsDigest();
    String c = ToolCall.fromJson("t", "{\"amount\":1.01,\"to\":\"bob\"}", null).argumentsDigest();
    assertThat(a).isEqualTo(b).hasSize(64).isNotEqualTo(c);
  }

  @Test
  @DisplayName("only an invalid verdict may lack a decision")
  void verdictInvariant() {
    ToolCall call = new ToolCall("t", Map.of(), null);
    assertThatThrownBy(() -> new ToolCallVerdict(call, Status.DENIED, null, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    Decision d = LEXECON.decide(dev.lexecon.api.DecisionRequest.builder("ai_agent:a", "lookup").build());
    assertThatThrownBy(() -> new ToolCallVerdict(call, Status.INVALID, d, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the token of a tool call carries the digest of its arguments, and the guard verifies it")
  void tokenCarriesArgumentsDigest() {
    List<Decision> decisions = new ArrayList<>();
    ToolCallGuard guard = ToolCallGuard.builder(LEXECON).actor("ai_agent:assistant")
        .verifyTokens(LEXECON.tokenVerifier())
        .onDecision((c, d) -> decisions.add(d))
        .build();
    ToolCall call = ToolCall.fromJson("transfer", "{\"to\":\"bob\",\"amount\":900}", "call_7");
    assertThat(guard.check(call).status()).isEqualTo(Status.ALLOWED);

    Decision decision = decisions.get(0);
    TokenVerifier executor = LEXECON.tokenVerifier();
    TokenVerification exact = executor.verify(decision.token().value(),
        new ExpectedCall("ai_agent:assistant", "transfer", "transfer", null, call.arguments()));
    assertThat(exact.claimsOrThrow().argumentsDigest())
        .isEqualTo(call.argumentsDigest())
        .isEqualTo(TokenVerifier.argumentsDigest(Map.of("amount", 900, "to", "bob")));

    // An executor handed the same token with other arguments refuses it.
    Map<String, Object> changed = new LinkedHashMap<>(call.arguments());
    changed.put("to", "mallory");
    TokenVerification other = executor.verify(decision.token().value(),
        new ExpectedCall("ai_agent:assistant", "transfer", "transfer", null, changed));
    assertThat(other).isInstanceOfSatisfying(TokenVerification.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(TokenRejection.WRONG_BINDING);
      assertThat(r.claim()).isEqualTo("arg");
    });
  }

  @Test
  @DisplayName("a call whose arguments differ from the decided ones is refused by the token check")
  void tokenCheckRefusesRewrittenArguments() {
    // A mapper that decides on other arguments than the call will run with: the policy approves
    // amount 10, the tool would run with amount 5000.
    ToolCallMapper understating = c -> ToolCallMapper.defaults("ai_agent:assistant", c)
        .arguments(Map.of("amount", 10)).build();
    ToolCall call = new ToolCall("transfer", Map.of("amount", 5000), null);

    ToolCallGuard unchecked = ToolCallGuard.builder(LEXECON).mapper(understating).build();
    assertThat(unchecked.check(call).status()).isEqualTo(Status.ALLOWED);

    ToolCallGuard checked = ToolCallGuard.builder(LEXECON).mapper(understating)
        .verifyTokens(LEXECON.tokenVerifier())
        .beforeExecution((c, d) -> {
          throw new AssertionError("the application's check runs only after the token verified");
        })
        .build();
    ToolCallVerdict v = checked.check(call);
    assertThat(v.status()).isEqualTo(Status.REFUSED);
    assertThat(v.isError()).isTrue();
    assertThat(v.message()).startsWith("REFUSED: the call to 'transfer' was approved")
        .contains("WRONG_BINDING, claim arg: token was issued for other arguments");
  }

  @Test
  @DisplayName("a token from an engine the verifier does not trust is refused")
  void tokenFromAnotherEngine() {
    Lexecon other = Lexecon.builder().policy(POLICY).build();
    ToolCallGuard guard = ToolCallGuard.builder(other).actor("ai_agent:assistant")
        .verifyTokens(LEXECON.tokenVerifier())
        .build();
    ToolCallVerdict v = guard.check(new ToolCall("lookup", Map.of(), null));
    assertThat(v.status()).isEqualTo(Status.REFUSED);
    assertThat(v.message()).contains("its capability token does not verify for this call");
    assertThatThrownBy(() -> ToolCallGuard.builder(LEXECON).verifyTokens(LEXECON.tokenVerifier())
        .verifyTokens(LEXECON.tokenVerifier())).hasMessage("a token verifier was already set");
  }
}

package dev.lexecon.policy;

import static dev.lexecon.api.Outcome.APPROVED;
import static dev.lexecon.api.Outcome.CONDITIONAL;
import static dev.lexecon.api.Outcome.DENIED;
import static dev.lexecon.api.Outcome.ESCALATED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour table: one policy ({@code policies/behaviour.json}), many requests, and for each
 * the outcome and the rules that determined it, in reason order ("-" marks a mode default or the
 * risk overlay, which name no rule).
 */
@DisplayName("Policy behaviour table")
class PolicyBehaviourTest {
  static final PolicyEngine ENGINE = PolicyEngine.compile(load("behaviour.json"), null);

  static LoadedPolicy load(String name) {
    try (InputStream in = PolicyBehaviourTest.class.getResourceAsStream("/policies/" + name)) {
      return PolicyLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Arguments row(
      String description,
      String actor,
      String action,
      UnaryOperator<DecisionRequest.Builder> more,
      Outcome outcome,
      String rules) {
    return Arguments.of(description, actor, action, more, outcome, rules);
  }

  static UnaryOperator<DecisionRequest.Builder> none() {
    return b -> b;
  }

  static Stream<Arguments> table() {
    return Stream.of(
        row("agent glob permits read", "ai_agent:assistant", "read", none(), APPROVED, "r_read"),
        row("any agent matches the glob", "ai_agent:other", "read", none(), APPROVED, "r_read"),
        row("STRICT denies what nothing permits", "human:bob", "read", none(), DENIED, "-"),
        row("PERMISSIVE approves what nothing forbids", "human:bob", "read",
            b -> b.mode(PolicyMode.PERMISSIVE), APPROVED, "-"),
        row("PARANOID denies what nothing permits", "human:bob", "read",
            b -> b.mode(PolicyMode.PARANOID), DENIED, "-"),
        row("bound forbid applies with its data class", "ai_agent:x", "read",
            b -> b.dataClasses("credentials"), DENIED, "r_read_creds"),
        row("data class matches by full id too", "ai_agent:x", "read",
            b -> b.dataClasses("data:credentials"), DENIED, "r_read_creds"),
        row("bound forbid ignores other data classes", "ai_agent:x", "read",
            b -> b.dataClasses("pii"), APPROVED, "r_read"),
        row("argument allow-list admits a trusted recipient", "ai_agent:assistant", "send_email",
            b -> b.argument("to", "alice@corp.example"), APPROVED, "r_mail"),
        row("argument allow-list refuses an injected recipient", "ai_agent:assistant",
            "send_email", b -> b.argument("to", "attacker@evil.example"), DENIED, "-"),
        row("missing argument leaves the permit unknown, so it fails closed",
            "ai_agent:assistant", "send_email", none(), DENIED, "-"),
        row("null argument is unknown too", "ai_agent:assistant", "send_email",
            b -> b.argument("to", null), DENIED, "-"),
        row("requires human confirmation for PII mail escalates", "ai_agent:assistant",
            "send_email", b -> b.argument("to", "bob@corp.example").dataClasses("pii"),
            ESCALATED, "r_mail,r_mail_pii"),
        row("an agent cannot confirm itself through the context", "ai_agent:assistant",
            "send_email",
            b -> b.argument("to", "bob@corp.example").dataClasses("pii")
                .context("human_confirmation", true),
            ESCALATED, "r_mail,r_mail_pii"),
        row("sourceless forbid applies to every actor", "human:root", "delete_file", none(),
            DENIED, "r_delete"),
        row("forbid holds in PERMISSIVE mode", "human:root", "delete_user",
            b -> b.mode(PolicyMode.PERMISSIVE), DENIED, "r_delete"),
        row("glob is whole-string: delete-all does not match delete_*", "human:root", "delete-all",
            none(), DENIED, "-"),
        row("glob is whole-string in PERMISSIVE too", "human:root", "delete-all",
            b -> b.mode(PolicyMode.PERMISSIVE), APPROVED, "-"),
        row("amount cap admits a small transfer", "ai_agent:x", "transfer",
            b -> b.argument("amount", 500), APPROVED, "r_transfer"),
        row("amount cap is inclusive at 1000", "ai_agent:x", "transfer",
            b -> b.argument("amount", 1000), APPROVED, "r_transfer"),
        row("amount 1001 is not permitted", "ai_agent:x", "transfer",
            b -> b.argument("amount", 1001), DENIED, "-"),
        row("decimal amounts compare exactly", "ai_agent:x", "transfer",
            b -> b.argument("amount", new java.math.BigDecimal("1000.01")), DENIED, "-"),
        row("huge transfer is forbidden", "ai_agent:x", "transfer",
            b -> b.argument("amount", 20000), DENIED, "r_transfer_big"),
        row("string amount: permit unknown fails closed, forbid unknown applies", "ai_agent:x",
            "transfer", b -> b.argument("amount", "500"), DENIED, "r_transfer_big"),
        row("null amount makes the guarded forbid apply", "ai_agent:x", "transfer",
            b -> b.argument("amount", null), DENIED, "r_transfer_big"),
        row("constraint escalates a mid-size transfer in PERMISSIVE mode", "ai_agent:x",
            "transfer", b -> b.argument("amount", 6000).mode(PolicyMode.PERMISSIVE), ESCALATED,
            "-,large_transfer_review"),
        row("reference requires is met by consent in context", "ai_agent:assistant",
            "access_phi", b -> b.context("patient_consent", true), APPROVED, "r_phi"),
        row("missing consent makes it CONDITIONAL", "ai_agent:assistant", "access_phi", none(),
            CONDITIONAL, "r_phi,r_phi_consent"),
        row("false consent is not consent", "ai_agent:assistant", "access_phi",
            b -> b.context("patient_consent", false), CONDITIONAL, "r_phi,r_phi_consent"),
        row("consent must be boolean true, not a string", "ai_agent:assistant", "access_phi",
            b -> b.context("patient_consent", "yes"), CONDITIONAL, "r_phi,r_phi_consent"),
        row("requires alone does not permit", "ai_agent:x", "access_phi", none(), DENIED, "-"),
        row("requires applies to PERMISSIVE's default approval", "ai_agent:x", "access_phi",
            b -> b.mode(PolicyMode.PERMISSIVE), CONDITIONAL, "-,r_phi_consent"),
        row("forbidden tool overrides a permitted action", "ai_agent:x", "read",
            b -> b.tool("shell_exec"), DENIED, "r_shell"),
        row("tool glob matches the bare prefix", "ai_agent:x", "read", b -> b.tool("shell"),
            DENIED, "r_shell"),
        row("other tools are fine", "ai_agent:x", "read", b -> b.tool("bash_lookup"), APPROVED,
            "r_read"),
        row("resource glob forbids production without a ticket", "ai_agent:x", "read",
            b -> b.resource("db://prod/users"), DENIED, "r_prod"),
        row("a change ticket lifts the resource forbid", "ai_agent:x", "read",
            b -> b.resource("db://prod/users").context("change_ticket", true), APPROVED, "r_read"),
        row("staging is not production", "ai_agent:x", "read",
            b -> b.resource("db://staging/users"), APPROVED, "r_read"),
        row("flag condition plus constraint obligation", "intern", "deploy",
            b -> b.context("need_to_know", true), CONDITIONAL, "r_deploy,mfa"),
        row("met constraint obligation approves", "intern", "deploy",
            b -> b.context("need_to_know", true).context("mfa", true), APPROVED, "r_deploy"),
        row("absent flag is false", "intern", "deploy", none(), DENIED, "-"),
        row("non-boolean flag is unknown and the permit fails closed", "intern", "deploy",
            b -> b.context("need_to_know", "true"), DENIED, "-"),
        row("term id matches the actor", "actor:intern", "deploy",
            b -> b.context("need_to_know", true).context("mfa", true), APPROVED, "r_deploy"),
        row("no substring matching: inter is not intern", "inter", "deploy",
            b -> b.context("need_to_know", true), DENIED, "-"),
        row("no prefix matching: ai_agent is not ai_agent:*", "ai_agent", "read", none(), DENIED,
            "-"),
        row("unprefixed id matches", "assistant", "send_email",
            b -> b.argument("to", "bob@corp.example"), APPROVED, "r_mail"),
        row("PARANOID escalates risk level 4", "ai_agent:assistant", "read",
            b -> b.mode(PolicyMode.PARANOID).riskLevel(4), ESCALATED, "r_read,-"),
        row("PARANOID lets risk level 3 through", "ai_agent:assistant", "read",
            b -> b.mode(PolicyMode.PARANOID).riskLevel(3), APPROVED, "r_read"),
        row("STRICT does not escalate risk level 5", "ai_agent:assistant", "read",
            b -> b.riskLevel(5), APPROVED, "r_read"),
        row("PARANOID never escalates a denial", "ai_agent:x", "delete_all",
            b -> b.mode(PolicyMode.PARANOID).riskLevel(5), DENIED, "r_delete"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  @DisplayName("decides each request of the table")
  void decides(
      String description,
      String actor,
      String action,
      UnaryOperator<DecisionRequest.Builder> more,
      Outcome outcome,
      String rules) {
    DecisionRequest request = more.apply(DecisionRequest.builder(actor, action)).build();
    PolicyEvaluation evaluation = ENGINE.evaluate(request);
    assertThat(evaluation.outcome()).as(description).isEqualTo(outcome);
    assertThat(evaluation.reasons().stream().map(PolicyBehaviourTest::ruleOrDash).toList())
        .as("determining rules of: " + description)
        .isEqualTo(Arrays.asList(rules.split(",")));
  }

  private static String ruleOrDash(Reason r) {
    return r.ruleId() == null ? "-" : r.ruleId();
  }

  @org.junit.jupiter.api.Test
  @DisplayName("the table covers at least 40 behaviour cases")
  void tableSize() {
    assertThat(table().count()).isGreaterThanOrEqualTo(40);
  }

  @org.junit.jupiter.api.Test
  @DisplayName("advisory constraints annotate without changing the outcome")
  void advisories() {
    PolicyEvaluation e =
        ENGINE.evaluate(
            DecisionRequest.builder("ai_agent:x", "read").context("after_hours", true).build());
    assertThat(e.outcome()).isEqualTo(APPROVED);
    assertThat(e.advisories()).singleElement().asString().contains("night_note", "log_and_alert");
  }

  @org.junit.jupiter.api.Test
  @DisplayName("obligations are listed for CONDITIONAL and ESCALATED decisions only")
  void obligations() {
    assertThat(ENGINE.evaluate(DecisionRequest.builder("ai_agent:assistant", "access_phi").build())
            .obligations())
        .containsExactly("patient_consent");
    assertThat(ENGINE.evaluate(DecisionRequest.builder("human:x", "delete_x").build())
            .obligations())
        .isEmpty();
    List<String> escalated =
        ENGINE.evaluate(
                DecisionRequest.builder("ai_agent:assistant", "send_email")
                    .argument("to", "bob@corp.example").dataClasses("pii").build())
            .obligations();
    assertThat(escalated).containsExactly("human_confirmation");
  }
}

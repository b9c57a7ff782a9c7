package dev.lexecon.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.InvalidPolicyException;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.PolicyIssue;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.policy.TermType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Policy loading and static validation")
class PolicyLoaderTest {

  private static List<PolicyIssue> errorsOf(String json) {
    try {
      PolicyLoader.parse(json);
      return List.of();
    } catch (InvalidPolicyException e) {
      return e.errors();
    }
  }

  private static String policyWith(String terms, String relations) {
    return "{\"policy_id\":\"p\",\"version\":\"1\",\"mode\":\"strict\",\"terms\":[" + terms
        + "],\"relations\":[" + relations + "]}";
  }

  private static final String TERMS =
      "{\"term_id\":\"actor:a\",\"term_type\":\"actor\"},"
          + "{\"term_id\":\"action:x\",\"term_type\":\"action\"}";

  @Test
  @DisplayName("reference policies load unchanged: aliases, labels, metadata, implicit terms")
  void referenceForms() {
    LoadedPolicy loaded = PolicyBehaviourTest.load("reference-healthcare.json");
    Policy p = loaded.policy();
    assertThat(p.policyId()).isEqualTo("healthcare_assistant");
    assertThat(p.extensions()).containsKeys("compliance_frameworks", "audit_requirements");
    assertThat(p.terms()).anySatisfy(t -> {
      assertThat(t.id()).isEqualTo("actor:clinical_ai");
      assertThat(t.label()).isEqualTo("Clinical-AI");
      assertThat(t.attributes()).containsEntry("vendor", "acme");
    });
    // action:analyze_market_data is used but never declared: declared implicitly with a warning.
    assertThat(p.terms()).anySatisfy(t -> {
      assertThat(t.id()).isEqualTo("action:analyze_market_data");
      assertThat(t.type()).isEqualTo(TermType.ACTION);
    });
    assertThat(loaded.warnings())
        .anySatisfy(w -> assertThat(w.message()).contains("analyze_market_data", "implicitly"));
    // The unknown name 'threshold' loads with a warning.
    assertThat(loaded.warnings())
        .anySatisfy(w -> assertThat(w.path()).isEqualTo("$.constraints[1].condition"));
    assertThat(p.relations()).filteredOn(r -> r.type() == RelationType.REQUIRES)
        .extracting(r -> r.obligations().get(0))
        .containsExactly("patient_consent", "physician_id");
    assertThat(p.relations().get(0).objectTermId()).isEqualTo("data:phi");
    assertThat(p.relations().get(2).justification()).isEqualTo("Decision support");
  }

  @Test
  @DisplayName("reference policies mean what their authors intended")
  void referenceSemantics() {
    PolicyEngine engine = PolicyEngine.compile(PolicyBehaviourTest.load("reference-healthcare.json"), null);
    // Label matches; the bound data class must be present; consent is an obligation.
    var noPhi = engine.evaluate(DecisionRequest.builder("Clinical-AI", "access_phi").build());
    assertThat(noPhi.outcome()).isEqualTo(Outcome.DENIED);
    var withPhi = engine.evaluate(
        DecisionRequest.builder("clinical_ai", "access_phi").dataClasses("phi").build());
    assertThat(withPhi.outcome()).isEqualTo(Outcome.CONDITIONAL);
    assertThat(withPhi.obligations()).containsExactly("patient_consent");
    assertThat(withPhi.reasons().get(0).message()).isEqualTo("Clinical AI may read PHI for care");
    var consented = engine.evaluate(DecisionRequest.builder("clinical_ai", "access_phi")
        .dataClasses("phi").context("patient_consent", true).build());
    assertThat(consented.outcome()).isEqualTo(Outcome.APPROVED);
    var highRisk = engine.evaluate(DecisionRequest.builder("clinical_ai", "access_phi")
        .dataClasses("phi").context("patient_consent", true).riskLevel(4).build());
    assertThat(highRisk.outcome()).isEqualTo(Outcome.ESCALATED);
    assertThat(highRisk.obligations()).containsExactly("human_confirmation");
    // 'threshold' is unknown: the constraint cannot be shown true, so it never fires.
    var market = engine.evaluate(DecisionRequest.builder("clinical_ai", "analyze_market_data")
        .context("trade_value", 5).build());
    assertThat(market.outcome()).isEqualTo(Outcome.DENIED);
    // implies is inert.
    var physician = engine.evaluate(DecisionRequest.builder("Physician", "access_phi").build());
    assertThat(physician.outcome()).isEqualTo(Outcome.DENIED);
  }

  @Test
  @DisplayName("a dangling term id in the canonical form is an error with its JSON path")
  void danglingCanonical() {
    assertThat(errorsOf(policyWith(TERMS,
        "{\"relation_type\":\"permits\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:nope\"}")))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.path()).isEqualTo("$.relations[0].target_term_id");
          assertThat(e.message()).contains("undeclared term 'action:nope'");
        });
  }

  @Test
  @DisplayName("duplicate term and relation ids are errors naming the first declaration")
  void duplicates() {
    List<PolicyIssue> errors = errorsOf(policyWith(TERMS + ",{\"term_id\":\"actor:a\",\"term_type\":\"actor\"}",
        "{\"relation_id\":\"r\",\"relation_type\":\"permits\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\"},"
            + "{\"relation_id\":\"r\",\"relation_type\":\"forbids\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\",\"conditions\":[\"x\"]}"));
    assertThat(errors).extracting(PolicyIssue::path)
        .containsExactly("$.terms[2].term_id", "$.relations[1].relation_id");
    assertThat(errors.get(0).message()).contains("first declared at $.terms[0]");
  }

  @Test
  @DisplayName("every error is reported at once and nothing is half-loaded")
  void allErrors() {
    assertThatThrownBy(() -> PolicyLoader.parse(
        "{\"policy_id\":\"p\",\"version\":\"1\",\"mode\":\"lenient\",\"terms\":[{\"term_id\":\"t\",\"term_type\":\"planet\"}],"
            + "\"relations\":[{\"relation_type\":\"allows\",\"target_term_id\":\"x\"}]}"))
        .isInstanceOfSatisfying(InvalidPolicyException.class, e ->
            assertThat(e.errors()).extracting(PolicyIssue::path)
                .containsExactly("$.mode", "$.terms[0].term_type", "$.relations[0].relation_type"));
  }

  @Test
  @DisplayName("malformed JSON is reported with line and column")
  void malformedJson() {
    assertThatThrownBy(() -> PolicyLoader.parse("{\"policy_id\": }"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 1");
  }

  @Test
  @DisplayName("a relation between two different exact actors can never match")
  void neverMatches() {
    String terms = TERMS + ",{\"term_id\":\"actor:b\",\"term_type\":\"actor\"}";
    assertThat(errorsOf(policyWith(terms,
        "{\"relation_type\":\"permits\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"actor:b\"}")))
        .singleElement().satisfies(e -> assertThat(e.message()).contains("can never apply"));
  }

  @Test
  @DisplayName("binding a relation to a non-data-class term is an error")
  void objectMustBeDataClass() {
    assertThat(errorsOf(policyWith(TERMS,
        "{\"relation_type\":\"permits\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\",\"object_term_id\":\"actor:a\"}")))
        .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("$.relations[0].object_term_id"));
  }

  @Test
  @DisplayName("blank glob values are errors; unknown fields, shadowed and contradictory relations are warnings")
  void warnings() {
    assertThat(errorsOf(policyWith("{\"term_id\":\"actor:a\",\"term_type\":\"actor\",\"value\":\" \"},"
        + "{\"term_id\":\"action:x\",\"term_type\":\"action\"}", "")))
        .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("$.terms[0].value"));

    LoadedPolicy loaded = PolicyLoader.parse(policyWith(TERMS,
        "{\"relation_type\":\"permits\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\",\"colour\":\"red\"},"
            + "{\"relation_type\":\"permits\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\"},"
            + "{\"relation_type\":\"forbids\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\"},"
            + "{\"relation_type\":\"forbids\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\",\"conditions\":[\"amount >\"]}"));
    assertThat(loaded.warnings()).extracting(PolicyIssue::path).contains(
        "$.relations[0].colour", "$.relations[1]", "$.relations[2]", "$.relations[3].conditions[0]");
    assertThat(loaded.warnings()).anySatisfy(w -> assertThat(w.message()).contains("shadowed"));
    assertThat(loaded.warnings()).anySatisfy(w -> assertThat(w.message()).contains("forbid overrides permit"));
    assertThat(loaded.warnings()).anySatisfy(w -> assertThat(w.message()).contains("cannot be evaluated"));
  }

  @Test
  @DisplayName("an unparseable forbid condition fails closed: the forbid applies")
  void unparseableForbidAppliesAndPermitDoesNot() {
    PolicyEngine engine = PolicyEngine.compile(PolicyLoader.parse(policyWith(TERMS,
        "{\"relation_type\":\"permits\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\"},"
            + "{\"relation_type\":\"forbids\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\",\"conditions\":[\"amount >\"]}")), null);
    assertThat(engine.evaluate(DecisionRequest.builder("a", "x").build()).outcome())
        .isEqualTo(Outcome.DENIED);
    PolicyEngine permitOnly = PolicyEngine.compile(PolicyLoader.parse(policyWith(TERMS,
        "{\"relation_type\":\"permits\",\"source_term_id\":\"actor:a\",\"target_term_id\":\"action:x\",\"conditions\":[\"((\"]}")), null);
    assertThat(permitOnly.evaluate(DecisionRequest.builder("a", "x").build()).outcome())
        .isEqualTo(Outcome.DENIED);
  }

  @Test
  @DisplayName("a policy without a mode is STRICT, with a warning; the builder mode overrides the file")
  void modePrecedence() {
    LoadedPolicy loaded = PolicyLoader.parse(
        "{\"policy_id\":\"p\",\"version\":\"1\",\"terms\":[],\"relations\":[]}");
    assertThat(loaded.warnings()).anySatisfy(w -> assertThat(w.path()).isEqualTo("$.mode"));
    DecisionRequest r = DecisionRequest.builder("a", "x").build();
    assertThat(PolicyEngine.compile(loaded, null).evaluate(r).mode()).isEqualTo(PolicyMode.STRICT);
    assertThat(PolicyEngine.compile(loaded, PolicyMode.PERMISSIVE).evaluate(r).outcome())
        .isEqualTo(Outcome.APPROVED);
    assertThat(PolicyEngine.compile(loaded, PolicyMode.PERMISSIVE)
        .evaluate(r.toBuilder().mode(PolicyMode.PARANOID).build()).outcome())
        .isEqualTo(Outcome.DENIED);
  }

  @Test
  @DisplayName("canonical JSON round-trips to an equal policy with the same hash")
  void roundTrip() {
    for (String name : List.of("behaviour.json", "reference-healthcare.json")) {
      Policy original = PolicyBehaviourTest.load(name).policy();
      Policy reread = PolicyLoader.parse(PolicyLoader.toJson(original)).policy();
      assertThat(reread).as(name).isEqualTo(original);
      assertThat(PolicyEngine.hash(reread)).isEqualTo(PolicyEngine.hash(original));
    }
  }

  @Test
  @DisplayName("the policy hash changes when any rule changes")
  void hashSensitivity() {
    Policy a = Policy.builder("p", "1").actor("actor:a", null).action("action:x", null)
        .permits("actor:a", "action:x").build();
    Policy b = Policy.builder("p", "1").actor("actor:a", null).action("action:x", null)
        .forbids("actor:a", "action:x").build();
    assertThat(PolicyEngine.hash(a)).hasSize(64).isNotEqualTo(PolicyEngine.hash(b));
  }

  @Test
  @DisplayName("policies built in Java are validated like loaded ones")
  void javaBuilderValidated() {
    Policy bad = Policy.builder("p", "1").actor("actor:a", null).permits("actor:a", "action:missing").build();
    assertThatThrownBy(() -> PolicyEngine.compile(bad))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("$.relations[0].target_term_id");
  }
}

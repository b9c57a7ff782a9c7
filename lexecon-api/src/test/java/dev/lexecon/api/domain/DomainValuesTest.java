package dev.lexecon.api.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.risk.RiskDimension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Domain SPI values")
class DomainValuesTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(GovernanceDomain.class)
  @DisplayName("every governance domain round-trips through its JSON name")
  void jsonNames(GovernanceDomain d) {
    assertThat(GovernanceDomain.fromJsonName(d.jsonName())).isEqualTo(d);
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource({"supply_chain, SUPPLY_CHAIN", "Supply-Chain, SUPPLY_CHAIN", "' ai ', AI", "FINANCE, FINANCE"})
  @DisplayName("domain names are read leniently")
  void lenientNames(String name, GovernanceDomain expected) {
    assertThat(GovernanceDomain.fromJsonName(name)).isEqualTo(expected);
  }

  @Test
  @DisplayName("an unknown domain name lists the known ones")
  void unknownName() {
    assertThatThrownBy(() -> GovernanceDomain.fromJsonName("space"))
        .hasMessageContaining("unknown governance domain 'space'").hasMessageContaining("supply_chain");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "Finance", "1finance", "fin-ance", "fin ance", "a2345678901234567890123456789012345678901234567890123456789012345"})
  @DisplayName("plugin names are lowercase identifiers of at most 64 characters")
  void badNames(String name) {
    assertThatThrownBy(() -> DomainConfiguration.builder(name, GovernanceDomain.GENERAL).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a 64-character plugin name is accepted")
  void longestName() {
    String name = "a" + "b".repeat(63);
    assertThat(DomainConfiguration.builder(name, GovernanceDomain.GENERAL).build().name()).hasSize(64);
  }

  @Test
  @DisplayName("risk weights are all six summing to 1, or none")
  void weights() {
    DomainConfiguration.Builder partial = DomainConfiguration.builder("x", GovernanceDomain.AI)
        .riskWeight(RiskDimension.SECURITY, 1.0);
    assertThatThrownBy(partial::build).hasMessageContaining("all six dimensions or none")
        .hasMessageContaining("PRIVACY");
    DomainConfiguration.Builder b = DomainConfiguration.builder("x", GovernanceDomain.AI);
    for (RiskDimension d : RiskDimension.values()) {
      b.riskWeight(d, 0.2);
    }
    assertThatThrownBy(b::build).hasMessageContaining("sum to 1 within 0.01");
    assertThatThrownBy(() -> DomainConfiguration.builder("x", GovernanceDomain.AI)
        .riskWeight(RiskDimension.SECURITY, 0).build()).hasMessageContaining("(0, 1]");
    assertThat(DomainConfiguration.builder("x", GovernanceDomain.AI).build().riskWeights()).isEmpty();
  }

  @ParameterizedTest(name = "security {0} and 0.5 for the rest: accepted {1}")
  @CsvSource({"0.49, true", "0.51, true", "0.5, true", "0.4899, false", "0.5101, false"})
  @DisplayName("the weight sum tolerance is 0.01, inclusive")
  void weightTolerance(double security, boolean accepted) {
    DomainConfiguration.Builder b = DomainConfiguration.builder("x", GovernanceDomain.AI);
    b.riskWeight(RiskDimension.SECURITY, security);
    for (RiskDimension d : List.of(RiskDimension.PRIVACY, RiskDimension.COMPLIANCE,
        RiskDimension.OPERATIONAL, RiskDimension.REPUTATIONAL, RiskDimension.FINANCIAL)) {
      b.riskWeight(d, 0.1);
    }
    if (accepted) {
      assertThat(b.build().riskWeights()).hasSize(6);
    } else {
      assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("types are unique and action types carry a risk level from 1 to 5")
  void types() {
    assertThatThrownBy(() -> DomainConfiguration.builder("x", GovernanceDomain.AI)
        .actorTypes("bot", "bot").build()).hasMessage("actor type 'bot' is listed twice");
    assertThatThrownBy(() -> DomainConfiguration.builder("x", GovernanceDomain.AI)
        .actionType("a", 1, "").actionType("a", 2, "").build()).hasMessage("action type 'a' is listed twice");
    assertThatThrownBy(() -> new DomainConfiguration.ActionType("a", 0, "")).hasMessageContaining("1..5");
    assertThatThrownBy(() -> new DomainConfiguration.ActionType("a", 6, "")).hasMessageContaining("1..5");
    DomainConfiguration c = DomainConfiguration.builder("x", GovernanceDomain.AI)
        .actionType("a", 1, "").actionType("b", 5, "").build();
    assertThat(c.actionType("b").riskLevel()).isEqualTo(5);
    assertThat(c.actionType("B")).isNull();
  }

  @Test
  @DisplayName("a ruling never approves, and obligations fit its outcome")
  void rulings() {
    assertThatThrownBy(() -> new DomainRuling("x.y", Outcome.APPROVED, "m", List.of()))
        .hasMessageContaining("cannot approve");
    assertThatThrownBy(() -> new DomainRuling("x.y", Outcome.DENIED, "m", List.of("o")))
        .hasMessageContaining("no obligations");
    assertThatThrownBy(() -> new DomainRuling("x.y", Outcome.CONDITIONAL, "m", List.of()))
        .hasMessageContaining("must name an obligation");
    assertThatThrownBy(() -> DomainRuling.deny("x.y", " ")).hasMessageContaining("needs a message");
    assertThat(DomainRuling.escalate("x.y", "m", "human_approval").obligations())
        .containsExactly("human_approval");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"limit", "Finance.limit", "finance.", ".limit", "finance limit"})
  @DisplayName("rule ids read <plugin>.<rule>")
  void ruleIds(String id) {
    assertThatThrownBy(() -> DomainRuling.deny(id, "m")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("templates have identifier names and mappings address something")
  void templatesAndMappings() {
    Policy p = Policy.builder("p", "1").build();
    assertThatThrownBy(() -> new PolicyTemplate("Flash Crash", "", List.of(), p))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new PolicyTemplate("flash", "", List.of("k"), p).requiredContext()).containsExactly("k");
    assertThatThrownBy(() -> new ComplianceMapping("HIPAA", "164.508", "t", List.of()))
        .hasMessage("HIPAA 164.508 is addressed by nothing");
  }

  @Test
  @DisplayName("a plugin with only a configuration has inert defaults")
  void defaults() {
    DomainConfiguration c = DomainConfiguration.builder("x", GovernanceDomain.GENERAL)
        .actionType("act", 1, "").build();
    DomainPlugin plugin = () -> c;
    var request = dev.lexecon.api.DecisionRequest.builder("a", "act").build();
    assertThat(plugin.appliesTo(request)).isTrue();
    assertThat(plugin.appliesTo(dev.lexecon.api.DecisionRequest.builder("a", "other").build())).isFalse();
    assertThat(plugin.validate(request)).isEmpty();
    assertThat(plugin.enrich(request, java.time.Instant.EPOCH)).isEqualTo(Map.of());
    assertThat(plugin.check(request, java.time.Instant.EPOCH)).isEmpty();
    assertThat(plugin.riskFactors(request)).isEmpty();
    assertThat(plugin.templates()).isEmpty();
    assertThat(plugin.complianceMappings()).isEmpty();
  }
}

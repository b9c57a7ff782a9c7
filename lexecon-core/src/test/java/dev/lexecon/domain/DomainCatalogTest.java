package dev.lexecon.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.Reason;
import dev.lexecon.api.domain.ComplianceMapping;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.api.risk.RiskDimension;
import dev.lexecon.domain.finance.FinancePlugin;
import dev.lexecon.domain.healthcare.HealthcarePlugin;
import dev.lexecon.policy.LoadedPolicy;
import dev.lexecon.policy.PolicyEngine;
import dev.lexecon.policy.PolicyLoader;
import dev.lexecon.risk.RiskAssessor;
import dev.lexecon.risk.RiskProfile;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Shipped domain plugins as data")
class DomainCatalogTest {
  static final Clock MARKET_OPEN = Clock.fixed(Instant.parse("2026-11-27T15:30:00Z"), ZoneOffset.UTC);

  static Stream<Arguments> templates() {
    return Domains.builtIn().stream()
        .flatMap(p -> p.templates().stream().map(t -> Arguments.of(t.name(), t)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  @DisplayName("every template validates without errors or warnings")
  void templatesValidate(String name, PolicyTemplate template) {
    LoadedPolicy loaded = PolicyLoader.validate(template.policy());
    assertThat(loaded.warnings()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  @DisplayName("every template round-trips through the JSON format with the same hash")
  void templatesRoundTrip(String name, PolicyTemplate template) {
    String json = PolicyLoader.toJson(template.policy());
    LoadedPolicy reloaded = PolicyLoader.parse(json);
    assertThat(PolicyEngine.compile(reloaded, null).policyHash())
        .isEqualTo(PolicyEngine.compile(template.policy()).policyHash());
  }

  @Test
  @DisplayName("the finance plugin ships prevent_flash_crash and position_limits")
  void financeTemplateNames() {
    assertThat(new FinancePlugin().templates()).extracting(PolicyTemplate::name)
        .containsExactly("prevent_flash_crash", "position_limits");
  }

  @Nested
  @DisplayName("prevent_flash_crash")
  class FlashCrash {
    final Lexecon lexecon = Lexecon.builder()
        .policy(Domains.template(Domains.builtIn(), "prevent_flash_crash").orElseThrow().policy())
        .clock(MARKET_OPEN).domain(new FinancePlugin()).build();

    DecisionRequest.Builder order(String type, Object price) {
      return DecisionRequest.builder("trading_algorithm:mm_3", "place_order")
          .argument("order_type", type).argument("quantity", 100).argument("price", price)
          .context("price_band_lower", 95).context("price_band_upper", 105);
    }

    @ParameterizedTest(name = "{0} order at {1}: {2}")
    @CsvSource({
      "limit,      100,    APPROVED, algo_places_limit_orders",
      "limit,      105,    APPROVED, algo_places_limit_orders",
      "limit,      105.01, DENIED,   price_collar",
      "limit,      95,     APPROVED, algo_places_limit_orders",
      "limit,      94.99,  DENIED,   price_collar",
      "stop_limit, 100,    APPROVED, algo_places_limit_orders",
      "market,     100,    DENIED,   "
    })
    @DisplayName("limit orders inside the collar pass; the collar bounds are inclusive")
    void collar(String type, java.math.BigDecimal price, Outcome expected, String rule) {
      Decision d = lexecon.decide(order(type, price).build());
      assertThat(d.outcome()).isEqualTo(expected);
      if (rule != null) {
        assertThat(d.reasons()).extracting(Reason::ruleId).contains(rule);
      }
    }

    @Test
    @DisplayName("an unknown collar fails closed")
    void unknownCollar() {
      DecisionRequest r = DecisionRequest.builder("trading_algorithm:mm_3", "place_order")
          .argument("order_type", "limit").argument("quantity", 1).argument("price", 100).build();
      assertThat(lexecon.decide(r).outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    @DisplayName("no orders while a circuit breaker is active, but cancels still go through")
    void circuitBreaker() {
      assertThat(lexecon.decide(order("limit", 100).context("circuit_breaker_active", true).build())
          .outcome()).isEqualTo(Outcome.DENIED);
      assertThat(lexecon.decide(DecisionRequest.builder("trading_algorithm:mm_3", "cancel_order")
          .context("circuit_breaker_active", true).build()).outcome()).isEqualTo(Outcome.APPROVED);
    }

    @ParameterizedTest(name = "{0} orders in the last second: {1}")
    @CsvSource({"20, APPROVED", "21, DENIED"})
    @DisplayName("a runaway order rate is blocked above 20 a second")
    void rate(int perSecond, Outcome expected) {
      assertThat(lexecon.decide(order("limit", 100).context("orders_last_second", perSecond).build())
          .outcome()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} units: {1}")
    @CsvSource({"99999, APPROVED", "100000, ESCALATED"})
    @DisplayName("orders of 100,000 units or more go to a trader")
    void size(int quantity, Outcome expected) {
      DecisionRequest r = order("limit", 100).argument("quantity", quantity).build();
      assertThat(lexecon.decide(r).outcome()).isEqualTo(expected);
    }
  }

  @Nested
  @DisplayName("position_limits")
  class PositionLimits {
    final Lexecon lexecon = Lexecon.builder()
        .policy(Domains.template(Domains.builtIn(), "position_limits").orElseThrow().policy())
        .clock(MARKET_OPEN).domain(new FinancePlugin()).build();

    DecisionRequest.Builder order(Object after, Object limit) {
      return DecisionRequest.builder("trading_algorithm:mm_3", "place_order").resource("security:AAPL")
          .argument("order_value", 1000)
          .context("position_after_order", after).context("position_limit", limit);
    }

    @ParameterizedTest(name = "position {0} with limit {1}: {2}")
    @CsvSource({"49999, 50000, APPROVED", "50000, 50000, APPROVED", "50001, 50000, DENIED"})
    @DisplayName("a position may reach its limit but not exceed it")
    void limit(int after, int limit, Outcome expected) {
      assertThat(lexecon.decide(order(after, limit).build()).outcome()).isEqualTo(expected);
    }

    @Test
    @DisplayName("unknown positions fail closed")
    void unknown() {
      DecisionRequest r = DecisionRequest.builder("trading_algorithm:mm_3", "place_order")
          .argument("order_value", 1000).build();
      Decision d = lexecon.decide(r);
      assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(d.reasons()).extracting(Reason::ruleId).contains("position_limit");
    }

    @ParameterizedTest(name = "{0}% of the portfolio: {1}")
    @CsvSource({"10, APPROVED", "10.01, ESCALATED"})
    @DisplayName("concentration above 10% of the portfolio goes to risk review")
    void concentration(java.math.BigDecimal pct, Outcome expected) {
      DecisionRequest r = order(10, 100).context("position_pct_of_portfolio", pct).build();
      assertThat(lexecon.decide(r).outcome()).isEqualTo(expected);
    }

    @Test
    @DisplayName("a portfolio manager's rebalance is permitted by the policy and escalated by the plugin")
    void rebalance() {
      Decision d = lexecon.decide(DecisionRequest.builder("portfolio_manager:ana", "rebalance_portfolio").build());
      assertThat(d.outcome()).isEqualTo(Outcome.ESCALATED);
      assertThat(d.obligations()).containsExactly("human_approval");
      assertThat(d.reasons()).extracting(Reason::ruleId)
          .containsExactly("pm_rebalances", FinancePlugin.RULE_REBALANCE_APPROVAL);
    }
  }

  static Stream<Arguments> plugins() {
    return Domains.builtIn().stream().map(p -> Arguments.of(p.configuration().name(), p));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plugins")
  @DisplayName("compliance mappings cover every declared framework and point at real rules and templates")
  void mappings(String name, DomainPlugin plugin) throws IllegalAccessException {
    Set<String> frameworks = new HashSet<>(plugin.configuration().complianceFrameworks());
    Set<String> targets = new HashSet<>(ruleIds(plugin));
    plugin.templates().forEach(t -> targets.add(t.name()));
    Set<String> mapped = new HashSet<>();
    for (ComplianceMapping m : plugin.complianceMappings()) {
      assertThat(frameworks).as("framework of %s", m.control()).contains(m.framework());
      mapped.add(m.framework());
      for (String target : m.addressedBy()) {
        if (!target.startsWith("lexecon:")) {
          assertThat(targets).as("target of %s %s", m.framework(), m.control()).contains(target);
        }
      }
    }
    assertThat(mapped).isEqualTo(frameworks);
  }

  /** The plugin's RULE_* constants. */
  private static List<String> ruleIds(DomainPlugin plugin) throws IllegalAccessException {
    List<String> ids = new java.util.ArrayList<>();
    for (Field f : plugin.getClass().getFields()) {
      if (f.getName().startsWith("RULE_")) {
        ids.add((String) f.get(null));
      }
    }
    return ids;
  }

  @Test
  @DisplayName("the finance and healthcare configurations match the issue")
  void configurations() {
    var finance = new FinancePlugin().configuration();
    assertThat(finance.domain()).isEqualTo(GovernanceDomain.FINANCE);
    assertThat(finance.complianceFrameworks())
        .containsExactly("MiFID II", "SEC Rule 613", "Dodd-Frank", "Basel III");
    assertThat(finance.actionType("place_order").riskLevel()).isEqualTo(3);
    assertThat(finance.actorTypes()).contains("trading_algorithm");
    assertThat(finance.resourceTypes()).containsExactly("security", "account");
    var health = new HealthcarePlugin().configuration();
    assertThat(health.domain()).isEqualTo(GovernanceDomain.HEALTHCARE);
    assertThat(health.complianceFrameworks())
        .containsExactly("HIPAA", "FDA 21 CFR Part 11", "GDPR", "ISO 13485");
    assertThat(health.actorTypes()).containsExactly("clinical_decision_support", "physician");
  }

  @Test
  @DisplayName("discovery finds both shipped plugins, sorted by name")
  void discover() {
    assertThat(Domains.discover()).extracting(p -> p.configuration().name())
        .containsExactly("finance", "healthcare");
    assertThat(Domains.find(Domains.builtIn(), "healthcare")).isPresent();
    assertThat(Domains.find(Domains.builtIn(), "energy")).isEmpty();
    assertThat(Domains.template(Domains.builtIn(), "nope")).isEmpty();
  }

  @Test
  @DisplayName("describe gives a stable JSON-like summary for tools")
  void describe() {
    Map<String, Object> d = Domains.describe(new FinancePlugin());
    assertThat(d.keySet()).containsExactly("name", "domain", "description", "actor_types",
        "action_types", "resource_types", "compliance_frameworks", "risk_weights", "templates",
        "compliance_mappings");
    assertThat(d).containsEntry("name", "finance").containsEntry("domain", "finance");
    assertThat((List<?>) d.get("action_types")).first()
        .isEqualTo(Map.of("name", "place_order", "risk_level", 3,
            "description", new FinancePlugin().configuration().actionTypes().get(0).description()));
    // Canonicalizable as is: a CLI can print it with any JSON writer.
    assertThat(dev.lexecon.json.Jcs.canonicalString(d)).startsWith("{\"action_types\":[");
  }

  @Test
  @DisplayName("riskProfile adopts the plugin's weights and adds its factors only where it applies")
  void riskProfile() {
    RiskProfile profile = Domains.riskProfile(RiskProfile.defaults(), new FinancePlugin());
    assertThat(profile.weight(RiskDimension.FINANCIAL)).isEqualTo(0.30);
    RiskAssessor assessor = new RiskAssessor(profile);
    var order = assessor.assess(DecisionRequest.builder("trading_algorithm:x", "place_order")
        .argument("order_value", 2_000_000).build());
    assertThat(order.factors()).filteredOn(f -> f.source().equals("domain:finance")).hasSize(2);
    var other = assessor.assess(DecisionRequest.builder("agent:x", "send_email").build());
    assertThat(other.factors()).isEmpty();
    assertThat(Domains.riskProfile(RiskProfile.defaults(), new DomainPlugin() {
      @Override
      public dev.lexecon.api.domain.DomainConfiguration configuration() {
        return dev.lexecon.api.domain.DomainConfiguration.builder("plain", GovernanceDomain.GENERAL).build();
      }
    }).weight(RiskDimension.SECURITY)).isEqualTo(RiskProfile.defaults().weight(RiskDimension.SECURITY));
  }
}

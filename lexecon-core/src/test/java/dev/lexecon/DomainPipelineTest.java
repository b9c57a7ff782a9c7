package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.domain.DomainConfiguration;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.DomainRuling;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.domain.finance.FinancePlugin;
import dev.lexecon.domain.healthcare.HealthcarePlugin;
import dev.lexecon.internal.UlidGenerator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Domain plugins in the decide pipeline")
class DomainPipelineTest {
  static final Instant NOW = Instant.parse("2026-11-27T15:30:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** A plugin for action "act" whose rulings and violations are scripted, and that records calls. */
  static final class Scripted implements DomainPlugin {
    final DomainConfiguration config;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Instant> instants = new CopyOnWriteArrayList<>();
    List<FieldViolation> violations = List.of();
    List<DomainRuling> rulings = List.of();
    Map<String, Object> facts = Map.of();
    List<PolicyTemplate> templates = List.of();
    RuntimeException afterFailure;

    Scripted(String name) {
      config = DomainConfiguration.builder(name, GovernanceDomain.GENERAL)
          .actionType("act", 2, "scripted").build();
    }

    @Override
    public DomainConfiguration configuration() {
      return config;
    }

    @Override
    public List<FieldViolation> validate(DecisionRequest request) {
      calls.add("validate");
      return violations;
    }

    @Override
    public Map<String, Object> enrich(DecisionRequest request, Instant now) {
      calls.add("enrich");
      instants.add(now);
      return facts;
    }

    @Override
    public List<DomainRuling> check(DecisionRequest request, Instant now) {
      calls.add("check:" + request.context().containsKey(config.name()) + ":" + request.riskLevel());
      instants.add(now);
      return rulings;
    }

    @Override
    public void afterDecision(DecisionRequest request, Decision decision) {
      calls.add("after:" + decision.outcome());
      if (afterFailure != null) {
        throw afterFailure;
      }
    }

    @Override
    public List<PolicyTemplate> templates() {
      return templates;
    }
  }

  static Policy policy(PolicyMode mode) {
    return Policy.builder("p", "1").mode(mode).actor("actor:a", "agent:*")
        .action("action:act", "act").action("action:other", "other")
        .permits("actor:a", "action:act").permits("actor:a", "action:other").build();
  }

  static Lexecon engine(DomainPlugin... plugins) {
    Lexecon.Builder b = Lexecon.builder().policy(policy(PolicyMode.STRICT)).clock(CLOCK);
    for (DomainPlugin p : plugins) {
      b.domain(p);
    }
    return b.build();
  }

  static DecisionRequest act() {
    return DecisionRequest.builder("agent:1", "act").build();
  }

  @Test
  @DisplayName("hooks run in order: validate, enrich, check, then after the decision")
  void order() {
    Scripted s = new Scripted("s");
    s.facts = Map.of("k", 1);
    engine(s).decide(act());
    assertThat(s.calls).containsExactly("validate", "enrich", "check:true:2", "after:APPROVED");
  }

  @Test
  @DisplayName("every hook sees the engine clock's instant, which is also the decision's timestamp")
  void clock() {
    Scripted s = new Scripted("s");
    Decision d = engine(s).decide(act());
    assertThat(s.instants).containsOnly(NOW);
    assertThat(d.evaluatedAt()).isEqualTo(NOW);
  }

  @Test
  @DisplayName("a plugin does not run for requests it does not apply to")
  void notApplicable() {
    Scripted s = new Scripted("s");
    s.rulings = List.of(DomainRuling.deny("s.always", "no"));
    Decision d = engine(s).decide(DecisionRequest.builder("agent:1", "other").build());
    assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(s.calls).isEmpty();
  }

  @Test
  @DisplayName("evaluate applies domain rules but runs no post-decision hook")
  void dryRun() {
    Scripted s = new Scripted("s");
    s.rulings = List.of(DomainRuling.deny("s.no", "denied by s"));
    Decision d = engine(s).evaluate(act());
    assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(s.calls).containsExactly("validate", "enrich", "check:false:2");
  }

  @Test
  @DisplayName("a denial is a value whose reason names the rule")
  void denialIsAValue() {
    Scripted s = new Scripted("s");
    s.rulings = List.of(DomainRuling.deny("s.limit", "over the limit"));
    Decision d = engine(s).decide(act());
    assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(d.reasons()).extracting(Reason::code, Reason::ruleId)
        .extracting(t -> t.toList())
        .containsExactly(List.of(ReasonCode.PERMITTED, "rel_0"), List.of(ReasonCode.DOMAIN_RULE, "s.limit"));
    assertThat(d.reasons().get(1).message()).isEqualTo("over the limit");
  }

  @Test
  @DisplayName("violations of every applicable plugin are thrown together, before anything is decided")
  void violationsTogether() {
    Scripted a = new Scripted("a");
    a.violations = List.of(new FieldViolation("args.x", "bad x"));
    Scripted b = new Scripted("b");
    b.violations = List.of(new FieldViolation("context.y", "bad y"));
    assertThatThrownBy(() -> engine(a, b).decide(act()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e ->
            assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("args.x", "context.y"));
    assertThat(a.calls).containsExactly("validate");
    assertThat(b.calls).containsExactly("validate");
  }

  @ParameterizedTest(name = "policy {0} + ruling {1} -> {2}, domain reason recorded: {3}")
  @CsvSource({
    "STRICT,     CONDITIONAL, CONDITIONAL, true",
    "STRICT,     ESCALATED,   ESCALATED,   true",
    "STRICT,     DENIED,      DENIED,      true",
    "DEFAULT_DENY, CONDITIONAL, DENIED,   false",
    "DEFAULT_DENY, ESCALATED,   DENIED,   false",
    "DEFAULT_DENY, DENIED,      DENIED,   true"
  })
  @DisplayName("rulings only tighten, and one weaker than the standing outcome is left out")
  void combining(String policyCase, Outcome ruling, Outcome expected, boolean recorded) {
    Scripted s = new Scripted("s");
    s.rulings = List.of(switch (ruling) {
      case CONDITIONAL -> DomainRuling.condition("s.rule", "needs x", "x");
      case ESCALATED -> DomainRuling.escalate("s.rule", "needs a human", "human_approval");
      default -> DomainRuling.deny("s.rule", "no");
    });
    // DEFAULT_DENY: a policy that does not permit "act", so STRICT denies it by default.
    Policy p = policyCase.equals("STRICT") ? policy(PolicyMode.STRICT)
        : Policy.builder("p", "1").mode(PolicyMode.STRICT).build();
    Decision d = Lexecon.builder().policy(p).clock(CLOCK).domain(s).build().decide(act());
    assertThat(d.outcome()).isEqualTo(expected);
    if (recorded) {
      assertThat(d.reasons()).extracting(Reason::ruleId).contains("s.rule");
    } else {
      assertThat(d.reasons()).extracting(Reason::ruleId).doesNotContain("s.rule");
    }
    if (expected == Outcome.DENIED) {
      assertThat(d.obligations()).isEmpty();
    }
  }

  @Test
  @DisplayName("obligations from several rulings are merged without duplicates")
  void obligations() {
    Scripted a = new Scripted("a");
    a.rulings = List.of(DomainRuling.condition("a.one", "x please", "x"),
        DomainRuling.escalate("a.two", "a person", "human_approval"));
    Scripted b = new Scripted("b");
    b.rulings = List.of(DomainRuling.condition("b.one", "x again", "x"));
    Decision d = engine(a, b).decide(act());
    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATED);
    assertThat(d.obligations()).containsExactly("x", "human_approval");
    assertThat(d.reasons()).extracting(Reason::ruleId).containsExactly("rel_0", "a.one", "a.two");
  }

  @Test
  @DisplayName("a failing post-decision hook does not lose the decision")
  void failingAfterHook() {
    Scripted s = new Scripted("s");
    s.afterFailure = new IllegalStateException("metrics backend down");
    Decision d = engine(s).decide(act());
    assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(s.calls).contains("after:APPROVED");
  }

  @Test
  @DisplayName("the plugin key in the context is replaced even when the plugin publishes nothing")
  void forgedKeyCleared() {
    Scripted s = new Scripted("s");
    List<Object> seen = new ArrayList<>();
    DomainPlugin probe = new DomainPlugin() {
      @Override
      public DomainConfiguration configuration() {
        return s.config;
      }

      @Override
      public List<DomainRuling> check(DecisionRequest request, Instant now) {
        seen.add(request.context().get("s"));
        return List.of();
      }
    };
    engine(probe).decide(DecisionRequest.builder("agent:1", "act").context("s", "forged").build());
    assertThat(seen).containsExactly(Map.of());
  }

  @Test
  @DisplayName("facts that are not JSON-like are reported as an invalid request")
  void badFacts() {
    Scripted s = new Scripted("s");
    s.facts = Map.of("when", Instant.EPOCH);
    assertThatThrownBy(() -> engine(s).decide(act())).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("context.s.when");
  }

  @Test
  @DisplayName("the same request, clock and ids give equal decisions with plugins registered")
  void deterministic() {
    DecisionRequest r = DecisionRequest.builder("trading_algorithm:x", "place_order")
        .argument("order_value", new BigDecimal("10000000.01")).build();
    BiFunction<Integer, Integer, Decision> run = (seed, unused) -> Lexecon.builder()
        .policy(Policy.builder("p", "1").build()).mode(PolicyMode.PERMISSIVE).clock(CLOCK)
        .idGenerator(new UlidGenerator(CLOCK, new Random(seed)))
        .domain(new FinancePlugin()).domain(new HealthcarePlugin()).build().decide(r);
    assertThat(run.apply(7, 0)).isEqualTo(run.apply(7, 0));
  }

  @Test
  @DisplayName("plugins are listed in registration order")
  void listed() {
    FinancePlugin finance = new FinancePlugin();
    HealthcarePlugin health = new HealthcarePlugin();
    Lexecon l = engine(health, finance);
    assertThat(l.domains()).containsExactly(health, finance);
    assertThat(engine().domains()).isEmpty();
  }

  @Test
  @DisplayName("a plugin name can be registered once")
  void duplicateName() {
    assertThatThrownBy(() -> Lexecon.builder().domain(new FinancePlugin()).domain(new FinancePlugin()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("domain plugin 'finance' was already registered");
  }

  @Test
  @DisplayName("two plugins cannot ship templates of the same name")
  void templateClash() {
    Scripted a = new Scripted("a");
    Scripted b = new Scripted("b");
    PolicyTemplate t = new PolicyTemplate("shared", "d", List.of(), Policy.builder("t", "1").build());
    a.templates = List.of(t);
    b.templates = List.of(t);
    assertThatThrownBy(() -> engine(a, b))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("policy template 'shared' is provided by both domain plugins 'a' and 'b'");
  }

  @Test
  @DisplayName("discovery is opt-in, and an explicit registration wins over a discovered plugin")
  void discovery() {
    FinancePlugin strict = FinancePlugin.builder().maxOrderValueUsd(BigDecimal.TEN).build();
    Lexecon discovered = Lexecon.builder().policy(policy(PolicyMode.STRICT)).domain(strict)
        .discoverDomains().build();
    assertThat(discovered.domains()).hasSize(2);
    assertThat(discovered.domains().get(0)).isSameAs(strict);
    assertThat(discovered.domains().get(1)).isInstanceOf(HealthcarePlugin.class);
    assertThat(engine().domains()).isEmpty();
  }

  @Test
  @DisplayName("the builder refuses plugins once it has built")
  void afterBuild() {
    Lexecon.Builder b = Lexecon.builder().policy(policy(PolicyMode.STRICT));
    b.build();
    assertThatThrownBy(() -> b.domain(new FinancePlugin())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(b::discoverDomains).isInstanceOf(IllegalStateException.class);
  }
}

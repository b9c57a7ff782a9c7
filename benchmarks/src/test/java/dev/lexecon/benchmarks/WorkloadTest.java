package dev.lexecon.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import dev.lexecon.policy.PolicyEngine;
import dev.lexecon.policy.PolicyEvaluation;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The benchmark workload generator")
class WorkloadTest {

  @ParameterizedTest(name = "{0} terms")
  @ValueSource(ints = {10, 100, 1_000})
  @DisplayName("the same seed gives the same policy hash, another seed a different one")
  void deterministic(int terms) {
    String first = PolicyEngine.compile(Workload.generate(7, terms).policy()).policyHash();
    String again = PolicyEngine.compile(Workload.generate(7, terms).policy()).policyHash();
    String other = PolicyEngine.compile(Workload.generate(8, terms).policy()).policyHash();
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  @DisplayName("the same seed gives the same request stream")
  void streamDeterministic() {
    Workload w = Workload.generate(Workload.STANDARD_SEED, 100);
    assertThat(RequestStream.standard(w)).containsExactly(RequestStream.standard(w));
  }

  @ParameterizedTest(name = "{0} terms")
  @ValueSource(ints = {10, 100, 1_000, 10_000})
  @DisplayName("a policy has exactly the requested number of terms, every type, and some globs")
  void shape(int terms) {
    Workload w = Workload.generate(Workload.STANDARD_SEED, terms);
    assertThat(w.policy().terms()).hasSize(terms);
    assertThat(w.policy().relations()).hasSize(terms);
    for (TermType type : new TermType[] {
        TermType.ACTOR, TermType.ACTION, TermType.TOOL, TermType.RESOURCE, TermType.DATA_CLASS}) {
      assertThat(w.terms(type)).as(type.jsonName()).isNotEmpty();
    }
    if (terms >= 100) {
      long globs = w.policy().terms().stream().filter(Workload::isGlob).count();
      assertThat(globs).isBetween(terms / 20L, terms / 5L);
      assertThat(w.policy().terms().stream().map(Term::value))
          .contains("*_bulk", "*secrets*");
    }
  }

  @ParameterizedTest(name = "{0} terms")
  @ValueSource(ints = {100, 1_000})
  @DisplayName("the standard stream mixes approvals, denials and obligations; misses are default denials")
  void outcomeMix(int terms) {
    Workload w = Workload.generate(Workload.STANDARD_SEED, terms);
    PolicyEngine engine = PolicyEngine.compile(w.policy());
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    DecisionRequest[] misses = RequestStream.generate(w, 3, 200, 0.0);
    for (DecisionRequest r : misses) {
      PolicyEvaluation e = engine.evaluate(r);
      assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(e.reasons()).singleElement()
          .satisfies(reason -> assertThat(reason.code()).isEqualTo(ReasonCode.DEFAULT_DENY));
    }
    for (DecisionRequest r : RequestStream.standard(w)) {
      outcomes.merge(engine.evaluate(r).outcome(), 1, Integer::sum);
    }
    assertThat(outcomes.getOrDefault(Outcome.APPROVED, 0)).isGreaterThan(200);
    assertThat(outcomes.getOrDefault(Outcome.DENIED, 0)).isGreaterThan(300);
    assertThat(outcomes.getOrDefault(Outcome.CONDITIONAL, 0)
            + outcomes.getOrDefault(Outcome.ESCALATED, 0))
        .isPositive();
  }
}

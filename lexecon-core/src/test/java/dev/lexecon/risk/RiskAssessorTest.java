package dev.lexecon.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.risk.RiskDimension;
import dev.lexecon.api.risk.RiskFactor;
import dev.lexecon.api.risk.RiskLevel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Risk assessment")
class RiskAssessorTest {
  private final RiskAssessor assessor = RiskAssessor.withDefaults();

  private RiskAssessment assess(DecisionRequest.Builder b) {
    return assessor.assess(b.build());
  }

  private static DecisionRequest.Builder req(String action) {
    return DecisionRequest.builder("agent:a", action);
  }

  @ParameterizedTest(name = "score {0} is {1}")
  @CsvSource({"0,LOW", "25,LOW", "26,MEDIUM", "50,MEDIUM", "51,HIGH", "79,HIGH", "80,CRITICAL", "100,CRITICAL"})
  @DisplayName("levels are banded 0-25, 26-50, 51-79, 80-100")
  void bands(int score, RiskLevel level) {
    assertThat(RiskLevel.of(score)).isEqualTo(level);
  }

  @Test
  @DisplayName("scores outside 0..100 have no level")
  void bandsOutOfRange() {
    assertThatThrownBy(() -> RiskLevel.of(101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskLevel.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "security {0} and privacy {1} give {2}")
  @CsvSource({
    // (0.25 s + 0.20 p) / 0.45, rounded half up
    "25,26,25", // 25.444 -> 25
    "26,25,26", // 25.555 -> 26: the LOW/MEDIUM boundary is decided by rounding
    "79,80,79", // 79.444 -> 79
    "80,79,80", // 79.555 -> 80: HIGH/CRITICAL
    "50,51,50", // 50.444 -> 50
    "51,50,51"  // 50.555 -> 51
  })
  @DisplayName("the overall score is the weighted mean of present dimensions, rounded half up")
  void rounding(int security, int privacy, int overall) {
    Map<RiskDimension, Integer> dims = new EnumMap<>(RiskDimension.class);
    dims.put(RiskDimension.SECURITY, security);
    dims.put(RiskDimension.PRIVACY, privacy);
    assertThat(RiskAssessor.overall(dims, RiskProfile.defaults().weights())).isEqualTo(overall);
  }

  @Test
  @DisplayName("exact halves round up")
  void exactHalf() {
    Map<RiskDimension, Integer> dims = new EnumMap<>(RiskDimension.class);
    dims.put(RiskDimension.REPUTATIONAL, 25);
    dims.put(RiskDimension.FINANCIAL, 26); // equal weights 0.10: mean 25.5 -> 26
    assertThat(RiskAssessor.overall(dims, RiskProfile.defaults().weights())).isEqualTo(26);
  }

  @Test
  @DisplayName("a plain request has no factors and is LOW with score 0")
  void plain() {
    RiskAssessment a = assess(req("read"));
    assertThat(a.factors()).isEmpty();
    assertThat(a.overall()).isZero();
    assertThat(a.level()).isEqualTo(RiskLevel.LOW);
  }

  @Test
  @DisplayName("data classes raise their dimensions with reasons")
  void dataClasses() {
    RiskAssessment a = assess(req("read").dataClasses("pii"));
    assertThat(a.dimensions()).containsEntry(RiskDimension.PRIVACY, 40).containsEntry(RiskDimension.COMPLIANCE, 20);
    assertThat(a.overall()).isEqualTo(30);
    assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(a.factors()).extracting(RiskFactor::source).containsOnly("data_class:pii");
    assertThat(assess(req("read").dataClasses("credentials")).level()).isEqualTo(RiskLevel.CRITICAL);
    assertThat(assess(req("read").dataClasses("PHI")).dimensions()).containsEntry(RiskDimension.PRIVACY, 60);
  }

  @Test
  @DisplayName("dimension scores are capped at 100")
  void cap() {
    RiskAssessment a = assess(req("read").dataClasses("phi", "biometric"));
    assertThat(a.dimensions().get(RiskDimension.PRIVACY)).isEqualTo(100);
    assertThat(a.dimensions().get(RiskDimension.COMPLIANCE)).isEqualTo(100);
    assertThat(a.level()).isEqualTo(RiskLevel.CRITICAL);
  }

  @Test
  @DisplayName("bulk and destructive actions are recognised by glob, case-insensitively")
  void actions() {
    assertThat(assess(req("bulk_export")).factors()).extracting(RiskFactor::source).contains("action:bulk");
    assertThat(assess(req("DELETE_user")).factors()).extracting(RiskFactor::source).containsOnly("action:destructive");
    assertThat(assess(req("undelete")).factors()).isEmpty();
  }

  @Test
  @DisplayName("destinations on non-internal domains are external")
  void external() {
    RiskAssessor internal = new RiskAssessor(RiskProfile.builder().internalDomains(List.of("acme.example")).build());
    DecisionRequest toPartner = req("send_email").argument("to", "bob@partner.example").build();
    DecisionRequest toColleague = req("send_email").argument("to", "alice@mail.acme.example").build();
    DecisionRequest webhook = req("post").argument("url", "https://hooks.evil.example/x").build();
    assertThat(internal.assess(toPartner).factors()).extracting(RiskFactor::source).containsOnly("destination:external");
    assertThat(internal.assess(toColleague).factors()).isEmpty();
    assertThat(internal.assess(webhook).factors().get(0).reason()).contains("hooks.evil.example");
    assertThat(internal.assess(req("send_email").argument("cc", List.of("a@acme.example", "x@evil.example")).build())
        .factors()).isNotEmpty();
    assertThat(internal.assess(req("send_email").argument("to", "not an address").build()).factors()).isEmpty();
  }

  @ParameterizedTest(name = "risk level {0} gives {1}")
  @CsvSource({"1,LOW", "2,LOW", "3,MEDIUM", "4,HIGH", "5,CRITICAL"})
  @DisplayName("the request's own risk level raises security and operational")
  void requestLevel(int level, RiskLevel expected) {
    RiskAssessment a = assess(req("read").riskLevel(level));
    assertThat(a.level()).isEqualTo(expected);
    // The level may be the caller's or a domain plugin's (raised to its action type's): the
    // reason says which level, not who chose it.
    assertThat(a.factors()).filteredOn(f -> f.source().equals("request:risk_level"))
        .hasSize(level > 1 ? 2 : 0)
        .allSatisfy(f -> assertThat(f.reason()).isEqualTo("the request's risk level is " + level + " of 5"));
  }

  @Test
  @DisplayName("extra factor sources (domain plugins) contribute factors")
  void factorSources() {
    RiskAssessor a = new RiskAssessor(RiskProfile.builder()
        .factorSource(r -> List.of(new RiskFactor(RiskDimension.FINANCIAL, 90, "domain:finance", "large order")))
        .build());
    assertThat(a.assess(req("place_order").build()).overall()).isEqualTo(90);
  }

  @Test
  @DisplayName("weights must be positive and sum to 1 within 0.01")
  void weights() {
    assertThatThrownBy(() -> RiskProfile.builder().weight(RiskDimension.SECURITY, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskProfile.builder().weight(RiskDimension.SECURITY, 0.5).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sum to 1");
    RiskProfile.builder().weight(RiskDimension.SECURITY, 0.255).build(); // 1.005 is within 0.01
  }

  @Test
  @DisplayName("assessment is a pure function of request and profile")
  void pure() {
    DecisionRequest r = req("bulk_delete").dataClasses("pii", "financial").riskLevel(3)
        .argument("to", "x@y.example").build();
    assertThat(assessor.assess(r)).isEqualTo(assessor.assess(r));
    assertThat(new RiskAssessor(RiskProfile.defaults().toBuilder().build()).assess(r)).isEqualTo(assessor.assess(r));
  }
}

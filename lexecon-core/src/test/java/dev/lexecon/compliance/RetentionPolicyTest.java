package dev.lexecon.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.compliance.RetainedRecord;
import dev.lexecon.api.compliance.RetentionClass;
import dev.lexecon.api.compliance.RetentionDecision;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Retention policy")
class RetentionPolicyTest {
  static final Instant RECORDED = Instant.parse("2026-01-15T10:00:00Z");

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private static RetainedRecord decision(Instant start, RetentionClass... classes) {
    return new RetainedRecord("decision", start, Set.of("dec_1"), Set.of(classes));
  }

  private static RetentionDecision evaluate(RetentionPolicy.Builder b, RetainedRecord r,
      LegalHold... holds) {
    return b.build().evaluate(r, List.of(holds));
  }

  @Test
  @DisplayName("standard retention is 6 months: deletable from midnight after the same date six months on")
  void standardBoundary() {
    Instant until = Instant.parse("2026-07-16T00:00:00Z");
    RetentionDecision before = evaluate(
        RetentionPolicy.builder().clock(at(until.minusNanos(1))), decision(RECORDED));
    RetentionDecision exactly = evaluate(
        RetentionPolicy.builder().clock(at(until)), decision(RECORDED));

    assertThat(before.retainUntil()).isEqualTo(until);
    assertThat(before.governing()).isEqualTo(RetentionClass.STANDARD);
    assertThat(before.deletable()).isFalse();
    assertThat(before.deletableFrom()).contains(until);
    assertThat(exactly.deletable()).isTrue();
  }

  @ParameterizedTest(name = "recorded {0} + {1} -> deletable from {2}")
  @CsvSource({
    "2026-01-15T10:00:00Z, P6M,  2026-07-16T00:00:00Z",
    "2026-01-15T00:00:00Z, P6M,  2026-07-16T00:00:00Z", // the first instant of a day counts as that day
    "2026-01-15T23:59:59.999999999Z, P6M, 2026-07-16T00:00:00Z",
    "2026-08-31T12:00:00Z, P6M,  2027-03-01T00:00:00Z", // no 31 February: the period ends with February
    "2027-08-31T12:00:00Z, P6M,  2028-03-01T00:00:00Z", // 2028 is a leap year: ends 29 February
    "2028-02-29T12:00:00Z, P1Y,  2029-03-01T00:00:00Z", // leap day + 1 year ends 28 February 2029
    "2026-03-31T08:00:00Z, P12M, 2027-04-01T00:00:00Z",
    "2026-01-15T10:00:00Z, P10Y, 2036-01-16T00:00:00Z"
  })
  @DisplayName("periods are counted in calendar days like EU law periods, ending with the last day")
  void calendarArithmetic(String recorded, String period, String deletableFrom) {
    RetentionPolicy policy = RetentionPolicy.builder().clock(at(recorded)).build();
    assertThat(policy.end(Instant.parse(recorded), Period.parse(period)))
        .isEqualTo(Instant.parse(deletableFrom));
  }

  @Test
  @DisplayName("days are those of the configured zone")
  void zone() {
    // 23:30 UTC on 15 January is already 16 January in Berlin
    Instant recorded = Instant.parse("2026-01-15T23:30:00Z");
    RetentionPolicy berlin =
        RetentionPolicy.builder().zone(ZoneId.of("Europe/Berlin")).clock(at(recorded)).build();
    assertThat(berlin.evaluate(decision(recorded), List.of()).retainUntil())
        .isEqualTo(Instant.parse("2026-07-16T22:00:00Z")); // midnight after 16 July, CEST
    RetentionPolicy utc = RetentionPolicy.builder().clock(at(recorded)).build();
    assertThat(utc.evaluate(decision(recorded), List.of()).retainUntil())
        .isEqualTo(Instant.parse("2026-07-16T00:00:00Z"));
  }

  @Test
  @DisplayName("a record is never deleted before its longest applicable retention")
  void longestWins() {
    Instant hipaaEnd = Instant.parse("2032-01-16T00:00:00Z");
    RetentionPolicy.Builder b = RetentionPolicy.builder().clock(at(hipaaEnd.minusNanos(1)))
        .retain("decision", RetentionClass.AI_ACT_LOGS, RetentionClass.PCI_DSS_AUDIT_LOGS);
    RetentionDecision d = evaluate(b, decision(RECORDED, RetentionClass.HIPAA_DOCUMENTATION));

    assertThat(d.applicable()).containsExactly(RetentionClass.AI_ACT_LOGS,
        RetentionClass.HIPAA_DOCUMENTATION, RetentionClass.PCI_DSS_AUDIT_LOGS,
        RetentionClass.STANDARD);
    assertThat(d.governing()).isEqualTo(RetentionClass.HIPAA_DOCUMENTATION);
    assertThat(d.retainUntil()).isEqualTo(hipaaEnd);
    assertThat(d.deletable()).isFalse();
    assertThat(RetentionPolicy.builder().clock(at(hipaaEnd))
        .retain("decision", RetentionClass.AI_ACT_LOGS).build()
        .evaluate(decision(RECORDED, RetentionClass.HIPAA_DOCUMENTATION), List.of()).deletable())
        .isTrue();
  }

  @Test
  @DisplayName("event type classes apply only to records of that type")
  void eventTypeClasses() {
    RetentionPolicy policy = RetentionPolicy.builder().clock(at(RECORDED))
        .retain("evidence", RetentionClass.AI_ACT_DOCUMENTATION).build();
    assertThat(policy.evaluate(new RetainedRecord("evidence", RECORDED, Set.of(), Set.of()),
        List.of()).governing()).isEqualTo(RetentionClass.AI_ACT_DOCUMENTATION);
    assertThat(policy.evaluate(decision(RECORDED), List.of()).governing())
        .isEqualTo(RetentionClass.STANDARD);
    assertThat(policy.eventTypeClasses())
        .containsOnlyKeys("evidence");
  }

  @Test
  @DisplayName("a high-risk AI system keeps every record 10 years")
  void highRisk() {
    Instant tenYears = Instant.parse("2036-01-16T00:00:00Z");
    RetentionDecision d = evaluate(RetentionPolicy.builder().highRiskSystem(true)
        .clock(at(tenYears.minusNanos(1))), decision(RECORDED));
    assertThat(d.governing()).isEqualTo(RetentionClass.HIGH_RISK);
    assertThat(d.applicable()).containsExactly(RetentionClass.HIGH_RISK);
    assertThat(d.retainUntil()).isEqualTo(tenYears);
    assertThat(d.deletable()).isFalse();
  }

  @Test
  @DisplayName("standard and high-risk retention are configurable")
  void configurable() {
    RetentionPolicy nine = RetentionPolicy.builder().clock(at(RECORDED))
        .standardRetention(Period.ofMonths(9)).build();
    assertThat(nine.defaultClass().retention()).isEqualTo(Period.ofMonths(9));
    assertThat(nine.defaultClass().name()).isEqualTo("standard");
    assertThat(nine.evaluate(decision(RECORDED), List.of()).retainUntil())
        .isEqualTo(Instant.parse("2026-10-16T00:00:00Z"));

    RetentionPolicy twelve = RetentionPolicy.builder().clock(at(RECORDED)).highRiskSystem(true)
        .highRiskRetention(Period.ofYears(12)).build();
    assertThat(twelve.evaluate(decision(RECORDED), List.of()).retainUntil())
        .isEqualTo(Instant.parse("2038-01-16T00:00:00Z"));
  }

  @Test
  @DisplayName("PCI DSS audit logs stay immediately available for their last three months")
  void immediatelyAvailable() {
    RetentionDecision d = evaluate(RetentionPolicy.builder().clock(at(RECORDED))
        .retain("decision", RetentionClass.PCI_DSS_AUDIT_LOGS), decision(RECORDED));
    assertThat(d.immediatelyAvailableUntil()).isEqualTo(Instant.parse("2026-04-16T00:00:00Z"));
    assertThat(d.retainUntil()).isEqualTo(Instant.parse("2027-01-16T00:00:00Z"));

    RetentionDecision none = evaluate(RetentionPolicy.builder().clock(at(RECORDED)),
        decision(RECORDED));
    assertThat(none.immediatelyAvailableUntil()).isEqualTo(RECORDED);
  }

  private static LegalHold hold(String decisionId, String placed, String released) {
    return new LegalHold("hold_1", "litigation: Doe v. Acme", "legal@acme.example",
        Set.of(decisionId), Instant.parse(placed), released == null ? null : Instant.parse(released));
  }

  @Test
  @DisplayName("a legal hold in force blocks deletion after retention ends, with no date until released")
  void holdBlocks() {
    LegalHold h = hold("dec_1", "2026-03-01T00:00:00Z", null);
    RetentionDecision d = evaluate(RetentionPolicy.builder().clock(at("2030-01-01T00:00:00Z")),
        decision(RECORDED), h);
    assertThat(d.holds()).containsExactly(h);
    assertThat(d.deletable()).isFalse();
    assertThat(d.deletableFrom()).isEmpty();
    assertThat(d.retainUntil()).isEqualTo(Instant.parse("2026-07-16T00:00:00Z"));
  }

  @ParameterizedTest(name = "hold placed {0}, released {1}, now {2}: in force {3}")
  @CsvSource({
    "2027-01-01T00:00:00Z,                     , 2027-01-01T00:00:00Z, true",  // placed exactly now
    "2027-01-01T00:00:00Z,                     , 2026-12-31T23:59:59.999999999Z, false",
    "2026-03-01T00:00:00Z, 2027-01-01T00:00:00Z, 2026-12-31T23:59:59.999999999Z, true",
    "2026-03-01T00:00:00Z, 2027-01-01T00:00:00Z, 2027-01-01T00:00:00Z, false" // released exactly now
  })
  @DisplayName("a hold is in force from the instant it is placed until the instant it is released")
  void holdBoundaries(String placed, String released, String now, boolean inForce) {
    RetentionDecision d = evaluate(RetentionPolicy.builder().clock(at(now)), decision(RECORDED),
        hold("dec_1", placed, released));
    assertThat(d.holds().isEmpty()).isEqualTo(!inForce);
    assertThat(d.deletable()).isEqualTo(!inForce); // retention ended in July 2026
  }

  @Test
  @DisplayName("holds on other decisions do not block, and a hold cannot shorten retention")
  void holdScope() {
    RetentionDecision other = evaluate(RetentionPolicy.builder().clock(at("2030-01-01T00:00:00Z")),
        decision(RECORDED), hold("dec_2", "2026-03-01T00:00:00Z", null));
    assertThat(other.holds()).isEmpty();
    assertThat(other.deletable()).isTrue();

    RetentionDecision early = evaluate(RetentionPolicy.builder().clock(at("2026-05-01T00:00:00Z")),
        decision(RECORDED), hold("dec_1", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"));
    assertThat(early.holds()).isEmpty();
    assertThat(early.deletable()).isFalse();
    assertThat(early.deletableFrom()).contains(Instant.parse("2026-07-16T00:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
    "eu_ai_act_logs;          P6M;  P0D; Art. 19(1) and Art. 26(6)",
    "eu_ai_act_documentation; P10Y; P0D; Art. 18(1)",
    "hipaa_documentation;     P6Y;  P0D; 45 CFR 164.316(b)(2)(i)",
    "pci_dss_audit_logs;      P12M; P3M; PCI DSS v4.0.1 Requirement 10.5.1",
    "standard;                P6M;  P0D; Art. 19(1)",
    "high_risk;               P10Y; P0D; Art. 18(1)"
  })
  @DisplayName("every preset has its period and cites the rule that sets it")
  void presets(String name, String retention, String available, String citation) {
    RetentionClass preset = List.of(RetentionClass.AI_ACT_LOGS, RetentionClass.AI_ACT_DOCUMENTATION,
            RetentionClass.HIPAA_DOCUMENTATION, RetentionClass.PCI_DSS_AUDIT_LOGS,
            RetentionClass.STANDARD, RetentionClass.HIGH_RISK).stream()
        .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    assertThat(preset.retention()).isEqualTo(Period.parse(retention));
    assertThat(preset.immediatelyAvailable()).isEqualTo(Period.parse(available));
    assertThat(preset.rule()).contains(citation);
  }

  @Test
  @DisplayName("the builder checks each setting at once")
  void builderValidation() {
    assertThatThrownBy(() -> RetentionPolicy.builder().clock(Clock.systemUTC())
        .clock(Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("clock was already set to ");
    assertThatThrownBy(() -> RetentionPolicy.builder().standardRetention(Period.ofMonths(6))
        .standardRetention(Period.ofMonths(7)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("standard retention was already set to P6M");
    assertThatThrownBy(() -> RetentionPolicy.builder().standardRetention(Period.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retention of class standard must be positive, was P0D");
    assertThatThrownBy(() -> RetentionPolicy.builder().retain("decision"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no retention class given for decision");
    assertThatThrownBy(() -> RetentionPolicy.builder().retain(" ", RetentionClass.STANDARD))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

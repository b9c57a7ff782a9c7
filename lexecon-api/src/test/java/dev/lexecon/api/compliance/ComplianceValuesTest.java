package dev.lexecon.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Compliance values")
class ComplianceValuesTest {
  static final SourceDocument GDPR = new SourceDocument("gdpr", ComplianceFramework.GDPR,
      "Regulation (EU) 2016/679", "2016", "EU", null);
  static final Control ART_30 = new Control(ComplianceFramework.GDPR, "Art. 30",
      "Records of processing activities", GDPR, List.of());
  static final Control ART_35 = new Control(ComplianceFramework.GDPR, "Art. 35",
      "Data protection impact assessment", GDPR, List.of());
  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");

  @Test
  @DisplayName("a control cannot come from another framework's source, and its key names both")
  void control() {
    assertThat(ART_30.key()).isEqualTo("GDPR:Art. 30");
    assertThatThrownBy(() -> new Control(ComplianceFramework.EU_AI_ACT, "Art. 30", "x", GDPR,
        List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("control EU_AI_ACT Art. 30 cannot come from source gdpr of GDPR");
    assertThatThrownBy(() -> new Control(ComplianceFramework.GDPR, " ", "x", GDPR, List.of()))
        .hasMessage("id must not be blank");
  }

  @Test
  @DisplayName("application dates are copied defensively")
  void defensiveCopies() {
    List<ApplicationDate> dates = new ArrayList<>();
    dates.add(new ApplicationDate(LocalDate.of(2027, 12, 2), "Annex III", "Regulation (EU) 2026/1744"));
    Control c = new Control(ComplianceFramework.GDPR, "Art. 5(2)", "Accountability", GDPR, dates);
    dates.clear();
    assertThat(c.applicationDates()).hasSize(1);
  }

  private static ControlStatus gap(Control c) {
    return new ControlStatus(c, null, List.of(),
        List.of(new GapFinding(GapReason.NO_EVIDENCE_LINKED, GovernancePrimitive.EVIDENCE, "none")));
  }

  private static ControlStatus covered(Control c, Coverage coverage) {
    return new ControlStatus(c, coverage,
        List.of(new ControlMapping(GovernancePrimitive.DECISION, c, coverage, "because.")), List.of());
  }

  @Test
  @DisplayName("a report counts total, covered, fully covered and the coverage percentage")
  void reportCounts() {
    GapReport r = new GapReport(ComplianceFramework.GDPR, "v", FROM, TO, List.of(
        covered(ART_30, Coverage.FULL), covered(ART_35, Coverage.PARTIAL), gap(ART_30),
        gap(ART_35)));
    assertThat(r.total()).isEqualTo(4);
    assertThat(r.covered()).isEqualTo(2);
    assertThat(r.fullyCovered()).isEqualTo(1);
    assertThat(r.gaps()).hasSize(2);
    assertThat(r.coveragePercent()).isEqualTo(50.0);
    assertThat(new GapReport(ComplianceFramework.GDPR, "v", FROM, TO, List.of()).coveragePercent())
        .isZero();
  }

  @Test
  @DisplayName("a report holds only its framework's controls over a non-empty period")
  void reportValidation() {
    Control soc = new Control(ComplianceFramework.SOC2, "CC7.2", "monitoring",
        new SourceDocument("tsc", ComplianceFramework.SOC2, "TSC", "2017", "AICPA", null), List.of());
    assertThatThrownBy(() -> new GapReport(ComplianceFramework.GDPR, "v", FROM, TO,
        List.of(gap(soc))))
        .hasMessage("a GDPR report cannot hold SOC2:CC7.2");
    assertThatThrownBy(() -> new GapReport(ComplianceFramework.GDPR, "v", TO, FROM, List.of()))
        .hasMessage("period [2026-04-01T00:00:00Z, 2026-01-01T00:00:00Z) is empty");
  }

  @Test
  @DisplayName("a status's coverage must be the best of its satisfied mappings, and a gap needs a finding")
  void statusConsistency() {
    ControlMapping partial =
        new ControlMapping(GovernancePrimitive.EVIDENCE, ART_30, Coverage.PARTIAL, "linked.");
    ControlMapping full =
        new ControlMapping(GovernancePrimitive.DECISION, ART_30, Coverage.FULL, "recorded.");
    assertThat(new ControlStatus(ART_30, Coverage.FULL, List.of(partial, full), List.of())
        .covered()).isTrue();
    assertThatThrownBy(() -> new ControlStatus(ART_30, Coverage.PARTIAL, List.of(partial, full),
        List.of()))
        .hasMessage("coverage of GDPR:Art. 30 must be FULL, the best of its satisfied mappings,"
            + " was PARTIAL");
    assertThatThrownBy(() -> new ControlStatus(ART_30, null, List.of(), List.of()))
        .hasMessage("a gap needs at least one finding: GDPR:Art. 30");
    assertThatThrownBy(() -> new ControlStatus(ART_35, Coverage.FULL, List.of(full), List.of()))
        .hasMessage("mapping for GDPR:Art. 30 cannot satisfy GDPR:Art. 35");
  }

  @Test
  @DisplayName("only a NOT_SERVED finding has no primitive")
  void findings() {
    assertThatThrownBy(() -> new GapFinding(GapReason.NOT_SERVED, GovernancePrimitive.DECISION, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GapFinding(GapReason.NO_RECORDS_IN_PERIOD, null, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new GapFinding(GapReason.NOT_SERVED, null, "x").primitive()).isNull();
  }

  @Test
  @DisplayName("a retention class keeps records immediately available no longer than it keeps them")
  void retentionClass() {
    assertThatThrownBy(() -> new RetentionClass("x", Period.ofMonths(3), Period.ofMonths(4), "r"))
        .hasMessage("class x cannot keep records immediately available (P4M) longer than it keeps"
            + " them (P3M)");
    assertThatThrownBy(() -> new RetentionClass("x", Period.ofDays(-1), Period.ZERO, "r"))
        .hasMessage("retention of class x must be positive, was P-1D");
    assertThatThrownBy(() -> new RetentionClass("x", Period.ofMonths(1), Period.ofDays(-1), "r"))
        .hasMessage("immediately available period of class x must not be negative, was P-1D");
    // no negative unit, even where the total would come out positive
    assertThatThrownBy(() -> new RetentionClass("x", Period.of(0, 1, -1), Period.ZERO, "r"))
        .hasMessage("retention of class x must be positive, was P1M-1D");
  }

  @Test
  @DisplayName("a legal hold names at least one decision and cannot be released before it is placed")
  void legalHold() {
    assertThatThrownBy(() -> new LegalHold("h", "r", "a", Set.of(), FROM, null))
        .hasMessage("legal hold h holds no decision");
    assertThatThrownBy(() -> new LegalHold("h", "r", "a", Set.of("d"), TO, FROM))
        .hasMessage("legal hold h cannot be released (2026-01-01T00:00:00Z) before it was placed"
            + " (2026-04-01T00:00:00Z)");
    LegalHold h = new LegalHold("h", "r", "a", Set.of("d1"), FROM, TO);
    assertThat(h.inForceAt(FROM)).isTrue();
    assertThat(h.inForceAt(TO)).isFalse();
    assertThat(h.covers(Set.of("d2", "d1"))).isTrue();
    assertThat(h.covers(Set.of("d2"))).isFalse();
  }

  @Test
  @DisplayName("a retention decision is deletable only after retention and without holds")
  void retentionDecision() {
    RetentionDecision open = new RetentionDecision(TO, TO, RetentionClass.STANDARD,
        List.of(RetentionClass.STANDARD), FROM, List.of());
    assertThat(open.deletable()).isTrue();
    assertThat(open.deletableFrom()).contains(TO);
    RetentionDecision early = new RetentionDecision(TO.minusNanos(1), TO, RetentionClass.STANDARD,
        List.of(RetentionClass.STANDARD), FROM, List.of());
    assertThat(early.deletable()).isFalse();
    assertThatThrownBy(() -> new RetentionDecision(TO, TO, RetentionClass.HIGH_RISK,
        List.of(RetentionClass.STANDARD), FROM, List.of()))
        .hasMessage("governing class high_risk is not among the applicable classes");
  }
}

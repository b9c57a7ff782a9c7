package dev.lexecon.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.compliance.ComplianceEvidence;
import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.Control;
import dev.lexecon.api.compliance.ControlMapping;
import dev.lexecon.api.compliance.ControlStatus;
import dev.lexecon.api.compliance.Coverage;
import dev.lexecon.api.compliance.GapFinding;
import dev.lexecon.api.compliance.GapReason;
import dev.lexecon.api.compliance.GapReport;
import dev.lexecon.api.compliance.GovernancePrimitive;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Gap analysis")
class GapAnalysisTest {
  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");
  static final Instant INSIDE = Instant.parse("2026-02-15T12:00:00Z");
  static final String PERIOD = "[2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z)";

  private final ComplianceMappings mappings = ComplianceMappings.bundled();
  private final ControlCatalog catalog = mappings.catalog();

  private GapReport analyze(ComplianceFramework framework, InMemoryComplianceEvidence evidence) {
    return GapAnalysis.of(evidence).analyze(framework, FROM, TO);
  }

  private static ControlStatus status(GapReport report, String id) {
    return report.controls().stream().filter(s -> s.control().id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + id + " in " + report.framework()));
  }

  /** A ledger with every kind of evidence Lexecon can produce, inside the period. */
  private InMemoryComplianceEvidence everything() {
    InMemoryComplianceEvidence e = new InMemoryComplianceEvidence();
    ComplianceMappingsTest.LEDGER_EVENT_TYPES.forEach(t -> e.record(t, INSIDE));
    e.verifiedOver(FROM, TO);
    mappings.forPrimitive(GovernancePrimitive.EVIDENCE).forEach(m -> e.link(m.control()));
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ComplianceFramework.class)
  @DisplayName("an empty ledger covers nothing, and every gap says what evidence is missing")
  void emptyLedger(ComplianceFramework framework) {
    GapReport report = analyze(framework, new InMemoryComplianceEvidence());

    assertThat(report.total()).isEqualTo(catalog.controls(framework).size());
    assertThat(report.covered()).isZero();
    assertThat(report.coveragePercent()).isZero();
    assertThat(report.gaps()).hasSize(report.total());
    for (ControlStatus gap : report.gaps()) {
      List<ControlMapping> mapped = mappings.forControl(gap.control());
      if (mapped.isEmpty()) {
        assertThat(gap.findings()).extracting(GapFinding::reason)
            .containsExactly(GapReason.NOT_SERVED);
      } else {
        // one finding per mapping, naming that mapping's primitive
        assertThat(gap.findings()).extracting(GapFinding::primitive)
            .containsExactlyElementsOf(mapped.stream().map(ControlMapping::primitive).toList());
        assertThat(gap.findings()).extracting(GapFinding::reason)
            .doesNotContain(GapReason.NOT_SERVED);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ComplianceFramework.class)
  @DisplayName("a ledger with every kind of evidence covers all mapped controls; the rest are gaps by design")
  void everythingEvidenced(ComplianceFramework framework) {
    GapReport report = analyze(framework, everything());

    List<Control> unmapped = mappings.unmapped(framework);
    assertThat(report.covered()).isEqualTo(report.total() - unmapped.size());
    assertThat(report.gaps()).extracting(ControlStatus::control)
        .containsExactlyElementsOf(unmapped);
    assertThat(report.gaps()).allSatisfy(g -> assertThat(g.findings())
        .extracting(GapFinding::reason).containsExactly(GapReason.NOT_SERVED));
    assertThat(report.coveragePercent())
        .isEqualTo(100.0 * (report.total() - unmapped.size()) / report.total());
    long withFullMapping = catalog.controls(framework).stream()
        .filter(c -> mappings.forControl(c).stream().anyMatch(m -> m.coverage() == Coverage.FULL))
        .count();
    assertThat(report.fullyCovered()).isEqualTo(withFullMapping);
    assertThat(report.controls()).filteredOn(ControlStatus::covered)
        .allSatisfy(s -> assertThat(s.findings()).isEmpty());
  }

  @Test
  @DisplayName("coverage is computed from the ledger: adding records raises it")
  void computedNotConstant() {
    InMemoryComplianceEvidence e = new InMemoryComplianceEvidence();
    ComplianceFramework act = ComplianceFramework.EU_AI_ACT;
    GapAnalysis analysis = GapAnalysis.of(e);

    int none = analysis.analyze(act, FROM, TO).covered();
    e.record("decision", INSIDE);
    int decisions = analysis.analyze(act, FROM, TO).covered();
    e.record("override", INSIDE).record("intervention", INSIDE);
    int oversight = analysis.analyze(act, FROM, TO).covered();

    long decisionMapped = catalog.controls(act).stream()
        .filter(c -> mappings.forControl(c).stream()
            .anyMatch(m -> m.primitive() == GovernancePrimitive.DECISION))
        .count();
    assertThat(none).isZero();
    assertThat(decisions).isEqualTo(decisionMapped);
    assertThat(oversight).isGreaterThan(decisions);
  }

  record Scenario(
      ComplianceFramework framework,
      String ledger,
      Consumer<InMemoryComplianceEvidence> setup,
      String control,
      @Nullable Coverage coverage,
      List<GapReason> reasons) {
    @Override
    public String toString() {
      return framework + " " + control + " with " + ledger + " -> "
          + (coverage != null ? coverage : "gap " + reasons);
    }
  }

  static Scenario covered(ComplianceFramework f, String ledger,
      Consumer<InMemoryComplianceEvidence> setup, String control, Coverage coverage) {
    return new Scenario(f, ledger, setup, control, coverage, List.of());
  }

  static Scenario gap(ComplianceFramework f, String ledger,
      Consumer<InMemoryComplianceEvidence> setup, String control, GapReason... reasons) {
    return new Scenario(f, ledger, setup, control, null, List.of(reasons));
  }

  static Consumer<InMemoryComplianceEvidence> records(String... types) {
    return e -> {
      for (String t : types) {
        e.record(t, INSIDE);
      }
    };
  }

  static final Consumer<InMemoryComplianceEvidence> VERIFIED = e -> e.verifiedOver(FROM, TO);

  static Consumer<InMemoryComplianceEvidence> linked(ComplianceFramework f, String id) {
    return e -> e.link(ControlCatalog.bundled().control(f, id).orElseThrow());
  }

  static Stream<Scenario> scenarios() {
    var soc2 = ComplianceFramework.SOC2;
    var iso = ComplianceFramework.ISO_27001;
    var gdpr = ComplianceFramework.GDPR;
    var hipaa = ComplianceFramework.HIPAA;
    var pci = ComplianceFramework.PCI_DSS;
    var csf = ComplianceFramework.NIST_CSF;
    var aims = ComplianceFramework.ISO_42001;
    var au = ComplianceFramework.NIST_800_53;
    var act = ComplianceFramework.EU_AI_ACT;
    var noRecords = GapReason.NO_RECORDS_IN_PERIOD;
    return Stream.of(
        covered(soc2, "policy loads", records("policy_loaded"), "CC8.1", Coverage.PARTIAL),
        gap(soc2, "policy loads", records("policy_loaded"), "CC6.1", noRecords),
        gap(soc2, "decisions", records("decision"), "CC4.2", noRecords),
        covered(soc2, "escalations resolved", records("escalation_resolved"), "CC4.2", Coverage.PARTIAL),

        covered(iso, "A.5.28 evidence linked", linked(iso, "A.5.28"), "A.5.28", Coverage.FULL),
        gap(iso, "nothing", records(), "A.5.28", GapReason.NO_EVIDENCE_LINKED, GapReason.NOT_VERIFIED),
        gap(iso, "everything recorded", records("decision", "checkpoint"), "A.8.17", GapReason.NOT_SERVED),
        covered(iso, "A.8.17 evidence linked", linked(iso, "A.8.17"), "A.8.17", Coverage.PARTIAL),

        covered(gdpr, "erasures", records("retention_redaction"), "Art. 17", Coverage.PARTIAL),
        gap(gdpr, "decisions", records("decision"), "Art. 35", GapReason.NO_EVIDENCE_LINKED, noRecords),
        covered(gdpr, "DPIA linked", linked(gdpr, "Art. 35"), "Art. 35", Coverage.PARTIAL),

        covered(hipaa, "decisions", records("decision"), "164.312(b)", Coverage.PARTIAL),
        gap(hipaa, "decisions", records("decision"), "164.312(c)(1)", GapReason.NOT_VERIFIED),
        covered(hipaa, "verified period", VERIFIED, "164.312(c)(1)", Coverage.PARTIAL),
        covered(hipaa, "legal holds", records("legal_hold"), "164.316(b)(2)(i)", Coverage.PARTIAL),

        covered(pci, "verified period", VERIFIED, "10.3.4", Coverage.FULL),
        covered(pci, "checkpoints only", records("checkpoint"), "10.3.4", Coverage.PARTIAL),
        covered(pci, "decisions", records("decision"), "10.2.2", Coverage.FULL),
        gap(pci, "everything recorded", records("decision", "override"), "10.6.1", GapReason.NOT_SERVED),
        gap(pci, "decisions", records("decision"), "10.5.1", noRecords),

        covered(csf, "decisions", records("decision"), "PR.PS-04", Coverage.FULL),
        covered(csf, "risk assessments", records("risk_assessment"), "GV.RM-06", Coverage.PARTIAL),
        gap(csf, "decisions", records("decision"), "RS.MA-04", noRecords),

        covered(aims, "decisions", records("decision"), "A.6.2.8", Coverage.FULL),
        gap(aims, "decisions", records("decision"), "A.5.3", GapReason.NO_EVIDENCE_LINKED, noRecords),
        covered(aims, "interventions", records("intervention"), "A.9.2", Coverage.PARTIAL),

        covered(au, "verified period", VERIFIED, "AU-9(3)", Coverage.FULL),
        covered(au, "checkpoints", records("checkpoint"), "AU-9(3)", Coverage.PARTIAL),
        gap(au, "decisions", records("decision"), "AU-11", noRecords),
        gap(au, "everything recorded", records("decision", "checkpoint"), "AU-4", GapReason.NOT_SERVED),

        covered(act, "decisions", records("decision"), "Art. 12(1)", Coverage.FULL),
        gap(act, "decisions", records("decision"), "Art. 14(4)(d)", noRecords, noRecords),
        covered(act, "overrides", records("override"), "Art. 14(4)(d)", Coverage.FULL),
        covered(act, "retention actions", records("retention_redaction"), "Art. 19", Coverage.FULL),
        gap(act, "everything recorded", records("decision", "escalation_opened"), "Art. 73",
            GapReason.NOT_SERVED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName("each framework's controls are covered exactly by the evidence their mappings name")
  void perFramework(Scenario s) {
    InMemoryComplianceEvidence e = new InMemoryComplianceEvidence();
    s.setup().accept(e);
    ControlStatus status = status(analyze(s.framework(), e), s.control());
    if (s.coverage() != null) {
      assertThat(status.covered()).isTrue();
      assertThat(status.coverage()).isEqualTo(s.coverage());
    } else {
      assertThat(status.covered()).isFalse();
      assertThat(status.findings()).extracting(GapFinding::reason)
          .containsExactlyInAnyOrderElementsOf(s.reasons());
    }
  }

  @Test
  @DisplayName("a verified period alone covers ISO/IEC 42001 A.6.2.8 partly and says what full coverage needs")
  void verificationAloneIsPartial() {
    ControlStatus s = status(analyze(ComplianceFramework.ISO_42001,
        new InMemoryComplianceEvidence().verifiedOver(FROM, TO)), "A.6.2.8");
    assertThat(s.coverage()).isEqualTo(Coverage.PARTIAL);
    assertThat(s.satisfiedBy()).extracting(ControlMapping::primitive)
        .containsExactly(GovernancePrimitive.LEDGER_VERIFICATION);
    // what full coverage would also need
    assertThat(s.findings()).singleElement().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(GapReason.NO_RECORDS_IN_PERIOD);
      assertThat(f.primitive()).isEqualTo(GovernancePrimitive.DECISION);
    });
  }

  @Test
  @DisplayName("records are counted in the half-open period [from, to)")
  void periodBoundaries() {
    InMemoryComplianceEvidence outside = new InMemoryComplianceEvidence()
        .record("decision", FROM.minusNanos(1))
        .record("decision", TO);
    assertThat(status(analyze(ComplianceFramework.EU_AI_ACT, outside), "Art. 12(1)").covered())
        .isFalse();

    InMemoryComplianceEvidence atStart = new InMemoryComplianceEvidence().record("decision", FROM);
    assertThat(status(analyze(ComplianceFramework.EU_AI_ACT, atStart), "Art. 12(1)").covered())
        .isTrue();

    InMemoryComplianceEvidence atEnd =
        new InMemoryComplianceEvidence().record("decision", TO.minusNanos(1));
    assertThat(status(analyze(ComplianceFramework.EU_AI_ACT, atEnd), "Art. 12(1)").covered())
        .isTrue();
  }

  @Test
  @DisplayName("a verification of a shorter period does not verify the report's period")
  void partialVerification() {
    InMemoryComplianceEvidence e = new InMemoryComplianceEvidence()
        .verifiedOver(FROM, TO.minus(Duration.ofDays(1)));
    assertThat(status(analyze(ComplianceFramework.NIST_800_53, e), "AU-9(3)").findings())
        .extracting(GapFinding::reason).contains(GapReason.NOT_VERIFIED);
  }

  @Test
  @DisplayName("findings say exactly what was looked for and where")
  void findingDetails() {
    GapReport report = analyze(ComplianceFramework.EU_AI_ACT, new InMemoryComplianceEvidence());
    assertThat(status(report, "Art. 14").findings()).extracting(GapFinding::detail).containsExactly(
        "no escalation_opened or escalation_resolved records in " + PERIOD,
        "no intervention records in " + PERIOD,
        "no override records in " + PERIOD);
    assertThat(status(report, "Art. 11").findings()).extracting(GapFinding::detail)
        .containsExactly("no evidence artifact is linked to EU_AI_ACT:Art. 11");
    assertThat(status(report, "Art. 15").findings()).extracting(GapFinding::detail)
        .containsExactly("the ledger was not verified over " + PERIOD);
    assertThat(status(report, "Art. 73").findings()).singleElement().satisfies(f -> {
      assertThat(f.primitive()).isNull();
      assertThat(f.detail()).isEqualTo("no Lexecon primitive serves EU_AI_ACT:Art. 73; link an"
          + " evidence artifact to record how it is met");
    });
    assertThat(GapReason.NO_EVIDENCE_LINKED.description()).isEqualTo("no evidence linked");
    assertThat(GapReason.NO_RECORDS_IN_PERIOD.description()).isEqualTo("no records in period");
  }

  @Test
  @DisplayName("a report names the catalog version and period it was computed for")
  void reportIdentity() {
    GapReport report = analyze(ComplianceFramework.GDPR, new InMemoryComplianceEvidence());
    assertThat(report.framework()).isEqualTo(ComplianceFramework.GDPR);
    assertThat(report.catalogVersion()).isEqualTo("2026.11.0");
    assertThat(report.from()).isEqualTo(FROM);
    assertThat(report.to()).isEqualTo(TO);
    assertThat(report.controls()).extracting(ControlStatus::control)
        .containsExactlyElementsOf(catalog.controls(ComplianceFramework.GDPR));
  }

  @Test
  @DisplayName("analysing all frameworks asks the ledger for each event type and the verification once")
  void queriesShared() {
    InMemoryComplianceEvidence e = new InMemoryComplianceEvidence();
    Map<ComplianceFramework, GapReport> all = GapAnalysis.of(e).analyzeAll(FROM, TO);
    assertThat(all).containsOnlyKeys(ComplianceFramework.values());
    assertThat(e.countCalls.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
    assertThat(e.countCalls.keySet()).isSubsetOf(ComplianceMappingsTest.LEDGER_EVENT_TYPES);
    assertThat(e.verificationCalls).isEqualTo(1);
  }

  @Test
  @DisplayName("an empty or reversed period is rejected")
  void emptyPeriod() {
    GapAnalysis analysis = GapAnalysis.of(new InMemoryComplianceEvidence());
    assertThatThrownBy(() -> analysis.analyze(ComplianceFramework.SOC2, FROM, FROM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("period [2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z) is empty");
    assertThatThrownBy(() -> analysis.analyzeAll(TO, FROM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a negative count from the evidence is a broken ledger adapter, not a gap")
  void negativeCount() {
    ComplianceEvidence broken = new ComplianceEvidence() {
      @Override
      public long count(String eventType, Instant from, Instant to) {
        return -1;
      }

      @Override
      public boolean hasLinkedEvidence(Control control) {
        return false;
      }

      @Override
      public boolean integrityVerified(Instant from, Instant to) {
        return false;
      }
    };
    assertThatThrownBy(() -> GapAnalysis.of(broken).analyze(ComplianceFramework.SOC2, FROM, TO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("compliance evidence counted -1 ");
  }

  static Stream<Arguments> unmapped() {
    return ComplianceMappingsTest.GAPS_BY_DESIGN.stream().sorted().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unmapped")
  @DisplayName("a control no primitive serves is closed only by linking evidence to it")
  void linkingEvidenceClosesDesignGaps(String key) {
    String[] parts = key.split(":", 2);
    ComplianceFramework framework = ComplianceFramework.valueOf(parts[0]);
    Control control = catalog.control(framework, parts[1]).orElseThrow();

    assertThat(status(analyze(framework, everything()), control.id()).covered()).isFalse();
    ControlStatus closed =
        status(analyze(framework, new InMemoryComplianceEvidence().link(control)), control.id());
    assertThat(closed.coverage()).isEqualTo(Coverage.PARTIAL);
    assertThat(closed.satisfiedBy()).singleElement().satisfies(m ->
        assertThat(m.primitive()).isEqualTo(GovernancePrimitive.EVIDENCE));
    assertThat(closed.findings()).isEmpty();
  }
}

package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.ControlStatus;
import dev.lexecon.api.compliance.Coverage;
import dev.lexecon.api.compliance.GapReason;
import dev.lexecon.api.compliance.GapReport;
import dev.lexecon.api.compliance.GovernancePrimitive;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gap analyses computed by {@code lexecon.compliance()} from what real ledgers hold: one with every
 * primitive's records, one with decisions only, and periods before and after the records.
 */
@DisplayName("Gap analysis from the ledger's contents")
class ComplianceGapAnalysisTest {
  static final Instant Q_START = GovernedLedger.Q_START;
  static final Instant Q_END = GovernedLedger.Q_END;

  MutableClock clock;
  Lexecon lexecon;

  @BeforeEach
  void open() {
    clock = MutableClock.startingAt(Q_START);
    lexecon = GovernedLedger.builder(clock).build();
  }

  @AfterEach
  void close() {
    lexecon.close();
  }

  static Set<String> gapIds(GapReport r) {
    return r.gaps().stream().map(s -> s.control().id()).collect(Collectors.toSet());
  }

  static ControlStatus status(GapReport r, String id) {
    return r.controls().stream().filter(s -> s.control().id().equals(id)).findFirst().orElseThrow();
  }

  /**
   * With every primitive's records in the period, the verified ledger and evidence linked to AI Act
   * Art. 11 and Art. 73, the gaps left are the controls no primitive serves and those only linked
   * evidence serves.
   */
  static Stream<Arguments> fullyGovernedGaps() {
    return Stream.of(
        Arguments.of(ComplianceFramework.SOC2, Set.of()),
        Arguments.of(ComplianceFramework.ISO_27001, Set.of("A.8.17", "A.5.31")),
        Arguments.of(ComplianceFramework.GDPR, Set.of()),
        Arguments.of(ComplianceFramework.HIPAA, Set.of("164.312(c)(2)")),
        Arguments.of(ComplianceFramework.PCI_DSS, Set.of("10.3.1", "10.3.3", "10.6.1", "10.7.2")),
        Arguments.of(ComplianceFramework.NIST_CSF, Set.of("GV.OV-01", "RS.AN-07")),
        Arguments.of(ComplianceFramework.ISO_42001, Set.of("A.6.2.7")),
        Arguments.of(ComplianceFramework.NIST_800_53, Set.of("AU-1", "AU-4", "AU-5", "AU-7")),
        Arguments.of(ComplianceFramework.EU_AI_ACT, Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fullyGovernedGaps")
  @DisplayName("a ledger with every primitive's records leaves only the gaps no record can close")
  void fullyGoverned(ComplianceFramework framework, Set<String> expectedGaps) {
    GovernedLedger.populate(lexecon, clock);
    GapReport r = lexecon.compliance().gapAnalysis(framework, Q_START, Q_END);
    assertThat(gapIds(r)).isEqualTo(expectedGaps);
    assertThat(r.covered()).isEqualTo(r.total() - expectedGaps.size());
    assertThat(r.coveragePercent()).isEqualTo(100.0 * r.covered() / r.total());
    for (ControlStatus gap : r.gaps()) {
      assertThat(gap.findings()).allSatisfy(f -> assertThat(f.reason())
          .isIn(GapReason.NOT_SERVED, GapReason.NO_EVIDENCE_LINKED));
    }
    for (ControlStatus s : r.controls()) {
      assertThat(s.findings()).noneSatisfy(f -> assertThat(f.reason())
          .isIn(GapReason.NO_RECORDS_IN_PERIOD, GapReason.NOT_VERIFIED));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fullyGovernedGaps")
  @DisplayName("the same framework over a period before any record has no record-based coverage at all")
  void periodBeforeRecords(ComplianceFramework framework, Set<String> ignored) {
    GovernedLedger.populate(lexecon, clock);
    GapReport r = lexecon.compliance().gapAnalysis(framework, Instant.parse("2025-01-01T00:00:00Z"),
        Instant.parse("2025-04-01T00:00:00Z"));
    for (ControlStatus s : r.controls()) {
      // only linked evidence, which counts whenever it was registered, can cover a control here
      assertThat(s.satisfiedBy()).allSatisfy(m -> assertThat(m.primitive())
          .isIn(GovernancePrimitive.EVIDENCE, GovernancePrimitive.LEDGER_VERIFICATION));
    }
    assertThat(r.covered()).isLessThan(lexecon.compliance().gapAnalysis(framework, Q_START, Q_END).covered());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fullyGovernedGaps")
  @DisplayName("a ledger of decisions only covers less of every framework than a fully governed one")
  void decisionsOnlyCoverLess(ComplianceFramework framework, Set<String> ignored) {
    GovernedLedger.decide(lexecon, clock, 5);
    lexecon.ledger().checkpoint();
    GapReport decisionsOnly = lexecon.compliance().gapAnalysis(framework, Q_START, Q_END);
    for (ControlStatus gap : decisionsOnly.gaps()) {
      assertThat(gap.findings()).isNotEmpty();
    }
    MutableClock c2 = MutableClock.startingAt(Q_START);
    try (Lexecon governed = GovernedLedger.builder(c2).build()) {
      GovernedLedger.populate(governed, c2);
      assertThat(decisionsOnly.covered())
          .isLessThan(governed.compliance().gapAnalysis(framework, Q_START, Q_END).covered());
    }
  }

  @Test
  @DisplayName("EU AI Act with decisions only: Art. 12(1) fully covered, human oversight a gap naming override and intervention records")
  void euAiActDecisionsOnly() {
    GovernedLedger.decide(lexecon, clock, 5);
    lexecon.ledger().checkpoint();
    GapReport r = lexecon.compliance().gapAnalysis(ComplianceFramework.EU_AI_ACT, Q_START, Q_END);
    assertThat(status(r, "Art. 12(1)").coverage()).isEqualTo(Coverage.FULL);
    ControlStatus oversight = status(r, "Art. 14(4)(d)");
    assertThat(oversight.covered()).isFalse();
    assertThat(oversight.findings()).extracting(f -> f.reason()).containsOnly(GapReason.NO_RECORDS_IN_PERIOD);
    assertThat(oversight.findings()).extracting(f -> f.detail())
        .anySatisfy(d -> assertThat(d).contains("override"))
        .anySatisfy(d -> assertThat(d).contains("intervention"));
    assertThat(status(r, "Art. 11").findings()).extracting(f -> f.reason())
        .containsExactly(GapReason.NO_EVIDENCE_LINKED);
    assertThat(status(r, "Art. 15").covered()).isTrue(); // verified and checkpointed
    assertThat(status(r, "Art. 73").findings()).extracting(f -> f.reason())
        .containsExactly(GapReason.NOT_SERVED);
  }

  @Test
  @DisplayName("entries after the last signed checkpoint leave ledger verification unproven until one is signed")
  void verificationNeedsACheckpoint() {
    GovernedLedger.decide(lexecon, clock, 3);
    GapReport before = lexecon.compliance().gapAnalysis(ComplianceFramework.PCI_DSS, Q_START, Q_END);
    assertThat(status(before, "10.3.4").covered()).isFalse();
    assertThat(status(before, "10.3.4").findings()).extracting(f -> f.reason())
        .contains(GapReason.NOT_VERIFIED);
    lexecon.ledger().checkpoint();
    GapReport after = lexecon.compliance().gapAnalysis(ComplianceFramework.PCI_DSS, Q_START, Q_END);
    assertThat(status(after, "10.3.4").coverage()).isEqualTo(Coverage.FULL);
    // a checkpoint after the period covers it too; entries after the period do not matter
    clock.set(Q_END.plus(Duration.ofDays(3)));
    lexecon.decide(LexeconLedgerTest.requests().get(0));
    assertThat(status(lexecon.compliance().gapAnalysis(ComplianceFramework.PCI_DSS, Q_START, Q_END),
        "10.3.4").covered()).isTrue();
  }

  @Test
  @DisplayName("linked evidence closes a control no primitive serves, at partial coverage")
  void evidenceClosesUnservedControl() {
    GovernedLedger.populate(lexecon, clock);
    ControlStatus art73 = status(lexecon.compliance().gapAnalysis(ComplianceFramework.EU_AI_ACT,
        Q_START, Q_END), "Art. 73");
    assertThat(art73.coverage()).isEqualTo(Coverage.PARTIAL);
    assertThat(art73.satisfiedBy()).extracting(m -> m.primitive()).containsExactly(GovernancePrimitive.EVIDENCE);
  }

  @Test
  @DisplayName("all frameworks at once agree with one framework at a time")
  void allFrameworksAtOnce() {
    GovernedLedger.populate(lexecon, clock);
    Map<ComplianceFramework, GapReport> all = lexecon.compliance().gapAnalysis(Q_START, Q_END);
    assertThat(all).hasSize(ComplianceFramework.values().length);
    for (ComplianceFramework f : ComplianceFramework.values()) {
      assertThat(all.get(f)).isEqualTo(lexecon.compliance().gapAnalysis(f, Q_START, Q_END));
    }
  }
}

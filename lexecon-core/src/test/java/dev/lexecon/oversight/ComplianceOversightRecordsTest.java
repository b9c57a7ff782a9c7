package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.compliance.OversightSummary;
import dev.lexecon.api.compliance.OversightSummary.RoleSummary;
import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.api.oversight.InterventionMetrics;
import dev.lexecon.api.oversight.InterventionRole;
import dev.lexecon.api.oversight.InterventionType;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.export.AuditReportVerifier;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compliance records read what the human-oversight feature writes: the Art. 14 summary of
 * interventions made through {@code lexecon.oversight()} agrees with the feature's own metrics, and
 * audit reports summarise its records and verify.
 */
@DisplayName("Compliance records of real human oversight")
class ComplianceOversightRecordsTest {
  private final MutableClock clock = clock();

  @Test
  @DisplayName("the Art. 14 summary of interventions made through oversight() agrees with its own metrics")
  void art14FromRealInterventions() {
    try (Lexecon lexecon = lexecon(clock)) {
      Instant from = clock.instant();
      Object[][] plan = {
          {OPERATOR, InterventionRole.OPERATOR, InterventionType.CONFIRMATION, 90},
          {OPERATOR, InterventionRole.OPERATOR, InterventionType.MODIFICATION, 180},
          {OPERATOR, InterventionRole.OPERATOR, InterventionType.REJECTION, 30},
          {SUPERVISOR, InterventionRole.SUPERVISOR, InterventionType.REJECTION, 600},
          {MANAGER, InterventionRole.MANAGER, InterventionType.CONFIRMATION, 60}};
      for (Object[] step : plan) {
        Decision d = lexecon.decide(read());
        clock.advance(Duration.ofSeconds((Integer) step[3]));
        lexecon.oversight().intervene(d.decisionId(), (Principal) step[0],
            (InterventionRole) step[1], (InterventionType) step[2], "checked by a person", null);
        clock.advance(Duration.ofSeconds(1));
      }
      OversightSummary s = lexecon.compliance().humanOversight(from, clock.instant());
      assertThat(s.total()).isEqualTo(plan.length);
      assertThat(s.roles()).extracting(RoleSummary::role).containsExactly("manager", "operator", "supervisor");
      RoleSummary operator = s.roles().get(1);
      assertThat(operator.byType()).containsExactly(Map.entry("confirmation", 1L),
          Map.entry("modification", 1L), Map.entry("rejection", 1L));
      assertThat(operator.timed()).isEqualTo(3);
      for (InterventionMetrics m : lexecon.oversight().interventionMetrics()) {
        RoleSummary r = s.roles().stream().filter(x -> x.role().equals(m.role().jsonName()))
            .findFirst().orElseThrow();
        assertThat(r.interventions()).isEqualTo(m.count());
        assertThat(r.meanResponse()).isEqualTo(m.mean());
        assertThat(r.medianResponse()).isEqualTo(m.median());
        assertThat(r.maxResponse()).isEqualTo(m.max());
      }
      assertThat(operator.medianResponse()).isEqualTo(Duration.ofSeconds(90));
      assertThat(operator.maxResponse()).isEqualTo(Duration.ofSeconds(180));
    }
  }

  @Test
  @DisplayName("audit reports summarise oversight records, and the reports and entries verify")
  void reportsOfOversightRecords(@TempDir Path dir) throws Exception {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision escalated = lexecon.decide(critical());
      clock.advance(Duration.ofMinutes(5));
      lexecon.oversight().resolve(lexecon.oversight().escalationsOf(escalated.decisionId()).get(0)
          .escalationId(), ALICE, dev.lexecon.api.oversight.Resolution.APPROVED, null);
      Decision read = lexecon.decide(read());
      clock.advance(Duration.ofSeconds(40));
      lexecon.oversight().intervene(read.decisionId(), SUPERVISOR, InterventionRole.SUPERVISOR,
          InterventionType.REJECTION, "second look says no", null);
      Map<ExportFormat, Path> files = lexecon.compliance().exportFiles(dir, "oversight",
          ExportScope.all(), Set.of(), EnumSet.allOf(ExportFormat.class));
      LedgerVerifier pinned = LedgerVerifier.create().trusting(lexecon.ledger().checkpointKey());
      assertThat(pinned.verifyAuditExport(files.get(ExportFormat.JSON)).valid()).isTrue();
      for (ExportFormat f : List.of(ExportFormat.CSV, ExportFormat.MARKDOWN, ExportFormat.HTML)) {
        assertThat(AuditReportVerifier.of(pinned).verify(files.get(f), files.get(ExportFormat.JSON)).valid())
            .as("%s", f).isTrue();
      }
      String csv = Files.readString(files.get(ExportFormat.CSV));
      assertThat(csv).contains("rejection by supervisor").contains("resolved: approved")
          .contains("opened, priority critical");
    }
  }
}

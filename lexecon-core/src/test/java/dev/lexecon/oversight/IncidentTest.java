package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Incident;
import dev.lexecon.api.oversight.IncidentCategory;
import dev.lexecon.api.oversight.IncidentReport;
import dev.lexecon.api.oversight.PermissionDeniedException;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Serious incidents with EU AI Act Art. 73 deadlines")
class IncidentTest {
  private final MutableClock clock = clock();

  @ParameterizedTest(name = "{0}: {1} days")
  @CsvSource({"DEATH, 10", "WIDESPREAD_INFRINGEMENT, 2", "CRITICAL_INFRASTRUCTURE, 2", "OTHER, 15"})
  @DisplayName("the category sets the reporting deadline after awareness: Art. 73(2) 15, (3) 2, (4) 10 days")
  void deadlines(IncidentCategory category, int days) {
    assertThat(category.reportingDeadline()).isEqualTo(Duration.ofDays(days));
    try (Lexecon lexecon = lexecon(clock)) {
      Instant aware = START.minus(Duration.ofHours(6));
      Incident i = lexecon.oversight().openIncident(AUDREY, category, aware, "what happened",
          List.of(), List.of());
      assertThat(i.reportDeadline()).isEqualTo(aware.plus(Duration.ofDays(days)));
      assertThat(i.legalHoldId()).isNull();
    }
  }

  @Test
  @DisplayName("opening an incident links decisions and evidence and legal-holds the decisions' records")
  void openingHoldsRecords() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision a = lexecon.decide(read());
      Decision b = lexecon.decide(wipe());
      String log = evidence(lexecon, "ward log of the wrong dosage", a.decisionId());
      Incident i = lexecon.oversight().openIncident(ALICE, IncidentCategory.OTHER, START,
          "patient harmed after a wrong dosage suggestion", List.of(a.decisionId(), b.decisionId()),
          List.of(log));
      assertThat(i.incidentId()).startsWith("inc_");
      assertThat(i.decisionIds()).containsExactly(a.decisionId(), b.decisionId());
      assertThat(i.evidenceIds()).containsExactly(log);
      assertThat(i.openedBy()).isEqualTo(ALICE.id());
      assertThat(i.description()).isEqualTo("patient harmed after a wrong dosage suggestion");
      LegalHold hold = lexecon.oversight().legalHolds().get(0);
      assertThat(hold.id()).isEqualTo(i.legalHoldId());
      assertThat(hold.decisionIds()).containsExactlyInAnyOrder(a.decisionId(), b.decisionId());
      assertThat(hold.reason()).contains(i.incidentId());
      LedgerEntry opened = entries(lexecon, EventType.INCIDENT).get(0);
      LedgerEntry held = entries(lexecon, EventType.LEGAL_HOLD).get(0);
      assertThat(held.seq()).isLessThan(opened.seq());
      assertThat(held.payload()).containsEntry("hold_id", i.legalHoldId())
          .containsEntry("action", "placed");
      assertThat(lexecon.compliance().activeLegalHolds()).containsExactly(hold);
      assertThat(committed(opened.payload().get("description"))).isTrue();
      assertThat(opened.payload()).containsEntry("category", "other")
          .containsEntry("legal_hold_id", i.legalHoldId());
    }
  }

  @Test
  @DisplayName("lists incidents approaching and past their deadline; a report meets it")
  void deadlineLists() {
    try (Lexecon lexecon = lexecon(clock)) {
      Incident fast = lexecon.oversight().openIncident(AUDREY,
          IncidentCategory.CRITICAL_INFRASTRUCTURE, START, "grid scheduling fault", List.of(),
          List.of());
      Incident slow = lexecon.oversight().openIncident(AUDREY, IncidentCategory.OTHER, START,
          "wrongful denial of benefits", List.of(), List.of());
      Oversight o = lexecon.oversight();
      assertThat(o.incidentsApproachingDeadline(Duration.ofDays(3)))
          .extracting(Incident::incidentId).containsExactly(fast.incidentId());
      assertThat(o.incidentsPastDeadline()).isEmpty();
      clock.advance(Duration.ofDays(2));
      assertThat(o.incidentsPastDeadline()).extracting(Incident::incidentId)
          .containsExactly(fast.incidentId());
      assertThat(o.incidentsApproachingDeadline(Duration.ofDays(3))).isEmpty();
      Incident reported = o.reportIncident(fast.incidentId(), AUDREY, IncidentReport.Kind.INITIAL,
          "initial report filed with the national authority");
      assertThat(reported.initialReport().summary()).contains("national authority");
      assertThat(reported.reported()).isTrue();
      assertThat(o.incidentsPastDeadline()).isEmpty();
      clock.advance(Duration.ofDays(11));
      assertThat(o.incidentsApproachingDeadline(Duration.ofDays(3)))
          .extracting(Incident::incidentId).containsExactly(slow.incidentId());
      Incident closed = o.reportIncident(fast.incidentId(), AUDREY, IncidentReport.Kind.FINAL,
          "final report: root cause and fix");
      assertThat(closed.finalReport()).isNotNull();
      assertThatThrownBy(() -> o.reportIncident(fast.incidentId(), AUDREY,
          IncidentReport.Kind.FINAL, "again")).isInstanceOf(IllegalStateException.class);
      assertThat(o.incidents()).extracting(Incident::incidentId)
          .containsExactly(fast.incidentId(), slow.incidentId());
    }
  }

  @Test
  @DisplayName("refuses a future awareness time, unknown decisions or evidence, and people without GENERATE_AUDIT")
  void refusals() {
    try (Lexecon lexecon = lexecon(clock)) {
      Oversight o = lexecon.oversight();
      Decision d = lexecon.decide(read());
      String known = evidence(lexecon, "operator's notes");
      long size = lexecon.ledger().size();
      assertThatThrownBy(() -> o.openIncident(AUDREY, IncidentCategory.DEATH,
          START.plusSeconds(1), "x", List.of(), List.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future");
      assertThatThrownBy(() -> o.openIncident(AUDREY, IncidentCategory.DEATH, START, "x",
          List.of("dec_missing"), List.of())).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> o.openIncident(AUDREY, IncidentCategory.DEATH, START, "x",
          List.of(d.decisionId()), List.of(known, "art_0123")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("art_0123")
          .hasMessageNotContaining(known);
      assertThatThrownBy(() -> o.openIncident(AUDREY, IncidentCategory.DEATH, START, " ",
          List.of(d.decisionId()), List.of())).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("description");
      assertThat(lexecon.ledger().size()).isEqualTo(size); // argument errors record nothing
      assertThatThrownBy(() -> o.openIncident(VERA, IncidentCategory.DEATH, START, "x",
          List.of(d.decisionId()), List.of(known))).isInstanceOf(PermissionDeniedException.class);
      // Made-up links meet the same refusal without the permission: no probing which ids exist.
      assertThatThrownBy(() -> o.openIncident(VERA, IncidentCategory.DEATH, START, "x",
          List.of("dec_missing"), List.of("art_0123")))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).hasSize(2)
          .allSatisfy(e -> assertThat(e.payload()).containsEntry("operation", "open_incident"));
      assertThatThrownBy(() -> o.reportIncident("inc_missing", AUDREY, IncidentReport.Kind.INITIAL,
          "x")).isInstanceOf(IllegalArgumentException.class);
      assertThat(entries(lexecon, EventType.INCIDENT)).isEmpty();
      assertThat(entries(lexecon, EventType.LEGAL_HOLD)).isEmpty();
    }
  }

  @Test
  @DisplayName("race: concurrent reports of one kind record exactly one; concurrent incidents on one decision each get their own hold")
  void races() throws Exception {
    try (Lexecon lexecon = lexecon(clock)) {
      Oversight o = lexecon.oversight();
      Decision d = lexecon.decide(read());
      List<Object> opened = race(8, i -> () -> o.openIncident(AUDREY, IncidentCategory.OTHER,
          START, "incident " + i, List.of(d.decisionId()), List.of()));
      assertThat(opened).allSatisfy(x -> assertThat(x).isInstanceOf(Incident.class));
      List<Incident> incidents = opened.stream().map(Incident.class::cast).toList();
      assertThat(incidents).extracting(Incident::incidentId).doesNotHaveDuplicates();
      assertThat(incidents).extracting(Incident::legalHoldId).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(
              o.legalHolds().stream().map(LegalHold::id).toList());
      for (Incident i : incidents) {
        assertThat(o.legalHolds()).filteredOn(h -> h.id().equals(i.legalHoldId())).singleElement()
            .satisfies(h -> assertThat(h.reason()).contains(i.incidentId()));
      }

      Incident target = incidents.get(0);
      for (IncidentReport.Kind kind : IncidentReport.Kind.values()) {
        List<Object> reports = race(8, i -> () ->
            o.reportIncident(target.incidentId(), AUDREY, kind, kind + " report " + i));
        assertThat(reports).filteredOn(x -> x instanceof Incident).hasSize(1);
        assertThat(reports).filteredOn(x -> !(x instanceof Incident)).hasSize(7)
            .allSatisfy(x -> assertThat(x).isInstanceOf(IllegalStateException.class));
      }
      assertThat(entries(lexecon, EventType.INCIDENT)).hasSize(8 + 2);
      Incident reported = o.incident(target.incidentId()).orElseThrow();
      assertThat(reported.initialReport()).isNotNull();
      assertThat(reported.finalReport()).isNotNull();
    }
  }
}

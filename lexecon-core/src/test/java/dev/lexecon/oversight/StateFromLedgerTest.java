package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.oversight.EscalationPriority;
import dev.lexecon.api.oversight.EscalationTrigger;
import dev.lexecon.api.oversight.HaltScope;
import dev.lexecon.api.oversight.IncidentCategory;
import dev.lexecon.api.oversight.IncidentReport;
import dev.lexecon.api.oversight.InterventionRole;
import dev.lexecon.api.oversight.InterventionType;
import dev.lexecon.api.oversight.OverrideType;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Oversight state is a projection of the ledger: a reopened engine restores it exactly")
class StateFromLedgerTest {

  /** Everything a reader can see of the oversight state, in a comparable form. */
  static List<Object> snapshot(Lexecon lexecon, List<String> decisionIds) {
    Oversight o = lexecon.oversight();
    List<Object> all = new ArrayList<>();
    all.add(o.openEscalations());
    all.add(o.overdueEscalations());
    all.add(o.resolvedEscalations());
    all.add(o.activeOverrides());
    all.add(o.activeHalts());
    all.add(o.halts());
    all.add(o.legalHolds());
    all.add(o.incidents());
    all.add(o.interventionMetrics());
    for (String id : decisionIds) {
      all.add(o.escalationsOf(id));
      all.add(o.interventions(id));
      all.add(o.contests(id));
      all.add(o.activeOverride(id));
      all.add(o.responsibility(id));
      all.add(o.explain(id));
    }
    return all;
  }

  /** Leaves one of every kind of record in the ledger, some open, some closed, some expired. */
  static List<String> populate(Lexecon lexecon, MutableClock clock) {
    Oversight o = lexecon.oversight();
    List<String> ids = new ArrayList<>();
    Decision expired = lexecon.decide(critical());
    ids.add(expired.decisionId());
    clock.advance(Duration.ofHours(2));
    Decision open = lexecon.decide(deploy());
    ids.add(open.decisionId());
    o.acknowledge(o.escalationsOf(open.decisionId()).get(0).escalationId(), ALICE);
    Decision resolved = lexecon.decide(critical());
    ids.add(resolved.decisionId());
    o.resolve(o.escalationsOf(resolved.decisionId()).get(0).escalationId(), ALICE,
        Resolution.APPROVED, "fine");
    Decision partly = lexecon.decide(transfer("agent:1"));
    ids.add(partly.decisionId());
    o.confirm(o.escalationsOf(partly.decisionId()).get(0).escalationId(), T1, "one of two");
    Decision denied = lexecon.decide(wipe());
    ids.add(denied.decisionId());
    o.override(denied.decisionId(), CEO, OverrideType.TIME_LIMITED_EXCEPTION, Outcome.APPROVED,
        "maintenance window approved by CAB", null);
    Decision denied2 = lexecon.decide(wipe());
    ids.add(denied2.decisionId());
    o.override(denied2.decisionId(), CEO, OverrideType.RISK_ACCEPTED, Outcome.CONDITIONAL,
        "risk accepted by the board for a week", Duration.ofMinutes(30));
    Decision approved = lexecon.decide(read());
    ids.add(approved.decisionId());
    o.intervene(approved.decisionId(), OPERATOR, InterventionRole.OPERATOR,
        InterventionType.MODIFICATION, "narrowed the path", "to /srv/a/b");
    o.contest(denied.decisionId(), "user:ann", "I own the host");
    o.openEscalation(VERA, null, EscalationTrigger.ANOMALY_DETECTED, EscalationPriority.LOW,
        List.of("bob@bank.example"), "spike in reads");
    var kept = o.halt(HaltScope.tools("deploy"), ALICE, "bad release");
    var lifted = o.halt(HaltScope.actors("agent:9*"), ALICE, "agent 9 loops");
    o.resume(lifted.haltId(), ROOT, "fixed");
    var hold = o.placeLegalHold(AUDREY, "litigation", Set.of(approved.decisionId()));
    o.releaseLegalHold(hold.id(), AUDREY);
    var incident = o.openIncident(AUDREY, IncidentCategory.OTHER, clock.instant(),
        "wrong refusal", List.of(denied.decisionId()),
        List.of(evidence(lexecon, "screenshot of the refusal", denied.decisionId())));
    o.reportIncident(incident.incidentId(), AUDREY, IncidentReport.Kind.INITIAL, "filed");
    clock.advance(Duration.ofHours(1)); // the 30-minute override has expired
    assertThat(kept.active()).isTrue();
    return ids;
  }

  @Test
  @DisplayName("reopening over the same in-memory storage restores escalations, overrides, halts, holds, incidents and contests")
  void reopenInMemory() {
    MutableClock clock = clock();
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    // Not closed: closing would close the shared storage the reopened engine reads.
    Lexecon first = builder(clock).ledger(storage).build();
    List<String> ids = populate(first, clock);
    List<Object> before = snapshot(first, ids);
    first.ledger().flush();
    try (Lexecon second = builder(clock).ledger(storage).build()) {
      assertThat(snapshot(second, ids)).isEqualTo(before);
      assertThat(second.oversight().openEscalations()).hasSize(4);
      assertThat(second.oversight().overdueEscalations()).hasSize(1);
      assertThat(second.oversight().activeOverrides()).hasSize(1);
      assertThat(second.oversight().activeHalts()).hasSize(1);
      assertThat(second.oversight().legalHolds()).hasSize(1); // the incident's
      assertThat(second.decide(deploy()).outcome()).isEqualTo(Outcome.DENIED);
      assertThat(second.ledger().verify().valid()).isTrue();
    }
  }
}

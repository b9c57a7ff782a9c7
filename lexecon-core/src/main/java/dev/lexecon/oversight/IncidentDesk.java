package dev.lexecon.oversight;

import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.compliance.Compliance;
import dev.lexecon.evidence.EvidenceRegistry;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.oversight.Incident;
import dev.lexecon.api.oversight.IncidentCategory;
import dev.lexecon.api.oversight.IncidentReport;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Legal holds and serious incidents (EU AI Act Art. 73): opening an incident places a hold on the
 * records of the decisions it concerns. Holds themselves belong to {@link Compliance}, which writes
 * the {@code legal_hold} entries and keeps erasure from touching held records; this desk adds the
 * RBAC check and the link to incidents.
 */
final class IncidentDesk {
  private final Recorder r;
  private final Compliance holds;
  private final EvidenceRegistry evidenceRegistry;

  IncidentDesk(Recorder r, Compliance holds, EvidenceRegistry evidenceRegistry) {
    this.r = r;
    this.holds = holds;
    this.evidenceRegistry = evidenceRegistry;
  }

  LegalHold placeLegalHold(Principal by, String reason, Set<String> decisionIds) {
    Objects.requireNonNull(by, "by");
    String why = Recorder.text(reason, "reason");
    Set<String> ids = new TreeSet<>(decisionIds);
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a legal hold holds at least one decision");
    }
    // The permission first: a caller without it learns nothing about which ids exist, and the
    // refusal is ledgered. Then the links, so a bad one records nothing.
    r.require(by, Permission.GENERATE_AUDIT, "legal_hold", null);
    for (String d : ids) {
      r.decisionEntry(d); // a hold on a decision that was never recorded would hold nothing
    }
    return holds.placeLegalHold(why, by.id(), ids);
  }

  LegalHold releaseLegalHold(String holdId, Principal by) {
    Objects.requireNonNull(holdId, "holdId");
    Objects.requireNonNull(by, "by");
    r.require(by, Permission.GENERATE_AUDIT, "legal_hold", holdId);
    return holds.releaseLegalHold(holdId, by.id());
  }

  List<LegalHold> legalHolds() {
    return holds.activeLegalHolds();
  }

  Incident openIncident(Principal by, IncidentCategory category, Instant awareAt,
      String description, List<String> decisionIds, List<String> evidenceIds) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(awareAt, "awareAt");
    String what = Recorder.text(description, "description");
    List<String> linked = List.copyOf(new LinkedHashSet<>(decisionIds));
    List<String> evidence = List.copyOf(new LinkedHashSet<>(evidenceIds));
    if (awareAt.isAfter(r.clock.instant())) {
      throw new IllegalArgumentException("awareness time " + awareAt + " is in the future");
    }
    // The permission first: a caller without it learns nothing about which ids exist, and the
    // refusal is ledgered. Then the links, before anything is written, so a bad one records
    // nothing. Recorded decisions and evidence never disappear, so no lock is needed to check them.
    r.require(by, Permission.GENERATE_AUDIT, "open_incident", null);
    for (String d : linked) {
      r.decisionEntry(d);
    }
    evidenceRegistry.requireRegistered(evidence);
    r.writes.lock();
    try {
      String id = r.newId("inc_");
      // Opening an incident freezes the records it concerns (AI Act Art. 73(6): do not alter the
      // system or the evidence before informing the authorities). The hold comes first and names
      // the incident; the incident names the hold.
      String holdId = linked.isEmpty() ? null : holds.placeLegalHold(
          "serious incident " + id + " (" + category.jsonName() + ")", by.id(), linked).id();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("incident_id", id);
      p.put("phase", "opened");
      p.put("category", category.jsonName());
      p.put("aware_at", Fields.time(awareAt));
      p.put("report_deadline", Fields.time(awareAt.plus(category.reportingDeadline())));
      p.put("decision_ids", linked);
      p.put("evidence_ids", evidence);
      p.put("description", Fields.person(what));
      if (holdId != null) {
        p.put("legal_hold_id", holdId);
      }
      Fields.actor(p, by);
      r.record(EventType.INCIDENT, p, r.now());
      return r.state.incidents.get(id);
    } finally {
      r.writes.unlock();
    }
  }

  Incident reportIncident(String incidentId, Principal by, IncidentReport.Kind kind,
      String summary) {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(kind, "kind");
    String what = Recorder.text(summary, "summary");
    r.require(by, Permission.GENERATE_AUDIT, "report_incident", incidentId);
    r.writes.lock();
    try {
      Incident i = r.state.incidents.get(incidentId);
      if (i == null) {
        throw new IllegalArgumentException("no incident " + incidentId);
      }
      IncidentReport done = kind == IncidentReport.Kind.INITIAL ? i.initialReport() : i.finalReport();
      if (done != null) {
        throw new IllegalStateException("the " + kind.jsonName() + " report of " + incidentId
            + " was already recorded at " + done.at());
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("incident_id", incidentId);
      p.put("phase", kind.jsonName() + "_report");
      p.put("summary", Fields.person(what));
      Fields.actor(p, by);
      r.record(EventType.INCIDENT, p, r.now());
      return r.state.incidents.get(incidentId);
    } finally {
      r.writes.unlock();
    }
  }

  Optional<Incident> incident(String incidentId) {
    return Optional.ofNullable(r.state.incidents.get(Objects.requireNonNull(incidentId)));
  }

  List<Incident> incidents() {
    return Projection.inLedgerOrder(r.state.incidents.values(), Incident::ledgerEntryId);
  }

  List<Incident> incidentsApproachingDeadline(Duration window) {
    Objects.requireNonNull(window, "window");
    Instant now = r.now();
    return incidents().stream().filter(i -> i.deadlineApproaching(now, window)).toList();
  }

  List<Incident> incidentsPastDeadline() {
    Instant now = r.now();
    return incidents().stream().filter(i -> i.pastDeadline(now)).toList();
  }
}

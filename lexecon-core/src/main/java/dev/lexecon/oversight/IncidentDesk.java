package dev.lexecon.oversight;

import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.oversight.Incident;
import dev.lexecon.api.oversight.IncidentCategory;
import dev.lexecon.api.oversight.IncidentReport;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Legal holds and serious incidents (EU AI Act Art. 73): opening an incident places a hold on the
 * records of the decisions it concerns.
 */
final class IncidentDesk {
  private final Recorder r;

  IncidentDesk(Recorder r) {
    this.r = r;
  }

  LegalHold placeLegalHold(Principal by, String reason, Set<String> decisionIds) {
    Objects.requireNonNull(by, "by");
    String why = Recorder.text(reason, "reason");
    Set<String> ids = new TreeSet<>(decisionIds);
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a legal hold holds at least one decision");
    }
    r.require(by, Permission.GENERATE_AUDIT, "legal_hold", null);
    r.writes.lock();
    try {
      return placeHold(r.newId("hold_"), by, why, List.copyOf(ids), List.of(), null, r.now());
    } finally {
      r.writes.unlock();
    }
  }

  private LegalHold placeHold(String id, Principal by, String reason, List<String> decisionIds,
      List<String> evidenceIds, @Nullable String incidentId, Instant now) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("hold_id", id);
    p.put("action", "place");
    p.put("decision_ids", decisionIds);
    if (!evidenceIds.isEmpty()) {
      p.put("evidence_ids", evidenceIds);
    }
    p.put("reason", reason);
    if (incidentId != null) {
      p.put("incident_id", incidentId);
    }
    Fields.actor(p, by);
    r.record(EventType.LEGAL_HOLD, p, now);
    return r.state.holds.get(id);
  }

  LegalHold releaseLegalHold(String holdId, Principal by, String reason) {
    Objects.requireNonNull(holdId, "holdId");
    Objects.requireNonNull(by, "by");
    String why = Recorder.text(reason, "reason");
    r.require(by, Permission.GENERATE_AUDIT, "legal_hold", holdId);
    r.writes.lock();
    try {
      LegalHold h = r.state.holds.get(holdId);
      if (h == null) {
        throw new IllegalArgumentException("no legal hold " + holdId);
      }
      if (h.releasedAt() != null) {
        throw new IllegalStateException("legal hold " + holdId + " was already released at "
            + h.releasedAt());
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("hold_id", holdId);
      p.put("action", "release");
      p.put("reason", why);
      Fields.actor(p, by);
      r.record(EventType.LEGAL_HOLD, p, r.now());
      return r.state.holds.get(holdId);
    } finally {
      r.writes.unlock();
    }
  }

  List<LegalHold> legalHolds() {
    Instant now = r.now();
    List<LegalHold> out = new ArrayList<>();
    for (LegalHold h : r.state.holds.values()) {
      if (h.inForceAt(now)) {
        out.add(h);
      }
    }
    out.sort(Comparator.comparing(LegalHold::placedAt).thenComparing(LegalHold::id));
    return out;
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
    r.require(by, Permission.GENERATE_AUDIT, "open_incident", null);
    r.writes.lock();
    try {
      for (String d : linked) {
        r.decisionEntry(d);
      }
      Instant now = r.now();
      String id = r.newId("inc_");
      String holdId = linked.isEmpty() ? null : r.newId("hold_");
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
      r.record(EventType.INCIDENT, p, now);
      if (holdId != null) {
        // Opening an incident freezes the records it concerns (AI Act Art. 73(6): do not alter
        // the system or the evidence before informing the authorities).
        placeHold(holdId, by, "serious incident " + id + " (" + category.jsonName() + ")", linked,
            evidence, id, now);
      }
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

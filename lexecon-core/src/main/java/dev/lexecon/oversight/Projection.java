package dev.lexecon.oversight;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Confirmation;
import dev.lexecon.api.oversight.Contest;
import dev.lexecon.api.oversight.DecisionOverride;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.EscalationPriority;
import dev.lexecon.api.oversight.EscalationResolution;
import dev.lexecon.api.oversight.EscalationTrigger;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.oversight.Incident;
import dev.lexecon.api.oversight.IncidentCategory;
import dev.lexecon.api.oversight.IncidentReport;
import dev.lexecon.api.oversight.Intervention;
import dev.lexecon.api.oversight.InterventionRole;
import dev.lexecon.api.oversight.InterventionType;
import dev.lexecon.api.oversight.OverrideType;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.token.VerificationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of human oversight as a projection of ledger entries. Every change goes through {@link
 * #apply}, both for entries just appended and for entries read back when an engine opens an
 * existing ledger, so a restarted engine holds exactly the state its predecessor held.
 *
 * <p>One writer at a time (the engine's lock) applies entries; readers read the concurrent maps
 * without locking and see each record either before or after an entry, never half-applied, because
 * every value is an immutable record replaced whole.
 */
final class Projection {
  private static final Logger LOG = LoggerFactory.getLogger(Projection.class);

  /** The event types the projection reads, for rebuilding it from a ledger. */
  static final List<EventType> TYPES = List.of(
      EventType.ESCALATION_OPENED, EventType.ESCALATION_ACKNOWLEDGED,
      EventType.ESCALATION_RESOLVED, EventType.CONFIRMATION, EventType.OVERRIDE,
      EventType.INTERVENTION, EventType.HALT, EventType.RESUME,
      EventType.INCIDENT, EventType.CONTEST, EventType.KEY_ROTATED);

  final Map<String, Escalation> escalations = new ConcurrentHashMap<>();
  final Map<String, List<String>> escalationsOfDecision = new ConcurrentHashMap<>();
  final Map<String, String> contestOfEscalation = new ConcurrentHashMap<>();
  final Map<String, DecisionOverride> overrides = new ConcurrentHashMap<>();
  final Map<String, List<String>> overridesOfDecision = new ConcurrentHashMap<>();
  final Map<String, Intervention> interventions = new ConcurrentHashMap<>();
  final Map<String, List<String>> interventionsOfDecision = new ConcurrentHashMap<>();
  final Map<String, Halt> halts = new ConcurrentHashMap<>();
  final Map<String, Incident> incidents = new ConcurrentHashMap<>();
  final Map<String, Contest> contests = new ConcurrentHashMap<>();
  final Map<String, List<String>> contestsOfDecision = new ConcurrentHashMap<>();
  final Map<String, VerificationKey> confirmationKeys = new ConcurrentHashMap<>();
  /** Ledger entry ids of decisions that oversight records name, so they are found without a scan. */
  final Map<String, String> decisionEntries = new ConcurrentHashMap<>();
  private volatile HaltIndex activeHalts = HaltIndex.EMPTY;

  HaltIndex activeHalts() {
    return activeHalts;
  }

  /** Applies one entry. An entry this version cannot read is logged and skipped. */
  void apply(LedgerEntry e) {
    EventType type = e.type();
    if (type == null) {
      return;
    }
    Fields f = new Fields(e);
    try {
      switch (type) {
        case ESCALATION_OPENED -> opened(f);
        case ESCALATION_ACKNOWLEDGED -> acknowledged(f);
        case CONFIRMATION -> confirmed(f);
        case ESCALATION_RESOLVED -> resolved(f);
        case OVERRIDE -> override(f);
        case INTERVENTION -> intervention(f);
        case HALT -> halt(f);
        case RESUME -> resume(f);
        case INCIDENT -> incident(f);
        case CONTEST -> contest(f);
        case KEY_ROTATED -> key(f);
        default -> { }
      }
    } catch (RuntimeException ex) {
      LOG.warn("skipping {} entry {} that this version cannot read: {}", e.eventType(), e.entryId(),
          ex.getMessage());
    }
  }

  private void opened(Fields f) {
    LedgerEntry e = f.entry();
    String id = f.text("escalation_id");
    String decisionId = f.optText("decision_id");
    String role = f.optText("confirmer_role");
    Escalation esc = new Escalation(id, decisionId, enumOf(EscalationTrigger.class, f.text("trigger")),
        enumOf(EscalationPriority.class, f.text("priority")), f.openedList("assignees"),
        f.opened("context_summary"), e.timestamp(), f.instant("deadline"),
        f.has("required_confirmations") ? (int) f.number("required_confirmations") : 1,
        role == null ? null : Role.of(role), null, null, List.of(), null, e.entryId());
    escalations.put(id, esc);
    if (decisionId != null) {
      escalationsOfDecision.computeIfAbsent(decisionId, k -> new CopyOnWriteArrayList<>()).add(id);
      String entry = f.optText("decision_entry");
      if (entry != null) {
        decisionEntries.put(decisionId, entry);
      }
    }
    String contestId = f.optText("contest_id");
    if (contestId != null) {
      contestOfEscalation.put(id, contestId);
    }
  }

  private void acknowledged(Fields f) {
    escalations.computeIfPresent(f.text("escalation_id"), (k, x) -> new Escalation(
        x.escalationId(), x.decisionId(), x.trigger(), x.priority(), x.assignees(),
        x.contextSummary(), x.openedAt(), x.deadline(), x.requiredConfirmations(),
        x.confirmerRole(), f.opened("by"), f.entry().timestamp(), x.confirmations(),
        x.resolution(), x.ledgerEntryId()));
  }

  private void confirmed(Fields f) {
    LedgerEntry e = f.entry();
    Confirmation c = new Confirmation(f.text("confirmation_id"), f.text("escalation_id"),
        f.text("decision_id"), f.opened("by"), f.roles(),
        enumOf(Confirmation.Verdict.class, f.text("verdict")), f.opened("note"), e.timestamp(),
        e.entryId());
    escalations.computeIfPresent(c.escalationId(), (k, x) -> {
      List<Confirmation> all = new ArrayList<>(x.confirmations());
      all.add(c);
      return new Escalation(x.escalationId(), x.decisionId(), x.trigger(), x.priority(),
          x.assignees(), x.contextSummary(), x.openedAt(), x.deadline(),
          x.requiredConfirmations(), x.confirmerRole(), x.acknowledgedBy(), x.acknowledgedAt(),
          all, x.resolution(), x.ledgerEntryId());
    });
  }

  private void resolved(Fields f) {
    LedgerEntry e = f.entry();
    Resolution resolution = enumOf(Resolution.class, f.text("resolution"));
    escalations.computeIfPresent(f.text("escalation_id"), (k, x) -> new Escalation(
        x.escalationId(), x.decisionId(), x.trigger(), x.priority(), x.assignees(),
        x.contextSummary(), x.openedAt(), x.deadline(), x.requiredConfirmations(),
        x.confirmerRole(), x.acknowledgedBy(), x.acknowledgedAt(), x.confirmations(),
        new EscalationResolution(resolution, f.opened("by"), f.opened("notes"), e.timestamp(),
            Duration.between(x.openedAt(), e.timestamp()), e.timestamp().isBefore(x.deadline()),
            e.entryId()),
        x.ledgerEntryId()));
  }

  private void override(Fields f) {
    LedgerEntry e = f.entry();
    DecisionOverride o = new DecisionOverride(f.text("override_id"), f.text("decision_id"),
        enumOf(OverrideType.class, f.text("override_type")), f.opened("by"),
        f.text("justification"), enumOf(Outcome.class, f.text("original_outcome")),
        enumOf(Outcome.class, f.text("new_outcome")), e.timestamp(), f.optInstant("expires_at"),
        e.entryId());
    overrides.put(o.overrideId(), o);
    overridesOfDecision.computeIfAbsent(o.decisionId(), k -> new CopyOnWriteArrayList<>())
        .add(o.overrideId());
    remember(f, o.decisionId());
  }

  private void intervention(Fields f) {
    LedgerEntry e = f.entry();
    Instant decisionAt = f.instant("decision_at");
    Intervention i = new Intervention(f.text("intervention_id"), f.text("decision_id"),
        enumOf(InterventionType.class, f.text("intervention_type")),
        enumOf(InterventionRole.class, f.text("role")), f.opened("by"), f.text("reason"),
        f.opened("notes"), e.timestamp(), Duration.between(decisionAt, e.timestamp()), e.entryId());
    interventions.put(i.interventionId(), i);
    interventionsOfDecision.computeIfAbsent(i.decisionId(), k -> new CopyOnWriteArrayList<>())
        .add(i.interventionId());
    remember(f, i.decisionId());
  }

  private void halt(Fields f) {
    LedgerEntry e = f.entry();
    Object scope = f.entry().payload().get("scope");
    Halt h = new Halt(f.text("halt_id"), Scopes.fromJson(scope == null ? Map.of() : scope),
        f.opened("by"), f.text("reason"), e.timestamp(), e.entryId(), null);
    halts.put(h.haltId(), h);
    reindexHalts();
  }

  private void resume(Fields f) {
    LedgerEntry e = f.entry();
    halts.computeIfPresent(f.text("halt_id"), (k, h) -> h.active()
        ? h.resumed(new Halt.Resumption(f.opened("by"), f.text("reason"), e.timestamp(), e.entryId()))
        : h);
    reindexHalts();
  }

  private void reindexHalts() {
    List<Halt> active = new ArrayList<>();
    for (Halt h : halts.values()) {
      if (h.active()) {
        active.add(h);
      }
    }
    active.sort(Comparator.comparingLong(h -> seq(h.ledgerEntryId())));
    activeHalts = new HaltIndex(active);
  }

  private void incident(Fields f) {
    LedgerEntry e = f.entry();
    String id = f.text("incident_id");
    String phase = f.text("phase");
    if ("opened".equals(phase)) {
      List<String> decisions = f.texts("decision_ids");
      incidents.put(id, new Incident(id, enumOf(IncidentCategory.class, f.text("category")),
          f.opened("description"), f.instant("aware_at"), f.instant("report_deadline"),
          decisions, f.texts("evidence_ids"), f.opened("by"), e.timestamp(),
          f.optText("legal_hold_id"), null, null, e.entryId()));
      return;
    }
    IncidentReport.Kind kind = "final_report".equals(phase) ? IncidentReport.Kind.FINAL
        : IncidentReport.Kind.INITIAL;
    IncidentReport report = new IncidentReport(kind, f.opened("by"), f.opened("summary"),
        e.timestamp(), e.entryId());
    incidents.computeIfPresent(id, (k, x) -> new Incident(x.incidentId(), x.category(),
        x.description(), x.awareAt(), x.reportDeadline(), x.decisionIds(), x.evidenceIds(),
        x.openedBy(), x.openedAt(), x.legalHoldId(),
        kind == IncidentReport.Kind.INITIAL ? report : x.initialReport(),
        kind == IncidentReport.Kind.FINAL ? report : x.finalReport(), x.ledgerEntryId()));
  }

  private void contest(Fields f) {
    LedgerEntry e = f.entry();
    String id = f.text("contest_id");
    if ("opened".equals(f.text("phase"))) {
      Contest c = new Contest(id, f.text("decision_id"), f.text("escalation_id"),
          f.opened("contestant"), f.opened("grounds"), e.timestamp(), e.entryId(), null);
      contests.put(id, c);
      contestsOfDecision.computeIfAbsent(c.decisionId(), k -> new CopyOnWriteArrayList<>()).add(id);
      remember(f, c.decisionId());
      return;
    }
    Contest.Outcome outcome = new Contest.Outcome(enumOf(Contest.Verdict.class, f.text("verdict")),
        enumOf(Resolution.class, f.text("resolution")), f.opened("by"), f.opened("notes"),
        e.timestamp(), e.entryId());
    contests.computeIfPresent(id, (k, c) -> new Contest(c.contestId(), c.decisionId(),
        c.escalationId(), c.contestant(), c.grounds(), c.openedAt(), c.ledgerEntryId(), outcome));
  }

  private void key(Fields f) {
    if (!ConfirmationSignatures.PURPOSE.equals(f.optText("purpose"))) {
      return;
    }
    String kid = f.text("key_id");
    confirmationKeys.put(kid, VerificationKey.fromPem(f.text("public_key_pem")).withKeyId(kid));
  }

  private void remember(Fields f, String decisionId) {
    String entry = f.optText("decision_entry");
    if (entry != null) {
      decisionEntries.put(decisionId, entry);
    }
  }

  // ---- queries ----

  /** The escalations of a decision, in the order they were opened. */
  List<Escalation> escalationsOf(String decisionId) {
    return lookup(escalationsOfDecision.get(decisionId), escalations::get);
  }

  List<DecisionOverride> overridesOf(String decisionId) {
    return lookup(overridesOfDecision.get(decisionId), overrides::get);
  }

  List<Intervention> interventionsOf(String decisionId) {
    return lookup(interventionsOfDecision.get(decisionId), interventions::get);
  }

  List<Contest> contestsOf(String decisionId) {
    return lookup(contestsOfDecision.get(decisionId), contests::get);
  }

  private static <T> List<T> lookup(@Nullable List<String> ids, Function<String, @Nullable T> get) {
    if (ids == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      T t = get.apply(id);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  /** {@code values} sorted by the seq of their ledger entry ids. */
  static <T> List<T> inLedgerOrder(Collection<T> values, Function<T, String> entryId) {
    List<T> out = new ArrayList<>(values);
    out.sort(Comparator.comparingLong(v -> seq(entryId.apply(v))));
    return out;
  }

  static long seq(String entryId) {
    return Long.parseLong(entryId.substring("entry_".length()));
  }

  static <E extends Enum<E>> E enumOf(Class<E> type, String jsonName) {
    return Enum.valueOf(type, jsonName.toUpperCase(Locale.ROOT));
  }
}

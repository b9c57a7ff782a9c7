package dev.lexecon.oversight;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Confirmation;
import dev.lexecon.api.oversight.Contest;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.EscalationPriority;
import dev.lexecon.api.oversight.EscalationStatus;
import dev.lexecon.api.oversight.EscalationTrigger;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.risk.RiskLevel;
import dev.lexecon.token.VerificationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Escalations: opening (by {@code decide()} or by hand), acknowledging, resolving, four-eyes
 * confirmations with their signatures, and contests, which are escalations a person asked for.
 * Every change holds the recorder's lock from the state check to the applied entry, so two people
 * acting on one escalation at once cannot both succeed.
 */
final class EscalationDesk {
  private final Recorder r;
  private final ConfirmationSignatures signatures;

  EscalationDesk(Recorder r, ConfirmationSignatures signatures) {
    this.r = r;
    this.signatures = signatures;
  }

  /**
   * Opens the escalation of an ESCALATED decision (a no-op for other outcomes):
   * trigger, priority, assignees and any four-eyes requirement follow from its reasons, risk and
   * policy.
   *
   * @return the escalation opened, or null when the decision is not ESCALATED
   */
  @Nullable Escalation escalate(Decision decision, DecisionRequest request, Policy policy) {
    if (decision.outcome() != Outcome.ESCALATED) {
      return null;
    }
    FourEyesRule rule = FourEyesRule.of(decision, policy, r.config.defaultConfirmations());
    boolean risky = decision.reasons().stream().anyMatch(r -> r.code() == ReasonCode.RISK_ESCALATION);
    RiskLevel level = decision.risk().level();
    EscalationPriority priority = level == RiskLevel.CRITICAL ? EscalationPriority.CRITICAL
        : level == RiskLevel.HIGH || rule != null ? EscalationPriority.HIGH
        : EscalationPriority.MEDIUM;
    List<String> assignees = rule != null && rule.role() != null
        ? List.of("role:" + rule.role().name()) : r.config.autoAssignees();
    StringBuilder summary = new StringBuilder()
        .append(request.actor()).append(" asks to ").append(request.action())
        .append(" with tool ").append(request.tool());
    if (request.resource() != null) {
      summary.append(" on ").append(request.resource());
    }
    summary.append("; risk ").append(decision.risk().overall()).append(' ')
        .append(level).append("; escalated because: ");
    List<String> why = new ArrayList<>();
    for (Reason r : decision.reasons()) {
      if (r.code() != ReasonCode.PERMITTED) {
        why.add(r.message());
      }
    }
    summary.append(String.join("; ", why));
    // No lock: opening checks no state and nothing can act on an escalation before its id is
    // returned, so concurrent escalated decisions do not queue behind each other's commits.
    return open(null, decision.decisionId(), decision.ledgerEntryId(), null,
        risky ? EscalationTrigger.RISK_THRESHOLD : EscalationTrigger.EXPLICIT_RULE, priority,
        assignees, summary.toString(), rule, r.now());
  }

  Escalation openEscalation(Principal by, @Nullable String decisionId,
      EscalationTrigger trigger, EscalationPriority priority, List<String> assignees,
      String contextSummary) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(priority, "priority");
    List<String> checked = Assignees.checkAll(assignees);
    String summary = Recorder.text(contextSummary, "context summary");
    r.require(by, Permission.VIEW_DASHBOARD, "open_escalation", decisionId);
    r.writes.lock();
    try {
      String entryId = decisionId == null ? null : r.decisionEntry(decisionId).entryId();
      return open(by, decisionId, entryId, null, trigger, priority, checked, summary, null, r.now());
    } finally {
      r.writes.unlock();
    }
  }

  private Escalation open(@Nullable Principal by, @Nullable String decisionId,
      @Nullable String decisionEntry, @Nullable String contestId, EscalationTrigger trigger,
      EscalationPriority priority, List<String> assignees, String summary,
      @Nullable FourEyesRule rule, Instant now) {
    String id = r.newId("esc_");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("escalation_id", id);
    if (decisionId != null) {
      p.put("decision_id", decisionId);
    }
    if (decisionEntry != null) {
      p.put("decision_entry", decisionEntry);
    }
    if (contestId != null) {
      p.put("contest_id", contestId);
    }
    p.put("trigger", trigger.jsonName());
    p.put("priority", priority.jsonName());
    List<Object> recorded = new ArrayList<>();
    for (String a : assignees) {
      recorded.add(Assignees.isRole(a) ? a : Fields.person(a));
    }
    p.put("assignees", recorded);
    p.put("context_summary", Fields.person(summary));
    p.put("deadline", Fields.time(now.plus(r.config.sla(priority))));
    p.put("required_confirmations", rule == null ? 1 : rule.persons());
    if (rule != null && rule.role() != null) {
      p.put("confirmer_role", rule.role().name());
    }
    if (by != null) {
      Fields.actor(p, by);
    }
    r.record(EventType.ESCALATION_OPENED, p, now);
    return r.state.escalations.get(id);
  }

  private Escalation existing(String escalationId) {
    Objects.requireNonNull(escalationId, "escalationId");
    Escalation e = r.state.escalations.get(escalationId);
    if (e == null) {
      throw new IllegalArgumentException("no escalation " + escalationId);
    }
    return e;
  }

  private static void checkOpen(Escalation e, Instant now) {
    if (e.resolution() != null) {
      throw new IllegalStateException("escalation " + e.escalationId() + " was already resolved ("
          + e.resolution().resolution().jsonName() + ") at " + e.resolution().resolvedAt()
          + "; resolving twice is refused");
    }
    if (e.status(now) == EscalationStatus.EXPIRED) {
      throw new IllegalStateException("escalation " + e.escalationId() + " expired at "
          + e.deadline() + "; the request has to be made again");
    }
  }

  private static boolean mayResolve(Escalation e, Principal p) {
    return e.isAssignee(p) || p.id().equals(e.acknowledgedBy());
  }

  Escalation acknowledge(String escalationId, Principal by) {
    Objects.requireNonNull(by, "by");
    r.require(by, Permission.APPROVE_REQUESTS, "acknowledge_escalation", escalationId);
    r.writes.lock();
    try {
      Escalation e = existing(escalationId);
      Instant now = r.now();
      checkOpen(e, now);
      if (e.acknowledgedAt() != null) {
        throw new IllegalStateException("escalation " + escalationId + " was already acknowledged at "
            + e.acknowledgedAt());
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("escalation_id", escalationId);
      Fields.actor(p, by);
      r.record(EventType.ESCALATION_ACKNOWLEDGED, p, now);
      return r.state.escalations.get(escalationId);
    } finally {
      r.writes.unlock();
    }
  }

  Escalation resolve(String escalationId, Principal by, Resolution resolution,
      @Nullable String notes) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(resolution, "resolution");
    String n = Recorder.optText(notes, "notes");
    r.require(by, Permission.APPROVE_REQUESTS, "resolve_escalation", escalationId);
    r.writes.lock();
    try {
      Escalation e = existing(escalationId);
      Instant now = r.now();
      checkOpen(e, now);
      if (!mayResolve(e, by)) {
        throw r.refuse(by, "resolve_escalation", null,
            "an assignee of the escalation or whoever acknowledged it", escalationId);
      }
      if (e.fourEyes() && resolution == Resolution.APPROVED) {
        throw new IllegalStateException("escalation " + escalationId + " needs confirmation by "
            + e.requiredConfirmations() + " distinct persons; approve it with confirm()");
      }
      return finish(e, by, resolution, n, now);
    } finally {
      r.writes.unlock();
    }
  }

  /** Records a resolution, the contest outcome it settles, and revokes what a denial takes back. */
  private Escalation finish(Escalation e, Principal by, Resolution resolution,
      @Nullable String notes, Instant now) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("escalation_id", e.escalationId());
    if (e.decisionId() != null) {
      p.put("decision_id", e.decisionId());
    }
    p.put("resolution", resolution.jsonName());
    Fields.actor(p, by);
    if (notes != null) {
      p.put("notes", Fields.person(notes));
    }
    p.put("response_time_ms", Duration.between(e.openedAt(), now).toMillis());
    p.put("within_sla", now.isBefore(e.deadline()));
    Escalation current = r.state.escalations.get(e.escalationId());
    if (!current.confirmations().isEmpty()) {
      List<String> links = new ArrayList<>();
      current.confirmations().forEach(c -> links.add(c.ledgerEntryId()));
      p.put("confirmations", links);
    }
    LedgerEntry resolved = r.record(EventType.ESCALATION_RESOLVED, p, now);
    String contestId = r.state.contestOfEscalation.get(e.escalationId());
    if (e.decisionId() != null) {
      Outcome original = Recorder.outcomeOf(r.decisionEntry(e.decisionId()));
      boolean allowed = original == Outcome.APPROVED || original == Outcome.CONDITIONAL;
      if (contestId != null) {
        Contest.Verdict verdict = switch (resolution) {
          case APPROVED -> allowed ? Contest.Verdict.REJECTED : Contest.Verdict.UPHELD;
          case DENIED -> allowed ? Contest.Verdict.UPHELD : Contest.Verdict.REJECTED;
          default -> Contest.Verdict.REFERRED;
        };
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("contest_id", contestId);
        c.put("phase", "decided");
        c.put("decision_id", e.decisionId());
        c.put("escalation_id", e.escalationId());
        c.put("verdict", verdict.jsonName());
        c.put("resolution", resolution.jsonName());
        c.put("resolution_entry", resolved.entryId());
        Fields.actor(c, by);
        if (notes != null) {
          c.put("notes", Fields.person(notes));
        }
        r.record(EventType.CONTEST, c, now);
      }
      if (resolution == Resolution.DENIED && allowed) {
        r.revokeDecision.accept(e.decisionId(), "denied by a human in " + e.escalationId());
      }
    }
    return r.state.escalations.get(e.escalationId());
  }

  Escalation confirm(String escalationId, Principal by, @Nullable String note) {
    return verdict(escalationId, by, Confirmation.Verdict.CONFIRMED, Recorder.optText(note, "note"));
  }

  Escalation reject(String escalationId, Principal by, String reason) {
    return verdict(escalationId, by, Confirmation.Verdict.REJECTED, Recorder.text(reason, "reason"));
  }

  private Escalation verdict(String escalationId, Principal by, Confirmation.Verdict verdict,
      @Nullable String note) {
    Objects.requireNonNull(by, "by");
    String operation = verdict == Confirmation.Verdict.CONFIRMED ? "confirm" : "reject";
    r.require(by, Permission.APPROVE_REQUESTS, operation, escalationId);
    r.writes.lock();
    try {
      Escalation e = existing(escalationId);
      Instant now = r.now();
      checkOpen(e, now);
      if (e.decisionId() == null) {
        throw new IllegalStateException("escalation " + escalationId + " holds no decision to confirm");
      }
      if (!mayResolve(e, by)) {
        throw r.refuse(by, operation, null,
            "an assignee of the escalation or whoever acknowledged it", escalationId);
      }
      if (e.confirmerRole() != null && !by.hasRole(e.confirmerRole())) {
        throw r.refuse(by, operation, null, "role " + e.confirmerRole().name(), escalationId);
      }
      for (Confirmation c : e.confirmations()) {
        if (by.id().equals(c.principalId())) {
          throw new IllegalStateException("this person already gave a verdict on " + escalationId
              + " (" + c.confirmationId() + "); the same person counts once");
        }
      }
      LedgerEntry decision = r.decisionEntry(e.decisionId());
      Fields df = new Fields(decision);
      Object req = decision.payload().get("request");
      String requester = req instanceof Map<?, ?> m
          ? df.open(m.get("actor"), "/payload/request/actor") : null;
      if (by.id().equals(requester)) {
        throw r.refuse(by, operation, null, "a person other than the one who made the request",
            escalationId);
      }
      if (!r.state.confirmationKeys.containsKey(signatures.verificationKey().keyId())) {
        // Announced before its first signature, so a ledger without confirmations stays as it was.
        r.record(EventType.KEY_ROTATED, signatures.announcement(), now);
      }
      String id = r.newId("cnf_");
      Map<String, Object> body = ConfirmationSignatures.body(id, escalationId, e.decisionId(),
          decision.entryId(), verdict, by.id(), by.roles(), note, now);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("confirmation_id", id);
      p.put("escalation_id", escalationId);
      p.put("decision_id", e.decisionId());
      p.put("decision_entry", decision.entryId());
      p.put("verdict", verdict.jsonName());
      Fields.actor(p, by);
      if (note != null) {
        p.put("note", Fields.person(note));
      }
      p.put("signature", signatures.sign(body));
      r.record(EventType.CONFIRMATION, p, now);
      Escalation updated = r.state.escalations.get(escalationId);
      if (verdict == Confirmation.Verdict.REJECTED) {
        return finish(updated, by, Resolution.DENIED, note, now);
      }
      Set<String> distinct = new LinkedHashSet<>();
      for (Confirmation c : updated.confirmations()) {
        if (c.verdict() == Confirmation.Verdict.CONFIRMED && c.principalId() != null) {
          distinct.add(c.principalId());
        }
      }
      if (distinct.size() >= updated.requiredConfirmations()) {
        return finish(updated, by, Resolution.APPROVED, note, now);
      }
      return updated;
    } finally {
      r.writes.unlock();
    }
  }

  Optional<Escalation> escalation(String escalationId) {
    return Optional.ofNullable(r.state.escalations.get(Objects.requireNonNull(escalationId)));
  }

  List<Escalation> escalationsOf(String decisionId) {
    return r.state.escalationsOf(Objects.requireNonNull(decisionId, "decisionId"));
  }

  List<Escalation> openEscalations() {
    Instant now = r.now();
    return escalations(e -> e.isOpen(now));
  }

  List<Escalation> overdueEscalations() {
    Instant now = r.now();
    return escalations(e -> e.status(now) == EscalationStatus.EXPIRED);
  }

  List<Escalation> resolvedEscalations() {
    return escalations(e -> e.resolution() != null);
  }

  private List<Escalation> escalations(Predicate<Escalation> filter) {
    return Projection.inLedgerOrder(
        r.state.escalations.values().stream().filter(filter).toList(), Escalation::ledgerEntryId);
  }

  boolean verifyConfirmation(LedgerEntry entry) {
    return EventType.CONFIRMATION.jsonName().equals(entry.eventType())
        && ConfirmationSignatures.verify(entry, r.state.confirmationKeys.values());
  }

  VerificationKey confirmationKey() {
    return signatures.verificationKey();
  }

  Contest contest(String decisionId, String contestant, String grounds) {
    Objects.requireNonNull(decisionId, "decisionId");
    String who = Recorder.text(contestant, "contestant");
    String why = Recorder.text(grounds, "grounds");
    r.writes.lock();
    try {
      LedgerEntry decision = r.decisionEntry(decisionId);
      Instant now = r.now();
      for (Contest c : r.state.contestsOf(decisionId)) {
        // A review whose escalation expired unresolved is over (listed overdue): the person keeps
        // the right to contest, so it must not block a new contest forever.
        Escalation review = r.state.escalations.get(c.escalationId());
        if (c.outcome() == null && review != null && review.isOpen(now)) {
          throw new IllegalStateException("decision " + decisionId + " is already under review for"
              + " contest " + c.contestId() + " until " + review.deadline());
        }
      }
      String id = r.newId("cst_");
      Escalation e = open(null, decisionId, decision.entryId(), id, EscalationTrigger.ACTOR_REQUEST,
          r.config.contestPriority(), r.config.autoAssignees(),
          "decision " + decisionId + " (" + Recorder.outcomeOf(decision) + ") contested: " + why, null, now);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("contest_id", id);
      p.put("phase", "opened");
      p.put("decision_id", decisionId);
      p.put("decision_entry", decision.entryId());
      p.put("escalation_id", e.escalationId());
      p.put("contestant", Fields.person(who));
      p.put("grounds", Fields.person(why));
      r.record(EventType.CONTEST, p, now);
      return r.state.contests.get(id);
    } finally {
      r.writes.unlock();
    }
  }

  List<Contest> contests(String decisionId) {
    return r.state.contestsOf(Objects.requireNonNull(decisionId, "decisionId"));
  }
}

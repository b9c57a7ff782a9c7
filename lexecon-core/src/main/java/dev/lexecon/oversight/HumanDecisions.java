package dev.lexecon.oversight;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.DecisionOverride;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.Intervention;
import dev.lexecon.api.oversight.InterventionMetrics;
import dev.lexecon.api.oversight.InterventionRole;
import dev.lexecon.api.oversight.InterventionType;
import dev.lexecon.api.oversight.OverrideType;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.policy.Obligations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What people decided about a decision after the engine did: overrides, EU AI Act Art. 14
 * interventions, and the approval these and resolved escalations add up to when a token is asked
 * for.
 */
final class HumanDecisions {
  private final Recorder r;

  HumanDecisions(Recorder r) {
    this.r = r;
  }

  /**
   * What a human granted a decision: an override in force, or an approved escalation (including
   * four-eyes confirmation and an upheld contest), with the decision's ledger entry.
   *
   * @throws IllegalArgumentException for an unknown decision
   * @throws IllegalStateException naming why no token may be issued: no human approval, a denial
   *     after it, a rejecting intervention, or a decision {@code decide()} itself approved
   */
  OversightEngine.Approval approvalFor(String decisionId) {
    Objects.requireNonNull(decisionId, "decisionId");
    LedgerEntry entry = r.decisionEntry(decisionId);
    Outcome recorded = Projection.enumOf(Outcome.class, (String) entry.payload().get("outcome"));
    for (Intervention i : r.state.interventionsOf(decisionId)) {
      if (i.type() == InterventionType.REJECTION) {
        throw new IllegalStateException("decision " + decisionId
            + " was rejected by human intervention " + i.interventionId() + "; no token");
      }
    }
    Escalation lastResolved = null;
    for (Escalation e : r.state.escalationsOf(decisionId)) {
      if (e.resolution() != null && (lastResolved == null
          || Projection.seq(e.resolution().ledgerEntryId())
              > Projection.seq(lastResolved.resolution().ledgerEntryId()))) {
        lastResolved = e;
      }
    }
    List<String> remaining = new ArrayList<>();
    if (entry.payload().get("obligations") instanceof List<?> owed) {
      for (Object o : owed) {
        if (!Obligations.needsHuman((String) o)) {
          remaining.add((String) o);
        }
      }
    }
    Optional<DecisionOverride> override = activeOverride(decisionId);
    if (override.isPresent()) {
      DecisionOverride o = override.get();
      return new OversightEngine.Approval(decisionId, o.newOutcome(),
          o.newOutcome() == Outcome.CONDITIONAL ? remaining : List.of(), entry,
          "override " + o.overrideId());
    }
    if (lastResolved != null && lastResolved.resolution().resolution() == Resolution.APPROVED) {
      return new OversightEngine.Approval(decisionId, remaining.isEmpty() ? Outcome.APPROVED : Outcome.CONDITIONAL,
          remaining, entry, "escalation " + lastResolved.escalationId() + " approved");
    }
    if (lastResolved != null && lastResolved.resolution().resolution() == Resolution.DENIED) {
      throw new IllegalStateException("decision " + decisionId + " was denied by a human in "
          + lastResolved.escalationId() + "; no token");
    }
    if (recorded == Outcome.APPROVED || recorded == Outcome.CONDITIONAL) {
      throw new IllegalStateException("decision " + decisionId + " was " + recorded
          + " by decide(), which issued its token; tokenFor serves decisions a human approved");
    }
    throw new IllegalStateException("decision " + decisionId + " is " + recorded
        + " and no human has approved it (no approved escalation, no override in force)");
  }

  DecisionOverride override(String decisionId, Principal by, OverrideType type,
      Outcome newOutcome, String justification, @Nullable Duration validity) {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(newOutcome, "newOutcome");
    Objects.requireNonNull(justification, "justification");
    String why = justification.trim();
    if (why.length() < 20) {
      throw new IllegalArgumentException("an override justification needs at least 20 characters"
          + " once trimmed, had " + why.length());
    }
    Recorder.text(why, "justification");
    if (newOutcome != Outcome.APPROVED && newOutcome != Outcome.CONDITIONAL) {
      throw new IllegalArgumentException("an override approves (APPROVED or CONDITIONAL), not "
          + newOutcome);
    }
    if (validity != null && (validity.isNegative() || validity.isZero()
        || validity.compareTo(OversightConfig.MAX_OVERRIDE_VALIDITY) > 0)) {
      throw new IllegalArgumentException("an override lasts more than 0 and at most 90 days, not "
          + validity);
    }
    r.require(by, Permission.APPROVE_REQUESTS, "override", decisionId);
    if (!by.hasAnyRole(r.config.overrideRoles())) {
      throw r.refuse(by, "override", null, "one of the roles " + Recorder.roleList(r.config.overrideRoles()),
          decisionId);
    }
    r.writes.lock();
    try {
      LedgerEntry decision = r.decisionEntry(decisionId);
      Outcome original = Recorder.outcomeOf(decision);
      if (original != Outcome.DENIED && original != Outcome.ESCALATED) {
        throw new IllegalStateException("only DENIED or ESCALATED decisions can be overridden; "
            + decisionId + " was " + original);
      }
      Instant now = r.now();
      Duration lasts = validity != null ? validity
          : type == OverrideType.TIME_LIMITED_EXCEPTION ? OversightConfig.DEFAULT_EXCEPTION_VALIDITY
          : null;
      String id = r.newId("ovr_");
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("override_id", id);
      p.put("decision_id", decisionId);
      p.put("decision_entry", decision.entryId());
      p.put("override_type", type.jsonName());
      Fields.actor(p, by);
      p.put("justification", why);
      p.put("original_outcome", original.name().toLowerCase(java.util.Locale.ROOT));
      p.put("new_outcome", newOutcome.name().toLowerCase(java.util.Locale.ROOT));
      if (lasts != null) {
        p.put("expires_at", Fields.time(now.plus(lasts)));
      }
      r.record(EventType.OVERRIDE, p, now);
      return r.state.overrides.get(id);
    } finally {
      r.writes.unlock();
    }
  }

  Optional<DecisionOverride> activeOverride(String decisionId) {
    Instant now = r.now();
    List<DecisionOverride> all = r.state.overridesOf(Objects.requireNonNull(decisionId, "decisionId"));
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).activeAt(now)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  List<DecisionOverride> activeOverrides() {
    Instant now = r.now();
    return Projection.inLedgerOrder(
        r.state.overrides.values().stream().filter(o -> o.activeAt(now)).toList(),
        DecisionOverride::ledgerEntryId);
  }

  Intervention intervene(String decisionId, Principal by, InterventionRole role,
      InterventionType type, String reason, @Nullable String notes) {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(type, "type");
    String why = Recorder.text(reason, "reason");
    String n = Recorder.optText(notes, "notes");
    r.require(by, Permission.APPROVE_REQUESTS, "intervene", decisionId);
    if (!by.hasRole(role.role())) {
      throw r.refuse(by, "intervene", null, "role " + role.jsonName(), decisionId);
    }
    r.writes.lock();
    try {
      LedgerEntry decision = r.decisionEntry(decisionId);
      Instant now = r.now();
      String id = r.newId("int_");
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("intervention_id", id);
      p.put("decision_id", decisionId);
      p.put("decision_entry", decision.entryId());
      p.put("intervention_type", type.jsonName());
      p.put("role", role.jsonName());
      Fields.actor(p, by);
      p.put("reason", why);
      if (n != null) {
        p.put("notes", Fields.person(n));
      }
      p.put("decision_at", Fields.time(decision.timestamp()));
      p.put("response_time_ms", Duration.between(decision.timestamp(), now).toMillis());
      r.record(EventType.INTERVENTION, p, now);
      if (type == InterventionType.REJECTION) {
        r.revokeDecision.accept(decisionId, "rejected by human intervention " + id);
      }
      return r.state.interventions.get(id);
    } finally {
      r.writes.unlock();
    }
  }

  List<Intervention> interventions(String decisionId) {
    return r.state.interventionsOf(Objects.requireNonNull(decisionId, "decisionId"));
  }

  List<InterventionMetrics> interventionMetrics() {
    List<InterventionMetrics> out = new ArrayList<>();
    for (InterventionRole role : InterventionRole.values()) {
      List<Duration> times = new ArrayList<>();
      for (Intervention i : r.state.interventions.values()) {
        if (i.role() == role) {
          times.add(i.responseTime());
        }
      }
      times.sort(Comparator.naturalOrder());
      if (times.isEmpty()) {
        out.add(new InterventionMetrics(role, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        continue;
      }
      Duration sum = Duration.ZERO;
      for (Duration d : times) {
        sum = sum.plus(d);
      }
      out.add(new InterventionMetrics(role, times.size(), sum.dividedBy(times.size()),
          times.get((times.size() - 1) / 2), times.get(times.size() - 1)));
    }
    return out;
  }
}

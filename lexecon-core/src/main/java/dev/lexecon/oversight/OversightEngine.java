package dev.lexecon.oversight;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.RateLimitedException;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.AccountabilityReport;
import dev.lexecon.api.oversight.Confirmation;
import dev.lexecon.api.oversight.Contest;
import dev.lexecon.api.oversight.DecisionOverride;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.EscalationPriority;
import dev.lexecon.api.oversight.EscalationStatus;
import dev.lexecon.api.oversight.EscalationTrigger;
import dev.lexecon.api.oversight.Explanation;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.oversight.HaltScope;
import dev.lexecon.api.oversight.Incident;
import dev.lexecon.api.oversight.IncidentCategory;
import dev.lexecon.api.oversight.IncidentReport;
import dev.lexecon.api.oversight.Intervention;
import dev.lexecon.api.oversight.InterventionMetrics;
import dev.lexecon.api.oversight.InterventionRole;
import dev.lexecon.api.oversight.InterventionType;
import dev.lexecon.api.oversight.OverrideType;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.PermissionDeniedException;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.oversight.ResponsibilityChain;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.risk.RiskLevel;
import dev.lexecon.internal.UlidGenerator;
import dev.lexecon.ledger.Ledger;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.policy.Obligations;
import dev.lexecon.token.SignatureAlgorithm;
import dev.lexecon.token.SigningKey;
import dev.lexecon.token.VerificationKey;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The implementation of {@link Oversight} that {@code Lexecon} wires into its decide pipeline.
 * Applications use {@code Lexecon.oversight()} and never build one; the methods beyond {@link
 * Oversight} ({@link #admit}, {@link #decisionGate}, {@link #haltCovering}, {@link #escalate},
 * {@link #approvalFor}) are the hooks {@code decide()} and {@code tokenFor()} call.
 *
 * <p><b>Why a gate.</b> A halt must be race-free: once {@link #halt} returns, no decision in scope
 * may come out APPROVED. {@code decide()} holds the gate's shared side from the halt check until its
 * decision is recorded and its token registered; {@code halt()} takes the exclusive side to record
 * the halt. So every decision recorded after the {@code halt} entry saw the halt, and every token
 * issued before it is known to the revocation that follows. The shared side is uncontended until
 * someone presses stop.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class OversightEngine implements Oversight {
  private static final int PAGE = 512;
  private static final int MAX_TEXT = 2000;

  private final OversightConfig config;
  private final LedgerEngine ledger;
  private final Clock clock;
  private final IdGenerator ids;
  private final Projection state = new Projection();
  private final DecisionLookup decisions;
  private final ReentrantLock writes = new ReentrantLock();
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private final @Nullable ActorRateLimiter rateLimiter;
  private final ConfirmationSignatures signatures;
  private final Consumer<Halt> onHalt;
  private final BiConsumer<String, String> revokeDecision;

  private OversightEngine(Builder b) {
    this.config = b.config;
    this.ledger = b.ledger;
    this.clock = b.clock;
    this.ids = b.ids != null ? b.ids : new UlidGenerator(b.clock);
    this.decisions = new DecisionLookup(ledger);
    this.rateLimiter = b.ratePerSecond > 0
        ? new ActorRateLimiter(clock, b.ratePerSecond, b.burst) : null;
    SigningKey key = config.confirmationKey() != null ? config.confirmationKey()
        : SigningKey.generate(SignatureAlgorithm.ED25519);
    this.signatures = new ConfirmationSignatures(key);
    this.onHalt = b.onHalt;
    this.revokeDecision = b.revokeDecision;
    rebuild();
  }

  /** Starts wiring an engine over {@code ledger}. */
  public static Builder builder(LedgerEngine ledger) {
    return new Builder(ledger);
  }

  /** Reads every oversight event of the ledger, in ledger order, into the projection. */
  private void rebuild() {
    List<LedgerEntry> all = new ArrayList<>();
    for (EventType type : Projection.TYPES) {
      for (long offset = 0; ; offset += PAGE) {
        List<LedgerEntry> page = ledger.entries(type, offset, PAGE);
        all.addAll(page);
        if (page.size() < PAGE) {
          break;
        }
      }
    }
    all.sort(Comparator.comparingLong(LedgerEntry::seq));
    all.forEach(state::apply);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Appends and applies one event; callers that check state first hold {@link #writes}. */
  private LedgerEntry record(EventType type, Map<String, ?> payload, Instant at) {
    LedgerEntry entry = ledger.append(type, payload, at);
    state.apply(entry);
    return entry;
  }

  private String newId(String prefix) {
    return prefix + ids.nextId();
  }

  // ---- hooks for the decide pipeline ----

  /**
   * Takes a rate-limit token for {@code actor}; a no-op when rate limiting is off.
   *
   * @throws RateLimitedException when the actor is over its rate; nothing is recorded
   */
  public void admit(String actor) {
    if (rateLimiter != null) {
      Duration wait = rateLimiter.acquire(actor);
      if (!wait.isZero()) {
        throw new RateLimitedException(wait);
      }
    }
  }

  /**
   * The shared side of the halt gate: {@code decide()} holds it from the halt check until its
   * decision is recorded and its token registered (see the class description).
   */
  public Lock decisionGate() {
    return gate.readLock();
  }

  /** The first halt in force whose scope covers a request with these attributes, or null. */
  public @Nullable Halt haltCovering(String actor, String tool, Set<GovernanceDomain> domains) {
    HaltIndex index = state.activeHalts();
    return index.isEmpty() ? null : index.covering(actor, tool, domains);
  }

  /**
   * The halt that revokes a token with these attributes: one in force that covers it, or a lifted
   * one that covers it and was recorded after the token's decision and no earlier than the token
   * ({@code issuedAt} has whole seconds, so a token issued in the halt's second counts as earlier:
   * the safe side). Null when none does. Cheap when there have been no halts.
   *
   * @param decisionEntryId the ledger entry of the token's decision ({@code led}), or null
   */
  public @Nullable Halt haltRevoking(String actor, String tool, Set<GovernanceDomain> domains,
      Instant issuedAt, @Nullable String decisionEntryId) {
    if (state.halts.isEmpty()) {
      return null;
    }
    for (Halt h : state.halts.values()) {
      boolean earlier = h.active() || decisionEntryId == null
          || Projection.seq(decisionEntryId) < Projection.seq(h.ledgerEntryId())
              && !issuedAt.isAfter(h.haltedAt());
      if (earlier && HaltIndex.covers(h.scope(), actor, tool, domains)) {
        return h;
      }
    }
    return null;
  }

  /** Whether any halt, in force or lifted, was ever recorded: the verifier's fast path. */
  public boolean haltsRecorded() {
    return !state.halts.isEmpty();
  }

  /** Whether {@code scope} covers a request (or token) with these attributes. */
  public static boolean covers(HaltScope scope, String actor, String tool,
      Set<GovernanceDomain> domains) {
    return HaltIndex.covers(scope, actor, tool, domains);
  }

  /**
   * The halt in force just before ledger entry {@code seq} that covers a request with these
   * attributes, read from the ledger alone; for replaying a halted decision.
   */
  public static @Nullable Halt haltAt(Ledger ledger, long seq, String actor, String tool,
      Set<GovernanceDomain> domains) {
    Projection p = new Projection();
    List<LedgerEntry> all = new ArrayList<>();
    for (EventType type : List.of(EventType.HALT, EventType.RESUME)) {
      for (long offset = 0; ; offset += PAGE) {
        List<LedgerEntry> page = ledger.entries(type, offset, PAGE);
        page.stream().filter(e -> e.seq() < seq).forEach(all::add);
        if (page.size() < PAGE) {
          break;
        }
      }
    }
    all.sort(Comparator.comparingLong(LedgerEntry::seq));
    all.forEach(p::apply);
    return p.activeHalts().covering(actor, tool, domains);
  }

  /**
   * Opens the escalation of an ESCALATED decision (a no-op for other outcomes):
   * trigger, priority, assignees and any four-eyes requirement follow from its reasons, risk and
   * policy.
   *
   * @return the escalation opened, or null when the decision is not ESCALATED
   */
  public @Nullable Escalation escalate(Decision decision, DecisionRequest request, Policy policy) {
    if (decision.outcome() != Outcome.ESCALATED) {
      return null;
    }
    FourEyesRule rule = FourEyesRule.of(decision, policy, config.defaultConfirmations());
    boolean risky = decision.reasons().stream().anyMatch(r -> r.code() == ReasonCode.RISK_ESCALATION);
    RiskLevel level = decision.risk().level();
    EscalationPriority priority = level == RiskLevel.CRITICAL ? EscalationPriority.CRITICAL
        : level == RiskLevel.HIGH || rule != null ? EscalationPriority.HIGH
        : EscalationPriority.MEDIUM;
    List<String> assignees = rule != null && rule.role() != null
        ? List.of("role:" + rule.role().name()) : config.autoAssignees();
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
    writes.lock();
    try {
      return open(null, decision.decisionId(), decision.ledgerEntryId(), null,
          risky ? EscalationTrigger.RISK_THRESHOLD : EscalationTrigger.EXPLICIT_RULE, priority,
          assignees, summary.toString(), rule, now());
    } finally {
      writes.unlock();
    }
  }

  /**
   * What a human granted a decision: an override in force, or an approved escalation (including
   * four-eyes confirmation and an upheld contest), with the decision's ledger entry.
   *
   * @throws IllegalArgumentException for an unknown decision
   * @throws IllegalStateException naming why no token may be issued: no human approval, a denial
   *     after it, a rejecting intervention, or a decision {@code decide()} itself approved
   */
  public Approval approvalFor(String decisionId) {
    Objects.requireNonNull(decisionId, "decisionId");
    LedgerEntry entry = decisionEntry(decisionId);
    Outcome recorded = Projection.enumOf(Outcome.class, (String) entry.payload().get("outcome"));
    for (Intervention i : state.interventionsOf(decisionId)) {
      if (i.type() == InterventionType.REJECTION) {
        throw new IllegalStateException("decision " + decisionId
            + " was rejected by human intervention " + i.interventionId() + "; no token");
      }
    }
    Escalation lastResolved = null;
    for (Escalation e : state.escalationsOf(decisionId)) {
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
      return new Approval(decisionId, o.newOutcome(),
          o.newOutcome() == Outcome.CONDITIONAL ? remaining : List.of(), entry,
          "override " + o.overrideId());
    }
    if (lastResolved != null && lastResolved.resolution().resolution() == Resolution.APPROVED) {
      return new Approval(decisionId, remaining.isEmpty() ? Outcome.APPROVED : Outcome.CONDITIONAL,
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

  /**
   * A human grant found by {@link #approvalFor}: the outcome to issue a token under, the
   * obligations still owed, the decision's ledger entry, and what granted it.
   *
   * @param decisionId the decision
   * @param outcome APPROVED, or CONDITIONAL when obligations remain
   * @param obligations obligations the caller still owes (none a human must meet)
   * @param decisionEntry the decision's ledger entry, to verify the token against
   * @param grantedBy the record that grants it, in words
   * @since 0.1
   */
  public record Approval(String decisionId, Outcome outcome, List<String> obligations,
      LedgerEntry decisionEntry, String grantedBy) {
    /** Checks the parts. */
    public Approval {
      Objects.requireNonNull(decisionId, "decisionId");
      Objects.requireNonNull(outcome, "outcome");
      obligations = List.copyOf(obligations);
      Objects.requireNonNull(decisionEntry, "decisionEntry");
      Objects.requireNonNull(grantedBy, "grantedBy");
    }
  }

  private LedgerEntry decisionEntry(String decisionId) {
    return decisions.find(decisionId, state.decisionEntries.get(decisionId))
        .orElseThrow(() -> new IllegalArgumentException("no decision " + decisionId + " in the ledger"));
  }

  private static Outcome outcomeOf(LedgerEntry decision) {
    return Projection.enumOf(Outcome.class, (String) decision.payload().get("outcome"));
  }

  // ---- authorisation ----

  @Override
  public AccessPolicy accessPolicy() {
    return config.access();
  }

  @Override
  public void authorize(Principal principal, Permission permission, String operation) {
    require(principal, permission, operation, null);
  }

  private void require(Principal p, Permission permission, String operation, @Nullable String target) {
    Objects.requireNonNull(p, "principal");
    if (!config.access().permits(p, permission)) {
      throw refuse(p, operation, permission, "permission " + permission.jsonName(), target);
    }
  }

  /** Records a refusal and returns the exception to throw. */
  private PermissionDeniedException refuse(Principal p, String operation,
      @Nullable Permission permission, String requirement, @Nullable String target) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("operation", operation);
    if (permission != null) {
      payload.put("permission", permission.jsonName());
    }
    payload.put("requirement", requirement);
    if (target != null) {
      payload.put("target", target);
    }
    Fields.actor(payload, p);
    ledger.append(EventType.ACCESS_DENIED, payload, now());
    return new PermissionDeniedException(operation, p.id(), permission, requirement);
  }

  private static String roleList(Set<Role> roles) {
    return String.join(", ", Fields.roleNames(roles));
  }

  private static String text(@Nullable String value, String name) {
    Objects.requireNonNull(value, name);
    String t = value.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (t.length() > MAX_TEXT) {
      throw new IllegalArgumentException(name + " is " + t.length() + " characters long; at most "
          + MAX_TEXT + " allowed");
    }
    return t;
  }

  private static @Nullable String optText(@Nullable String value, String name) {
    return value == null || value.isBlank() ? null : text(value, name);
  }

  // ---- escalations ----

  @Override
  public Escalation openEscalation(Principal by, @Nullable String decisionId,
      EscalationTrigger trigger, EscalationPriority priority, List<String> assignees,
      String contextSummary) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(priority, "priority");
    List<String> checked = Assignees.checkAll(assignees);
    String summary = text(contextSummary, "context summary");
    require(by, Permission.VIEW_DASHBOARD, "open_escalation", decisionId);
    writes.lock();
    try {
      String entryId = decisionId == null ? null : decisionEntry(decisionId).entryId();
      return open(by, decisionId, entryId, null, trigger, priority, checked, summary, null, now());
    } finally {
      writes.unlock();
    }
  }

  private Escalation open(@Nullable Principal by, @Nullable String decisionId,
      @Nullable String decisionEntry, @Nullable String contestId, EscalationTrigger trigger,
      EscalationPriority priority, List<String> assignees, String summary,
      @Nullable FourEyesRule rule, Instant now) {
    String id = newId("esc_");
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
    p.put("deadline", Fields.time(now.plus(config.sla(priority))));
    p.put("required_confirmations", rule == null ? 1 : rule.persons());
    if (rule != null && rule.role() != null) {
      p.put("confirmer_role", rule.role().name());
    }
    if (by != null) {
      Fields.actor(p, by);
    }
    record(EventType.ESCALATION_OPENED, p, now);
    return state.escalations.get(id);
  }

  private Escalation existing(String escalationId) {
    Objects.requireNonNull(escalationId, "escalationId");
    Escalation e = state.escalations.get(escalationId);
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

  @Override
  public Escalation acknowledge(String escalationId, Principal by) {
    Objects.requireNonNull(by, "by");
    require(by, Permission.APPROVE_REQUESTS, "acknowledge_escalation", escalationId);
    writes.lock();
    try {
      Escalation e = existing(escalationId);
      Instant now = now();
      checkOpen(e, now);
      if (e.acknowledgedAt() != null) {
        throw new IllegalStateException("escalation " + escalationId + " was already acknowledged at "
            + e.acknowledgedAt());
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("escalation_id", escalationId);
      Fields.actor(p, by);
      record(EventType.ESCALATION_ACKNOWLEDGED, p, now);
      return state.escalations.get(escalationId);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Escalation resolve(String escalationId, Principal by, Resolution resolution,
      @Nullable String notes) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(resolution, "resolution");
    String n = optText(notes, "notes");
    require(by, Permission.APPROVE_REQUESTS, "resolve_escalation", escalationId);
    writes.lock();
    try {
      Escalation e = existing(escalationId);
      Instant now = now();
      checkOpen(e, now);
      if (!mayResolve(e, by)) {
        throw refuse(by, "resolve_escalation", null,
            "an assignee of the escalation or whoever acknowledged it", escalationId);
      }
      if (e.fourEyes() && resolution == Resolution.APPROVED) {
        throw new IllegalStateException("escalation " + escalationId + " needs confirmation by "
            + e.requiredConfirmations() + " distinct persons; approve it with confirm()");
      }
      return finish(e, by, resolution, n, now);
    } finally {
      writes.unlock();
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
    Escalation current = state.escalations.get(e.escalationId());
    if (!current.confirmations().isEmpty()) {
      List<String> links = new ArrayList<>();
      current.confirmations().forEach(c -> links.add(c.ledgerEntryId()));
      p.put("confirmations", links);
    }
    LedgerEntry resolved = record(EventType.ESCALATION_RESOLVED, p, now);
    String contestId = state.contestOfEscalation.get(e.escalationId());
    if (e.decisionId() != null) {
      Outcome original = outcomeOf(decisionEntry(e.decisionId()));
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
        record(EventType.CONTEST, c, now);
      }
      if (resolution == Resolution.DENIED && allowed) {
        revokeDecision.accept(e.decisionId(), "denied by a human in " + e.escalationId());
      }
    }
    return state.escalations.get(e.escalationId());
  }

  @Override
  public Escalation confirm(String escalationId, Principal by, @Nullable String note) {
    return verdict(escalationId, by, Confirmation.Verdict.CONFIRMED, optText(note, "note"));
  }

  @Override
  public Escalation reject(String escalationId, Principal by, String reason) {
    return verdict(escalationId, by, Confirmation.Verdict.REJECTED, text(reason, "reason"));
  }

  private Escalation verdict(String escalationId, Principal by, Confirmation.Verdict verdict,
      @Nullable String note) {
    Objects.requireNonNull(by, "by");
    String operation = verdict == Confirmation.Verdict.CONFIRMED ? "confirm" : "reject";
    require(by, Permission.APPROVE_REQUESTS, operation, escalationId);
    writes.lock();
    try {
      Escalation e = existing(escalationId);
      Instant now = now();
      checkOpen(e, now);
      if (e.decisionId() == null) {
        throw new IllegalStateException("escalation " + escalationId + " holds no decision to confirm");
      }
      if (!mayResolve(e, by)) {
        throw refuse(by, operation, null,
            "an assignee of the escalation or whoever acknowledged it", escalationId);
      }
      if (e.confirmerRole() != null && !by.hasRole(e.confirmerRole())) {
        throw refuse(by, operation, null, "role " + e.confirmerRole().name(), escalationId);
      }
      for (Confirmation c : e.confirmations()) {
        if (by.id().equals(c.principalId())) {
          throw new IllegalStateException("this person already gave a verdict on " + escalationId
              + " (" + c.confirmationId() + "); the same person counts once");
        }
      }
      LedgerEntry decision = decisionEntry(e.decisionId());
      Fields df = new Fields(decision);
      Object req = decision.payload().get("request");
      String requester = req instanceof Map<?, ?> m
          ? df.open(m.get("actor"), "/payload/request/actor") : null;
      if (by.id().equals(requester)) {
        throw refuse(by, operation, null, "a person other than the one who made the request",
            escalationId);
      }
      if (!state.confirmationKeys.containsKey(signatures.verificationKey().keyId())) {
        // Announced before its first signature, so a ledger without confirmations stays as it was.
        record(EventType.KEY_ROTATED, signatures.announcement(), now);
      }
      String id = newId("cnf_");
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
      record(EventType.CONFIRMATION, p, now);
      Escalation updated = state.escalations.get(escalationId);
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
      writes.unlock();
    }
  }

  @Override
  public Optional<Escalation> escalation(String escalationId) {
    return Optional.ofNullable(state.escalations.get(Objects.requireNonNull(escalationId)));
  }

  @Override
  public List<Escalation> escalationsOf(String decisionId) {
    return state.escalationsOf(Objects.requireNonNull(decisionId, "decisionId"));
  }

  @Override
  public List<Escalation> openEscalations() {
    Instant now = now();
    return escalations(e -> e.isOpen(now));
  }

  @Override
  public List<Escalation> overdueEscalations() {
    Instant now = now();
    return escalations(e -> e.status(now) == EscalationStatus.EXPIRED);
  }

  @Override
  public List<Escalation> resolvedEscalations() {
    return escalations(e -> e.resolution() != null);
  }

  private List<Escalation> escalations(Predicate<Escalation> filter) {
    return Projection.inLedgerOrder(
        state.escalations.values().stream().filter(filter).toList(), Escalation::ledgerEntryId);
  }

  @Override
  public boolean verifyConfirmation(LedgerEntry entry) {
    return EventType.CONFIRMATION.jsonName().equals(entry.eventType())
        && ConfirmationSignatures.verify(entry, state.confirmationKeys.values());
  }

  @Override
  public VerificationKey confirmationKey() {
    return signatures.verificationKey();
  }

  // ---- overrides and interventions ----

  @Override
  public DecisionOverride override(String decisionId, Principal by, OverrideType type,
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
    text(why, "justification");
    if (newOutcome != Outcome.APPROVED && newOutcome != Outcome.CONDITIONAL) {
      throw new IllegalArgumentException("an override approves (APPROVED or CONDITIONAL), not "
          + newOutcome);
    }
    if (validity != null && (validity.isNegative() || validity.isZero()
        || validity.compareTo(OversightConfig.MAX_OVERRIDE_VALIDITY) > 0)) {
      throw new IllegalArgumentException("an override lasts more than 0 and at most 90 days, not "
          + validity);
    }
    require(by, Permission.APPROVE_REQUESTS, "override", decisionId);
    if (!by.hasAnyRole(config.overrideRoles())) {
      throw refuse(by, "override", null, "one of the roles " + roleList(config.overrideRoles()),
          decisionId);
    }
    writes.lock();
    try {
      LedgerEntry decision = decisionEntry(decisionId);
      Outcome original = outcomeOf(decision);
      if (original != Outcome.DENIED && original != Outcome.ESCALATED) {
        throw new IllegalStateException("only DENIED or ESCALATED decisions can be overridden; "
            + decisionId + " was " + original);
      }
      Instant now = now();
      Duration lasts = validity != null ? validity
          : type == OverrideType.TIME_LIMITED_EXCEPTION ? OversightConfig.DEFAULT_EXCEPTION_VALIDITY
          : null;
      String id = newId("ovr_");
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
      record(EventType.OVERRIDE, p, now);
      return state.overrides.get(id);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Optional<DecisionOverride> activeOverride(String decisionId) {
    Instant now = now();
    List<DecisionOverride> all = state.overridesOf(Objects.requireNonNull(decisionId, "decisionId"));
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).activeAt(now)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  @Override
  public List<DecisionOverride> activeOverrides() {
    Instant now = now();
    return Projection.inLedgerOrder(
        state.overrides.values().stream().filter(o -> o.activeAt(now)).toList(),
        DecisionOverride::ledgerEntryId);
  }

  @Override
  public Intervention intervene(String decisionId, Principal by, InterventionRole role,
      InterventionType type, String reason, @Nullable String notes) {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(type, "type");
    String why = text(reason, "reason");
    String n = optText(notes, "notes");
    require(by, Permission.APPROVE_REQUESTS, "intervene", decisionId);
    if (!by.hasRole(role.role())) {
      throw refuse(by, "intervene", null, "role " + role.jsonName(), decisionId);
    }
    writes.lock();
    try {
      LedgerEntry decision = decisionEntry(decisionId);
      Instant now = now();
      String id = newId("int_");
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
      record(EventType.INTERVENTION, p, now);
      if (type == InterventionType.REJECTION) {
        revokeDecision.accept(decisionId, "rejected by human intervention " + id);
      }
      return state.interventions.get(id);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public List<Intervention> interventions(String decisionId) {
    return state.interventionsOf(Objects.requireNonNull(decisionId, "decisionId"));
  }

  @Override
  public List<InterventionMetrics> interventionMetrics() {
    List<InterventionMetrics> out = new ArrayList<>();
    for (InterventionRole role : InterventionRole.values()) {
      List<Duration> times = new ArrayList<>();
      for (Intervention i : state.interventions.values()) {
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

  // ---- accountability and explanation ----

  @Override
  public ResponsibilityChain responsibility(String decisionId) {
    Objects.requireNonNull(decisionId, "decisionId");
    return Accountability.chain(decisionEntry(decisionId), state);
  }

  @Override
  public AccountabilityReport accountability(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
    }
    return Accountability.report(ledger, state, from, to);
  }

  @Override
  public Explanation explain(String decisionId) {
    Objects.requireNonNull(decisionId, "decisionId");
    LedgerEntry entry = decisionEntry(decisionId);
    List<String> review = new ArrayList<>();
    for (Escalation e : state.escalationsOf(decisionId)) {
      review.add("Sent to a person for review (" + e.escalationId() + ", " + e.trigger().jsonName()
          .replace('_', ' ') + ")" + (e.resolution() == null
              ? "; not yet resolved." : "; resolved as " + e.resolution().resolution().jsonName()
                  .replace('_', ' ') + (e.fourEyes() ? " after confirmation by "
                      + e.confirmations().size() + " persons." : ".")));
    }
    for (DecisionOverride o : state.overridesOf(decisionId)) {
      review.add("Overridden to " + o.newOutcome().name().toLowerCase(java.util.Locale.ROOT)
          + " (" + o.type().jsonName().replace('_', ' ') + "): " + o.justification());
    }
    for (Intervention i : state.interventionsOf(decisionId)) {
      review.add("A " + i.role().jsonName() + " intervened (" + i.type().jsonName() + "): "
          + i.reason());
    }
    for (Contest c : state.contestsOf(decisionId)) {
      review.add("Contested (" + c.contestId() + ")" + (c.outcome() == null
          ? "; under review." : "; the review " + switch (c.outcome().verdict()) {
            case UPHELD -> "upheld the contest.";
            case REJECTED -> "let the decision stand.";
            case REFERRED -> "was deferred or passed on.";
          }));
    }
    return Explainer.explain(entry, review);
  }

  @Override
  public Contest contest(String decisionId, String contestant, String grounds) {
    Objects.requireNonNull(decisionId, "decisionId");
    String who = text(contestant, "contestant");
    String why = text(grounds, "grounds");
    writes.lock();
    try {
      LedgerEntry decision = decisionEntry(decisionId);
      for (Contest c : state.contestsOf(decisionId)) {
        if (c.outcome() == null) {
          throw new IllegalStateException("decision " + decisionId + " is already under review for"
              + " contest " + c.contestId());
        }
      }
      Instant now = now();
      String id = newId("cst_");
      Escalation e = open(null, decisionId, decision.entryId(), id, EscalationTrigger.ACTOR_REQUEST,
          config.contestPriority(), config.autoAssignees(),
          "decision " + decisionId + " (" + outcomeOf(decision) + ") contested: " + why, null, now);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("contest_id", id);
      p.put("phase", "opened");
      p.put("decision_id", decisionId);
      p.put("decision_entry", decision.entryId());
      p.put("escalation_id", e.escalationId());
      p.put("contestant", Fields.person(who));
      p.put("grounds", Fields.person(why));
      record(EventType.CONTEST, p, now);
      return state.contests.get(id);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public List<Contest> contests(String decisionId) {
    return state.contestsOf(Objects.requireNonNull(decisionId, "decisionId"));
  }

  // ---- stop switch ----

  @Override
  public Halt halt(HaltScope scope, Principal by, String reason) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(by, "by");
    String why = text(reason, "reason");
    require(by, Permission.APPROVE_REQUESTS, "halt", null);
    writes.lock();
    try {
      String id = newId("hlt_");
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("halt_id", id);
      p.put("scope", Scopes.toJson(scope));
      Fields.actor(p, by);
      p.put("reason", why);
      gate.writeLock().lock();
      try {
        // No decide() is between its halt check and its recording now: every decision recorded
        // after this entry sees the halt, every token issued before it is registered.
        record(EventType.HALT, p, now());
      } finally {
        gate.writeLock().unlock();
      }
      Halt halt = state.halts.get(id);
      onHalt.accept(halt);
      return halt;
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Halt resume(String haltId, Principal by, String reason) {
    Objects.requireNonNull(haltId, "haltId");
    Objects.requireNonNull(by, "by");
    String why = text(reason, "reason");
    if (!by.hasAnyRole(config.resumeRoles())) {
      throw refuse(by, "resume", null, "one of the roles " + roleList(config.resumeRoles()), haltId);
    }
    writes.lock();
    try {
      Halt h = state.halts.get(haltId);
      if (h == null) {
        throw new IllegalArgumentException("no halt " + haltId);
      }
      if (!h.active()) {
        throw new IllegalStateException("halt " + haltId + " was already lifted at "
            + h.resumption().resumedAt());
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("halt_id", haltId);
      Fields.actor(p, by);
      p.put("reason", why);
      record(EventType.RESUME, p, now());
      return state.halts.get(haltId);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public List<Halt> activeHalts() {
    return state.activeHalts().halts();
  }

  @Override
  public List<Halt> halts() {
    return Projection.inLedgerOrder(state.halts.values(), Halt::ledgerEntryId);
  }

  // ---- legal holds and incidents ----

  @Override
  public LegalHold placeLegalHold(Principal by, String reason, Set<String> decisionIds) {
    Objects.requireNonNull(by, "by");
    String why = text(reason, "reason");
    Set<String> ids = new TreeSet<>(decisionIds);
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a legal hold holds at least one decision");
    }
    require(by, Permission.GENERATE_AUDIT, "legal_hold", null);
    writes.lock();
    try {
      return placeHold(newId("hold_"), by, why, List.copyOf(ids), List.of(), null, now());
    } finally {
      writes.unlock();
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
    record(EventType.LEGAL_HOLD, p, now);
    return state.holds.get(id);
  }

  @Override
  public LegalHold releaseLegalHold(String holdId, Principal by, String reason) {
    Objects.requireNonNull(holdId, "holdId");
    Objects.requireNonNull(by, "by");
    String why = text(reason, "reason");
    require(by, Permission.GENERATE_AUDIT, "legal_hold", holdId);
    writes.lock();
    try {
      LegalHold h = state.holds.get(holdId);
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
      record(EventType.LEGAL_HOLD, p, now());
      return state.holds.get(holdId);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public List<LegalHold> legalHolds() {
    Instant now = now();
    List<LegalHold> out = new ArrayList<>();
    for (LegalHold h : state.holds.values()) {
      if (h.inForceAt(now)) {
        out.add(h);
      }
    }
    out.sort(Comparator.comparing(LegalHold::placedAt).thenComparing(LegalHold::id));
    return out;
  }

  @Override
  public Incident openIncident(Principal by, IncidentCategory category, Instant awareAt,
      String description, List<String> decisionIds, List<String> evidenceIds) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(awareAt, "awareAt");
    String what = text(description, "description");
    List<String> linked = List.copyOf(new LinkedHashSet<>(decisionIds));
    List<String> evidence = List.copyOf(new LinkedHashSet<>(evidenceIds));
    if (awareAt.isAfter(clock.instant())) {
      throw new IllegalArgumentException("awareness time " + awareAt + " is in the future");
    }
    require(by, Permission.GENERATE_AUDIT, "open_incident", null);
    writes.lock();
    try {
      for (String d : linked) {
        decisionEntry(d);
      }
      Instant now = now();
      String id = newId("inc_");
      String holdId = linked.isEmpty() ? null : newId("hold_");
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
      record(EventType.INCIDENT, p, now);
      if (holdId != null) {
        // Opening an incident freezes the records it concerns (AI Act Art. 73(6): do not alter
        // the system or the evidence before informing the authorities).
        placeHold(holdId, by, "serious incident " + id + " (" + category.jsonName() + ")", linked,
            evidence, id, now);
      }
      return state.incidents.get(id);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Incident reportIncident(String incidentId, Principal by, IncidentReport.Kind kind,
      String summary) {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(kind, "kind");
    String what = text(summary, "summary");
    require(by, Permission.GENERATE_AUDIT, "report_incident", incidentId);
    writes.lock();
    try {
      Incident i = state.incidents.get(incidentId);
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
      record(EventType.INCIDENT, p, now());
      return state.incidents.get(incidentId);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Optional<Incident> incident(String incidentId) {
    return Optional.ofNullable(state.incidents.get(Objects.requireNonNull(incidentId)));
  }

  @Override
  public List<Incident> incidents() {
    return Projection.inLedgerOrder(state.incidents.values(), Incident::ledgerEntryId);
  }

  @Override
  public List<Incident> incidentsApproachingDeadline(Duration window) {
    Objects.requireNonNull(window, "window");
    Instant now = now();
    return incidents().stream().filter(i -> i.deadlineApproaching(now, window)).toList();
  }

  @Override
  public List<Incident> incidentsPastDeadline() {
    Instant now = now();
    return incidents().stream().filter(i -> i.pastDeadline(now)).toList();
  }

  // ---- export ----

  @Override
  public void export(Principal by, OutputStream out, boolean includePersonalData) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(out, "out");
    require(by, Permission.EXPORT_DATA, "export", null);
    if (includePersonalData) {
      require(by, Permission.VIEW_SENSITIVE, "export", null);
    }
    ledger.export(out, includePersonalData);
  }

  @Override
  public long rateLimitedCount() {
    return rateLimiter == null ? 0 : rateLimiter.refused();
  }

  @Override
  public String toString() {
    return "OversightEngine[escalations=" + state.escalations.size() + ", halts="
        + state.activeHalts().halts().size() + " active]";
  }

  /**
   * Wires an {@link OversightEngine}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final LedgerEngine ledger;
    private OversightConfig config = OversightConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private @Nullable IdGenerator ids;
    private Consumer<Halt> onHalt = h -> { };
    private BiConsumer<String, String> revokeDecision = (d, r) -> { };
    private double ratePerSecond;
    private int burst;

    private Builder(LedgerEngine ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** The configuration; {@link OversightConfig#defaults()} by default. */
    public Builder config(OversightConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The clock for deadlines and event times. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The source of record ids. */
    public Builder idGenerator(IdGenerator ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Called after a halt is recorded, to revoke the outstanding tokens in its scope. */
    public Builder onHalt(Consumer<Halt> onHalt) {
      this.onHalt = Objects.requireNonNull(onHalt, "onHalt");
      return this;
    }

    /** Called with a decision id and a reason to revoke every token of that decision. */
    public Builder revokeDecision(BiConsumer<String, String> revokeDecision) {
      this.revokeDecision = Objects.requireNonNull(revokeDecision, "revokeDecision");
      return this;
    }

    /**
     * Limits each actor to {@code perSecond} requests per second on average, with bursts of up to
     * {@code burst} (a token bucket); off unless called.
     *
     * @throws IllegalArgumentException unless {@code perSecond > 0} and {@code burst >= 1}
     */
    public Builder rateLimit(double perSecond, int burst) {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("rate must be positive and finite, was " + perSecond);
      }
      if (burst < 1) {
        throw new IllegalArgumentException("burst must be >= 1, was " + burst);
      }
      this.ratePerSecond = perSecond;
      this.burst = burst;
      return this;
    }

    /** Builds the engine and reads its state from the ledger. */
    public OversightEngine build() {
      return new OversightEngine(this);
    }
  }
}

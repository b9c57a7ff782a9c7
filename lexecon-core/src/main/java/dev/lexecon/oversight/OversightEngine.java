package dev.lexecon.oversight;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.RateLimitedException;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.compliance.Compliance;
import dev.lexecon.evidence.EvidenceRegistry;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.AccountabilityReport;
import dev.lexecon.api.oversight.Contest;
import dev.lexecon.api.oversight.DecisionOverride;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.EscalationPriority;
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
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.oversight.ResponsibilityChain;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.internal.UlidGenerator;
import dev.lexecon.ledger.Ledger;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.token.SignatureAlgorithm;
import dev.lexecon.token.SigningKey;
import dev.lexecon.token.VerificationKey;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The implementation of {@link Oversight} that {@code Lexecon} wires into its decide pipeline.
 * Applications use {@code Lexecon.oversight()} and never build one; the methods beyond {@link
 * Oversight} ({@link #admit}, {@link #decisionGate}, {@link #haltCovering}, {@link #escalate},
 * {@link #approvalFor}, {@link #decisionEntry}) are the hooks {@code decide()}, {@code tokenFor()}
 * and {@code assessRisk()} call.
 *
 * <p><b>Why a gate.</b> A halt must be race-free: once {@link #halt} returns, no decision in scope
 * may come out APPROVED. {@code decide()} holds the gate's shared side from the halt check until its
 * decision is recorded and its token registered; {@code halt()} takes the exclusive side to record
 * the halt. So every decision recorded after the {@code halt} entry saw the halt, and every token
 * issued before it is known to the revocation that follows. The shared side is uncontended until
 * someone presses stop.
 *
 * <p>The work is split by record: {@code EscalationDesk} (escalations, four-eyes confirmations,
 * contests), {@code HumanDecisions} (overrides, interventions, approvals), {@code IncidentDesk}
 * (legal holds, incidents), all recording through one {@code Recorder}; halts stay here because
 * they share the gate with {@code decide()}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class OversightEngine implements Oversight {
  private static final int PAGE = 512;
  private static final int MAX_TEXT = 2000;

  private final Recorder r;
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private final @Nullable ActorRateLimiter rateLimiter;
  private final Consumer<Halt> onHalt;
  private final EscalationDesk escalations;
  private final HumanDecisions humans;
  private final IncidentDesk incidents;

  private OversightEngine(Builder b) {
    this.r = new Recorder(b.config, b.ledger, b.clock,
        b.ids != null ? b.ids : new UlidGenerator(b.clock), b.revokeDecision);
    this.rateLimiter = b.ratePerSecond > 0
        ? new ActorRateLimiter(b.clock, b.ratePerSecond, b.burst) : null;
    SigningKey key = b.config.confirmationKey() != null ? b.config.confirmationKey()
        : SigningKey.generate(SignatureAlgorithm.ED25519);
    this.onHalt = b.onHalt;
    this.escalations = new EscalationDesk(r, new ConfirmationSignatures(key));
    this.humans = new HumanDecisions(r);
    this.incidents = new IncidentDesk(r, Objects.requireNonNull(b.compliance,
        "compliance: legal holds are kept by the engine's Compliance"),
        Objects.requireNonNull(b.evidence,
            "evidence: incidents link artifacts of the engine's EvidenceRegistry"));
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
        List<LedgerEntry> page = r.ledger.entries(type, offset, PAGE);
        all.addAll(page);
        if (page.size() < PAGE) {
          break;
        }
      }
    }
    all.sort(Comparator.comparingLong(LedgerEntry::seq));
    all.forEach(r.state::apply);
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
    HaltIndex index = r.state.activeHalts();
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
    if (r.state.halts.isEmpty()) {
      return null;
    }
    for (Halt h : r.state.halts.values()) {
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
    return !r.state.halts.isEmpty();
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
    return escalations.escalate(decision, request, policy);
  }

  /**
   * The ledger entry of a recorded decision, for records that link to it (a standalone risk
   * assessment).
   *
   * @throws IllegalArgumentException if the ledger holds no decision with this id
   */
  public LedgerEntry decisionEntry(String decisionId) {
    return r.decisionEntry(Objects.requireNonNull(decisionId, "decisionId"));
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
    return humans.approvalFor(decisionId);
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

  // ---- authorisation ----

  @Override
  public AccessPolicy accessPolicy() {
    return r.config.access();
  }

  @Override
  public void authorize(Principal principal, Permission permission, String operation) {
    r.require(principal, permission, operation, null);
  }

  // ---- escalations ----

  @Override
  public Escalation openEscalation(Principal by, @Nullable String decisionId,
      EscalationTrigger trigger, EscalationPriority priority, List<String> assignees,
      String contextSummary) {
    return escalations.openEscalation(by, decisionId, trigger, priority, assignees, contextSummary);
  }

  @Override
  public Escalation acknowledge(String escalationId, Principal by) {
    return escalations.acknowledge(escalationId, by);
  }

  @Override
  public Escalation resolve(String escalationId, Principal by, Resolution resolution,
      @Nullable String notes) {
    return escalations.resolve(escalationId, by, resolution, notes);
  }

  @Override
  public Escalation confirm(String escalationId, Principal by, @Nullable String note) {
    return escalations.confirm(escalationId, by, note);
  }

  @Override
  public Escalation reject(String escalationId, Principal by, String reason) {
    return escalations.reject(escalationId, by, reason);
  }

  @Override
  public Optional<Escalation> escalation(String escalationId) {
    return escalations.escalation(escalationId);
  }

  @Override
  public List<Escalation> escalationsOf(String decisionId) {
    return escalations.escalationsOf(decisionId);
  }

  @Override
  public List<Escalation> openEscalations() {
    return escalations.openEscalations();
  }

  @Override
  public List<Escalation> overdueEscalations() {
    return escalations.overdueEscalations();
  }

  @Override
  public List<Escalation> resolvedEscalations() {
    return escalations.resolvedEscalations();
  }

  @Override
  public boolean verifyConfirmation(LedgerEntry entry) {
    return escalations.verifyConfirmation(entry);
  }

  @Override
  public VerificationKey confirmationKey() {
    return escalations.confirmationKey();
  }

  @Override
  public Contest contest(String decisionId, String contestant, String grounds) {
    return escalations.contest(decisionId, contestant, grounds);
  }

  @Override
  public List<Contest> contests(String decisionId) {
    return escalations.contests(decisionId);
  }

  // ---- overrides and interventions ----

  @Override
  public DecisionOverride override(String decisionId, Principal by, OverrideType type,
      Outcome newOutcome, String justification, @Nullable Duration validity) {
    return humans.override(decisionId, by, type, newOutcome, justification, validity);
  }

  @Override
  public Optional<DecisionOverride> activeOverride(String decisionId) {
    return humans.activeOverride(decisionId);
  }

  @Override
  public List<DecisionOverride> activeOverrides() {
    return humans.activeOverrides();
  }

  @Override
  public Intervention intervene(String decisionId, Principal by, InterventionRole role,
      InterventionType type, String reason, @Nullable String notes) {
    return humans.intervene(decisionId, by, role, type, reason, notes);
  }

  @Override
  public List<Intervention> interventions(String decisionId) {
    return humans.interventions(decisionId);
  }

  @Override
  public List<InterventionMetrics> interventionMetrics() {
    return humans.interventionMetrics();
  }

  // ---- accountability and explanation ----

  @Override
  public ResponsibilityChain responsibility(String decisionId) {
    Objects.requireNonNull(decisionId, "decisionId");
    return Accountability.chain(r.decisionEntry(decisionId), r.state);
  }

  @Override
  public AccountabilityReport accountability(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
    }
    return Accountability.report(r.ledger, r.state, from, to);
  }

  @Override
  public Explanation explain(String decisionId) {
    Objects.requireNonNull(decisionId, "decisionId");
    return Explainer.explain(r.decisionEntry(decisionId), r.state);
  }

  // ---- stop switch ----

  @Override
  public Halt halt(HaltScope scope, Principal by, String reason) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(by, "by");
    String why = Recorder.text(reason, "reason");
    r.require(by, Permission.APPROVE_REQUESTS, "halt", null);
    r.writes.lock();
    try {
      String id = r.newId("hlt_");
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("halt_id", id);
      p.put("scope", Scopes.toJson(scope));
      Fields.actor(p, by);
      p.put("reason", why);
      gate.writeLock().lock();
      try {
        // No decide() is between its halt check and its recording now: every decision recorded
        // after this entry sees the halt, every token issued before it is registered.
        r.record(EventType.HALT, p, r.now());
      } finally {
        gate.writeLock().unlock();
      }
      Halt halt = r.state.halts.get(id);
      onHalt.accept(halt);
      return halt;
    } finally {
      r.writes.unlock();
    }
  }

  @Override
  public Halt resume(String haltId, Principal by, String reason) {
    Objects.requireNonNull(haltId, "haltId");
    Objects.requireNonNull(by, "by");
    String why = Recorder.text(reason, "reason");
    if (!by.hasAnyRole(r.config.resumeRoles())) {
      throw r.refuse(by, "resume", null, "one of the roles " + Recorder.roleList(r.config.resumeRoles()), haltId);
    }
    r.writes.lock();
    try {
      Halt h = r.state.halts.get(haltId);
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
      r.record(EventType.RESUME, p, r.now());
      return r.state.halts.get(haltId);
    } finally {
      r.writes.unlock();
    }
  }

  @Override
  public List<Halt> activeHalts() {
    return r.state.activeHalts().halts();
  }

  @Override
  public List<Halt> halts() {
    return Projection.inLedgerOrder(r.state.halts.values(), Halt::ledgerEntryId);
  }

  // ---- legal holds and incidents ----

  @Override
  public LegalHold placeLegalHold(Principal by, String reason, Set<String> decisionIds) {
    return incidents.placeLegalHold(by, reason, decisionIds);
  }

  @Override
  public LegalHold releaseLegalHold(String holdId, Principal by) {
    return incidents.releaseLegalHold(holdId, by);
  }

  @Override
  public List<LegalHold> legalHolds() {
    return incidents.legalHolds();
  }

  @Override
  public Incident openIncident(Principal by, IncidentCategory category, Instant awareAt,
      String description, List<String> decisionIds, List<String> evidenceIds) {
    return incidents.openIncident(by, category, awareAt, description, decisionIds, evidenceIds);
  }

  @Override
  public Incident reportIncident(String incidentId, Principal by, IncidentReport.Kind kind,
      String summary) {
    return incidents.reportIncident(incidentId, by, kind, summary);
  }

  @Override
  public Optional<Incident> incident(String incidentId) {
    return incidents.incident(incidentId);
  }

  @Override
  public List<Incident> incidents() {
    return incidents.incidents();
  }

  @Override
  public List<Incident> incidentsApproachingDeadline(Duration window) {
    return incidents.incidentsApproachingDeadline(window);
  }

  @Override
  public List<Incident> incidentsPastDeadline() {
    return incidents.incidentsPastDeadline();
  }

  // ---- export ----

  @Override
  public void export(Principal by, OutputStream out, boolean includePersonalData) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(out, "out");
    r.require(by, Permission.EXPORT_DATA, "export", null);
    if (includePersonalData) {
      r.require(by, Permission.VIEW_SENSITIVE, "export", null);
    }
    r.ledger.export(out, includePersonalData);
  }

  @Override
  public long rateLimitedCount() {
    return rateLimiter == null ? 0 : rateLimiter.refused();
  }

  @Override
  public String toString() {
    return "OversightEngine[escalations=" + r.state.escalations.size() + ", halts="
        + r.state.activeHalts().halts().size() + " active]";
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
    private @Nullable Compliance compliance;
    private @Nullable EvidenceRegistry evidence;

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

    /** Where legal holds are kept (and honoured by erasure): the engine's {@link Compliance}. */
    public Builder compliance(Compliance compliance) {
      this.compliance = Objects.requireNonNull(compliance, "compliance");
      return this;
    }

    /** Where the evidence artifacts incidents link to are registered: the engine's registry. */
    public Builder evidence(EvidenceRegistry evidence) {
      this.evidence = Objects.requireNonNull(evidence, "evidence");
      return this;
    }

    /** Builds the engine and reads its state from the ledger. */
    public OversightEngine build() {
      return new OversightEngine(this);
    }
  }
}

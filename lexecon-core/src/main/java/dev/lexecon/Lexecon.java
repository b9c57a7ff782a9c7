package dev.lexecon;

import dev.lexecon.api.Decision;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.ledger.Redactable;
import dev.lexecon.oversight.Oversight;
import dev.lexecon.oversight.OversightConfig;
import dev.lexecon.oversight.OversightEngine;
import dev.lexecon.domain.Domains;
import dev.lexecon.risk.RiskAssessor;
import dev.lexecon.risk.RiskOverlay;
import dev.lexecon.risk.RiskProfile;
import dev.lexecon.token.InMemoryRevocationList;
import dev.lexecon.token.KeyRing;
import dev.lexecon.token.KeyRotation;
import dev.lexecon.token.PublicKeySet;
import dev.lexecon.token.Revocation;
import dev.lexecon.token.SignatureAlgorithm;
import dev.lexecon.token.SigningKey;
import dev.lexecon.token.TokenIssuer;
import dev.lexecon.token.TokenVerifier;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.evidence.BlobStore;
import dev.lexecon.api.evidence.EvidenceStoreException;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.ReplayResult;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.compliance.Compliance;
import dev.lexecon.compliance.RetentionPolicy;
import dev.lexecon.evidence.EvidenceRegistry;
import dev.lexecon.evidence.InMemoryBlobStore;
import dev.lexecon.internal.UlidGenerator;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.ledger.Ledger;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.policy.LoadedPolicy;
import dev.lexecon.policy.PolicyEngine;
import dev.lexecon.policy.PolicyEvaluation;
import dev.lexecon.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An in-process governance engine: ask it before an agent acts, and it answers with an
 * explainable {@link Decision}.
 *
 * <p>Build one with {@link #builder()}. A {@code Lexecon} is immutable in configuration and
 * thread-safe: {@link #decide} reads the active policy snapshot without locks, and {@link
 * #swapPolicy} replaces that snapshot atomically, so every decision is made under exactly one
 * policy and names its hash.
 *
 * <p>Every decision, and every policy that becomes active, is appended to a tamper-evident
 * {@linkplain #ledger() ledger} (in memory unless {@link Builder#ledger(LedgerStorage)} names a
 * durable storage), from which any decision can be {@linkplain #replay replayed}. Close the engine
 * to commit what is queued and release the storage.
 *
 * <p>Humans stay in control through {@link #oversight()}: escalations that {@code decide()} opens
 * for ESCALATED outcomes, four-eyes confirmation, overrides, interventions, the stop switch,
 * incidents and contests; {@link #tokenFor} issues the token of a decision a human approved.
 *
 * <pre>{@code
 * Lexecon lexecon = Lexecon.builder().policyJson(json).build();
 * Decision d = lexecon.decide(DecisionRequest.builder("ai_agent:assistant", "send_email").build());
 * if (d.allowed()) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class Lexecon implements AutoCloseable {
  private final AtomicReference<PolicyEngine> engine;
  private final @Nullable PolicyMode modeOverride;
  private final Clock clock;
  private final IdGenerator ids;
  private final LedgerEngine ledger;
  private final Predicate<String> naturalPerson;
  private final ReentrantLock swapLock = new ReentrantLock();
  private final DomainPipeline domains;
  private final RiskAssessor risk;
  private final KeyRing tokenKeys;
  private final TokenIssuer tokens;
  private final InMemoryRevocationList revocations;
  private final TokenVerifier tokenVerifier;
  private final IssuedTokens issued;
  private final OversightEngine oversight;
  private final EvidenceRegistry evidence;
  private final Compliance compliance;

  private Lexecon(Builder b, PolicyEngine engine) {
    this.engine = new AtomicReference<>(engine);
    this.modeOverride = b.mode;
    this.clock = b.clock;
    this.ids = b.ids != null ? b.ids : new UlidGenerator(b.clock);
    this.naturalPerson = b.naturalPerson;
    this.domains = b.domains.build();
    LedgerEngine.Builder lb =
        LedgerEngine.builder(b.storage != null ? b.storage : new InMemoryLedgerStorage())
            .durability(b.durability)
            .clock(clock)
            .idGenerator(ids)
            .checkpointEvery(b.checkpointEvery)
            .checkpointInterval(b.checkpointInterval);
    if (b.signer != null) {
      lb.checkpointSigner(b.signer);
    }
    this.ledger = lb.build();
    RiskProfile profile = b.riskProfile;
    for (DomainPlugin plugin : domains.plugins()) {
      profile = Domains.riskProfile(profile, plugin);
    }
    this.risk = new RiskAssessor(profile);
    // Rotations and revocations are ledger events: verifiers sharing the ledger honour them, and a
    // restarted engine rebuilds its revocation list from them below.
    this.tokenKeys = KeyRing.builder(b.tokenKey != null ? b.tokenKey : SigningKey.generate(SignatureAlgorithm.HS256))
        .clock(clock)
        .onRotation(rotation -> ledger.append(EventType.KEY_ROTATED, rotation.toEventPayload()))
        .build();
    this.tokens = TokenIssuer.builder(tokenKeys).clock(clock).idGenerator(ids).ttl(b.tokenTtl).build();
    this.revocations = new InMemoryRevocationList(clock,
        revocation -> ledger.append(EventType.TOKEN_REVOKED, revocation.toEventPayload()));
    this.issued = new IssuedTokens(clock);
    // a durable ledger outlives the process, in-memory content would not: rather than record
    // artifacts whose content is gone after a restart, registration is refused until a store is set
    BlobStore evidenceStore = b.evidenceStore != null ? b.evidenceStore
        : b.storage == null || b.storage instanceof InMemoryLedgerStorage ? new InMemoryBlobStore()
        : new NoEvidenceStore();
    this.evidence = EvidenceRegistry.create(ledger, evidenceStore, clock);
    this.compliance = ComplianceSetup.compliance(ledger, clock, ids, b.retention, modeOverride,
        profile, domains.plugins(), tokenKeys, b.tokenTtl, evidenceStore, b.checkpointEvery,
        b.checkpointInterval);
    try {
      OversightEngine.Builder ob = OversightEngine.builder(ledger).config(b.oversight).clock(clock)
          .idGenerator(ids).compliance(compliance).evidence(evidence)
          .onHalt(this::revokeHalted)
          .revokeDecision(revocations::revokeDecision);
      if (b.ratePerSecond > 0) {
        ob.rateLimit(b.ratePerSecond, b.rateBurst);
      }
      this.oversight = ob.build();
    } catch (RuntimeException e) {
      ledger.close();
      throw e;
    }
    this.tokenVerifier = TokenVerifier.builder(tokenKeys).clock(clock)
        .revocations(new HaltAwareRevocations(revocations, oversight, domains)).build();
    try {
      for (long offset = 0; ; offset += 1000) {
        List<LedgerEntry> page = ledger.entries(EventType.TOKEN_REVOKED, offset, 1000);
        page.forEach(e -> revocations.apply(Revocation.fromEventPayload(e.payload())));
        if (page.size() < 1000) {
          break;
        }
      }
      ledger.append(EventType.POLICY_LOADED, DecisionEvents.policyLoaded(engine, modeOverride));
    } catch (RuntimeException e) {
      ledger.close();
      throw e;
    }
  }

  /** Starts configuring an engine. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides a request: evaluates it under the active policy, appends one {@code decision} entry to
   * the ledger and returns the decision, which names that entry. A denial is a returned value, not
   * an exception. Under {@link Durability#SYNC} and {@link Durability#GROUP} the entry is committed
   * when this returns.
   *
   * @throws dev.lexecon.api.InvalidRequestException when a registered domain plugin finds the
   *     request malformed for its domain (a constructed request already meets every general
   *     limit); nothing is decided or recorded
   * @throws dev.lexecon.api.ledger.LedgerStorageException if the decision could not be recorded;
   *     no decision is returned, because an unrecorded decision must not be acted on
   */
  public Decision decide(DecisionRequest request) {
    Objects.requireNonNull(request, "request");
    oversight.admit(request.actor());
    PolicyEngine snapshot = engine.get();
    Decision decision;
    // The halt gate (see OversightEngine): from the halt check until the decision is recorded and
    // its token registered, so no decision recorded after a halt can miss it.
    Lock gate = oversight.decisionGate();
    gate.lock();
    try {
      // One clock reading per decision, at the ledger's precision: domain rules (trading hours),
      // the decision's timestamp, its ledger entry and any replay of it all see the same instant.
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      PolicyEvaluation evaluation = domains.evaluate(request, now, r -> withRisk(snapshot, r));
      Set<GovernanceDomain> inDomains = domains.domainsOf(request);
      Halt halt = oversight.haltCovering(request.actor(), request.tool(), inDomains);
      if (halt != null) {
        evaluation = HaltOverlay.apply(evaluation, halt);
      }
      String requestId = requestIdFor(request);
      String decisionId = "dec_" + ids.nextId();
      LedgerEntry entry =
          ledger.append(
              EventType.DECISION,
              DecisionEvents.decision(
                  decisionId, requestId, request, evaluation, snapshot, naturalPerson),
              now);
      decision = decision(decisionId, requestId, evaluation, snapshot, now, entry.entryId());
      if (decision.outcome() == Outcome.APPROVED || decision.outcome() == Outcome.CONDITIONAL) {
        decision = decision.withToken(tokens.issue(decision, request, entry.entryId()));
        issued.register(decision.token(), inDomains);
      }
    } finally {
      gate.unlock();
    }
    oversight.escalate(decision, request, snapshot.policy());
    domains.afterDecision(request, decision);
    return decision;
  }

  /**
   * Human oversight of this engine: escalations (opened by {@link #decide} for ESCALATED outcomes),
   * four-eyes confirmation, overrides, interventions, the stop switch, legal holds, incidents,
   * contestation, explanations and accountability; see {@link Oversight}.
   */
  public Oversight oversight() {
    return oversight;
  }

  /**
   * A capability token for a decision a human approved after {@code decide()} returned it: an
   * escalation resolved as approved (including four-eyes confirmation and an upheld contest), or an
   * override in force. The token is bound to the request recorded in the decision's ledger entry
   * (rebuilt from the ledger, personal data from its side record) and names that entry; it is
   * CONDITIONAL, with the obligations no human had to meet, when some remain.
   *
   * @throws IllegalArgumentException if the ledger holds no such decision
   * @throws IllegalStateException if no human approval is in force, a human denied or rejected the
   *     decision, its tokens were revoked, a halt covers it, or its request was erased
   */
  public CapabilityToken tokenFor(String decisionId) {
    OversightEngine.Approval approval = oversight.approvalFor(decisionId);
    LedgerEntry entry = approval.decisionEntry();
    List<String> erased = new ArrayList<>();
    DecisionRequest request = Replayer.rebuildRequest(entry, erased);
    if (request == null) {
      throw new IllegalStateException("the request of " + decisionId + " was erased (" + erased
          + "); no token can be bound to it");
    }
    if (revocations.find("", decisionId) != null) {
      throw new IllegalStateException("the tokens of " + decisionId + " were revoked");
    }
    Map<String, Object> p = entry.payload();
    Map<?, ?> policy = (Map<?, ?>) p.get("policy");
    Decision granted = new Decision(decisionId, (String) p.get("request_id"), approval.outcome(),
        DecisionEvents.readReasons(p.get("reasons")), approval.obligations(), List.of(),
        (String) policy.get("policy_id"), (String) policy.get("version"),
        (String) policy.get("hash"), DecisionEvents.readMode(p.get("mode")), entry.timestamp(),
        entry.entryId(), RiskAssessment.none(), null);
    Lock gate = oversight.decisionGate();
    gate.lock();
    try {
      Set<GovernanceDomain> inDomains = domains.domainsOf(request);
      Halt halt = oversight.haltCovering(request.actor(), request.tool(), inDomains);
      if (halt != null) {
        throw new IllegalStateException(decisionId + " is halted by " + halt.haltId() + " ("
            + halt.scope().describe() + ")");
      }
      CapabilityToken token = tokens.issue(granted, request, entry.entryId());
      issued.register(token, inDomains);
      return token;
    } finally {
      gate.unlock();
    }
  }

  /** Revokes, through the ledgered revocation list, the unexpired tokens a new halt covers. */
  private void revokeHalted(Halt halt) {
    for (String decisionId : issued.decisionsIn(halt)) {
      revocations.revokeDecision(decisionId, "halted by " + halt.haltId());
    }
  }

  /**
   * Evaluates a request under the active policy (and any halt in force) without side effects:
   * nothing is recorded, no token is issued and no escalation is opened, so the decision has no
   * ledger entry id. Useful for dry runs and policy tests.
   */
  public Decision evaluate(DecisionRequest request) {
    Objects.requireNonNull(request, "request");
    PolicyEngine snapshot = engine.get();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    PolicyEvaluation evaluation = domains.evaluate(request, now, r -> withRisk(snapshot, r));
    Halt halt = oversight.haltCovering(request.actor(), request.tool(), domains.domainsOf(request));
    if (halt != null) {
      evaluation = HaltOverlay.apply(evaluation, halt);
    }
    return decision("dec_" + ids.nextId(), requestIdFor(request), evaluation, snapshot, now, null);
  }

  /** Policy, then risk: the assessment is attached and CRITICAL (or PARANOID HIGH) escalates. */
  private PolicyEvaluation withRisk(PolicyEngine snapshot, DecisionRequest request) {
    return RiskOverlay.apply(snapshot.evaluate(request), risk.assess(request));
  }

  /**
   * Assesses a request's risk on its own, without deciding it, and records a {@code
   * risk_assessment} ledger entry. With a {@code decisionId} the entry links to that decision (its
   * id and ledger entry), so the request must be for what the decision recorded: the same action
   * and tool (the actor, resource and arguments are not compared). Finding the decision is direct
   * for decisions with a human history or found before; otherwise the ledger is searched from its
   * newest entry backwards, so an id that names no decision reads the whole ledger: do not pass
   * ids from untrusted callers unchecked.
   *
   * @param decisionId a recorded decision this assessment belongs to, or {@code null}
   * @return the assessment, a pure function of the request and the risk profile
   * @throws IllegalArgumentException if {@code decisionId} names no recorded decision, or one made
   *     for another action or tool; nothing is recorded
   */
  public RiskAssessment assessRisk(DecisionRequest request, @Nullable String decisionId) {
    Objects.requireNonNull(request, "request");
    String decisionEntry = null;
    if (decisionId != null) {
      LedgerEntry decision = oversight.decisionEntry(decisionId);
      Map<?, ?> recorded = (Map<?, ?>) decision.payload().get("request");
      if (!request.action().equals(recorded.get("action"))
          || !request.tool().equals(recorded.get("tool"))) {
        throw new IllegalArgumentException("decision " + decisionId + " was made for action "
            + recorded.get("action") + " with tool " + recorded.get("tool") + ", not action "
            + request.action() + " with tool " + request.tool());
      }
      decisionEntry = decision.entryId();
    }
    RiskAssessment assessment = risk.assess(request);
    ledger.append(EventType.RISK_ASSESSMENT, DecisionEvents.riskAssessment(
        request, assessment, decisionId, decisionEntry, naturalPerson));
    return assessment;
  }

  /**
   * A verifier for the capability tokens this engine issues: its current and retained keys, its
   * revocations, its clock. Thread-safe; share it with the tool executors of this process. Other
   * processes build their own from {@link #publicTokenKeys()} (Ed25519 keys only).
   */
  public TokenVerifier tokenVerifier() {
    return tokenVerifier;
  }

  /** The public halves of the token keys, for verifiers in other processes (JWK set or PEM). */
  public PublicKeySet publicTokenKeys() {
    return tokenKeys.publicKeys();
  }

  /**
   * Starts signing tokens with a new key of the same algorithm; tokens signed by the old key keep
   * verifying until it is retired. Recorded as a {@code key_rotated} ledger entry.
   */
  public KeyRotation rotateTokenKey() {
    return tokenKeys.rotate();
  }

  /** Revokes one token by its id ({@code jti}); recorded as a {@code token_revoked} entry. */
  public Revocation revokeToken(String tokenId, String reason) {
    return revocations.revokeToken(tokenId, reason);
  }

  /** Revokes every token of a decision; recorded as a {@code token_revoked} entry. */
  public Revocation revokeDecision(String decisionId, String reason) {
    return revocations.revokeDecision(decisionId, reason);
  }

  /** The risk assessor decide() uses: the configured profile plus the domain plugins' factors. */
  public RiskAssessor riskAssessor() {
    return risk;
  }

  private String requestIdFor(DecisionRequest request) {
    return request.requestId() != null ? request.requestId() : "req_" + ids.nextId();
  }

  private static Decision decision(
      String decisionId,
      String requestId,
      PolicyEvaluation evaluation,
      PolicyEngine snapshot,
      Instant now,
      @Nullable String entryId) {
    Policy policy = snapshot.policy();
    return new Decision(
        decisionId,
        requestId,
        evaluation.outcome(),
        evaluation.reasons(),
        evaluation.obligations(),
        evaluation.advisories(),
        policy.policyId(),
        policy.version(),
        snapshot.policyHash(),
        evaluation.mode(),
        now,
        entryId,
        evaluation.risk(),
        null);
  }

  /**
   * Compliance answers from this engine's ledger: gap analyses per framework, legal holds, GDPR
   * erasure and retention, EU AI Act Art. 11, 12 and 14 records, and audit exports.
   */
  public Compliance compliance() {
    return compliance;
  }

  /**
   * Evidence artifacts: register content-addressed, signed artifacts linked to decisions and
   * controls, and verify them. Content goes to the {@linkplain Builder#evidenceStore evidence
   * store}.
   */
  public EvidenceRegistry evidence() {
    return evidence;
  }

  /**
   * The ledger every decision and policy load is recorded in: queries, verification, Merkle
   * proofs, signed checkpoints and export.
   */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * Re-evaluates a recorded decision under the policy recorded in the ledger, rebuilding both the
   * request and the policy from ledger entries alone, and reports whether the recorded outcome,
   * reasons, obligations and advisories come out again. The request goes through this engine's
   * domain plugins at the recorded decision time, as it did when it was decided; a replay in an
   * engine with other plugins may diverge, and says so. Scans the ledger's decision entries, so
   * its cost grows with the number of decisions; meant for audits, not hot paths.
   *
   * @throws IllegalArgumentException if the ledger holds no decision with this id
   */
  public ReplayResult replay(String decisionId) {
    return Replayer.replay(ledger, decisionId, domains, risk);
  }

  /**
   * Commits every queued ledger entry, stops the ledger writer and closes the ledger storage.
   * Decisions after closing fail with {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    ledger.close();
  }

  /**
   * The domain plugins this engine runs, in registration order (explicit registrations first,
   * then discovered ones); each describes itself through {@link DomainPlugin#configuration()},
   * {@link DomainPlugin#templates()} and {@link DomainPlugin#complianceMappings()}.
   */
  public List<DomainPlugin> domains() {
    return domains.plugins();
  }

  /** The active policy. */
  public Policy policy() {
    return engine.get().policy();
  }

  /** Hash of the active policy, as named by every decision made under it. */
  public String policyHash() {
    return engine.get().policyHash();
  }

  /**
   * Validates and compiles {@code policy}, then makes it active atomically. Decisions already in
   * flight finish under the policy they started with. An invalid policy throws and leaves the
   * active one in force.
   *
   * @return the policy with any validation warnings
   * @throws dev.lexecon.api.InvalidPolicyException listing every error
   */
  public LoadedPolicy swapPolicy(Policy policy) {
    LoadedPolicy loaded = PolicyLoader.validate(policy);
    activate(PolicyEngine.compile(loaded, modeOverride), null);
    return loaded;
  }

  /** Parses, validates and activates a policy document; see {@link #swapPolicy(Policy)}. */
  public LoadedPolicy swapPolicyJson(String json) {
    LoadedPolicy loaded = PolicyLoader.parse(json);
    activate(PolicyEngine.compile(loaded, modeOverride), null);
    return loaded;
  }

  /**
   * {@link #swapPolicy(Policy)} on behalf of a person: needs {@link Permission#MANAGE_POLICIES}
   * (a refusal is recorded as {@code access_denied} and throws {@link
   * dev.lexecon.api.oversight.PermissionDeniedException}); the {@code policy_loaded} entry names
   * the person (as a commitment) and their roles.
   */
  public LoadedPolicy swapPolicy(Policy policy, Principal principal) {
    Objects.requireNonNull(policy, "policy");
    oversight.authorize(principal, Permission.MANAGE_POLICIES, "swap_policy");
    LoadedPolicy loaded = PolicyLoader.validate(policy);
    activate(PolicyEngine.compile(loaded, modeOverride), principal);
    return loaded;
  }

  /**
   * Records the policy, then activates it: no decision can name a policy the ledger does not hold.
   * Swaps are serialised so that the ledger's order of {@code policy_loaded} entries is the order
   * in which policies became active.
   */
  private void activate(PolicyEngine compiled, @Nullable Principal by) {
    swapLock.lock();
    try {
      Map<String, Object> payload = DecisionEvents.policyLoaded(compiled, modeOverride);
      if (by != null) {
        payload.put("loaded_by", Redactable.of(by.id()));
        payload.put("roles", by.roles().stream().map(r -> r.name()).sorted().toList());
      }
      ledger.append(EventType.POLICY_LOADED, payload);
      engine.set(compiled);
    } finally {
      swapLock.unlock();
    }
  }

  /** The evidence store of a durable ledger nobody configured: holds nothing, stores nothing. */
  private static final class NoEvidenceStore implements BlobStore {
    @Override
    public Hash put(InputStream content) {
      throw new EvidenceStoreException("no evidence store is configured for"
          + " this durable ledger: set one with Lexecon.builder().evidenceStore("
          + "FileSystemBlobStore.open(dir)), so artifact content outlives the process as the ledger does");
    }

    @Override
    public Optional<InputStream> open(Hash hash) {
      return Optional.empty();
    }

    @Override
    public boolean contains(Hash hash) {
      return false;
    }

    @Override
    public boolean delete(Hash hash) {
      return false;
    }

    @Override
    public String toString() {
      return "none (durable ledger without Builder.evidenceStore: registration refused)";
    }
  }

  /**
   * Configures a {@link Lexecon}. Setters validate their argument at once; {@link #build()}
   * validates the whole configuration. Not thread-safe; build once and share the engine.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable LoadedPolicy policy;
    private @Nullable PolicyMode mode;
    private Clock clock = Clock.systemUTC();
    private @Nullable IdGenerator ids;
    private @Nullable LedgerStorage storage;
    private Durability durability = Durability.GROUP;
    private long checkpointEvery = 1000;
    private Duration checkpointInterval = Duration.ofSeconds(60);
    private @Nullable NoteSigner signer;
    private Predicate<String> naturalPerson = DecisionEvents.DEFAULT_NATURAL_PERSON;
    private final DomainPipeline.Registrations domains = new DomainPipeline.Registrations();
    private RiskProfile riskProfile = RiskProfile.defaults();
    private @Nullable SigningKey tokenKey;
    private Duration tokenTtl = TokenIssuer.DEFAULT_TTL;
    private OversightConfig oversight = OversightConfig.defaults();
    private double ratePerSecond;
    private int rateBurst;
    private @Nullable RetentionPolicy retention;
    private @Nullable BlobStore evidenceStore;
    private boolean built;

    private Builder() {}

    /** The policy to start with, built in Java. Validated by {@link #build()}. */
    public Builder policy(Policy policy) {
      Objects.requireNonNull(policy, "policy");
      return setPolicy(PolicyLoader.validate(policy));
    }

    /** The policy to start with, already loaded. */
    public Builder policy(LoadedPolicy policy) {
      return setPolicy(Objects.requireNonNull(policy, "policy"));
    }

    /**
     * The policy to start with, as a JSON document in the reference format.
     *
     * @throws dev.lexecon.api.InvalidPolicyException listing every error
     */
    public Builder policyJson(String json) {
      Objects.requireNonNull(json, "json");
      return setPolicy(PolicyLoader.parse(json));
    }

    /**
     * The policy to start with, read from a UTF-8 JSON file.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws dev.lexecon.api.InvalidPolicyException listing every error
     */
    public Builder policyFile(Path file) {
      Objects.requireNonNull(file, "file");
      try {
        return setPolicy(PolicyLoader.read(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read policy file " + file + ": " + e.getMessage(), e);
      }
    }

    private Builder setPolicy(LoadedPolicy loaded) {
      checkNotBuilt();
      if (policy != null) {
        throw new IllegalStateException(
            "policy was already set to '" + policy.policy().policyId() + "'");
      }
      this.policy = loaded;
      return this;
    }

    /**
     * An engine-wide mode that overrides the policy's own. Requests may still override it.
     */
    public Builder mode(PolicyMode mode) {
      checkNotBuilt();
      Objects.requireNonNull(mode, "mode");
      if (this.mode != null) {
        throw new IllegalStateException("mode was already set to " + this.mode);
      }
      this.mode = mode;
      return this;
    }

    /** The clock for timestamps and ids; defaults to the UTC system clock. */
    public Builder clock(Clock clock) {
      checkNotBuilt();
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The source of ids; defaults to monotonic ULIDs from the clock. */
    public Builder idGenerator(IdGenerator ids) {
      checkNotBuilt();
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * Registers a domain plugin: its rules run for every request it {@linkplain
     * DomainPlugin#appliesTo applies to} (see {@link DomainPlugin} for where in the pipeline).
     *
     * @throws IllegalStateException when a plugin with the same name is already registered
     */
    public Builder domain(DomainPlugin plugin) {
      checkNotBuilt();
      domains.add(plugin);
      return this;
    }

    /**
     * Opts in to {@link java.util.ServiceLoader} discovery of domain plugins on the class path,
     * resolved by {@link #build()}. A discovered plugin whose name was registered explicitly with
     * {@link #domain} is skipped. Off by default: what governs decisions should be visible in code.
     */
    public Builder discoverDomains() {
      checkNotBuilt();
      domains.discover();
      return this;
    }

    /**
     * Where the ledger is kept; a new {@link InMemoryLedgerStorage} by default. A durable storage
     * (SQLite, PostgreSQL, MariaDB) makes the ledger outlive the process; opening an existing
     * ledger resumes from its head. The engine closes the storage when it is closed.
     */
    public Builder ledger(LedgerStorage storage) {
      checkNotBuilt();
      Objects.requireNonNull(storage, "storage");
      if (this.storage != null) {
        throw new IllegalStateException("ledger storage was already set to " + this.storage);
      }
      this.storage = storage;
      return this;
    }

    /** When a ledger append counts as done; {@link Durability#GROUP} by default. */
    public Builder durability(Durability durability) {
      checkNotBuilt();
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /**
     * Appends a signed checkpoint after every {@code entries} ledger entries (1,000 by default); 0
     * turns count-based checkpoints off.
     *
     * @throws IllegalArgumentException if {@code entries} is negative
     */
    public Builder checkpointEvery(long entries) {
      checkNotBuilt();
      if (entries < 0) {
        throw new IllegalArgumentException("checkpoint count must be >= 0, was " + entries);
      }
      this.checkpointEvery = entries;
      return this;
    }

    /**
     * Appends a signed checkpoint when {@code interval} has passed since the last one and entries
     * were appended since (60 seconds by default); {@link Duration#ZERO} turns this off.
     *
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public Builder checkpointInterval(Duration interval) {
      checkNotBuilt();
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("checkpoint interval must be >= 0, was " + interval);
      }
      this.checkpointInterval = interval;
      return this;
    }

    /**
     * The Ed25519 key that signs ledger checkpoints. By default a key is generated when the engine
     * is built (its public half is {@code ledger().checkpointKey()}); configure a stable key so
     * auditors can pin it across restarts.
     */
    public Builder checkpointSigner(NoteSigner signer) {
      checkNotBuilt();
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /**
     * Decides which actor ids name natural persons; the ledger records those only as salted
     * commitments, erasable under GDPR Art. 17 (user intent, context values and tool arguments
     * always are). By default: ids containing {@code @}, and ids whose type prefix (before the
     * first {@code :}) is {@code user}, {@code human}, {@code person}, {@code employee}, {@code
     * customer}, {@code patient}, {@code operator}, {@code member}, {@code staff}, {@code citizen}
     * or {@code client}.
     */
    public Builder naturalPersonActors(Predicate<String> isNaturalPerson) {
      checkNotBuilt();
      this.naturalPerson = Objects.requireNonNull(isNaturalPerson, "isNaturalPerson");
      return this;
    }

    /**
     * The risk profile decide() scores requests with; defaults to {@link RiskProfile#defaults()}.
     * Registered domain plugins add their factors and weights on top.
     */
    public Builder riskProfile(RiskProfile profile) {
      checkNotBuilt();
      this.riskProfile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * The retention policy erasures, retention sweeps and the Art. 12 status follow; by default
     * standard retention (6 months) counted on the engine's clock.
     */
    public Builder retention(RetentionPolicy retention) {
      checkNotBuilt();
      Objects.requireNonNull(retention, "retention");
      if (this.retention != null) {
        throw new IllegalStateException("retention was already set");
      }
      this.retention = retention;
      return this;
    }

    /**
     * Where evidence artifact content is kept: {@code FileSystemBlobStore.open(dir)} for durable
     * use. With the default in-memory ledger the default is an {@link InMemoryBlobStore}. With a
     * durable ledger there is no default: until a store is set, registering an artifact fails with
     * {@link EvidenceStoreException} and records nothing, since an
     * in-memory store would lose the content of artifacts the ledger keeps.
     */
    public Builder evidenceStore(BlobStore store) {
      checkNotBuilt();
      Objects.requireNonNull(store, "store");
      if (this.evidenceStore != null) {
        throw new IllegalStateException("evidence store was already set to " + this.evidenceStore);
      }
      this.evidenceStore = store;
      return this;
    }

    /**
     * The key capability tokens are signed with. Defaults to a fresh random HS256 key, which only
     * this process can verify; give an Ed25519 key ({@code SigningKey.generate(EDDSA)} or {@code
     * SigningKey.fromPkcs8Pem}) when tool executors in other processes verify tokens.
     */
    public Builder tokenKey(SigningKey key) {
      checkNotBuilt();
      if (tokenKey != null) {
        throw new IllegalStateException("token key was already set to " + tokenKey.keyId());
      }
      this.tokenKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** How long a capability token stays valid; default 5 minutes, at most 24 hours. */
    public Builder tokenTtl(Duration ttl) {
      checkNotBuilt();
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(TokenIssuer.MAX_TTL) > 0) {
        throw new IllegalArgumentException("token TTL must be within (0, " + TokenIssuer.MAX_TTL + "], was " + ttl);
      }
      this.tokenTtl = ttl;
      return this;
    }

    /**
     * How human oversight works: escalation SLAs and assignees, the RBAC matrix, override and resume
     * roles, four-eyes defaults, the confirmation signing key; {@link OversightConfig#defaults()}
     * unless set.
     */
    public Builder oversight(OversightConfig config) {
      checkNotBuilt();
      this.oversight = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Limits each actor to {@code perSecond} decide() calls per second on average, with bursts of up
     * to {@code burst} (a token bucket per actor, timed by the engine's clock). Off by default. A
     * refused call throws {@link dev.lexecon.api.RateLimitedException} with the time to wait and
     * records nothing; {@code oversight().rateLimitedCount()} counts them.
     *
     * @throws IllegalArgumentException unless {@code perSecond > 0} and {@code burst >= 1}
     */
    public Builder rateLimit(double perSecond, int burst) {
      checkNotBuilt();
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("rate must be positive and finite, was " + perSecond);
      }
      if (burst < 1) {
        throw new IllegalArgumentException("burst must be >= 1, was " + burst);
      }
      this.ratePerSecond = perSecond;
      this.rateBurst = burst;
      return this;
    }

    /**
     * Builds the engine, opens its ledger and records the starting policy in it.
     *
     * @throws IllegalStateException when no policy was set, this builder already built, or two
     *     domain plugins provide a policy template of the same name
     * @throws dev.lexecon.api.ledger.LedgerStorageException when the ledger storage fails
     */
    public Lexecon build() {
      checkNotBuilt();
      if (policy == null) {
        throw new IllegalStateException(
            "no policy set: call policy(...), policyJson(...) or policyFile(...) first");
      }
      Lexecon lexecon = new Lexecon(this, PolicyEngine.compile(policy, mode));
      built = true;
      return lexecon;
    }

    private void checkNotBuilt() {
      if (built) {
        throw new IllegalStateException("this builder already built a Lexecon; start a new one");
      }
    }
  }
}

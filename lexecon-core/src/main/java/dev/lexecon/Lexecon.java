package dev.lexecon;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.internal.UlidGenerator;
import dev.lexecon.policy.LoadedPolicy;
import dev.lexecon.policy.PolicyEngine;
import dev.lexecon.policy.PolicyEvaluation;
import dev.lexecon.policy.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
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
 * <pre>{@code
 * Lexecon lexecon = Lexecon.builder().policyJson(json).build();
 * Decision d = lexecon.decide(DecisionRequest.builder("ai_agent:assistant", "send_email").build());
 * if (d.allowed()) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class Lexecon {
  private final AtomicReference<PolicyEngine> engine;
  private final @Nullable PolicyMode modeOverride;
  private final Clock clock;
  private final IdGenerator ids;
  private final DomainPipeline domains;

  private Lexecon(Builder b, PolicyEngine engine) {
    this.engine = new AtomicReference<>(engine);
    this.modeOverride = b.mode;
    this.clock = b.clock;
    this.ids = b.ids != null ? b.ids : new UlidGenerator(b.clock);
    this.domains = b.domains.build();
  }

  /** Starts configuring an engine. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides a request: evaluates it under the active policy and returns the decision. A denial is
   * a returned value, not an exception.
   *
   * @throws dev.lexecon.api.InvalidRequestException when a registered domain plugin finds the
   *     request malformed for its domain (a constructed request already meets every general
   *     limit); nothing is decided
   */
  public Decision decide(DecisionRequest request) {
    Objects.requireNonNull(request, "request");
    Decision decision = decisionFor(request, engine.get());
    domains.afterDecision(request, decision);
    return decision;
  }

  /**
   * Evaluates a request under the active policy without side effects: nothing is recorded and no
   * token is issued. Useful for dry runs and policy tests.
   */
  public Decision evaluate(DecisionRequest request) {
    Objects.requireNonNull(request, "request");
    return decisionFor(request, engine.get());
  }

  private Decision decisionFor(DecisionRequest request, PolicyEngine snapshot) {
    // One clock reading per decision: domain rules (trading hours) and the timestamp agree.
    Instant now = clock.instant();
    PolicyEvaluation evaluation = domains.evaluate(request, now, snapshot::evaluate);
    String requestId = request.requestId() != null ? request.requestId() : "req_" + ids.nextId();
    Policy policy = snapshot.policy();
    return new Decision(
        "dec_" + ids.nextId(),
        requestId,
        evaluation.outcome(),
        evaluation.reasons(),
        evaluation.obligations(),
        evaluation.advisories(),
        policy.policyId(),
        policy.version(),
        snapshot.policyHash(),
        evaluation.mode(),
        now);
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
    engine.set(PolicyEngine.compile(loaded, modeOverride));
    return loaded;
  }

  /** Parses, validates and activates a policy document; see {@link #swapPolicy(Policy)}. */
  public LoadedPolicy swapPolicyJson(String json) {
    LoadedPolicy loaded = PolicyLoader.parse(json);
    engine.set(PolicyEngine.compile(loaded, modeOverride));
    return loaded;
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
    private final DomainPipeline.Registrations domains = new DomainPipeline.Registrations();
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
     * Builds the engine.
     *
     * @throws IllegalStateException when no policy was set, this builder already built, or two
     *     domain plugins provide a policy template of the same name
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

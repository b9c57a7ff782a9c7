package dev.lexecon.oversight;

import dev.lexecon.api.oversight.EscalationPriority;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.token.SignatureAlgorithm;
import dev.lexecon.token.SigningKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How human oversight is configured: escalation SLAs and default assignees, the RBAC matrix, who may
 * override and who may resume after a halt, how many persons four-eyes confirmation needs by
 * default, and the key that signs confirmations.
 * Hand it to {@code Lexecon.builder().oversight(...)}; {@link #defaults()} is what an engine uses
 * otherwise.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}; setters validate at once.
 *
 * @since 0.1
 */
public final class OversightConfig {
  /** The longest an override may last: 90 days. */
  public static final Duration MAX_OVERRIDE_VALIDITY = Duration.ofDays(90);
  /** How long a time-limited exception lasts unless told otherwise: 24 hours. */
  public static final Duration DEFAULT_EXCEPTION_VALIDITY = Duration.ofHours(24);

  private final Map<EscalationPriority, Duration> slas;
  private final List<String> autoAssignees;
  private final AccessPolicy access;
  private final Set<Role> overrideRoles;
  private final Set<Role> resumeRoles;
  private final int defaultConfirmations;
  private final EscalationPriority contestPriority;
  private final @Nullable SigningKey confirmationKey;

  private OversightConfig(Builder b) {
    this.slas = Collections.unmodifiableMap(new EnumMap<>(b.slas));
    this.autoAssignees = List.copyOf(b.autoAssignees);
    this.access = b.access;
    this.overrideRoles = Set.copyOf(b.overrideRoles);
    this.resumeRoles = Set.copyOf(b.resumeRoles);
    this.defaultConfirmations = b.defaultConfirmations;
    this.contestPriority = b.contestPriority;
    this.confirmationKey = b.confirmationKey;
  }

  /** The defaults: see each {@link Builder} method. */
  public static OversightConfig defaults() {
    return builder().build();
  }

  /** Starts a configuration from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The SLA of {@code priority}, which sets an escalation's deadline. */
  public Duration sla(EscalationPriority priority) {
    return slas.get(priority);
  }

  /** Who automatically opened escalations are assigned to. */
  public List<String> autoAssignees() {
    return autoAssignees;
  }

  /** The RBAC matrix. */
  public AccessPolicy access() {
    return access;
  }

  /** Roles whose holders may override a decision (they also need APPROVE_REQUESTS). */
  public Set<Role> overrideRoles() {
    return overrideRoles;
  }

  /** Roles whose holders may lift a halt. */
  public Set<Role> resumeRoles() {
    return resumeRoles;
  }

  /** How many distinct persons four-eyes confirmation needs when the policy does not say. */
  public int defaultConfirmations() {
    return defaultConfirmations;
  }

  /** The priority of the escalation a contest opens. */
  public EscalationPriority contestPriority() {
    return contestPriority;
  }

  /** The key that signs confirmations, or {@code null} to generate an Ed25519 key per engine. */
  public @Nullable SigningKey confirmationKey() {
    return confirmationKey;
  }

  /**
   * Builds an {@link OversightConfig}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Map<EscalationPriority, Duration> slas = new EnumMap<>(EscalationPriority.class);
    private List<String> autoAssignees = List.of("role:compliance_officer", "role:admin");
    private AccessPolicy access = AccessPolicy.defaults();
    private Set<Role> overrideRoles = Set.of(Role.ADMIN, Role.of("executive"));
    private Set<Role> resumeRoles = Set.of(Role.ADMIN);
    private int defaultConfirmations = 2;
    private EscalationPriority contestPriority = EscalationPriority.MEDIUM;
    private @Nullable SigningKey confirmationKey;

    private Builder() {
      for (EscalationPriority p : EscalationPriority.values()) {
        slas.put(p, p.defaultSla());
      }
    }

    /**
     * The SLA of a priority; defaults critical 1 h, high 4 h, medium 24 h, low 72 h.
     *
     * @throws IllegalArgumentException unless positive
     */
    public Builder sla(EscalationPriority priority, Duration sla) {
      Objects.requireNonNull(priority, "priority");
      Objects.requireNonNull(sla, "sla");
      if (sla.isNegative() || sla.isZero()) {
        throw new IllegalArgumentException("the SLA of " + priority + " must be positive, was " + sla);
      }
      slas.put(priority, sla);
      return this;
    }

    /**
     * Who escalations opened by {@code decide()} and by contests are assigned to: principal ids or
     * {@code role:<name>}; default {@code role:compliance_officer} and {@code role:admin}.
     *
     * @throws IllegalArgumentException if empty or an entry is malformed
     */
    public Builder autoAssignees(List<String> assignees) {
      List<String> copy = new ArrayList<>(assignees);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("escalations need at least one assignee");
      }
      copy.forEach(Assignees::check);
      this.autoAssignees = List.copyOf(copy);
      return this;
    }

    /** The RBAC matrix; {@link AccessPolicy#defaults()} by default. */
    public Builder access(AccessPolicy access) {
      this.access = Objects.requireNonNull(access, "access");
      return this;
    }

    /** Roles whose holders may override; default {@code admin} and {@code executive}. */
    public Builder overrideRoles(Role... roles) {
      this.overrideRoles = nonEmpty(roles, "override roles");
      return this;
    }

    /** Roles whose holders may lift a halt (the RTS 6 designated staff); default {@code admin}. */
    public Builder resumeRoles(Role... roles) {
      this.resumeRoles = nonEmpty(roles, "resume roles");
      return this;
    }

    /**
     * Distinct persons four-eyes confirmation needs when the policy does not say; default 2.
     *
     * @throws IllegalArgumentException unless 2 to 10
     */
    public Builder defaultConfirmations(int persons) {
      if (persons < 2 || persons > 10) {
        throw new IllegalArgumentException("four-eyes confirmation needs 2 to 10 persons, was " + persons);
      }
      this.defaultConfirmations = persons;
      return this;
    }

    /** Priority of the escalation a contest opens; default medium (24 h). */
    public Builder contestPriority(EscalationPriority priority) {
      this.contestPriority = Objects.requireNonNull(priority, "priority");
      return this;
    }

    /**
     * The Ed25519 key that signs confirmations. By default each engine generates one and announces
     * its public half in the ledger; configure a stable key so confirmations verify against a key
     * auditors pinned.
     *
     * @throws IllegalArgumentException unless the key is Ed25519
     */
    public Builder confirmationKey(SigningKey key) {
      Objects.requireNonNull(key, "key");
      if (key.algorithm() != SignatureAlgorithm.ED25519) {
        throw new IllegalArgumentException(
            "confirmations are signed with Ed25519, not " + key.algorithm().jwsName());
      }
      this.confirmationKey = key;
      return this;
    }

    /** Builds the configuration. */
    public OversightConfig build() {
      return new OversightConfig(this);
    }

    private static Set<Role> nonEmpty(Role[] roles, String what) {
      Set<Role> set = new LinkedHashSet<>();
      for (Role r : roles) {
        set.add(Objects.requireNonNull(r, "role"));
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException(what + " must name at least one role");
      }
      return set;
    }
  }
}

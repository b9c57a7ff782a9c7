package dev.lexecon.api.policy;

import dev.lexecon.api.PolicyMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A governance policy: terms, the relations between them, policy-level constraints and named
 * lists that conditions can test membership in.
 *
 * <p>This is a plain value. Loading it into an engine validates it as a whole (dangling term ids,
 * duplicates, impossible relations) and compiles it; see {@code dev.lexecon.policy.PolicyLoader}.
 * Its identity for audit purposes is the SHA-256 of its RFC 8785 canonical JSON.
 *
 * @param policyId stable id of the policy
 * @param version version label
 * @param mode the policy file's mode, or {@code null} (then STRICT, unless the engine or request
 *     says otherwise)
 * @param description free text, or {@code null}
 * @param terms the terms, in declaration order
 * @param relations the relations, in declaration order (which is also the order reasons are
 *     listed in)
 * @param constraints policy-level constraints
 * @param lists named value lists for {@code in} conditions
 * @param extensions other top-level keys of the policy document (name, compliance_frameworks,
 *     metadata, ...), kept so the policy round-trips and hashes as written
 * @since 0.1
 */
public record Policy(
    String policyId,
    String version,
    @Nullable PolicyMode mode,
    @Nullable String description,
    List<Term> terms,
    List<Relation> relations,
    List<Constraint> constraints,
    Map<String, List<Object>> lists,
    Map<String, Object> extensions) {

  public Policy {
    Frozen.requireText(policyId, "policy id");
    Frozen.requireText(version, "policy version");
    terms = List.copyOf(terms);
    relations = List.copyOf(relations);
    constraints = List.copyOf(constraints);
    Map<String, List<Object>> frozenLists = new LinkedHashMap<>();
    lists.forEach((name, values) -> frozenLists.put(name, Frozen.list(values)));
    lists = java.util.Collections.unmodifiableMap(frozenLists);
    extensions = Frozen.map(extensions);
  }

  /** Starts a policy built in Java. */
  public static Builder builder(String policyId, String version) {
    return new Builder(policyId, version);
  }

  /**
   * Fluent construction of a {@link Policy}. Relations get ids {@code rel_<n>} in declaration
   * order unless given one. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String policyId;
    private final String version;
    private @Nullable PolicyMode mode;
    private @Nullable String description;
    private final List<Term> terms = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final Map<String, List<Object>> lists = new LinkedHashMap<>();
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder(String policyId, String version) {
      this.policyId = Objects.requireNonNull(policyId, "policyId");
      this.version = Objects.requireNonNull(version, "version");
    }

    /** The policy's own mode. */
    public Builder mode(PolicyMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Free-text description. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Adds a term. */
    public Builder term(Term term) {
      terms.add(Objects.requireNonNull(term, "term"));
      return this;
    }

    /** Adds an actor term; {@code value} may be a glob such as {@code ai_agent:*}. */
    public Builder actor(String id, @Nullable String value) {
      return term(Term.of(TermType.ACTOR, id, value));
    }

    /** Adds an action term. */
    public Builder action(String id, @Nullable String value) {
      return term(Term.of(TermType.ACTION, id, value));
    }

    /** Adds a tool term. */
    public Builder tool(String id, @Nullable String value) {
      return term(Term.of(TermType.TOOL, id, value));
    }

    /** Adds a resource term. */
    public Builder resource(String id, @Nullable String value) {
      return term(Term.of(TermType.RESOURCE, id, value));
    }

    /** Adds a data class term. */
    public Builder dataClass(String id, @Nullable String value) {
      return term(Term.of(TermType.DATA_CLASS, id, value));
    }

    /** Adds a relation as given. */
    public Builder relation(Relation relation) {
      relations.add(Objects.requireNonNull(relation, "relation"));
      return this;
    }

    /** {@code source} may do {@code target}, when every condition holds. */
    public Builder permits(@Nullable String source, String target, String... conditions) {
      return add(RelationType.PERMITS, source, target, List.of(conditions), List.of(), null);
    }

    /** {@code source} must not do {@code target}; applies unless a condition is known false. */
    public Builder forbids(@Nullable String source, String target, String... conditions) {
      return add(RelationType.FORBIDS, source, target, List.of(conditions), List.of(), null);
    }

    /** Doing {@code target} obliges {@code source} (every actor when {@code null}) to meet these. */
    public Builder requires(@Nullable String source, String target, String... obligations) {
      return add(RelationType.REQUIRES, source, target, List.of(), Arrays.asList(obligations), null);
    }

    private Builder add(
        RelationType type,
        @Nullable String source,
        String target,
        List<String> conditions,
        List<String> obligations,
        @Nullable String justification) {
      String id = "rel_" + relations.size();
      return relation(
          new Relation(id, type, source, target, null, conditions, obligations, justification, Map.of()));
    }

    /** Adds a policy-level constraint. */
    public Builder constraint(String name, String condition, String action) {
      constraints.add(new Constraint(name, condition, action, null));
      return this;
    }

    /** Declares a named list for {@code in} conditions. */
    public Builder list(String name, List<?> values) {
      lists.put(Objects.requireNonNull(name, "name"), List.copyOf(values));
      return this;
    }

    /** Keeps an extra top-level key, such as {@code compliance_frameworks}. */
    public Builder extension(String key, Object value) {
      extensions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Builds the value; whole-policy validation happens when an engine loads it. */
    public Policy build() {
      return new Policy(
          policyId, version, mode, description, terms, relations, constraints, lists, extensions);
    }
  }
}

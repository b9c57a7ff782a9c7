package dev.lexecon.api.domain;

import dev.lexecon.api.RequestLimits;
import dev.lexecon.api.risk.RiskDimension;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link DomainPlugin} governs, as data: its name, domain, the actor, action and resource
 * types it knows, the compliance frameworks it maps to, and the risk weights it recommends. Tools
 * (the CLI's {@code domains info}, technical documentation) print it; the engine reads two parts of
 * it: {@link #name()} and the {@linkplain ActionType#riskLevel() risk level} of each action type.
 *
 * <p>Build one with {@link #builder(String, GovernanceDomain)}. Immutable and thread-safe.
 *
 * @param name the plugin's unique name, {@code [a-z][a-z0-9_]*} up to 64 characters; it prefixes
 *     the plugin's rule ids ({@code finance.order_value_limit}) and is the context key its facts
 *     are published under ({@code context.finance})
 * @param domain the regulated area
 * @param description one or two sentences for humans
 * @param actorTypes the kinds of actor the plugin expects, by convention the prefix of actor ids
 *     ({@code trading_algorithm} for {@code trading_algorithm:momentum_7})
 * @param actionTypes the actions the plugin governs, each with its risk level; by default a plugin
 *     {@linkplain DomainPlugin#appliesTo applies} to requests for exactly these actions
 * @param resourceTypes the kinds of resource, by convention the prefix of resource ids ({@code
 *     security} for {@code security:AAPL})
 * @param complianceFrameworks the frameworks its {@linkplain DomainPlugin#complianceMappings()
 *     compliance mappings} refer to, such as {@code MiFID II}
 * @param riskWeights recommended weights of the six risk dimensions, all six summing to 1 within
 *     0.01 (in decimal), or empty to keep the engine's
 * @since 0.1
 */
public record DomainConfiguration(
    String name,
    GovernanceDomain domain,
    String description,
    List<String> actorTypes,
    List<ActionType> actionTypes,
    List<String> resourceTypes,
    List<String> complianceFrameworks,
    Map<RiskDimension, Double> riskWeights) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /**
   * Validates every component.
   *
   * @throws IllegalArgumentException for a malformed name, a duplicate type, or weights that are
   *     not all six or do not sum to 1 within 0.01
   */
  public DomainConfiguration {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "domain plugin name '" + name + "' must match [a-z][a-z0-9_]* and be at most 64 characters");
    }
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(description, "description");
    actorTypes = distinct("actor type", actorTypes);
    actionTypes = List.copyOf(actionTypes);
    Set<String> seen = new HashSet<>();
    for (ActionType a : actionTypes) {
      if (!seen.add(a.name())) {
        throw new IllegalArgumentException("action type '" + a.name() + "' is listed twice");
      }
    }
    resourceTypes = distinct("resource type", resourceTypes);
    complianceFrameworks = distinct("compliance framework", complianceFrameworks);
    riskWeights = weights(riskWeights);
  }

  /** The action type with this exact name, or {@code null}. Allocation-free. */
  public @Nullable ActionType actionType(String action) {
    for (int i = 0; i < actionTypes.size(); i++) {
      ActionType a = actionTypes.get(i);
      if (a.name().equals(action)) {
        return a;
      }
    }
    return null;
  }

  /** Starts a configuration; only the name and domain are required. */
  public static Builder builder(String name, GovernanceDomain domain) {
    return new Builder(name, domain);
  }

  private static List<String> distinct(String what, List<String> values) {
    List<String> copy = List.copyOf(values);
    Set<String> seen = new HashSet<>();
    for (String v : copy) {
      if (v.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      if (!seen.add(v)) {
        throw new IllegalArgumentException(what + " '" + v + "' is listed twice");
      }
    }
    return copy;
  }

  private static Map<RiskDimension, Double> weights(Map<RiskDimension, Double> weights) {
    if (weights.isEmpty()) {
      return Map.of();
    }
    EnumMap<RiskDimension, Double> copy = new EnumMap<>(RiskDimension.class);
    // Summed in decimal, as the weights are written: 0.49 + 0.5 is exactly 0.99, on the boundary.
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<RiskDimension, Double> e : weights.entrySet()) {
      double w = Objects.requireNonNull(e.getValue(), "weight");
      if (!(w > 0) || w > 1) {
        throw new IllegalArgumentException(e.getKey() + " weight must be in (0, 1], was " + w);
      }
      copy.put(Objects.requireNonNull(e.getKey(), "dimension"), w);
      sum = sum.add(BigDecimal.valueOf(w));
    }
    if (copy.size() != RiskDimension.values().length) {
      throw new IllegalArgumentException(
          "risk weights must cover all six dimensions or none; missing "
              + missing(copy.keySet()));
    }
    if (sum.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("0.01")) > 0) {
      throw new IllegalArgumentException("risk weights must sum to 1 within 0.01, sum to " + sum);
    }
    return Collections.unmodifiableMap(copy);
  }

  private static List<RiskDimension> missing(Set<RiskDimension> present) {
    List<RiskDimension> out = new ArrayList<>();
    for (RiskDimension d : RiskDimension.values()) {
      if (!present.contains(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * An action a plugin governs, with the risk level it carries in this domain. The engine raises a
   * request's {@link dev.lexecon.api.DecisionRequest#riskLevel()} to at least this level (never
   * lowers it), so policies and the risk scorer see the domain's judgement even when the caller
   * claimed less. Immutable and thread-safe.
   *
   * @param name the action name exactly as requests carry it, such as {@code place_order}
   * @param riskLevel 1 (lowest) to 5
   * @param description what the action does and which rules apply to it
   * @since 0.1
   */
  public record ActionType(String name, int riskLevel, String description) {
    /** Validates the name and level. */
    public ActionType {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || name.length() > RequestLimits.MAX_ACTION_LENGTH) {
        throw new IllegalArgumentException(
            "action type name must be 1 to " + RequestLimits.MAX_ACTION_LENGTH + " characters");
      }
      if (riskLevel < RequestLimits.MIN_RISK_LEVEL || riskLevel > RequestLimits.MAX_RISK_LEVEL) {
        throw new IllegalArgumentException(
            "risk level of action type " + name + " must be within 1..5, was " + riskLevel);
      }
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * Collects a {@link DomainConfiguration}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String name;
    private final GovernanceDomain domain;
    private String description = "";
    private final List<String> actorTypes = new ArrayList<>();
    private final List<ActionType> actionTypes = new ArrayList<>();
    private final List<String> resourceTypes = new ArrayList<>();
    private final List<String> complianceFrameworks = new ArrayList<>();
    private final EnumMap<RiskDimension, Double> riskWeights = new EnumMap<>(RiskDimension.class);

    private Builder(String name, GovernanceDomain domain) {
      this.name = Objects.requireNonNull(name, "name");
      this.domain = Objects.requireNonNull(domain, "domain");
    }

    /** One or two sentences for humans. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** Adds actor types. */
    public Builder actorTypes(String... types) {
      actorTypes.addAll(List.of(types));
      return this;
    }

    /** Adds an action type. */
    public Builder actionType(String name, int riskLevel, String description) {
      actionTypes.add(new ActionType(name, riskLevel, description));
      return this;
    }

    /** Adds resource types. */
    public Builder resourceTypes(String... types) {
      resourceTypes.addAll(List.of(types));
      return this;
    }

    /** Adds compliance frameworks. */
    public Builder complianceFrameworks(String... frameworks) {
      complianceFrameworks.addAll(List.of(frameworks));
      return this;
    }

    /** Sets one recommended risk weight; set all six or none. */
    public Builder riskWeight(RiskDimension dimension, double weight) {
      riskWeights.put(Objects.requireNonNull(dimension, "dimension"), weight);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException as the record's constructor does
     */
    public DomainConfiguration build() {
      return new DomainConfiguration(
          name,
          domain,
          description,
          actorTypes,
          actionTypes,
          resourceTypes,
          complianceFrameworks,
          riskWeights);
    }
  }
}

package dev.lexecon.risk;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.risk.RiskDimension;
import dev.lexecon.api.risk.RiskFactor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What raises risk and by how much: dimension weights, factors per data class, action patterns
 * for bulk and destructive operations, which argument names carry destinations and which domains
 * are internal, points per request risk level, and extra factor sources (domain plugins).
 *
 * <p>Immutable and thread-safe; build a variant with {@link #toBuilder()}. {@link #defaults()} is
 * the documented default profile ({@code docs/risk.md} explains every number).
 *
 * @since 0.1
 */
public final class RiskProfile {
  /** One factor template: which dimension, how many points, why. */
  public record FactorRule(RiskDimension dimension, int points, String reason) {
    public FactorRule {
      Objects.requireNonNull(dimension, "dimension");
      if (points < 1 || points > 100) {
        throw new IllegalArgumentException("points must be within 1..100, were " + points);
      }
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final Map<RiskDimension, Double> weights;
  private final Map<String, List<FactorRule>> dataClasses;
  private final List<String> bulkActionGlobs;
  private final List<FactorRule> bulkFactors;
  private final List<String> destructiveActionGlobs;
  private final List<FactorRule> destructiveFactors;
  private final Set<String> destinationArguments;
  private final Set<String> internalDomains;
  private final List<FactorRule> externalFactors;
  private final int pointsPerRiskLevel;
  private final List<Function<DecisionRequest, List<RiskFactor>>> factorSources;

  private RiskProfile(Builder b) {
    this.weights = Collections.unmodifiableMap(new EnumMap<>(b.weights));
    Map<String, List<FactorRule>> dc = new LinkedHashMap<>();
    b.dataClasses.forEach((k, v) -> dc.put(k, List.copyOf(v)));
    this.dataClasses = Collections.unmodifiableMap(dc);
    this.bulkActionGlobs = List.copyOf(b.bulkActionGlobs);
    this.bulkFactors = List.copyOf(b.bulkFactors);
    this.destructiveActionGlobs = List.copyOf(b.destructiveActionGlobs);
    this.destructiveFactors = List.copyOf(b.destructiveFactors);
    this.destinationArguments = Set.copyOf(b.destinationArguments);
    this.internalDomains = Set.copyOf(b.internalDomains);
    this.externalFactors = List.copyOf(b.externalFactors);
    this.pointsPerRiskLevel = b.pointsPerRiskLevel;
    this.factorSources = List.copyOf(b.factorSources);
  }

  /** The default profile, documented number by number in {@code docs/risk.md}. */
  public static RiskProfile defaults() {
    return DEFAULTS;
  }

  private static final RiskProfile DEFAULTS = defaultBuilder().build();

  private static Builder defaultBuilder() {
    Builder b = new Builder();
    b.weight(RiskDimension.SECURITY, 0.25)
        .weight(RiskDimension.PRIVACY, 0.20)
        .weight(RiskDimension.COMPLIANCE, 0.20)
        .weight(RiskDimension.OPERATIONAL, 0.15)
        .weight(RiskDimension.REPUTATIONAL, 0.10)
        .weight(RiskDimension.FINANCIAL, 0.10);
    b.dataClass("pii",
        new FactorRule(RiskDimension.PRIVACY, 40, "personal data (GDPR Art. 4(1))"),
        new FactorRule(RiskDimension.COMPLIANCE, 20, "personal data processing must have a lawful basis (GDPR Art. 6)"));
    b.dataClass("phi",
        new FactorRule(RiskDimension.PRIVACY, 60, "protected health information"),
        new FactorRule(RiskDimension.COMPLIANCE, 50, "HIPAA Security Rule; GDPR Art. 9 special category"));
    b.dataClass("biometric",
        new FactorRule(RiskDimension.PRIVACY, 70, "biometric data identifies a person permanently"),
        new FactorRule(RiskDimension.COMPLIANCE, 50, "GDPR Art. 9 special category"));
    b.dataClass("financial",
        new FactorRule(RiskDimension.FINANCIAL, 40, "financial records"),
        new FactorRule(RiskDimension.COMPLIANCE, 30, "financial data is regulated (GLBA, PCI DSS)"));
    b.dataClass("payment_card",
        new FactorRule(RiskDimension.FINANCIAL, 50, "payment card data"),
        new FactorRule(RiskDimension.COMPLIANCE, 60, "PCI DSS v4 cardholder data"));
    b.dataClass("credentials",
        new FactorRule(RiskDimension.SECURITY, 80, "secrets grant access far beyond this request"));
    b.dataClass("confidential",
        new FactorRule(RiskDimension.SECURITY, 30, "confidential business information"),
        new FactorRule(RiskDimension.REPUTATIONAL, 20, "disclosure would harm the organisation"));
    b.bulkActions(List.of("bulk_*", "*_bulk", "*_all", "mass_*", "export*", "batch_*"),
        new FactorRule(RiskDimension.OPERATIONAL, 40, "bulk operation: one mistake affects many records"),
        new FactorRule(RiskDimension.PRIVACY, 15, "bulk access multiplies any data exposure"));
    b.destructiveActions(
        List.of("delete*", "drop*", "remove*", "destroy*", "truncate*", "wipe*", "purge*", "erase*"),
        new FactorRule(RiskDimension.OPERATIONAL, 50, "destructive operation: may not be reversible"),
        new FactorRule(RiskDimension.SECURITY, 20, "destruction is a common attack goal"));
    b.destinationArguments(List.of("to", "cc", "bcc", "recipient", "recipients", "url", "endpoint",
        "destination", "webhook", "host"));
    b.externalDestination(
        new FactorRule(RiskDimension.REPUTATIONAL, 30, "communication leaves the organisation"),
        new FactorRule(RiskDimension.PRIVACY, 15, "data may leave the organisation"),
        new FactorRule(RiskDimension.SECURITY, 10, "exfiltration channel"));
    b.pointsPerRiskLevel(20);
    return b;
  }

  /** Starts from the default profile. */
  public static Builder builder() {
    return defaultBuilder();
  }

  /** A builder preset with this profile's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.weights.putAll(weights);
    dataClasses.forEach((k, v) -> b.dataClasses.put(k, new ArrayList<>(v)));
    b.bulkActionGlobs.addAll(bulkActionGlobs);
    b.bulkFactors.addAll(bulkFactors);
    b.destructiveActionGlobs.addAll(destructiveActionGlobs);
    b.destructiveFactors.addAll(destructiveFactors);
    b.destinationArguments.addAll(destinationArguments);
    b.internalDomains.addAll(internalDomains);
    b.externalFactors.addAll(externalFactors);
    b.pointsPerRiskLevel = pointsPerRiskLevel;
    b.factorSources.addAll(factorSources);
    return b;
  }

  Map<RiskDimension, Double> weights() {
    return weights;
  }

  /** The weight of each dimension; they sum to 1. */
  public double weight(RiskDimension dimension) {
    return weights.get(dimension);
  }

  List<FactorRule> dataClassFactors(String dataClass) {
    return dataClasses.getOrDefault(dataClass.toLowerCase(Locale.ROOT), List.of());
  }

  List<String> bulkActionGlobs() {
    return bulkActionGlobs;
  }

  List<FactorRule> bulkFactors() {
    return bulkFactors;
  }

  List<String> destructiveActionGlobs() {
    return destructiveActionGlobs;
  }

  List<FactorRule> destructiveFactors() {
    return destructiveFactors;
  }

  Set<String> destinationArguments() {
    return destinationArguments;
  }

  Set<String> internalDomains() {
    return internalDomains;
  }

  List<FactorRule> externalFactors() {
    return externalFactors;
  }

  int pointsPerRiskLevel() {
    return pointsPerRiskLevel;
  }

  List<Function<DecisionRequest, List<RiskFactor>>> factorSources() {
    return factorSources;
  }

  /** A description of this profile for technical documentation and the ledger. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> w = new LinkedHashMap<>();
    weights.forEach((d, v) -> w.put(d.jsonName(), v));
    out.put("weights", w);
    Map<String, Object> dc = new LinkedHashMap<>();
    dataClasses.forEach((k, v) -> dc.put(k, v.stream().map(RiskProfile::describe).toList()));
    out.put("data_classes", dc);
    out.put("bulk_actions", Map.of("globs", bulkActionGlobs,
        "factors", bulkFactors.stream().map(RiskProfile::describe).toList()));
    out.put("destructive_actions", Map.of("globs", destructiveActionGlobs,
        "factors", destructiveFactors.stream().map(RiskProfile::describe).toList()));
    out.put("destination_arguments", destinationArguments.stream().sorted().toList());
    out.put("internal_domains", internalDomains.stream().sorted().toList());
    out.put("external_destination", externalFactors.stream().map(RiskProfile::describe).toList());
    out.put("points_per_risk_level", pointsPerRiskLevel);
    out.put("extra_factor_sources", factorSources.size());
    return out;
  }

  private static Map<String, Object> describe(FactorRule r) {
    return Map.of("dimension", r.dimension().jsonName(), "points", r.points(), "reason", r.reason());
  }

  /**
   * Configures a {@link RiskProfile}; starts from the defaults when obtained through {@link
   * RiskProfile#builder()}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final EnumMap<RiskDimension, Double> weights = new EnumMap<>(RiskDimension.class);
    private final Map<String, List<FactorRule>> dataClasses = new LinkedHashMap<>();
    private final List<String> bulkActionGlobs = new ArrayList<>();
    private final List<FactorRule> bulkFactors = new ArrayList<>();
    private final List<String> destructiveActionGlobs = new ArrayList<>();
    private final List<FactorRule> destructiveFactors = new ArrayList<>();
    private final Set<String> destinationArguments = new LinkedHashSet<>();
    private final Set<String> internalDomains = new LinkedHashSet<>();
    private final List<FactorRule> externalFactors = new ArrayList<>();
    private int pointsPerRiskLevel;
    private final List<Function<DecisionRequest, List<RiskFactor>>> factorSources = new ArrayList<>();

    private Builder() {}

    /** Sets one dimension's weight; must be positive. All six must sum to 1 within 0.01. */
    public Builder weight(RiskDimension dimension, double weight) {
      Objects.requireNonNull(dimension, "dimension");
      if (!(weight > 0) || weight > 1) {
        throw new IllegalArgumentException(dimension + " weight must be in (0, 1], was " + weight);
      }
      weights.put(dimension, weight);
      return this;
    }

    /** Replaces the factors a data class (case-insensitive) raises. */
    public Builder dataClass(String dataClass, FactorRule... factors) {
      Objects.requireNonNull(dataClass, "dataClass");
      dataClasses.put(dataClass.toLowerCase(Locale.ROOT), List.of(factors));
      return this;
    }

    /** Replaces the glob patterns of bulk actions and the factors they raise. */
    public Builder bulkActions(List<String> globs, FactorRule... factors) {
      bulkActionGlobs.clear();
      bulkActionGlobs.addAll(globs);
      bulkFactors.clear();
      bulkFactors.addAll(List.of(factors));
      return this;
    }

    /** Replaces the glob patterns of destructive actions and the factors they raise. */
    public Builder destructiveActions(List<String> globs, FactorRule... factors) {
      destructiveActionGlobs.clear();
      destructiveActionGlobs.addAll(globs);
      destructiveFactors.clear();
      destructiveFactors.addAll(List.of(factors));
      return this;
    }

    /** Replaces the tool-argument names whose values are destinations (addresses, URLs). */
    public Builder destinationArguments(List<String> names) {
      destinationArguments.clear();
      destinationArguments.addAll(names);
      return this;
    }

    /**
     * Domains that count as inside the organisation (and their subdomains); a destination on any
     * other domain is external. Empty (the default) means every destination is external.
     */
    public Builder internalDomains(List<String> domains) {
      internalDomains.clear();
      domains.forEach(d -> internalDomains.add(d.toLowerCase(Locale.ROOT)));
      return this;
    }

    /** Replaces the factors an external destination raises. */
    public Builder externalDestination(FactorRule... factors) {
      externalFactors.clear();
      externalFactors.addAll(List.of(factors));
      return this;
    }

    /**
     * Points a request's own risk level adds to security and operational: {@code points × (level −
     * 1)}, so level 1 adds nothing.
     */
    public Builder pointsPerRiskLevel(int points) {
      if (points < 0 || points > 25) {
        throw new IllegalArgumentException("points per risk level must be within 0..25, were " + points);
      }
      this.pointsPerRiskLevel = points;
      return this;
    }

    /** Adds a source of extra factors, such as a domain plugin. It must be a pure function. */
    public Builder factorSource(Function<DecisionRequest, List<RiskFactor>> source) {
      factorSources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    /**
     * Builds the profile.
     *
     * @throws IllegalStateException when a weight is missing or the weights do not sum to 1 within
     *     0.01
     */
    public RiskProfile build() {
      for (RiskDimension d : RiskDimension.values()) {
        if (!weights.containsKey(d)) {
          throw new IllegalStateException("no weight for " + d);
        }
      }
      double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
      if (Math.abs(sum - 1.0) > 0.01) {
        throw new IllegalStateException("risk weights must sum to 1 within 0.01, sum to " + sum);
      }
      return new RiskProfile(this);
    }
  }
}

package dev.lexecon.risk;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.risk.RiskDimension;
import dev.lexecon.api.risk.RiskFactor;
import dev.lexecon.api.risk.RiskLevel;
import dev.lexecon.internal.Glob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Scores a request's risk under a {@link RiskProfile}: a pure function of request and profile, so
 * the same inputs always give an equal assessment.
 *
 * <p>Each factor adds points to one dimension; a dimension's score is the sum of its points capped
 * at 100. The overall score is the weighted mean over the dimensions some factor raised (absent
 * dimensions do not dilute it), rounded half up to an integer; its band gives the level. Immutable
 * and thread-safe.
 *
 * @since 0.1
 */
public final class RiskAssessor {
  private final RiskProfile profile;
  private final GlobSet bulk;
  private final GlobSet destructive;

  /** An assessor for the given profile. */
  public RiskAssessor(RiskProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.bulk = new GlobSet(profile.bulkActionGlobs());
    this.destructive = new GlobSet(profile.destructiveActionGlobs());
  }

  /** An assessor for {@link RiskProfile#defaults()}. */
  public static RiskAssessor withDefaults() {
    return new RiskAssessor(RiskProfile.defaults());
  }

  /** The profile this assessor applies. */
  public RiskProfile profile() {
    return profile;
  }

  /** Assesses one request. */
  public RiskAssessment assess(DecisionRequest request) {
    List<RiskFactor> factors = new ArrayList<>(4);
    for (String dataClass : request.dataClasses()) {
      for (RiskProfile.FactorRule rule : profile.dataClassFactors(dataClass)) {
        factors.add(new RiskFactor(rule.dimension(), rule.points(), "data_class:" + dataClass,
            rule.reason()));
      }
    }
    String action = request.action().toLowerCase(Locale.ROOT);
    if (bulk.matches(action)) {
      add(factors, profile.bulkFactors(), "action:bulk", request.action());
    }
    if (destructive.matches(action)) {
      add(factors, profile.destructiveFactors(), "action:destructive", request.action());
    }
    String external = externalDestination(request);
    if (external != null) {
      add(factors, profile.externalFactors(), "destination:external", external);
    }
    int levelPoints = profile.pointsPerRiskLevel() * (request.riskLevel() - 1);
    if (levelPoints > 0) {
      // The caller sets the level, or a domain plugin raises it to its action type's: say neither.
      String why = "the request's risk level is " + request.riskLevel() + " of 5";
      factors.add(new RiskFactor(RiskDimension.SECURITY, levelPoints, "request:risk_level", why));
      factors.add(new RiskFactor(RiskDimension.OPERATIONAL, levelPoints, "request:risk_level", why));
    }
    for (Function<DecisionRequest, List<RiskFactor>> source : profile.factorSources()) {
      factors.addAll(source.apply(request));
    }
    return score(factors);
  }

  private static void add(
      List<RiskFactor> out, List<RiskProfile.FactorRule> rules, String source, String subject) {
    for (RiskProfile.FactorRule rule : rules) {
      out.add(new RiskFactor(rule.dimension(), rule.points(), source, rule.reason() + " (" + subject + ")"));
    }
  }

  /** Sums factors per dimension (capped at 100) and rounds the weighted mean half up. */
  RiskAssessment score(List<RiskFactor> factors) {
    EnumMap<RiskDimension, Integer> dims = new EnumMap<>(RiskDimension.class);
    for (RiskFactor f : factors) {
      dims.merge(f.dimension(), f.points(), (a, b) -> Math.min(100, a + b));
    }
    int overall = overall(dims, profile.weights());
    return new RiskAssessment(dims, overall, RiskLevel.of(overall), factors);
  }

  /**
   * Weighted mean over present dimensions, rounded half up. Computed in BigDecimal so a mean that
   * is exactly x.5 in decimal is never pushed below it by binary rounding of the weights.
   */
  static int overall(Map<RiskDimension, Integer> dims, Map<RiskDimension, Double> weights) {
    if (dims.isEmpty()) {
      return 0;
    }
    BigDecimal weighted = BigDecimal.ZERO;
    BigDecimal totalWeight = BigDecimal.ZERO;
    for (Map.Entry<RiskDimension, Integer> e : dims.entrySet()) {
      BigDecimal w = BigDecimal.valueOf(weights.get(e.getKey()));
      weighted = weighted.add(w.multiply(BigDecimal.valueOf(e.getValue())));
      totalWeight = totalWeight.add(w);
    }
    int rounded = weighted.divide(totalWeight, 0, RoundingMode.HALF_UP).intValueExact();
    return Math.max(0, Math.min(100, rounded));
  }

  /** The first destination argument on a non-internal domain, or null. */
  private @Nullable String externalDestination(DecisionRequest request) {
    for (String name : profile.destinationArguments()) {
      Object value = request.arguments().get(name);
      if (value instanceof List<?> list) {
        for (Object v : list) {
          String d = externalDomainOf(v);
          if (d != null) {
            return name + "=" + d;
          }
        }
      } else {
        String d = externalDomainOf(value);
        if (d != null) {
          return name + "=" + d;
        }
      }
    }
    return null;
  }

  private @Nullable String externalDomainOf(@Nullable Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      return null;
    }
    String host = hostOf(s.trim());
    if (host == null) {
      return null;
    }
    for (String internal : profile.internalDomains()) {
      if (host.equals(internal) || host.endsWith("." + internal)) {
        return null;
      }
    }
    return host;
  }

  private static @Nullable String hostOf(String s) {
    int at = s.lastIndexOf('@');
    if (at >= 0 && !s.contains("://")) {
      String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
      return domain.isEmpty() ? null : domain;
    }
    try {
      String host = URI.create(s).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null; // not an address we understand: not evidence of an external destination
    }
  }

  /** Case-insensitive whole-string globs over lowercase action names. */
  private static final class GlobSet {
    private final Glob[] globs;

    GlobSet(List<String> patterns) {
      globs = patterns.stream().map(p -> Glob.compile(p.toLowerCase(Locale.ROOT))).toArray(Glob[]::new);
    }

    boolean matches(String value) {
      for (Glob glob : globs) {
        if (glob.matches(value)) {
          return true;
        }
      }
      return false;
    }
  }
}

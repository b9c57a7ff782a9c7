package dev.lexecon.api.risk;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The risk of one request: a score per dimension that any factor raised, the weighted overall
 * score, its level, and every factor with its reason.
 *
 * @param dimensions score 0–100 for each dimension at least one factor raised (others are absent,
 *     not zero, and do not dilute the overall score)
 * @param overall weighted mean of the present dimensions, rounded half up; 0 when none is present
 * @param level the band of {@code overall}
 * @param factors every factor applied, in the order they were found
 * @since 0.1
 */
public record RiskAssessment(
    Map<RiskDimension, Integer> dimensions, int overall, RiskLevel level, List<RiskFactor> factors) {
  public RiskAssessment {
    EnumMap<RiskDimension, Integer> copy = new EnumMap<>(RiskDimension.class);
    dimensions.forEach((d, s) -> {
      if (s < 0 || s > 100) {
        throw new IllegalArgumentException(d + " score must be within 0..100, was " + s);
      }
      copy.put(Objects.requireNonNull(d), s);
    });
    dimensions = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(level, "level");
    if (level != RiskLevel.of(overall)) {
      throw new IllegalArgumentException("level " + level + " does not match overall score " + overall);
    }
    factors = List.copyOf(factors);
  }

  private static final RiskAssessment NONE = new RiskAssessment(Map.of(), 0, RiskLevel.LOW, List.of());

  /** An assessment with no factors: overall 0, LOW. The same immutable instance every time. */
  public static RiskAssessment none() {
    return NONE;
  }
}

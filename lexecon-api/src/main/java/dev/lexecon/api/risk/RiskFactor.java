package dev.lexecon.api.risk;

import java.util.Objects;

/**
 * One reason a dimension's score went up, with how much it added.
 *
 * @param dimension the dimension raised
 * @param points points added, 1–100 (a dimension is capped at 100)
 * @param source what triggered it: {@code data_class:pii}, {@code action:bulk}, {@code
 *     destination:external}, {@code request:risk_level}, or {@code domain:<name>} for plugins
 * @param reason a plain-language explanation
 * @since 0.1
 */
public record RiskFactor(RiskDimension dimension, int points, String source, String reason) {
  public RiskFactor {
    Objects.requireNonNull(dimension, "dimension");
    if (points < 1 || points > 100) {
      throw new IllegalArgumentException("factor points must be within 1..100, were " + points);
    }
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }
}

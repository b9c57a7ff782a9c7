package dev.lexecon.api.risk;

/**
 * The band an overall risk score falls in: 0–25 LOW, 26–50 MEDIUM, 51–79 HIGH, 80–100 CRITICAL
 * (on the score after rounding; see {@code docs/risk.md}).
 *
 * @since 0.1
 */
public enum RiskLevel {
  /** 0–25. */
  LOW,
  /** 26–50. */
  MEDIUM,
  /** 51–79. */
  HIGH,
  /** 80–100: escalated to a human in every mode. */
  CRITICAL;

  /**
   * The level of a rounded overall score.
   *
   * @throws IllegalArgumentException when the score is outside 0–100
   */
  public static RiskLevel of(int score) {
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("risk score must be within 0..100, was " + score);
    }
    if (score <= 25) {
      return LOW;
    }
    if (score <= 50) {
      return MEDIUM;
    }
    return score < 80 ? HIGH : CRITICAL;
  }
}

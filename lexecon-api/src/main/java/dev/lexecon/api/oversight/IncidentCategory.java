package dev.lexecon.api.oversight;

import java.time.Duration;
import java.util.Locale;

/**
 * The kind of a serious incident, which sets how soon it must be reported to the market
 * surveillance authority after the provider (or deployer) becomes aware of it, under Regulation
 * (EU) 2024/1689 (the AI Act) Art. 73.
 *
 * @since 0.1
 */
public enum IncidentCategory {
  /**
   * The death of a person (Art. 3(49)(a)): Art. 73(4), immediately once a causal link is
   * established or suspected, and not later than 10 days after awareness.
   */
  DEATH(10),
  /**
   * A widespread infringement (Art. 3(61)): Art. 73(3), immediately and not later than 2 days after
   * awareness.
   */
  WIDESPREAD_INFRINGEMENT(2),
  /**
   * A serious and irreversible disruption of the management or operation of critical
   * infrastructure (Art. 3(49)(b)): Art. 73(3), not later than 2 days after awareness.
   */
  CRITICAL_INFRASTRUCTURE(2),
  /**
   * Any other serious incident (Art. 3(49)(a) serious harm to health, (c) infringement of
   * fundamental-rights obligations, (d) serious harm to property or the environment): Art. 73(2),
   * not later than 15 days after awareness.
   */
  OTHER(15);

  private final int days;

  IncidentCategory(int days) {
    this.days = days;
  }

  /** How long after awareness the report is due. */
  public Duration reportingDeadline() {
    return Duration.ofDays(days);
  }

  /** The lower-case name used in ledger payloads. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

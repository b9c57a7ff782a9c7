package dev.lexecon.api.oversight;

import java.time.Duration;
import java.util.Locale;

/**
 * How urgent an escalation is. Each priority has an SLA (configurable) that sets the escalation's
 * deadline; the defaults are {@link #defaultSla()}.
 *
 * @since 0.1
 */
public enum EscalationPriority {
  /** Default SLA 1 hour. */
  CRITICAL(Duration.ofHours(1)),
  /** Default SLA 4 hours. */
  HIGH(Duration.ofHours(4)),
  /** Default SLA 24 hours. */
  MEDIUM(Duration.ofHours(24)),
  /** Default SLA 72 hours. */
  LOW(Duration.ofHours(72));

  private final Duration defaultSla;

  EscalationPriority(Duration defaultSla) {
    this.defaultSla = defaultSla;
  }

  /** The SLA used unless the engine is configured otherwise. */
  public Duration defaultSla() {
    return defaultSla;
  }

  /** The lower-case name used in ledger payloads. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

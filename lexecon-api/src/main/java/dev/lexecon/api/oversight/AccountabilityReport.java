package dev.lexecon.api.oversight;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who answered for the decisions of a period: counts by the {@linkplain
 * ResponsibilityChain#accountable() accountable} link's level and by responsible party. Immutable
 * and thread-safe.
 *
 * @param from start of the period, inclusive (decision time)
 * @param to end of the period, exclusive
 * @param decisions how many decisions
 * @param byLevel decisions per level, every level present
 * @param byParty decisions per accountable party ({@code lexecon:<policy id>} for the engine, a
 *     principal id for a human, {@code [erased]} for an erased one), most first
 * @since 0.1
 */
public record AccountabilityReport(
    Instant from,
    Instant to,
    long decisions,
    Map<ResponsibilityLevel, Long> byLevel,
    Map<String, Long> byParty) {
  /** Checks and copies the parts, keeping their order. */
  public AccountabilityReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    byLevel = Collections.unmodifiableMap(new LinkedHashMap<>(byLevel));
    byParty = Collections.unmodifiableMap(new LinkedHashMap<>(byParty));
  }
}

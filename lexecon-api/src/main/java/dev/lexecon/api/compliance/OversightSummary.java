package dev.lexecon.api.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * EU AI Act Art. 14 human oversight over a period: the {@code intervention} records (rejections,
 * modifications, confirmations of the system's output by people), summarised per role with their
 * response times.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from start of the period, inclusive
 * @param to end of the period, exclusive
 * @param total the interventions in the period
 * @param roles one summary per role, sorted by role
 * @since 0.1
 */
public record OversightSummary(Instant from, Instant to, long total, List<RoleSummary> roles) {
  public OversightSummary {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    roles = List.copyOf(roles);
  }

  /**
   * The interventions of one role in the period.
   *
   * <p>Immutable and thread-safe.
   *
   * @param role the role ({@code operator}, {@code manager}, {@code supervisor})
   * @param interventions how many
   * @param byType how many of each type ({@code rejection}, {@code modification}, {@code
   *     confirmation}), sorted by type
   * @param timed how many recorded a response time
   * @param meanResponse the mean response time of the timed ones, or {@code null} when none was
   * @param medianResponse their median (the lower middle for an even count), or {@code null}
   * @param maxResponse the longest, or {@code null}
   * @since 0.1
   */
  public record RoleSummary(
      String role,
      long interventions,
      Map<String, Long> byType,
      long timed,
      @Nullable Duration meanResponse,
      @Nullable Duration medianResponse,
      @Nullable Duration maxResponse) {
    public RoleSummary {
      Checks.requireText(role, "role");
      byType = Collections.unmodifiableMap(new TreeMap<>(byType));
    }
  }
}

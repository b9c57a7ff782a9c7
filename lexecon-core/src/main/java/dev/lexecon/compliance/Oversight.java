package dev.lexecon.compliance;

import dev.lexecon.api.compliance.OversightSummary;
import dev.lexecon.api.compliance.OversightSummary.RoleSummary;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.ledger.LedgerEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * EU AI Act Art. 14: summarises {@code intervention} entries per role. It reads the payload members
 * the human-oversight feature records and nothing else:
 *
 * <ul>
 *   <li>{@code role}: the intervening person's role ({@code operator}, {@code manager}, {@code
 *       supervisor}); {@code unspecified} when absent;
 *   <li>{@code intervention_type} ({@code rejection}, {@code modification}, {@code confirmation});
 *       {@code unspecified} when absent;
 *   <li>the response time: {@code response_time_ms} when recorded, otherwise the time from {@code
 *       requested_at} (RFC 3339) to the entry's timestamp; untimed when neither is present.
 * </ul>
 */
final class Oversight {
  static final String UNSPECIFIED = "unspecified";

  private Oversight() {}

  static OversightSummary summarise(LedgerEngine ledger, Instant from, Instant to) {
    Map<String, List<Duration>> times = new TreeMap<>();
    Map<String, Map<String, Long>> types = new TreeMap<>();
    Map<String, Long> counts = new TreeMap<>();
    long total = 0;
    for (long offset = 0; ; offset += 512) {
      List<LedgerEntry> page = ledger.entries(EventType.INTERVENTION, offset, 512);
      for (LedgerEntry e : page) {
        if (e.timestamp().isBefore(from) || !e.timestamp().isBefore(to)) {
          continue;
        }
        Map<String, @Nullable Object> p = e.payload();
        String role = p.get("role") instanceof String r && !r.isBlank() ? r : UNSPECIFIED;
        String type = p.get("intervention_type") instanceof String t && !t.isBlank() ? t : UNSPECIFIED;
        total++;
        counts.merge(role, 1L, Long::sum);
        types.computeIfAbsent(role, k -> new TreeMap<>()).merge(type, 1L, Long::sum);
        List<Duration> roleTimes = times.computeIfAbsent(role, k -> new ArrayList<>());
        Duration d = responseTime(p, e.timestamp());
        if (d != null) {
          roleTimes.add(d);
        }
      }
      if (page.size() < 512) {
        break;
      }
    }
    List<RoleSummary> roles = new ArrayList<>();
    for (Map.Entry<String, Long> c : counts.entrySet()) {
      List<Duration> ds = new ArrayList<>(times.get(c.getKey()));
      ds.sort(null);
      Duration mean = null;
      Duration median = null;
      Duration max = null;
      if (!ds.isEmpty()) {
        Duration sum = Duration.ZERO;
        for (Duration d : ds) {
          sum = sum.plus(d);
        }
        mean = sum.dividedBy(ds.size());
        median = ds.get((ds.size() - 1) / 2);
        max = ds.get(ds.size() - 1);
      }
      roles.add(new RoleSummary(c.getKey(), c.getValue(), types.get(c.getKey()), ds.size(), mean,
          median, max));
    }
    return new OversightSummary(from, to, total, roles);
  }

  private static @Nullable Duration responseTime(Map<String, @Nullable Object> p, Instant at) {
    if (p.get("response_time_ms") instanceof Number n && n.longValue() >= 0) {
      return Duration.ofMillis(n.longValue());
    }
    if (p.get("requested_at") instanceof String s) {
      try {
        Instant requested = Instant.parse(s);
        return requested.isAfter(at) ? null : Duration.between(requested, at);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}

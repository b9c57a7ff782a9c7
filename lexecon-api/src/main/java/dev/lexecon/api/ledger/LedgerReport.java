package dev.lexecon.api.ledger;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A summary of a ledger: how many entries of each event type it holds and the time span they
 * cover. Immutable and thread-safe.
 *
 * @param size the number of entries, which is also the next sequence number
 * @param countsByEventType entries per {@code event_type}, sorted by name
 * @param firstTimestamp the earliest entry timestamp, or {@code null} for an empty ledger
 * @param lastTimestamp the latest entry timestamp, or {@code null} for an empty ledger
 * @since 0.1
 */
public record LedgerReport(
    long size,
    Map<String, Long> countsByEventType,
    @Nullable Instant firstTimestamp,
    @Nullable Instant lastTimestamp) {

  /**
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public LedgerReport {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, was " + size);
    }
    countsByEventType = Collections.unmodifiableMap(new TreeMap<>(countsByEventType));
  }

  /** The number of entries of {@code type}; 0 when there are none. */
  public long count(EventType type) {
    return countsByEventType.getOrDefault(type.jsonName(), 0L);
  }
}

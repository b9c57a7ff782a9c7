package dev.lexecon.api.compliance;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * EU AI Act Art. 12 record keeping, as the ledger stands: what is kept, for how long, what is
 * held, and since when records exist.
 *
 * <p>Immutable and thread-safe.
 *
 * @param generatedAt when the status was taken
 * @param ledgerId the ledger it describes
 * @param defaultRetention the class every record gets
 * @param eventTypeRetention the classes configured per event type, beyond the default
 * @param totalRecords the number of ledger entries
 * @param recordsByEventType entries per event type, sorted by type
 * @param recordsWithPersonalData entries whose side record (personal data) is still present
 * @param recordsUnderLegalHold entries that a legal hold in force covers
 * @param activeLegalHolds the legal holds in force
 * @param oldestRecord the earliest entry timestamp, or {@code null} for an empty ledger
 * @param oldestRecordRetainUntil when the oldest record's retention allows deletion, or {@code
 *     null} for an empty ledger
 * @param erasures the number of {@code retention_redaction} entries (erasures performed)
 * @since 0.1
 */
public record RecordKeepingStatus(
    Instant generatedAt,
    String ledgerId,
    RetentionClass defaultRetention,
    Map<String, List<RetentionClass>> eventTypeRetention,
    long totalRecords,
    Map<String, Long> recordsByEventType,
    long recordsWithPersonalData,
    long recordsUnderLegalHold,
    List<LegalHold> activeLegalHolds,
    @Nullable Instant oldestRecord,
    @Nullable Instant oldestRecordRetainUntil,
    long erasures) {
  public RecordKeepingStatus {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Checks.requireText(ledgerId, "ledgerId");
    Objects.requireNonNull(defaultRetention, "defaultRetention");
    TreeMap<String, List<RetentionClass>> byType = new TreeMap<>();
    eventTypeRetention.forEach((k, v) -> byType.put(k, List.copyOf(v)));
    eventTypeRetention = Collections.unmodifiableMap(byType);
    recordsByEventType = Collections.unmodifiableMap(new TreeMap<>(recordsByEventType));
    activeLegalHolds = List.copyOf(activeLegalHolds);
    if (totalRecords < 0 || recordsWithPersonalData < 0 || recordsUnderLegalHold < 0 || erasures < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}

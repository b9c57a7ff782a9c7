package dev.lexecon.api.compliance;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the retention policy needs to know about a record to say whether it may be deleted.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventType the record's event type ({@code decision}, {@code evidence}, ...)
 * @param retentionStart when its retention starts: normally the record's timestamp; for
 *     documentation that stays in effect, such as a policy version, the time it was last in effect
 *     (45 CFR 164.316(b)(2)(i) counts from the later of the two)
 * @param decisionIds the decisions the record belongs to, which legal holds name; may be empty
 * @param classes retention classes that apply to this record in particular, beyond those the
 *     policy applies to every record and to its event type; may be empty
 * @since 0.1
 */
public record RetainedRecord(
    String eventType, Instant retentionStart, Set<String> decisionIds, Set<RetentionClass> classes) {
  public RetainedRecord {
    Checks.requireText(eventType, "eventType");
    Objects.requireNonNull(retentionStart, "retentionStart");
    decisionIds = Set.copyOf(decisionIds);
    classes = Set.copyOf(classes);
  }
}

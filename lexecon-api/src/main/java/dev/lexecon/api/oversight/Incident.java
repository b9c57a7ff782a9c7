package dev.lexecon.api.oversight;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A serious incident (AI Act Art. 3(49)) linked to the decisions and evidence it concerns, with
 * its Art. 73 reporting deadline. Opening one places a legal hold on the linked decisions'
 * records. Projected from {@code incident} ledger entries. Immutable and thread-safe.
 *
 * @param incidentId {@code inc_<ULID>}
 * @param category what happened; sets the deadline
 * @param description what is known; {@code null} when erased
 * @param awareAt when the organisation became aware of it
 * @param reportDeadline {@code awareAt} plus the category's deadline
 * @param decisionIds the decisions linked
 * @param evidenceIds evidence artifacts linked ({@code art_<sha256>} or the application's ids)
 * @param openedBy who recorded it; {@code null} when erased
 * @param openedAt when it was recorded
 * @param legalHoldId the hold placed on the linked decisions, or {@code null} when none is linked
 * @param initialReport the initial report, or {@code null}
 * @param finalReport the final report, or {@code null}
 * @param ledgerEntryId the {@code incident} entry that opened it
 * @since 0.1
 */
public record Incident(
    String incidentId,
    IncidentCategory category,
    @Nullable String description,
    Instant awareAt,
    Instant reportDeadline,
    List<String> decisionIds,
    List<String> evidenceIds,
    @Nullable String openedBy,
    Instant openedAt,
    @Nullable String legalHoldId,
    @Nullable IncidentReport initialReport,
    @Nullable IncidentReport finalReport,
    String ledgerEntryId) {
  /** Checks the parts. */
  public Incident {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(awareAt, "awareAt");
    Objects.requireNonNull(reportDeadline, "reportDeadline");
    decisionIds = List.copyOf(decisionIds);
    evidenceIds = List.copyOf(evidenceIds);
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }

  /** Whether a report (initial or final) has been made, which meets the Art. 73 deadline. */
  public boolean reported() {
    return initialReport != null || finalReport != null;
  }

  /** Whether the report is past its deadline at {@code now}: none made, deadline reached. */
  public boolean pastDeadline(Instant now) {
    return !reported() && !now.isBefore(reportDeadline);
  }

  /** Whether the report is due within {@code window} of {@code now} and not yet past or made. */
  public boolean deadlineApproaching(Instant now, Duration window) {
    return !reported() && now.isBefore(reportDeadline) && !now.plus(window).isBefore(reportDeadline);
  }
}

package dev.lexecon.api.oversight;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A report made on a serious incident: the initial report (Art. 73(5) allows it to be incomplete)
 * or the final one. Immutable and thread-safe.
 *
 * @param kind initial or final
 * @param by who recorded it; {@code null} when erased from the ledger
 * @param summary what was reported; {@code null} when erased
 * @param at when
 * @param ledgerEntryId the {@code incident} entry
 * @since 0.1
 */
public record IncidentReport(
    Kind kind, @Nullable String by, @Nullable String summary, Instant at, String ledgerEntryId) {
  /** Checks the parts. */
  public IncidentReport {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(ledgerEntryId, "ledgerEntryId");
  }

  /**
   * Initial or final.
   *
   * @since 0.1
   */
  public enum Kind {
    /** The first, possibly incomplete, report. */
    INITIAL,
    /** The complete report. */
    FINAL;

    /** The lower-case name used in ledger payloads. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

package dev.lexecon.api.compliance;

/**
 * Why a control lacks evidence in a gap report.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum GapReason {
  /**
   * No primitive serves the control: it needs measures outside Lexecon (clock synchronisation, log
   * storage capacity, incident reporting to authorities). A linked evidence artifact closes it.
   */
  NOT_SERVED("not served by Lexecon"),
  /** A primitive serves the control, but the ledger has none of its records in the period. */
  NO_RECORDS_IN_PERIOD("no records in period"),
  /** The control is served by linked evidence, and no evidence artifact is linked to it. */
  NO_EVIDENCE_LINKED("no evidence linked"),
  /** The control is served by ledger verification, and the period was not verified (or failed). */
  NOT_VERIFIED("ledger not verified for period");

  private final String description;

  GapReason(String description) {
    this.description = description;
  }

  /** The reason in a few words, as reports print it ("no evidence linked"). */
  public String description() {
    return description;
  }
}

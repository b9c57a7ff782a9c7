package dev.lexecon.api.export;

/**
 * Receives the progress of an export, on the exporting thread: about every 10,000 entries and at
 * the end of each phase. Must be cheap and must not throw; it need not be thread-safe unless one
 * instance is shared by concurrent exports.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ExportProgress {

  /** Ignores progress. */
  ExportProgress NONE = (phase, done, total) -> { };

  /**
   * Reports that {@code done} of {@code total} units of {@code phase} are finished.
   *
   * @param phase {@link Phase#SCANNING}: ledger entries examined; {@link Phase#WRITING}: selected
   *     entries written
   */
  void update(Phase phase, long done, long total);

  /**
   * The two passes of an export: one to count and select, one to write.
   *
   * @since 0.1
   */
  enum Phase {
    /** Reading the ledger to select entries, count them and draw the chart. */
    SCANNING,
    /** Writing the selected entries. */
    WRITING
  }
}

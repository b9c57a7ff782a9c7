package dev.lexecon.api.export;

/**
 * What an export includes beyond each entry's seq, time, type, summary and hash.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum ExportInclude {
  /**
   * The personal data behind the ledger's salted commitments (side records): in JSON Lines as
   * {@code side_record}, in the other formats as opened values in summaries and payloads. Off by
   * default; an export with it is itself personal data.
   */
  PERSONAL_DATA,
  /**
   * Each entry's full payload in the CSV, Markdown and HTML formats (JSON Lines always carries
   * it).
   */
  PAYLOADS,
  /**
   * An inclusion proof on every JSON Lines entry line, even for a contiguous export (a filtered
   * export always has them).
   */
  ENTRY_PROOFS
}

package dev.lexecon.export;

import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.ledger.ExportManifest;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Writes one export format: the beginning (with the manifest and what the first pass learned),
 * one call per selected entry in seq order, then the end. Output depends on nothing else, so that
 * a verifier renders a report again from its manifest and entries and compares the bytes.
 */
interface ReportWriter {
  void begin(ExportManifest manifest, Stats stats, Selection selection) throws IOException;

  /**
   * {@code proof} is the entry's inclusion proof when {@link #wantsProofs} and the format embeds
   * entry lines in its rows (JSON Lines, CSV), else null.
   */
  void entry(LedgerRecord record, @Nullable InclusionProof proof) throws IOException;

  void end() throws IOException;

  /**
   * Whether entry lines carry inclusion proofs: in a filtered export (each line is then proven on
   * its own) and when asked for. The same rule in every format, so that a report embeds exactly
   * the lines the JSON Lines export holds.
   */
  static boolean wantsProofs(ExportManifest manifest, Selection selection) {
    return !manifest.contiguous() || selection.includes(ExportInclude.ENTRY_PROOFS);
  }

  /**
   * Whether the format writes the entries a second time after {@link #entry} calls, as embedded
   * entry lines in a section of their own (Markdown, HTML); CSV embeds each in its entry row.
   */
  default boolean embedsSection() {
    return false;
  }

  /** Ends the entries table and opens the embedded entry lines; only when {@link #embedsSection}. */
  default void beginEmbedded() throws IOException {}

  /** One embedded entry line, in seq order; only when {@link #embedsSection}. */
  default void embedded(LedgerRecord record, @Nullable InclusionProof proof) throws IOException {}
}

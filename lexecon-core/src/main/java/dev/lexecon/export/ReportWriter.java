package dev.lexecon.export;

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

  /** {@code proof} is the entry's inclusion proof when the format asks for it, else null. */
  void entry(LedgerRecord record, @Nullable InclusionProof proof) throws IOException;

  void end() throws IOException;

  /** Whether entries need inclusion proofs (JSON Lines of a filtered export). */
  default boolean wantsProofs(ExportManifest manifest, Selection selection) {
    return false;
  }
}

package dev.lexecon.export;

import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.json.Jcs;
import dev.lexecon.ledger.ExportManifest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON Lines: {@code {"format":"lexecon-audit-export","format_version":1,"manifest":{...}}}, then
 * one {@code {"entry":{...},"entry_hash":"..."[,"proof":[...]][,"side_record":{...}]}} per entry.
 * Every line is RFC 8785 canonical; entries are written as their stored bytes.
 */
final class JsonLinesWriter implements ReportWriter {
  private final OutputStream out;
  private boolean personalData;

  JsonLinesWriter(OutputStream target) {
    this.out = new BufferedOutputStream(target, 1 << 16);
  }

  @Override
  public void begin(ExportManifest manifest, Stats stats, Selection selection) throws IOException {
    personalData = selection.includes(ExportInclude.PERSONAL_DATA);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("format", "lexecon-audit-export");
    header.put("format_version", 1L);
    header.put("manifest", manifest.toJsonTree());
    out.write(Jcs.canonicalize(header));
    out.write('\n');
  }

  @Override
  public void entry(LedgerRecord r, @Nullable InclusionProof proof) throws IOException {
    EntryLine.write(out, r, proof, personalData);
    out.write('\n');
  }

  @Override
  public void end() throws IOException {
    out.flush();
  }
}

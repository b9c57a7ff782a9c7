package dev.lexecon.export;

import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.ledger.ExportManifest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 CSV, UTF-8, CRLF line ends. The header row, then one {@code manifest} row whose {@code
 * data} field holds the manifest's canonical JSON, then one {@code entry} row per entry (with the
 * payload as canonical JSON in {@code data} when payloads are included, and the JSON Lines entry
 * line in {@code ledger_entry}, which makes the file verify on its own).
 */
final class CsvWriter implements ReportWriter {
  static final String HEADER =
      "record,seq,entry_id,timestamp,event_type,decision_id,summary,entry_hash,data,ledger_entry\r\n";

  private final Writer out;
  private boolean personalData;
  private boolean payloads;

  CsvWriter(OutputStream target) {
    this.out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public void begin(ExportManifest manifest, Stats stats, Selection selection) throws IOException {
    personalData = selection.includes(ExportInclude.PERSONAL_DATA);
    payloads = selection.includes(ExportInclude.PAYLOADS);
    out.write(HEADER);
    out.write("manifest,,,,,,,," + Escapes.csv(manifest.toJson()) + ",\r\n");
  }

  @Override
  public void entry(LedgerRecord r, @Nullable InclusionProof proof) throws IOException {
    EntryView v = EntryView.of(r, personalData, payloads);
    out.write("entry,");
    out.write(Long.toString(r.seq()));
    out.write(",entry_");
    out.write(Long.toString(r.seq()));
    out.write(',');
    out.write(Escapes.csv(r.timestamp()));
    out.write(',');
    out.write(Escapes.csv(r.eventType()));
    out.write(',');
    out.write(Escapes.csv(v.decisionId));
    out.write(',');
    out.write(Escapes.csv(v.summary));
    out.write(',');
    out.write(r.entryHash());
    out.write(',');
    out.write(v.payloadJson == null ? "" : Escapes.csv(v.payloadJson));
    out.write(',');
    out.write(Escapes.csv(EntryLine.text(r, proof, personalData)));
    out.write("\r\n");
  }

  @Override
  public void end() throws IOException {
    out.flush();
  }
}

package dev.lexecon.export;

import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.internal.AuditReportLines;
import dev.lexecon.ledger.ExportManifest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Markdown report (GitHub-flavoured tables): header, summary, entries by event type, decisions
 * over time by outcome, the verification manifest in a fenced block after the {@code
 * lexecon-audit-manifest} marker, the entries table, and the entry lines in a fenced block after
 * the {@code lexecon-audit-entries} marker.
 */
final class MarkdownWriter implements ReportWriter {
  private final Writer out;
  private boolean personalData;
  private boolean payloads;

  MarkdownWriter(OutputStream target) {
    this.out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
  }

  static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  @Override
  public void begin(ExportManifest m, Stats stats, Selection selection) throws IOException {
    personalData = selection.includes(ExportInclude.PERSONAL_DATA);
    payloads = selection.includes(ExportInclude.PAYLOADS);
    StringBuilder md = new StringBuilder(8192);
    md.append("# Audit export: ledger ").append(Escapes.markdown(m.ledgerId())).append("\n\n");
    md.append("Generated ").append(dev.lexecon.internal.Rfc3339.micros(m.generatedAt())).append(" (UTC) by Lexecon. Scope: ")
        .append(Escapes.markdown(selection.describe())).append(". ")
        .append(personalData ? "**Contains personal data.**" : "Personal data is not included:"
            + " it appears as (personal data).")
        .append("\n\n");
    md.append("This report is the rendering of the entries its signed manifest describes, which it"
        + " carries at its end. Verify it offline, with nothing but this file and the signing key:"
        + " the entries with `LedgerVerifier.verifyAuditExport`, the tables with"
        + " `AuditReportVerifier`.\n\n");

    md.append("## Summary\n\n| | |\n|---|---|\n");
    row(md, "entries exported", number(stats.count));
    if (stats.count > 0) {
      row(md, "entry range", "seq " + stats.firstSeq + " to " + stats.lastSeq
          + (stats.contiguous ? " (contiguous)" : " (filtered)"));
      row(md, "time range (UTC)", stats.minTimestamp + " to " + stats.maxTimestamp);
    }
    row(md, "decisions", number(stats.chart.decisions()));
    row(md, "ledger size at export", number(m.treeSize()) + " entries");
    row(md, "head hash", "`" + m.headHash() + "`");
    row(md, "Merkle root", "`" + m.rootHash().hex() + "`");
    row(md, "signed by", "`" + m.checkpointKey().encoded() + "`");
    md.append('\n');

    md.append("## Entries by event type\n\n");
    if (m.countsByEventType().isEmpty()) {
      md.append("No entries.\n\n");
    } else {
      md.append("| event type | entries |\n|---|---:|\n");
      for (Map.Entry<String, Long> e : m.countsByEventType().entrySet()) {
        md.append("| ").append(Escapes.markdown(e.getKey())).append(" | ").append(number(e.getValue()))
            .append(" |\n");
      }
      md.append('\n');
    }

    md.append("## Decisions over time\n\n");
    DecisionChart c = stats.chart;
    long[] span = c.span();
    if (span == null) {
      md.append("No decisions in this export.\n\n");
    } else {
      md.append("Decisions per ").append(c.widthText()).append(", by outcome (UTC); periods"
          + " without decisions are left out.\n\n");
      md.append("| period start |");
      for (String o : DecisionChart.OUTCOMES) {
        md.append(' ').append(o).append(" |");
      }
      md.append(" total |\n|---|");
      md.append("---:|".repeat(DecisionChart.OUTCOMES.length + 1)).append('\n');
      for (long b = span[0]; b <= span[1]; b++) {
        long[] counts = c.counts(b);
        long total = 0;
        for (long n : counts) {
          total += n;
        }
        if (total == 0) {
          continue;
        }
        md.append("| ").append(c.label(b)).append(" |");
        for (long n : counts) {
          md.append(' ').append(number(n)).append(" |");
        }
        md.append(' ').append(number(total)).append(" |\n");
      }
      md.append("| **total** |");
      for (int i = 0; i < DecisionChart.OUTCOMES.length; i++) {
        md.append(" **").append(number(c.total(i))).append("** |");
      }
      md.append(" **").append(number(c.decisions())).append("** |\n\n");
    }

    md.append("## Verification manifest\n\n");
    md.append("Signed by the ledger's key; it names the exported range, the counts, the head hash,"
        + " a checkpoint signed for exactly ").append(number(m.treeSize()))
        .append(" entries and inclusion proofs of the first and last exported entries.\n\n");
    String json = m.toJson();
    String fence = json.contains("```") ? "````" : "```";
    md.append("<!-- ").append("lexecon-audit-manifest").append(" -->\n").append(fence).append("json\n")
        .append(json).append('\n').append(fence).append("\n\n");

    md.append("## Entries\n\n");
    md.append("| seq | time (UTC) | event | decision | summary | entry hash |");
    md.append(payloads ? " payload |\n" : "\n");
    md.append("|---:|---|---|---|---|---|").append(payloads ? "---|\n" : "\n");
    out.write(md.toString());
  }

  private static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }

  @Override
  public void entry(LedgerRecord r, @Nullable InclusionProof proof) throws IOException {
    EntryView v = EntryView.of(r, personalData, payloads);
    out.write("| ");
    out.write(Long.toString(r.seq()));
    out.write(" | ");
    out.write(r.timestamp());
    out.write(" | ");
    out.write(Escapes.markdown(r.eventType()));
    out.write(" | ");
    out.write(Escapes.markdown(v.decisionId));
    out.write(" | ");
    out.write(Escapes.markdown(v.summary));
    out.write(" | `");
    out.write(r.entryHash());
    out.write("` |");
    if (payloads) {
      out.write(' ');
      out.write(v.payloadJson == null ? "" : Escapes.markdownCode(v.payloadJson));
      out.write(" |");
    }
    out.write('\n');
  }

  @Override
  public boolean embedsSection() {
    return true;
  }

  @Override
  public void beginEmbedded() throws IOException {
    out.write("\n## Ledger entries\n\nThe exported entries as JSON Lines, exactly as the ledger"
        + " hashed them: `LedgerVerifier.verifyAuditExport` verifies them against the signed manifest"
        + " with nothing but this file, and `AuditReportVerifier` checks that every table above"
        + " renders them.\n\n");
    out.write(AuditReportLines.MARKDOWN_ENTRIES);
    out.write("\n```jsonl\n");
  }

  @Override
  public void embedded(LedgerRecord r, @Nullable InclusionProof proof) throws IOException {
    out.write(EntryLine.text(r, proof, personalData));
    out.write('\n');
  }

  @Override
  public void end() throws IOException {
    out.write("```\n\n_End of export._\n");
    out.flush();
  }
}

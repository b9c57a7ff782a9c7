package dev.lexecon.export;

import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.internal.Rfc3339;
import dev.lexecon.internal.AuditReportLines;
import dev.lexecon.ledger.ExportManifest;
import dev.lexecon.ledger.NoteVerifier;
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
 * A self-contained HTML report: inline CSS, an inline SVG chart of decisions over time by outcome,
 * tables of counts and entries, and the manifest both shown and embedded as a JSON data block.
 * No scripts and no external resources; a Content-Security-Policy forbids loading any, so the
 * report reads the same offline and cannot call home.
 */
final class HtmlWriter implements ReportWriter {
  private static final String CSS = """
      :root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bg:#f5f7fa}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif;color:var(--ink);background:var(--bg)}
      header{background:#102a43;color:#fff;padding:22px 32px}
      header h1{margin:0 0 6px;font-size:22px;font-weight:600}
      header p{margin:0;color:#bcccdc}
      main{padding:22px 32px;max-width:1320px}
      section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 18px}
      h2{font-size:16px;margin:0 0 12px}
      .cards{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px;background:none;border:0;padding:0}
      .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}
      .card .v{font-size:24px;font-weight:600}
      .card .v.small{font-size:17px;line-height:29px}
      .card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
      .card .s{color:var(--muted);font-size:12px;margin-top:2px;overflow-wrap:anywhere}
      .notice{border-left:4px solid #d97706;background:#fffbeb}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;font-weight:600}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      td.t{white-space:nowrap}
      tr:nth-child(even) td{background:#fafbfc}
      code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12px}
      .ev{display:inline-block;padding:0 7px;border-radius:9px;background:#e4e7eb;font-size:12px;white-space:nowrap}
      .o{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600;margin-right:6px}
      .o-approved{background:#e3f4e4;color:#1b5e20}.o-conditional{background:#fff4d6;color:#8a5a00}
      .o-escalated{background:#f3e5f5;color:#6a1b9a}.o-denied{background:#fdecea;color:#b71c1c}.o-other{background:#eceff1;color:#37474f}
      dl{display:grid;grid-template-columns:200px minmax(0,1fr);gap:6px 14px;margin:0}
      dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
      pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f0f4f8;padding:10px 12px;border-radius:6px;margin:8px 0 0}
      details summary{cursor:pointer;color:var(--muted)}
      .chart svg{width:100%;height:auto;display:block}
      footer{color:var(--muted);font-size:12px;padding:0 32px 28px}
      """;

  private final Writer out;
  private boolean personalData;
  private boolean payloads;

  HtmlWriter(OutputStream target) {
    this.out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
  }

  private static String h(String s) {
    return Escapes.html(s);
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  @Override
  public void begin(ExportManifest m, Stats stats, Selection selection) throws IOException {
    personalData = selection.includes(ExportInclude.PERSONAL_DATA);
    payloads = selection.includes(ExportInclude.PAYLOADS);
    StringBuilder s = new StringBuilder(32_768);
    String generated = Rfc3339.micros(m.generatedAt());
    s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"Lexecon audit export\">\n")
        .append("<title>Audit export: ").append(h(m.ledgerId())).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n")
        .append("<script type=\"application/json\" id=\"lexecon-audit-manifest\">\n")
        .append(scriptSafe(m.toJson())).append("\n</script>\n</head>\n<body>\n");

    s.append("<header><h1>Audit export</h1><p>Ledger <span class=\"mono\">").append(h(m.ledgerId()))
        .append("</span> · generated ").append(h(generated)).append(" UTC · ")
        .append(h(selection.describe())).append("</p></header>\n<main>\n");

    if (personalData) {
      s.append("<section class=\"notice\"><strong>Contains personal data.</strong> This export"
          + " includes the values behind the ledger's salted commitments; handle it as personal"
          + " data.</section>\n");
    }

    s.append("<section class=\"cards\">\n");
    card(s, "Entries exported", number(stats.count), stats.count == 0 ? "none matched the scope"
        : "seq " + stats.firstSeq + " to " + stats.lastSeq + (stats.contiguous ? ", contiguous" : ", filtered"));
    card(s, "Decisions", number(stats.chart.decisions()), outcomeLine(stats.chart));
    s.append("<div class=\"card\"><div class=\"k\">Time range (UTC)</div><div class=\"v small\">")
        .append(stats.count == 0 ? "—" : h(day(stats.minTimestamp) + " → " + day(stats.maxTimestamp)))
        .append("</div><div class=\"s\">")
        .append(stats.count == 0 ? "" : h(stats.minTimestamp + " to " + stats.maxTimestamp))
        .append("</div></div>\n");
    card(s, "Ledger size", number(m.treeSize()), "checkpoint signed at export for exactly these entries");
    s.append("</section>\n");

    s.append("<section class=\"chart\"><h2>Decisions over time</h2>\n");
    chart(s, stats.chart);
    s.append("</section>\n");

    s.append("<section><h2>Entries by event type</h2>\n");
    if (m.countsByEventType().isEmpty()) {
      s.append("<p>No entries.</p>\n");
    } else {
      s.append("<table><thead><tr><th>Event type</th><th class=\"n\">Entries</th><th class=\"n\">Share</th></tr></thead><tbody>\n");
      for (Map.Entry<String, Long> e : m.countsByEventType().entrySet()) {
        s.append("<tr><td><span class=\"ev\">").append(h(e.getKey())).append("</span></td><td class=\"n\">")
            .append(number(e.getValue())).append("</td><td class=\"n\">")
            .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * e.getValue() / stats.count))
            .append("</td></tr>\n");
      }
      s.append("</tbody></table>\n");
    }
    s.append("</section>\n");

    s.append("<section><h2>Verification</h2>\n<dl>\n");
    dd(s, "Ledger", m.ledgerId() + " (" + m.origin() + ")");
    dd(s, "Tree size", number(m.treeSize()));
    dd(s, "Merkle root", m.rootHash().hex());
    dd(s, "Head hash", m.headHash() + " (entry " + m.head().seq() + ")");
    if (m.first() != null && m.last() != null) {
      dd(s, "First exported entry", "entry " + m.first().seq() + ", " + m.first().entryHash()
          + ", inclusion proof of " + m.first().proof().path().size() + " hashes");
      dd(s, "Last exported entry", "entry " + m.last().seq() + ", " + m.last().entryHash()
          + ", inclusion proof of " + m.last().proof().path().size() + " hashes");
    }
    dd(s, "Digest of exported hashes", m.entriesDigest().hex());
    dd(s, "Signing key", m.checkpointKey().encoded());
    StringBuilder keys = new StringBuilder();
    for (NoteVerifier k : m.publicKeys()) {
      keys.append(keys.length() == 0 ? "" : "; ").append(k.encoded());
    }
    dd(s, "Public keys", keys.toString());
    s.append("</dl>\n<p>The checkpoint below is a C2SP signed note for exactly ")
        .append(number(m.treeSize())).append(" entries; the manifest embedded in this file is signed"
            + " by the same key, and the file carries the exported entries as JSON Lines. Verify it"
            + " offline with nothing but this file and the key: the entries with"
            + " <code>LedgerVerifier.verifyAuditExport</code>, the tables and chart with"
            + " <code>AuditReportVerifier</code>.</p>\n")
        .append("<pre>").append(h(m.checkpoint().encoded())).append("</pre>\n")
        .append("<details><summary>Manifest (JSON)</summary><pre>").append(h(m.toJson()))
        .append("</pre></details>\n</section>\n");

    s.append("<section><h2>Entries</h2>\n<table class=\"entries\"><thead><tr>"
        + "<th class=\"n\">Seq</th><th>Time (UTC)</th><th>Event</th><th>Decision</th><th>Summary</th>"
        + "<th>Entry hash</th></tr></thead>\n<tbody>\n");
    out.write(s.toString());
  }

  /** JSON in a script data block: no "<", ">" or "&" that could end or confuse the block. */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static String day(@Nullable String timestamp) {
    return timestamp == null ? "" : timestamp.substring(0, 10);
  }

  private static String outcomeLine(DecisionChart c) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < DecisionChart.OUTCOMES.length; i++) {
      if (c.total(i) > 0) {
        s.append(s.length() == 0 ? "" : ", ").append(number(c.total(i))).append(' ')
            .append(DecisionChart.OUTCOMES[i]);
      }
    }
    return s.toString();
  }

  private static void card(StringBuilder s, String key, String value, String sub) {
    s.append("<div class=\"card\"><div class=\"k\">").append(h(key)).append("</div><div class=\"v\">")
        .append(h(value)).append("</div><div class=\"s\">").append(h(sub)).append("</div></div>\n");
  }

  private static void dd(StringBuilder s, String key, String value) {
    s.append("<dt>").append(h(key)).append("</dt><dd class=\"mono\">").append(h(value)).append("</dd>\n");
  }

  /** A stacked bar chart: one bar per bucket, one segment per outcome, gridlines and a legend. */
  static void chart(StringBuilder s, DecisionChart c) {
    long[] span = c.span();
    if (span == null) {
      s.append("<p>No decisions in this export.</p>\n");
      return;
    }
    int n = (int) (span[1] - span[0] + 1);
    long max = 0;
    for (long b = span[0]; b <= span[1]; b++) {
      long t = 0;
      for (long v : c.counts(b)) {
        t += v;
      }
      max = Math.max(max, t);
    }
    long top = niceCeiling(max);
    int width = 1100;
    int height = 340;
    int left = 64;
    int right = 16;
    int plotTop = 40;
    int plotBottom = 290;
    double plotWidth = width - left - right;
    double plotHeight = plotBottom - plotTop;
    double slot = plotWidth / n;
    double bar = Math.max(1.0, slot * 0.72);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\" role=\"img\" aria-label=\"Decisions per ").append(h(c.widthText()))
        .append(" by outcome\" font-family=\"-apple-system,Segoe UI,Roboto,Helvetica,Arial,Liberation Sans,sans-serif\" font-size=\"12\">\n");
    s.append("<text x=\"").append(left).append("\" y=\"20\" fill=\"#52606d\">Decisions per ")
        .append(h(c.widthText())).append(", by outcome (UTC)</text>\n");
    // legend, right-aligned
    double lx = width - right - 5 * 104;
    for (int i = 0; i < DecisionChart.OUTCOMES.length; i++) {
      double x = lx + i * 104;
      s.append("<rect x=\"").append(f(x)).append("\" y=\"10\" width=\"12\" height=\"12\" rx=\"2\" fill=\"")
          .append(DecisionChart.COLORS[i]).append("\"/><text x=\"").append(f(x + 17)).append("\" y=\"20\" fill=\"#1f2933\">")
          .append(DecisionChart.OUTCOMES[i]).append("</text>\n");
    }
    for (int g = 0; g <= 4; g++) {
      long value = top * g / 4;
      double y = plotBottom - plotHeight * g / 4;
      s.append("<line x1=\"").append(left).append("\" x2=\"").append(width - right).append("\" y1=\"")
          .append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"")
          .append(g == 0 ? "#9aa5b1" : "#e4e7eb").append("\"/>")
          .append("<text x=\"").append(left - 8).append("\" y=\"").append(f(y + 4))
          .append("\" text-anchor=\"end\" fill=\"#52606d\">").append(number(value)).append("</text>\n");
    }
    for (long b = span[0]; b <= span[1]; b++) {
      long[] counts = c.counts(b);
      double x = left + (b - span[0]) * slot + (slot - bar) / 2;
      double y = plotBottom;
      String label = c.label(b);
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          continue;
        }
        double hgt = plotHeight * counts[i] / top;
        y -= hgt;
        s.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"")
            .append(f(bar)).append("\" height=\"").append(f(hgt)).append("\" fill=\"")
            .append(DecisionChart.COLORS[i]).append("\"><title>").append(h(label)).append(": ")
            .append(number(counts[i])).append(' ').append(DecisionChart.OUTCOMES[i])
            .append("</title></rect>\n");
      }
    }
    int step = (n + 7) / 8; // at most eight labels, evenly spaced
    for (long b = span[0]; b <= span[1]; b += step) {
      double x = left + (b - span[0]) * slot + slot / 2;
      s.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
          .append(plotBottom).append("\" y2=\"").append(plotBottom + 5).append("\" stroke=\"#9aa5b1\"/>")
          .append("<text x=\"").append(f(x)).append("\" y=\"").append(plotBottom + 20)
          .append("\" text-anchor=\"middle\" fill=\"#52606d\">").append(h(c.label(b))).append("</text>\n");
    }
    s.append("</svg>\n");
  }

  /** 1, 2 or 5 times a power of ten, at least {@code max} and at least 4 (so gridlines are whole). */
  static long niceCeiling(long max) {
    long v = Math.max(4, max);
    long p = 1;
    while (p * 10 < v) {
      p *= 10;
    }
    for (long m : new long[] {1, 2, 4, 5, 8, 10}) {
      if (p * m >= v && (p * m) % 4 == 0) {
        return p * m;
      }
    }
    return p * 20;
  }

  private static String f(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  @Override
  public void entry(LedgerRecord r, @Nullable InclusionProof proof) throws IOException {
    EntryView v = EntryView.of(r, personalData, payloads);
    StringBuilder s = new StringBuilder(512);
    s.append("<tr><td class=\"n\">").append(r.seq()).append("</td><td class=\"mono t\">")
        .append(r.timestamp()).append("</td><td><span class=\"ev\">").append(h(r.eventType()))
        .append("</span></td><td class=\"mono\">").append(h(v.decisionId)).append("</td><td>");
    if (v.outcome != null) {
      String o = outcomeClass(v.outcome);
      s.append("<span class=\"o o-").append(o).append("\">").append(h(v.outcome)).append("</span>")
          .append(h(v.subject));
    } else {
      s.append(h(v.summary));
    }
    if (v.payloadJson != null) {
      s.append("<details><summary>payload</summary><pre>").append(h(v.payloadJson)).append("</pre></details>");
    }
    s.append("</td><td class=\"mono\" title=\"").append(r.entryHash()).append("\">")
        .append(r.entryHash(), 0, 16).append("…</td></tr>\n");
    out.write(s.toString());
  }

  private static String outcomeClass(String outcome) {
    for (int i = 0; i < DecisionChart.OUTCOMES.length - 1; i++) {
      if (DecisionChart.OUTCOMES[i].equals(outcome)) {
        return outcome;
      }
    }
    return "other";
  }

  @Override
  public boolean embedsSection() {
    return true;
  }

  @Override
  public void beginEmbedded() throws IOException {
    out.write("</tbody></table>\n</section>\n</main>\n<footer>Generated by Lexecon. Every value in"
        + " this report comes from the ledger entries its manifest proves, which it carries below as"
        + " a data block; nothing is loaded from elsewhere.</footer>\n");
    out.write(AuditReportLines.HTML_ENTRIES);
    out.write('\n');
  }

  @Override
  public void embedded(LedgerRecord r, @Nullable InclusionProof proof) throws IOException {
    out.write(scriptSafe(EntryLine.text(r, proof, personalData)));
    out.write('\n');
  }

  @Override
  public void end() throws IOException {
    out.write("</script>\n</body>\n</html>\n");
    out.flush();
  }
}

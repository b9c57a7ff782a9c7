package dev.lexecon.export;

import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.ledger.VerificationFailure;
import dev.lexecon.api.ledger.VerificationFailure.Kind;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.json.Jcs;
import dev.lexecon.ledger.ExportManifest;
import dev.lexecon.ledger.LedgerVerifier;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a CSV, Markdown or HTML audit report says exactly what the verified entries say.
 *
 * <p>A report carries the signed manifest but not the entries' bytes, so the entries come from the
 * JSON Lines file of the same export ({@link AuditExporter#exportFiles} writes both). The check:
 * the JSON Lines export verifies ({@link LedgerVerifier#verifyAuditExport}); the report's manifest
 * verifies and describes the same entries (ledger, size, root, scope, counts, first, last and
 * digest); and rendering those entries again under the report's manifest gives the report byte for
 * byte. A changed row, count, chart bar or manifest is reported as {@link Kind#REPORT_MISMATCH}
 * with the first line that differs.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AuditReportVerifier {
  private final LedgerVerifier verifier;

  private AuditReportVerifier(LedgerVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  /** A report verifier that checks manifests and entries with {@code verifier} (and its pinned keys). */
  public static AuditReportVerifier of(LedgerVerifier verifier) {
    return new AuditReportVerifier(verifier);
  }

  /**
   * Verifies {@code report} against the JSON Lines export {@code entries} of the same export.
   *
   * @throws UncheckedIOException if a file cannot be read
   */
  public VerificationResult verify(Path report, Path entries) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(entries, "entries");
    VerificationResult base = verifier.verifyAuditExport(entries);
    if (!base.valid()) {
      return base;
    }
    VerificationResult manifestResult = verifier.verifyAuditManifest(report);
    if (!manifestResult.valid()) {
      return manifestResult;
    }
    ExportManifest reportManifest = manifest(report);
    ExportManifest entriesManifest = manifest(entries);
    String differs = sameSelection(reportManifest, entriesManifest);
    if (differs != null) {
      return fail(base, 0, Kind.MANIFEST_MISMATCH, "the report and the entries describe different"
          + " exports: " + differs);
    }
    ExportFormat format = format(reportManifest.exportFormat());
    if (format == null || format == ExportFormat.JSON) {
      return fail(base, 0, Kind.MANIFEST_MISMATCH, "the report's export format is "
          + reportManifest.exportFormat() + ", not csv, markdown or html");
    }
    Selection selection = Selection.fromManifestScope(reportManifest.scope());
    Stats stats = new Stats(true);
    forEachRecord(entries, stats::add);
    try (InputStream expected = new BufferedInputStream(Files.newInputStream(report), 1 << 16)) {
      Comparing out = new Comparing(expected);
      ReportWriter writer = AuditExporter.writer(format, out);
      writer.begin(reportManifest, stats, selection);
      forEachRecord(entries, r -> {
        try {
          writer.entry(r, null);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      writer.end();
      out.finish();
      if (out.mismatchLine > 0) {
        return fail(base, 0, Kind.REPORT_MISMATCH, "line " + out.mismatchLine + " of the report"
            + " differs from the rendering of the verified entries" + out.detail);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read report " + report + ": " + e.getMessage(), e);
    }
    return base;
  }

  private static @Nullable String sameSelection(ExportManifest a, ExportManifest b) {
    if (!a.ledgerId().equals(b.ledgerId())) {
      return "ledger " + a.ledgerId() + " and " + b.ledgerId();
    }
    if (a.treeSize() != b.treeSize() || !a.rootHash().equals(b.rootHash())) {
      return "tree size " + a.treeSize() + " and " + b.treeSize();
    }
    if (!a.scope().equals(b.scope())) {
      return "scope " + a.scope() + " and " + b.scope();
    }
    if (a.entries() != b.entries() || !a.entriesDigest().equals(b.entriesDigest())
        || !a.countsByEventType().equals(b.countsByEventType())) {
      return "the exported entries differ";
    }
    return null;
  }

  private static @Nullable ExportFormat format(String name) {
    for (ExportFormat f : ExportFormat.values()) {
      if (f.jsonName().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static ExportManifest manifest(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return ExportManifest.extract(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The entries of a verified JSON Lines export, as records. */
  private static void forEachRecord(Path jsonLines, Consumer<LedgerRecord> consumer) {
    try (BufferedReader reader = Files.newBufferedReader(jsonLines, StandardCharsets.UTF_8)) {
      reader.readLine(); // the header
      for (String line; (line = reader.readLine()) != null; ) {
        Map<?, ?> m = (Map<?, ?>) Jcs.parse(line);
        Map<?, ?> entry = (Map<?, ?>) m.get("entry");
        Object side = m.get("side_record");
        consumer.accept(new LedgerRecord(
            (Long) entry.get("seq"),
            (String) entry.get("event_type"),
            (String) entry.get("timestamp"),
            (String) entry.get("previous_hash"),
            (String) m.get("entry_hash"),
            Jcs.canonicalize(entry),
            side == null ? null : Jcs.canonicalize(side)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jsonLines + ": " + e.getMessage(), e);
    }
  }

  private static VerificationResult fail(VerificationResult r, long seq, Kind kind, String message) {
    return new VerificationResult(r.fromSeq(), r.entriesVerified(), r.checkpointsVerified(),
        r.treeSize(), r.rootHash(), r.headHash(), new VerificationFailure(seq, kind, null, null, message));
  }

  /** An output stream that compares what is written with an expected stream, byte by byte. */
  private static final class Comparing extends OutputStream {
    private final InputStream expected;
    long line = 1;
    long mismatchLine;
    String detail = "";

    Comparing(InputStream expected) {
      this.expected = expected;
    }

    @Override
    public void write(int b) throws IOException {
      if (mismatchLine > 0) {
        return;
      }
      int e = expected.read();
      if (e != (b & 0xff)) {
        mismatchLine = line;
        detail = e < 0 ? ": the report ends early" : "";
      } else if (b == '\n') {
        line++;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = 0; i < len && mismatchLine == 0; i++) {
        write(b[off + i]);
      }
    }

    void finish() throws IOException {
      if (mismatchLine == 0 && expected.read() >= 0) {
        mismatchLine = line;
        detail = ": the report continues after the rendering ends";
      }
    }
  }

  @Override
  public String toString() {
    return "AuditReportVerifier[" + verifier + "]";
  }
}

package dev.lexecon.export;

import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.VerificationFailure;
import dev.lexecon.api.ledger.VerificationFailure.Kind;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.internal.AuditReportLines;
import dev.lexecon.json.Jcs;
import dev.lexecon.ledger.ExportManifest;
import dev.lexecon.ledger.LedgerVerifier;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a CSV, Markdown or HTML audit report says exactly what the verified entries say,
 * with nothing but the report and the pinned keys.
 *
 * <p>Every report carries its signed manifest and the exported entries as JSON Lines entry lines
 * (docs/export-format.md §8). The check: those entries verify against the manifest ({@link
 * LedgerVerifier#verifyAuditExport}), and rendering them again under the report's manifest gives
 * the report byte for byte. A changed row, count, chart bar, embedded entry or manifest is
 * reported, a change to the visible part as {@link Kind#REPORT_MISMATCH} with the first line that
 * differs.
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
   * Verifies {@code report} on its own: its embedded entries against its manifest, then its
   * rendering. A JSON Lines export is verified as {@link LedgerVerifier#verifyAuditExport} does.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public VerificationResult verify(Path report) {
    Objects.requireNonNull(report, "report");
    VerificationResult base = verifier.verifyAuditExport(report);
    if (!base.valid()) {
      return base;
    }
    ExportManifest manifest = manifest(report);
    ExportFormat format = format(manifest.exportFormat());
    if (format == null) {
      return fail(base, 0, Kind.MANIFEST_MISMATCH, "unknown export format " + manifest.exportFormat());
    }
    if (format == ExportFormat.JSON) {
      return base;
    }
    Selection selection = Selection.fromManifestScope(manifest.scope());
    Stats stats = new Stats(true);
    forEachEntry(report, (r, proof) -> stats.add(r));
    try (InputStream expected = new BufferedInputStream(Files.newInputStream(report), 1 << 16)) {
      Comparing out = new Comparing(expected);
      ReportWriter writer = AuditExporter.writer(format, out);
      boolean section = writer.embedsSection();
      writer.begin(manifest, stats, selection);
      forEachEntry(report, (r, proof) -> writer.entry(r, section ? null : proof));
      if (section) {
        writer.beginEmbedded();
        forEachEntry(report, writer::embedded);
      }
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

  /**
   * Verifies {@code report} on its own ({@link #verify(Path)}), the JSON Lines export {@code
   * entries}, and that both describe the same export (ledger, size, root, scope, counts, digest).
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
    VerificationResult own = verify(report);
    if (!own.valid()) {
      return own;
    }
    String differs = sameSelection(manifest(report), manifest(entries));
    if (differs != null) {
      return fail(base, 0, Kind.MANIFEST_MISMATCH, "the report and the entries describe different"
          + " exports: " + differs);
    }
    return own;
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

  private interface EntryConsumer {
    void accept(LedgerRecord record, @Nullable InclusionProof proof) throws IOException;
  }

  /** The entry lines of a verified export of any format, as records with their proofs. */
  private static void forEachEntry(Path file, EntryConsumer consumer) throws UncheckedIOException {
    try (InputStream in = Files.newInputStream(file)) {
      AuditReportLines lines = AuditReportLines.open(in);
      ExportManifest m = lines.kind() == AuditReportLines.Kind.JSON_LINES
          ? ExportManifest.fromJsonTree(((Map<?, ?>) Jcs.parse(lines.manifestJson())).get("manifest"))
          : ExportManifest.parse(lines.manifestJson());
      for (String line; (line = lines.next()) != null; ) {
        Map<?, ?> parsed = (Map<?, ?>) Jcs.parse(line);
        Map<?, ?> entry = (Map<?, ?>) parsed.get("entry");
        Object side = parsed.get("side_record");
        long seq = (Long) entry.get("seq");
        InclusionProof proof = null;
        if (parsed.get("proof") instanceof List<?> path) {
          List<Hash> hashes = new ArrayList<>(path.size());
          for (Object h : path) {
            hashes.add(Hash.fromHex((String) h));
          }
          proof = new InclusionProof(seq, m.treeSize(), hashes);
        }
        consumer.accept(new LedgerRecord(
            seq,
            (String) entry.get("event_type"),
            (String) entry.get("timestamp"),
            (String) entry.get("previous_hash"),
            (String) parsed.get("entry_hash"),
            Jcs.canonicalize(entry),
            side == null ? null : Jcs.canonicalize(side)), proof);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
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

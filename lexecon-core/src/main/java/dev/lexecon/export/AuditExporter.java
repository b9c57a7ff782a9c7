package dev.lexecon.export;

import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.export.ExportProgress;
import dev.lexecon.api.export.ExportRequest;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.api.export.ExportSummary;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.ledger.ExportManifest;
import dev.lexecon.ledger.ExportManifest.EntryProof;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.NoteVerifier;
import dev.lexecon.ledger.SignedNote;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a scope of the ledger as an audit export in any {@link ExportFormat}, with a signed
 * verification manifest. Two passes over the storage, both streaming: the first selects the
 * entries, counts them, digests their hashes and draws the decisions chart; the second writes
 * them. Memory stays bounded whatever the size of the ledger (the ledger's own Merkle tree, which
 * answers the inclusion proofs, is the only thing that grows with it).
 *
 * <p>Every export describes the ledger at one size, the size when it starts: a checkpoint is
 * signed for exactly that size (not appended to the ledger), and entries appended during the
 * export are not in it. Every format carries the exported entries as JSON Lines entry lines (CSV in
 * a column, Markdown and HTML in a section written by a third pass), so that each file verifies on
 * its own. {@link #exportFiles} writes several formats of one scope at the same size.
 *
 * <p>Thread-safe: exports may run concurrently with each other and with appends.
 *
 * @since 0.1
 */
public final class AuditExporter {
  private static final Logger log = LoggerFactory.getLogger(AuditExporter.class);
  static final int PROGRESS_EVERY = 10_000;

  private final LedgerEngine ledger;
  private final Clock clock;

  private AuditExporter(LedgerEngine ledger, Clock clock) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** An exporter of {@code ledger} that takes the export time from {@code clock}. */
  public static AuditExporter of(LedgerEngine ledger, Clock clock) {
    return new AuditExporter(ledger, clock);
  }

  /**
   * Writes an export to {@code out}, which is flushed and not closed.
   *
   * @throws UncheckedIOException if writing fails
   */
  public ExportSummary export(ExportRequest request, OutputStream out) {
    return export(request, out, ExportProgress.NONE);
  }

  /**
   * Writes an export to {@code out}, which is flushed and not closed, reporting progress.
   *
   * @throws UncheckedIOException if writing fails
   */
  public ExportSummary export(ExportRequest request, OutputStream out, ExportProgress progress) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(progress, "progress");
    Snapshot snap = snapshot();
    Selection selection = Selection.of(request, snap.generatedAt);
    Stats stats = scan(snap, selection, request.format() != ExportFormat.JSON, progress);
    return write(request.format(), snap, selection, stats, out, progress);
  }

  /**
   * Writes one file per format into {@code directory} ({@code <baseName>.jsonl}, {@code .csv},
   * {@code .md}, {@code .html}), all of the same scope at the same ledger size, each through a
   * temporary file renamed into place. The JSON Lines file is always written, for machines; every
   * other file verifies on its own too.
   *
   * @return the files written, by format
   * @throws UncheckedIOException if writing fails
   */
  public Map<ExportFormat, Path> exportFiles(Path directory, String baseName, ExportScope scope,
      Set<ExportInclude> includes, Set<ExportFormat> formats, ExportProgress progress) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(baseName, "baseName");
    Set<ExportFormat> all = new LinkedHashSet<>();
    all.add(ExportFormat.JSON);
    all.addAll(formats);
    Snapshot snap = snapshot();
    Map<ExportFormat, Path> written = new EnumMap<>(ExportFormat.class);
    // one selection and one first pass for every format: they describe the same entries
    Selection selection = Selection.of(new ExportRequest(ExportFormat.JSON, scope, includes), snap.generatedAt);
    Stats stats = scan(snap, selection, all.size() > 1, progress);
    for (ExportFormat format : all) {
      Path target = directory.resolve(baseName + "." + format.fileExtension());
      Path temp = null;
      try {
        Files.createDirectories(directory);
        temp = Files.createTempFile(directory, baseName + ".", ".part");
        try (OutputStream out = Files.newOutputStream(temp)) {
          write(format, snap, selection, stats, out, progress);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        temp = null;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
      } finally {
        if (temp != null) {
          try {
            Files.deleteIfExists(temp);
          } catch (IOException ignored) {
            // the failure being reported matters more
          }
        }
      }
      written.put(format, target);
    }
    return written;
  }

  /** The ledger at one size: what every manifest of one export names. */
  private record Snapshot(long treeSize, Hash root, SignedNote checkpoint, Instant generatedAt,
      List<NoteVerifier> keys, EntryProof head) {}

  private Snapshot snapshot() {
    ledger.flush();
    long size = ledger.size();
    Hash root = ledger.rootHash(size);
    LedgerRecord head = ledger.storage().read(size - 1)
        .orElseThrow(() -> new IllegalStateException("the ledger's head is not in its storage"));
    return new Snapshot(size, root, ledger.signCheckpoint(size),
        clock.instant().truncatedTo(ChronoUnit.MICROS), ledger.checkpointKeys(),
        new EntryProof(size - 1, head.entryHash(), ledger.inclusionProof(size - 1, size)));
  }

  private Stats scan(Snapshot snap, Selection selection, boolean chart, ExportProgress progress) {
    Stats stats = new Stats(chart);
    long[] seen = {0};
    ledger.storage().scan(0, snap.treeSize, r -> {
      if (selection.matches(r)) {
        stats.add(r);
      }
      if (++seen[0] % PROGRESS_EVERY == 0) {
        progress.update(ExportProgress.Phase.SCANNING, seen[0], snap.treeSize);
      }
    });
    progress.update(ExportProgress.Phase.SCANNING, seen[0], snap.treeSize);
    if (seen[0] != snap.treeSize) {
      throw new IllegalStateException("the storage returned " + seen[0] + " of the " + snap.treeSize
          + " entries the ledger holds");
    }
    return stats;
  }

  private ExportManifest manifest(ExportFormat format, Snapshot snap, Selection selection, Stats stats) {
    EntryProof first = null;
    EntryProof last = null;
    if (stats.count > 0) {
      first = new EntryProof(stats.firstSeq, Objects.requireNonNull(stats.firstHash),
          ledger.inclusionProof(stats.firstSeq, snap.treeSize));
      last = new EntryProof(stats.lastSeq, Objects.requireNonNull(stats.lastHash),
          ledger.inclusionProof(stats.lastSeq, snap.treeSize));
    }
    ExportManifest unsigned = new ExportManifest(ledger.ledgerId(), ledger.origin(),
        snap.generatedAt, format.jsonName(), selection.scopeJson, stats.count, stats.byType, first,
        last, stats.minTimestamp, stats.maxTimestamp, stats.contiguous, stats.digest(),
        snap.treeSize, snap.root, snap.head, snap.checkpoint, ledger.checkpointKey(), snap.keys, null);
    return unsigned.withSignature(ledger.signNote(unsigned.signedText()));
  }

  private ExportSummary write(ExportFormat format, Snapshot snap, Selection selection, Stats stats,
      OutputStream target, ExportProgress progress) {
    ExportManifest manifest = manifest(format, snap, selection, stats);
    CountingStream out = new CountingStream(target);
    ReportWriter writer = writer(format, out);
    boolean proofs = ReportWriter.wantsProofs(manifest, selection);
    boolean section = writer.embedsSection();
    // a format with an embedded section writes every entry twice; progress counts both
    long total = section ? 2 * stats.count : stats.count;
    long[] written = {0};
    long[] embedded = {0};
    try {
      writer.begin(manifest, stats, selection);
      ledger.storage().scan(0, snap.treeSize, r -> {
        if (!selection.matches(r)) {
          return;
        }
        InclusionProof proof = proofs && !section ? ledger.inclusionProof(r.seq(), snap.treeSize) : null;
        try {
          writer.entry(r, proof);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (++written[0] % PROGRESS_EVERY == 0) {
          progress.update(ExportProgress.Phase.WRITING, written[0], total);
        }
      });
      if (section) {
        writer.beginEmbedded();
        ledger.storage().scan(0, snap.treeSize, r -> {
          if (!selection.matches(r)) {
            return;
          }
          InclusionProof proof = proofs ? ledger.inclusionProof(r.seq(), snap.treeSize) : null;
          try {
            writer.embedded(r, proof);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if ((written[0] + ++embedded[0]) % PROGRESS_EVERY == 0) {
            progress.update(ExportProgress.Phase.WRITING, written[0] + embedded[0], total);
          }
        });
      }
      writer.end();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit export: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot write the audit export: " + e.getCause().getMessage(), e.getCause());
    }
    progress.update(ExportProgress.Phase.WRITING, written[0] + embedded[0], total);
    if (section && embedded[0] != written[0]) {
      throw new IllegalStateException("embedded " + embedded[0] + " entries after writing " + written[0]
          + ": the storage changed entries below the exported size");
    }
    if (written[0] != stats.count) {
      throw new IllegalStateException("wrote " + written[0] + " entries, selected " + stats.count
          + ": the storage changed entries below the exported size");
    }
    log.debug("audit export {}: {} entries of {}, {} bytes", format, stats.count, snap.treeSize, out.count);
    return new ExportSummary(format, stats.count, stats.byType, snap.treeSize, snap.root,
        snap.head.entryHash(), out.count);
  }

  static ReportWriter writer(ExportFormat format, OutputStream out) {
    return switch (format) {
      case JSON -> new JsonLinesWriter(out);
      case CSV -> new CsvWriter(out);
      case MARKDOWN -> new MarkdownWriter(out);
      case HTML -> new HtmlWriter(out);
    };
  }

  /** Counts bytes on their way to the target. */
  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}

package dev.lexecon.ledger.sqlite;

import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportRequest;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.api.export.ExportSummary;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.export.AuditExporter;
import dev.lexecon.export.AuditReportVerifier;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteSigner;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Child-process main for the large-export test: in a deliberately small heap, opens the SQLite
 * ledger, streams an audit export of every entry in each format given, verifies each file on its
 * own (a report's rendering too) and deletes it, and prints one line per step: {@code export
 * <format> <entries> <bytes>}, {@code progress <format> <phase> <done> <total>} now and then,
 * {@code verified <format> <valid> <entries>}, and at the end {@code heap <max MiB> <peak
 * old-generation MiB>}.
 *
 * <p>Arguments: the database file, the output directory, the checkpoint key, the formats.
 */
public final class ExportProcess {
  private ExportProcess() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    Path out = Path.of(args[1]);
    NoteSigner key = NoteSigner.parse(args[2]);
    long t0 = System.nanoTime();
    try (LedgerEngine ledger = LedgerEngine.builder(SqliteLedgerStorage.open(db)).checkpointSigner(key)
        .checkpointInterval(Duration.ZERO).build()) {
      System.out.println("opened " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      AuditExporter exporter = AuditExporter.of(ledger, Clock.systemUTC());
      for (int i = 3; i < args.length; i++) {
        ExportFormat format = ExportFormat.valueOf(args[i]);
        Path file = out.resolve("million." + format.fileExtension());
        long[] last = {-1};
        ExportSummary s;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
          s = exporter.export(ExportRequest.of(format, ExportScope.all()), os, (phase, done, total) -> {
            if (done == total || done - last[0] >= 250_000) {
              last[0] = done == total ? -1 : done;
              System.out.println("progress " + format + " " + phase + " " + done + " " + total + " "
                  + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }
          });
        }
        System.out.println("export " + format + " " + s.entries() + " " + s.bytes());
        // every format verifies on its own: its embedded entries, and a report its rendering too
        LedgerVerifier pinned = LedgerVerifier.create().trusting(key.verifier());
        VerificationResult r = format == ExportFormat.JSON ? pinned.verifyAuditExport(file)
            : AuditReportVerifier.of(pinned).verify(file);
        System.out.println("verified " + format + " " + r.valid() + " " + r.entriesVerified() + " "
            + (System.nanoTime() - t0) / 1_000_000 + " ms " + r);
        Files.delete(file);
      }
    }
    long max = Runtime.getRuntime().maxMemory() >> 20;
    long peakOld = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")
          || pool.getName().contains("Tenured")) {
        peakOld = Math.max(peakOld, pool.getPeakUsage().getUsed() >> 20);
      }
    }
    System.out.println("heap " + max + " " + peakOld);
  }
}

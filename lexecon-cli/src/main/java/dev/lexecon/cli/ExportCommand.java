package dev.lexecon.cli;

import dev.lexecon.api.ledger.Durability;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.export.ExportRequest;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.export.AuditExporter;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexecon export}: a ledger as a file an auditor verifies offline. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a ledger as a signed file an auditor verifies offline.",
      "Exports a SQLite ledger as the signed JSON Lines export of docs/ledger-format.md section 9:"
          + " a header with a checkpoint signed now for exactly the exported entries, then one line"
          + " per entry. 'lexecon ledger verify FILE' and LedgerVerifier check it without the"
          + " application.",
      "Formats: jsonl (the ledger export above), or the audit reports json, csv, markdown and html,"
          + " each carrying a signed verification manifest (docs/export-format.md).",
      "The export is signed with --key (from 'lexecon init'). Without it, a new key is generated and"
          + " announced in the ledger by a key_rotated entry before it signs: the ledger grows by one"
          + " entry.",
      "Writes to --output (then prints a JSON summary) or to standard output."
    })
final class ExportCommand implements Callable<Integer> {
  /** The audit-report formats, by the names the option accepts. */
  private static final Map<String, ExportFormat> AUDIT_FORMATS = Map.of(
      "json", ExportFormat.JSON, "csv", ExportFormat.CSV, "markdown", ExportFormat.MARKDOWN,
      "md", ExportFormat.MARKDOWN, "html", ExportFormat.HTML);

  @Spec private @Nullable CommandSpec spec;

  @Option(names = {"-l", "--ledger"}, paramLabel = "DB", description = "SQLite ledger file (or from --config).")
  private @Nullable Path ledger;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "jsonl",
      description = "jsonl (the default: the ledger's signed export), json, csv, markdown or html"
          + " (audit reports with a signed manifest).")
  private String format = "jsonl";

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  private @Nullable Path output;

  @Option(names = "--force", description = "Overwrite --output if it exists.")
  private boolean force;

  @Option(names = "--include-personal-data",
      description = "Include side records, the personal data behind the ledger's commitments."
          + " Verification works either way; leave it out unless the recipient may see that data.")
  private boolean includePersonalData;

  @Option(names = "--payloads", description = "Audit reports: include each entry's payload.")
  private boolean payloads;

  @Option(names = "--key", paramLabel = "FILE", description = "Checkpoint signing key (or from --config).")
  private @Nullable Path key;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Project file giving --ledger and --key.")
  private @Nullable Path config;

  @Override
  public Integer call() throws IOException {
    LexeconCli.Terminal terminal = LexeconCli.terminal(Objects.requireNonNull(spec));
    String f = format.toLowerCase(Locale.ROOT);
    ExportFormat audit = AUDIT_FORMATS.get(f);
    if (!f.equals("jsonl") && audit == null) {
      throw CliException.usage(
          "unknown format '" + format + "'; available: jsonl, json, csv, markdown, html");
    }
    ProjectConfig project = ProjectConfig.read(config, terminal);
    Path file = ledger != null ? ledger : project.ledger();
    if (file == null) {
      throw CliException.usage("no ledger: give --ledger DB or --config FILE");
    }
    Path keyFile = key != null ? key : project.checkpointKey();
    NoteSigner signer = keyFile == null ? null : Keys.signer(keyFile);
    if (output != null && Files.exists(output) && !force) {
      throw CliException.failure("not overwriting " + output + "; use --force to replace it");
    }
    SqliteLedgerStorage storage = LedgerFiles.openExisting(file);
    LedgerEngine.Builder builder = LedgerEngine.builder(storage)
        .durability(Durability.SYNC)
        // an export must not append checkpoints of its own: only the export's header is signed
        .checkpointEvery(0)
        .checkpointInterval(Duration.ZERO);
    if (signer != null) {
      builder.checkpointSigner(signer);
    }
    long before = storage.size();
    LedgerEngine engine;
    try {
      engine = builder.build();
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    try (engine) {
      if (engine.size() > before) {
        terminal.err().println("lexecon: note: announced checkpoint key " + engine.checkpointKey()
            + " in " + file + " (a key_rotated entry) to sign the export;"
            + (signer == null ? " pass --key to sign with a stable key" : ""));
      }
      if (output == null) {
        OutputStream out = terminal.rawOut();
        write(engine, audit, out);
        out.flush();
        return LexeconCli.OK;
      }
      // Written beside the target and moved in place, so a failed export leaves no half file.
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path tmp = Files.createTempFile(parent, ".lexecon-export", ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          write(engine, audit, out);
        }
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", output.toString());
      m.put("format", audit == null ? "jsonl" : audit.jsonName());
      m.put("ledger_id", engine.ledgerId());
      m.put("tree_size", engine.size());
      m.put("root_hash", engine.rootHash().hex());
      m.put("checkpoint_key", engine.checkpointKey().encoded());
      m.put("personal_data", includePersonalData);
      Json.print(terminal.out(), m);
      return LexeconCli.OK;
    }
  }

  /** The ledger's JSON Lines export, or an audit report with its manifest. */
  private void write(LedgerEngine engine, @Nullable ExportFormat audit, OutputStream out) {
    if (audit == null) {
      engine.export(out, includePersonalData);
      return;
    }
    List<ExportInclude> includes = new ArrayList<>();
    if (includePersonalData) {
      includes.add(ExportInclude.PERSONAL_DATA);
    }
    if (payloads) {
      includes.add(ExportInclude.PAYLOADS);
    }
    AuditExporter.of(engine, Clock.systemUTC())
        .export(ExportRequest.of(audit, ExportScope.all(), includes.toArray(new ExportInclude[0])), out);
  }
}

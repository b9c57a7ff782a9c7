package dev.lexecon.cli;

import dev.lexecon.api.ledger.Durability;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import java.io.IOException;
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
      "Formats: jsonl. The audit-report formats (json, csv, markdown, html with a verification"
          + " manifest) come with the audit export feature and are refused until then.",
      "The export is signed with --key (from 'lexecon init'). Without it, a new key is generated and"
          + " announced in the ledger by a key_rotated entry before it signs: the ledger grows by one"
          + " entry.",
      "Writes to --output (then prints a JSON summary) or to standard output."
    })
final class ExportCommand implements Callable<Integer> {
  /** Formats the audit-export work will add; named so the refusal can say why. */
  private static final Set<String> PLANNED = Set.of("json", "csv", "markdown", "md", "html");

  @Spec private @Nullable CommandSpec spec;

  @Option(names = {"-l", "--ledger"}, paramLabel = "DB", description = "SQLite ledger file (or from --config).")
  private @Nullable Path ledger;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "jsonl",
      description = "Export format; only jsonl for now (the default).")
  private String format = "jsonl";

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  private @Nullable Path output;

  @Option(names = "--force", description = "Overwrite --output if it exists.")
  private boolean force;

  @Option(names = "--include-personal-data",
      description = "Include side records, the personal data behind the ledger's commitments."
          + " Verification works either way; leave it out unless the recipient may see that data.")
  private boolean includePersonalData;

  @Option(names = "--key", paramLabel = "FILE", description = "Checkpoint signing key (or from --config).")
  private @Nullable Path key;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Project file giving --ledger and --key.")
  private @Nullable Path config;

  @Override
  public Integer call() throws IOException {
    LexeconCli.Terminal terminal = LexeconCli.terminal(Objects.requireNonNull(spec));
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.equals("jsonl")) {
      throw CliException.usage(PLANNED.contains(f)
          ? "format '" + format + "' is not available yet: this build exports the ledger's signed"
              + " JSON Lines only (--format jsonl); the audit export formats are still to come"
          : "unknown format '" + format + "'; available: jsonl");
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
        engine.export(out, includePersonalData);
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
          engine.export(out, includePersonalData);
        }
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", output.toString());
      m.put("format", "jsonl");
      m.put("ledger_id", engine.ledgerId());
      m.put("tree_size", engine.size());
      m.put("root_hash", engine.rootHash().hex());
      m.put("checkpoint_key", engine.checkpointKey().encoded());
      m.put("personal_data", includePersonalData);
      Json.print(terminal.out(), m);
      return LexeconCli.OK;
    }
  }
}

package dev.lexecon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.VerificationFailure;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.export.AuditReportVerifier;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.MerkleTree;
import dev.lexecon.ledger.NoteVerifier;
import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexecon ledger}: verify a ledger, prove that an entry is in it. */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies a ledger, proves that an entry is in it.",
      "Works on a SQLite ledger file or an export file, without the application that wrote them."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {LedgerCommand.VerifyCommand.class, LedgerCommand.ProofCommand.class})
final class LedgerCommand implements Callable<Integer> {
  @Spec private @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    Objects.requireNonNull(spec).commandLine().usage(LexeconCli.terminal(spec).err());
    return LexeconCli.USAGE;
  }

  /** {@code lexecon ledger verify <db | export>}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verifies a SQLite ledger, a ledger export or an audit export offline.",
        "Verifies every entry hash and link, sequence numbers, side records against their"
            + " commitments, every checkpoint's signature and root and, for an export, its signed"
            + " header checkpoint. The file is a SQLite ledger (recognised by its header), a ledger"
            + " export (JSON Lines, from 'lexecon export'), or an audit export from 'lexecon export"
            + " --format' (json, csv, markdown or html): its signed manifest, then every entry it"
            + " carries against the manifest and, for a csv, markdown or html report, that its"
            + " tables and chart are exactly the rendering of those entries.",
        "Prints the result as JSON. Exit code 0 when the ledger verifies, 1 when it does not: the"
            + " JSON names the first bad seq, what was expected and what was found, and stderr says"
            + " it in one line."
      })
  static final class VerifyCommand implements Callable<Integer> {
    @Spec private @Nullable CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "SQLite ledger file, ledger export or audit export.")
    private Path file = Path.of("");

    @Option(names = "--trust", paramLabel = "KEY",
        description = "Pin a checkpoint verifier key (the key itself, or a file such as"
            + " checkpoint.pub); repeatable. The last checkpoint must then be signed by one of"
            + " them. Without it, the keys the ledger announces itself are accepted.")
    private List<String> trust = new ArrayList<>();

    @Override
    public Integer call() {
      LexeconCli.Terminal terminal = LexeconCli.terminal(Objects.requireNonNull(spec));
      LedgerVerifier verifier = LedgerVerifier.create();
      List<NoteVerifier> keys = new ArrayList<>();
      for (String t : trust) {
        keys.add(Keys.verifier(t));
      }
      if (!keys.isEmpty()) {
        verifier = verifier.trusting(keys);
      }
      LedgerFiles.Kind kind = LedgerFiles.kind(file);
      VerificationResult result;
      switch (kind) {
        case SQLITE -> {
          try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
            result = verifier.verify(storage);
          }
        }
        case AUDIT_EXPORT -> result = verifier.verifyAuditExport(file);
        case AUDIT_REPORT -> result = AuditReportVerifier.of(verifier).verify(file);
        default -> result = verifier.verifyExport(file);
      }
      VerificationFailure f = result.failure();
      // Not a ledger, not an export, and no manifest in it either: say so rather than call it a
      // broken audit report.
      boolean unknown = kind == LedgerFiles.Kind.AUDIT_REPORT && f != null
          && f.kind() == VerificationFailure.Kind.MALFORMED_ENTRY;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file.toString());
      m.put("format", unknown ? "unknown" : kind.jsonName());
      m.put("valid", result.valid());
      m.put("trusted_keys", keys.stream().map(NoteVerifier::encoded).toList());
      m.put("entries_verified", result.entriesVerified());
      m.put("checkpoints_verified", result.checkpointsVerified());
      m.put("tree_size", result.treeSize());
      m.put("root_hash", result.rootHash().hex());
      m.put("head_hash", result.headHash());
      if (f != null) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("seq", f.seq());
        fm.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        fm.put("expected", f.expected());
        fm.put("actual", f.actual());
        fm.put("message", f.message());
        m.put("failure", fm);
      }
      Json.print(terminal.out(), m);
      if (unknown) {
        terminal.err().println("lexecon: " + file + " is not a SQLite ledger, a ledger export or an"
            + " audit export: " + f.message());
        return LexeconCli.FAILURE;
      }
      if (f != null) {
        terminal.err().println("lexecon: " + file + ": verification FAILED at seq " + f.seq() + " ("
            + f.kind() + "): " + f.message());
        return LexeconCli.FAILURE;
      }
      return LexeconCli.OK;
    }
  }

  /** {@code lexecon ledger proof <entry> --ledger <db | export>}. */
  @Command(
      name = "proof",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the Merkle inclusion proof of one entry as JSON.",
        "Prints the RFC 9162 Merkle inclusion proof of one entry as JSON: the entry's hash, its"
            + " leaf hash, the audit path, the tree size and root it leads to, and the signed"
            + " checkpoint of that tree size when there is one, so the proof can be checked against a"
            + " signature with hashes alone.",
        "By default the proof is to the newest signed checkpoint that covers the entry (for an"
            + " export, its signed header), else to the whole ledger. The proof is computed from the"
            + " stored entry hashes: run 'lexecon ledger verify' to check the entries themselves.",
        "Exit code 1 when the entry does not exist or the ledger does not match its checkpoint."
      })
  static final class ProofCommand implements Callable<Integer> {
    private static final Pattern ENTRY = Pattern.compile("(?:entry_)?(0|[1-9][0-9]{0,17})");

    @Spec private @Nullable CommandSpec spec;

    @Parameters(paramLabel = "ENTRY", description = "Entry id (entry_42) or seq (42).")
    private String entry = "";

    @Option(names = {"-l", "--ledger"}, paramLabel = "FILE",
        description = "SQLite ledger file or export file (or from --config).")
    private @Nullable Path ledger;

    @Option(names = "--tree-size", paramLabel = "N",
        description = "Prove inclusion in the tree of the first N entries instead.")
    private @Nullable Long treeSize;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Project file giving --ledger.")
    private @Nullable Path config;

    @Override
    public Integer call() throws IOException {
      LexeconCli.Terminal terminal = LexeconCli.terminal(Objects.requireNonNull(spec));
      Matcher matcher = ENTRY.matcher(entry);
      if (!matcher.matches()) {
        throw CliException.usage("'" + entry + "' is not an entry id (entry_<seq>) or a seq");
      }
      long seq = Long.parseLong(matcher.group(1));
      Path file = ledger != null ? ledger : ProjectConfig.read(config, terminal).ledger();
      if (file == null) {
        throw CliException.usage("no ledger: give --ledger FILE or --config FILE");
      }
      Leaves leaves = LedgerFiles.isSqlite(file) ? Leaves.ofSqlite(file) : Leaves.ofExport(file);
      long size = leaves.tree.size();
      if (seq >= size) {
        throw CliException.failure(file + " has no entry_" + seq + " (it holds " + size + " entries)");
      }
      Leaves.Checkpoint checkpoint = null;
      long n;
      if (treeSize != null) {
        n = treeSize;
        if (n <= seq || n > size) {
          throw CliException.usage("--tree-size must be greater than " + seq + " and at most " + size);
        }
        for (Leaves.Checkpoint c : leaves.checkpoints) {
          if (c.treeSize() == n) {
            checkpoint = c;
          }
        }
      } else {
        for (Leaves.Checkpoint c : leaves.checkpoints) {
          if (c.treeSize() > seq && c.treeSize() <= size
              && (checkpoint == null || c.treeSize() > checkpoint.treeSize())) {
            checkpoint = c;
          }
        }
        n = checkpoint != null ? checkpoint.treeSize() : size;
      }
      InclusionProof proof = leaves.tree.inclusionProof(seq, n);
      Hash root = leaves.tree.root(n);
      if (checkpoint != null && !checkpoint.rootHash().equals(root.hex())) {
        throw CliException.failure(file + ": the entries do not reproduce the root of the signed"
            + " checkpoint at tree size " + n + "; run 'lexecon ledger verify " + file + "'");
      }
      String entryHash = leaves.entryHashes.get((int) seq);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("entry_id", "entry_" + seq);
      m.put("seq", seq);
      m.put("event_type", leaves.eventTypes.get((int) seq));
      m.put("entry_hash", entryHash);
      m.put("leaf_hash", leaves.tree.leafHash(seq).hex());
      m.put("tree_size", n);
      m.put("root_hash", root.hex());
      m.put("path", proof.path().stream().map(Hash::hex).toList());
      m.put("checkpoint", checkpoint == null ? null : checkpoint.note());
      m.put("verified", LedgerVerifier.verifyInclusion(entryHash, proof, root));
      PrintWriter out = terminal.out();
      Json.print(out, m);
      if (checkpoint == null) {
        terminal.err().println("lexecon: note: no signed checkpoint covers entry_" + seq
            + " at tree size " + n + "; the proof is to the ledger's current, unsigned root");
      }
      return LexeconCli.OK;
    }
  }

  /** The leaf hashes and checkpoints of a ledger, read once from storage or an export. */
  static final class Leaves {
    final MerkleTree tree = new MerkleTree();
    final List<String> entryHashes = new ArrayList<>();
    final List<String> eventTypes = new ArrayList<>();
    final List<Checkpoint> checkpoints = new ArrayList<>();

    record Checkpoint(long treeSize, String rootHash, String note) {}

    static Leaves ofSqlite(Path file) {
      Leaves leaves = new Leaves();
      try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
        storage.scan(0, storage.size(), r -> leaves.add(r.seq(), r.entryHash(), r.eventType(),
            r.eventType().equals("checkpoint") ? entryJson(r) : null, file));
      }
      return leaves;
    }

    static Leaves ofExport(Path file) throws IOException {
      Leaves leaves = new Leaves();
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String header = reader.readLine();
        if (header == null) {
          throw CliException.failure(file + " is empty");
        }
        JsonNode h = Json.parse(header, "the header line of " + file);
        if (!"lexecon-ledger-export".equals(h.path("format").asText())) {
          throw CliException.failure(file + " is neither a SQLite ledger nor a Lexecon ledger export");
        }
        long seq = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine(), seq++) {
          JsonNode n = Json.parse(line, "line " + (seq + 2) + " of " + file);
          JsonNode entry = n.path("entry");
          if (entry.path("seq").asLong(-1) != seq) {
            throw CliException.failure("line " + (seq + 2) + " of " + file + " is not entry_" + seq
                + "; run 'lexecon ledger verify " + file + "'");
          }
          String type = entry.path("event_type").asText();
          leaves.add(seq, n.path("entry_hash").asText(), type, type.equals("checkpoint") ? entry : null, file);
        }
        leaves.checkpoints.add(new Checkpoint(h.path("tree_size").asLong(), h.path("root_hash").asText(),
            h.path("checkpoint").asText()));
      }
      return leaves;
    }

    private static JsonNode entryJson(LedgerRecord r) {
      return Json.parse(new String(r.entry(), StandardCharsets.UTF_8), "entry_" + r.seq());
    }

    private void add(long seq, String entryHash, String eventType, @Nullable JsonNode checkpointEntry, Path file) {
      if (seq != tree.size()) {
        throw CliException.failure(file + ": entry_" + tree.size() + " is missing; run 'lexecon ledger verify "
            + file + "'");
      }
      try {
        tree.append(Hash.fromHex(entryHash).bytes());
      } catch (IllegalArgumentException e) {
        throw CliException.failure(file + ": entry_" + seq + " has a malformed entry_hash; run"
            + " 'lexecon ledger verify " + file + "'");
      }
      entryHashes.add(entryHash);
      eventTypes.add(eventType);
      if (checkpointEntry != null) {
        JsonNode p = checkpointEntry.path("payload");
        checkpoints.add(new Checkpoint(p.path("tree_size").asLong(), p.path("root_hash").asText(),
            p.path("note").asText()));
      }
    }
  }
}

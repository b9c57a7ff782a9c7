package dev.lexecon.examples;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.ledger.NoteVerifier;
import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An auditor checks an AI agent's decision record without the application, its database or its
 * word: only an export file and the operator's published checkpoint key. Then one byte of the file
 * is changed, and a decision is cut off the end, and verification says where.
 *
 * <p>Run it with
 * {@code ./mvnw -q -B -Pdemo -pl lexecon-examples -am verify -Ddemo.mainClass=dev.lexecon.examples.OfflineAuditDemo};
 * its files go to {@code target/lexecon-audit-demo/} (or the folder given as the first argument).
 *
 * <p>A program, not an API: run one at a time; nothing here is thread-safe or stable.
 *
 * @since 0.1
 */
public final class OfflineAuditDemo {
  private OfflineAuditDemo() {}

  public static void main(String[] args) throws IOException {
    run(System.out, Path.of(args.length > 0 ? args[0] : "target/lexecon-audit-demo"));
  }

  static void run(PrintStream out, Path dir) throws IOException {
    out.println("Lexecon demo: an auditor verifies an agent's decision ledger offline");
    Files.createDirectories(dir);
    Path db = dir.resolve("ledger.db");
    Path export = dir.resolve("ledger-export.jsonl");
    for (Path p : List.of(db, Path.of(db + "-wal"), Path.of(db + "-shm"), export)) {
      Files.deleteIfExists(p); // a fresh ledger each run keeps the output the same
    }

    // 1. The operator: an application deciding tool calls into a SQLite ledger, whose checkpoints it
    //    signs with a key it keeps; the public half is published (on a website, in a contract).
    NoteSigner operatorKey = NoteSigner.generate("acme-support-ledger");
    String publishedKey = operatorKey.verifier().encoded();
    long injectedSeq;
    out.println();
    out.println("1. The operator runs its support assistant and exports the ledger");
    try (Lexecon lexecon = Lexecon.builder()
        .policyJson(AgentToolGatingDemo.resource("/examples/agent-tools-policy.json"))
        .ledger(SqliteLedgerStorage.open(db))
        .checkpointSigner(operatorKey)
        .checkpointInterval(Duration.ZERO) // checkpoints when the demo asks, so seqs are stable
        .build()) {
      List<Decision> decisions = new ArrayList<>();
      for (AgentToolGatingDemo.ToolCall call : AgentToolGatingDemo.CALLS) {
        decisions.add(lexecon.decide(DecisionRequest.builder("agent:support-1", call.tool())
            .tool(call.tool()).arguments(call.args()).dataClasses(call.dataClasses())
            .userIntent(call.story()).build()));
      }
      Decision injected = decisions.get(4);
      injectedSeq = Long.parseLong(injected.ledgerEntryId().substring("entry_".length()));
      lexecon.ledger().checkpoint();
      try (OutputStream o = Files.newOutputStream(export)) {
        lexecon.ledger().export(o, false); // without personal data: commitments only
      }
      out.println("   " + decisions.size() + " decisions in " + db + "; the injected e-mail to an outsider was "
          + injected.outcome() + " (" + injected.ledgerEntryId() + ")");
      out.println("   export: " + export + " (" + Files.readAllLines(export).size()
          + " lines: a signed header, then one line per entry; personal data only as commitments)");
      out.println("   published checkpoint key: " + publishedKey);
    }

    // 2. The auditor: the file and the published key, nothing else. No database, no application.
    out.println();
    out.println("2. The auditor verifies the export with only the file and the published key");
    LedgerVerifier auditor = LedgerVerifier.create().trusting(NoteVerifier.parse(publishedKey));
    VerificationResult genuine = auditor.verifyExport(export);
    out.println("   " + verdict(genuine));
    out.println("   same check from a shell: lexecon ledger verify " + export + " --trust " + publishedKey);

    // 3. Someone edits the record: one digit of the injected call's timestamp, one byte.
    out.println();
    out.println("3. One byte changed: a digit of the year in the injected call's timestamp");
    List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
    int index = (int) injectedSeq + 1; // line 0 is the header
    String line = lines.get(index);
    int at = line.indexOf("\"timestamp\":\"") + "\"timestamp\":\"2026-".length() - 2; // a year digit
    char digit = line.charAt(at);
    char changed = digit == '9' ? '8' : (char) (digit + 1);
    lines.set(index, line.substring(0, at) + changed + line.substring(at + 1));
    Path tampered = dir.resolve("ledger-export-tampered.jsonl");
    Files.writeString(tampered, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    out.println("   entry_" + injectedSeq + ": '" + digit + "' -> '" + changed + "' at column " + (at + 1)
        + " of line " + (index + 1) + " (" + tampered + ")");
    out.println("   " + verdict(auditor.verifyExport(tampered)));

    // 4. Someone deletes the newest entries: the file is cut short.
    out.println();
    out.println("4. The last entry cut off the end of the file");
    List<String> shorter = Files.readAllLines(export, StandardCharsets.UTF_8);
    shorter.remove(shorter.size() - 1);
    Path truncated = dir.resolve("ledger-export-truncated.jsonl");
    Files.writeString(truncated, String.join("\n", shorter) + "\n", StandardCharsets.UTF_8);
    out.println("   " + verdict(auditor.verifyExport(truncated)));

    // 5. A forger rewrites the whole export consistently but cannot sign for the operator's key.
    out.println();
    out.println("5. The genuine export checked against a key the operator never published");
    LedgerVerifier fooled = LedgerVerifier.create()
        .trusting(NoteSigner.generate("acme-support-ledger").verifier());
    out.println("   " + verdict(fooled.verifyExport(export)));

    out.println();
    out.println("In short: the export proves itself. Any changed byte, missing entry or foreign"
        + " signature is found, and the report names the first bad seq.");
  }

  private static String verdict(VerificationResult r) {
    return r.valid()
        ? "VALID: " + r.entriesVerified() + " entries and " + r.checkpointsVerified()
            + (r.checkpointsVerified() == 1 ? " checkpoint" : " checkpoints") + " verified; root " + r.rootHash().hex().substring(0, 16) + "... signed by the published key"
        : "INVALID at seq " + r.failure().seq() + " (" + r.failure().kind() + "): " + r.failure().message();
  }
}

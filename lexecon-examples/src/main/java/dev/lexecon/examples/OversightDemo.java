package dev.lexecon.examples;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.Explanation;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.oversight.HaltScope;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.oversight.Responsibility;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.oversight.Oversight;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Human oversight of a trading desk's agents: the stop switch pressed during a burst of tool calls
 * (EU AI Act Art. 14(4)(e), MiFID II RTS 6 Art. 12), a transfer confirmed by two treasury officers
 * (Art. 14(5)), and a CRITICAL request escalated to a human who resolves it.
 */
public final class OversightDemo {
  static final Principal SUPERVISOR = Principal.of("desk-supervisor@bank.example", Role.COMPLIANCE_OFFICER);
  static final Principal ADMIN = Principal.of("it-admin@bank.example", Role.ADMIN);
  static final Principal TINA =
      Principal.of("tina@bank.example", Role.of("treasury_officer"), Role.COMPLIANCE_OFFICER);
  static final Principal TOM =
      Principal.of("tom@bank.example", Role.of("treasury_officer"), Role.COMPLIANCE_OFFICER);
  static final Principal ALICE = Principal.of("alice@bank.example", Role.COMPLIANCE_OFFICER);

  private OversightDemo() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  static void run(PrintStream out) throws Exception {
    try (Lexecon lexecon = Lexecon.builder()
        .policyJson(AgentToolGatingDemo.resource("/examples/oversight-policy.json")).build()) {
      out.println("Lexecon oversight demo: a trading desk's agents under human oversight");
      out.println();
      haltDuringBurst(lexecon, out);
      out.println();
      fourEyes(lexecon, out);
      out.println();
      criticalEscalation(lexecon, out);
      out.println();
      out.println("ledger " + lexecon.ledger().ledgerId() + " (" + lexecon.ledger().size()
          + " entries): " + lexecon.ledger().verify());
    }
  }

  record Call(DecisionRequest request, Decision decision, boolean startedAfterHalt) {}

  /** Four agents place orders as fast as they can; the supervisor presses stop in the middle. */
  static void haltDuringBurst(Lexecon lexecon, PrintStream out) throws Exception {
    out.println("1. The stop switch, pressed during a burst of tool calls");
    int agents = 4;
    ExecutorService pool = Executors.newFixedThreadPool(agents);
    CountDownLatch warm = new CountDownLatch(40);
    AtomicBoolean halted = new AtomicBoolean();
    ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    List<Future<?>> running = new ArrayList<>();
    for (int a = 1; a <= agents; a++) {
      String agent = "agent:trader-" + a;
      running.add(pool.submit(() -> {
        int afterHalt = 0;
        for (int i = 0; afterHalt < 5; i++) {
          DecisionRequest r = DecisionRequest.builder(agent, "place_order").tool("place_order")
              .argument("symbol", "ACME").argument("qty", 100 + i).build();
          boolean after = halted.get();
          calls.add(new Call(r, lexecon.decide(r), after));
          warm.countDown();
          afterHalt += after ? 1 : 0;
        }
        return null;
      }));
    }
    warm.await(60, TimeUnit.SECONDS);
    Halt halt = lexecon.oversight().halt(HaltScope.tools("place_order"), SUPERVISOR,
        "runaway order flow on ACME");
    halted.set(true);
    for (Future<?> f : running) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    long approved = calls.stream().filter(c -> c.decision().outcome() == Outcome.APPROVED).count();
    long revoked = calls.stream().filter(c -> c.decision().token() != null
        && lexecon.tokenVerifier().verify(c.decision().token().value(),
            ExpectedCall.of(c.request())) instanceof TokenVerification.Rejected).count();
    long startedAfter = calls.stream().filter(Call::startedAfterHalt).count();
    long approvedAfter = calls.stream().filter(c -> c.startedAfterHalt()
        && c.decision().outcome() == Outcome.APPROVED).count();
    out.println("   " + calls.size() + " order decisions from " + agents + " agents; "
        + halt.haltId() + " pressed by the desk supervisor: " + halt.reason());
    out.println("   approved before the halt: " + approved + ", their tokens now revoked: " + revoked);
    out.println("   calls started after halt() returned: " + startedAfter + ", approved: "
        + approvedAfter);
    Call denied = calls.stream().filter(Call::startedAfterHalt).findFirst().orElseThrow();
    out.println("   a denied one says: " + denied.decision().reasons().get(0).message());
    lexecon.oversight().resume(halt.haltId(), ADMIN, "order flow checked, limits lowered");
    Decision next = lexecon.decide(DecisionRequest.builder("agent:trader-1", "place_order")
        .tool("place_order").argument("symbol", "ACME").argument("qty", 10).build());
    out.println("   resumed by the IT admin (the designated staff member); next order: "
        + next.outcome());
  }

  /** A transfer that two treasury officers must confirm, each confirmation signed in the ledger. */
  static void fourEyes(Lexecon lexecon, PrintStream out) {
    out.println("2. Four-eyes approval (EU AI Act Art. 14(5))");
    Oversight oversight = lexecon.oversight();
    DecisionRequest transfer = DecisionRequest.builder("agent:ops-1", "transfer_funds")
        .tool("transfer_funds").argument("amount", 250_000).argument("to", "DE89 3704 0044").build();
    Decision d = lexecon.decide(transfer);
    Escalation e = oversight.escalationsOf(d.decisionId()).get(0);
    out.println("   transfer_funds 250000 -> " + d.outcome() + " " + d.obligations() + "; needs "
        + e.requiredConfirmations() + " distinct " + e.confirmerRole() + "s");
    oversight.confirm(e.escalationId(), TINA, "beneficiary matches the contract");
    out.println("   Tina confirms: " + oversight.escalation(e.escalationId()).orElseThrow()
        .confirmations().size() + " of " + e.requiredConfirmations());
    try {
      oversight.confirm(e.escalationId(), TINA, "confirming again");
    } catch (IllegalStateException refused) {
      out.println("   Tina again: refused (" + refused.getMessage().replaceAll(".*; ", "") + ")");
    }
    Escalation done = oversight.confirm(e.escalationId(), TOM, null);
    out.println("   Tom confirms: escalation " + done.resolution().resolution()
        + "; the resolution links " + done.confirmations().size() + " confirmations");
    for (LedgerEntry c : lexecon.ledger().entries(EventType.CONFIRMATION, 0, 10)) {
      out.println("     " + c.entryId() + " signed by the engine's oversight key, verifies: "
          + oversight.verifyConfirmation(c));
    }
    CapabilityToken token = lexecon.tokenFor(d.decisionId());
    out.println("   token for the transfer: " + token.claims().tokenId() + ", verifier says "
        + (lexecon.tokenVerifier().verify(token.value(), ExpectedCall.of(transfer))
            instanceof TokenVerification.Accepted ? "accepted" : "rejected"));
  }

  /** A CRITICAL request goes to a human, who looks at it and resolves it. */
  static void criticalEscalation(Lexecon lexecon, PrintStream out) {
    out.println("3. A CRITICAL request escalated and resolved by a human");
    Oversight oversight = lexecon.oversight();
    DecisionRequest read = DecisionRequest.builder("agent:ops-2", "read_vault").tool("read_vault")
        .dataClasses("credentials").argument("secret", "payments-api-key").build();
    Decision d = lexecon.decide(read);
    out.println("   read_vault (credentials) -> " + d.outcome() + ": "
        + d.reasons().get(d.reasons().size() - 1).message());
    Escalation e = oversight.escalationsOf(d.decisionId()).get(0);
    out.println("   " + e.escalationId() + " " + e.trigger().jsonName() + ", priority "
        + e.priority().jsonName() + ", due " + e.deadline() + ", assigned to " + e.assignees());
    oversight.acknowledge(e.escalationId(), ALICE);
    Escalation resolved = oversight.resolve(e.escalationId(), ALICE, Resolution.APPROVED,
        "key rotation run, approved by change CH-4711");
    out.println("   Alice acknowledges and approves after "
        + resolved.resolution().responseTime().toMillis() + " ms (within SLA: "
        + resolved.resolution().withinSla() + ")");
    CapabilityToken token = lexecon.tokenFor(d.decisionId());
    out.println("   token for the approved read: " + token.claims().tokenId());
    Explanation x = oversight.explain(d.decisionId());
    out.println("   explanation: " + x.summary());
    x.humanReview().forEach(h -> out.println("     " + h));
    List<Responsibility> chain = oversight.responsibility(d.decisionId()).links();
    out.println("   responsibility: " + chain.stream()
        .map(r -> r.level().jsonName() + " (" + r.decisionMaker() + ")").toList());
  }
}

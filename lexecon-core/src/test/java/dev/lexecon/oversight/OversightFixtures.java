package dev.lexecon.oversight;

import dev.lexecon.Lexecon;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.domain.DomainConfiguration;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.evidence.ArtifactType;
import dev.lexecon.api.evidence.NewArtifact;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** A policy, people and requests shared by the oversight tests. */
final class OversightFixtures {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  static final Role EXECUTIVE = Role.of("executive");
  static final Role TREASURY = Role.of("treasury_officer");

  static final Principal ALICE = Principal.of("alice@bank.example", Role.COMPLIANCE_OFFICER);
  static final Principal BOB = Principal.of("bob@bank.example", Role.COMPLIANCE_OFFICER);
  static final Principal ROOT = Principal.of("root@bank.example", Role.ADMIN);
  static final Principal VERA = Principal.of("vera@bank.example", Role.VIEWER);
  static final Principal AUDREY = Principal.of("audrey@bank.example", Role.AUDITOR);
  static final Principal CEO = Principal.of("ceo@bank.example", EXECUTIVE, Role.COMPLIANCE_OFFICER);
  static final Principal INTERN =
      Principal.of("executive_intern", Role.of("executive_intern"), Role.COMPLIANCE_OFFICER);
  static final Principal T1 = Principal.of("tina@bank.example", TREASURY, Role.COMPLIANCE_OFFICER);
  static final Principal T2 = Principal.of("tom@bank.example", TREASURY, Role.COMPLIANCE_OFFICER);
  static final Principal T3 = Principal.of("tara@bank.example", TREASURY, Role.COMPLIANCE_OFFICER);
  static final Principal OPERATOR =
      Principal.of("otto@bank.example", Role.of("operator"), Role.COMPLIANCE_OFFICER);
  static final Principal MANAGER =
      Principal.of("mia@bank.example", Role.of("manager"), Role.COMPLIANCE_OFFICER);
  static final Principal SUPERVISOR =
      Principal.of("sam@bank.example", Role.of("supervisor"), Role.COMPLIANCE_OFFICER);

  /**
   * Agents may read, deploy (with a human's confirmation) and transfer (with two treasury
   * officers' confirmation); they may never wipe. Users may read.
   */
  static final Policy POLICY = Policy.builder("oversight", "1").mode(PolicyMode.STRICT)
      .actor("actor:agent", "agent:*").actor("actor:user", "user:*")
      .action("action:read", null).action("action:wipe", null).action("action:deploy", null)
      .action("action:transfer", null).action("action:pay", null)
      .permits("actor:agent", "action:read")
      .permits("actor:user", "action:read")
      .forbids("actor:agent", "action:wipe")
      .permits("actor:agent", "action:deploy")
      .requires("actor:agent", "action:deploy", "human_confirmation")
      .permits("actor:agent", "action:transfer")
      .permits("actor:user", "action:transfer")
      .relation(new Relation("four_eyes_transfer", RelationType.REQUIRES, null, "action:transfer",
          null, List.of(), List.of("dual_authorization"), "transfers need two treasury officers",
          Map.of("four_eyes", Map.of("persons", 2, "role", "treasury_officer"))))
      .permits("actor:agent", "action:pay")
      .requires("actor:agent", "action:pay", "invoice_attached", "human_confirmation")
      .build();

  private OversightFixtures() {}

  static MutableClock clock() {
    return MutableClock.startingAt(START);
  }

  static Lexecon.Builder builder(MutableClock clock) {
    return Lexecon.builder().policy(POLICY).clock(clock);
  }

  static Lexecon lexecon(MutableClock clock) {
    return builder(clock).build();
  }

  static DecisionRequest read(String... dataClasses) {
    return DecisionRequest.builder("agent:1", "read").dataClasses(dataClasses)
        .argument("path", "/srv/a").build();
  }

  /** Permitted, but CRITICAL risk (credentials): escalated in every mode. */
  static DecisionRequest critical() {
    return read("credentials");
  }

  static DecisionRequest wipe() {
    return DecisionRequest.builder("agent:1", "wipe").build();
  }

  static DecisionRequest deploy() {
    return DecisionRequest.builder("agent:1", "deploy").argument("service", "billing").build();
  }

  static DecisionRequest transfer(String actor) {
    return DecisionRequest.builder(actor, "transfer").argument("amount", 25_000).build();
  }

  static List<LedgerEntry> entries(Lexecon lexecon, EventType type) {
    return lexecon.ledger().entries(type, 0, 10_000);
  }

  /** Registers an investigation record with this text and returns its artifact id. */
  static String evidence(Lexecon lexecon, String text, String... decisionIds) {
    return lexecon.evidence().register(NewArtifact.builder(ArtifactType.INVESTIGATION_RECORD)
        .content(text.getBytes(StandardCharsets.UTF_8)).mediaType("text/plain")
        .decisions(decisionIds).build()).id();
  }

  /** Whether a recorded value is a salted commitment ({@code {"commitment": "sha256:..."}}). */
  static boolean committed(Object recorded) {
    return recorded instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("commitment");
  }

  /** A plugin of the finance domain that applies to {@code pay}. */
  static DomainPlugin financePlugin() {
    DomainConfiguration config = DomainConfiguration.builder("test_finance", GovernanceDomain.FINANCE)
        .actionType("pay", 3, "a payment").build();
    return () -> config;
  }

  /**
   * Runs {@code threads} tasks at once (released together by one latch) and returns, per task in
   * order, its result or the runtime exception it threw.
   */
  static List<Object> race(int threads, IntFunction<Callable<?>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<?> c = task.apply(i);
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          try {
            return c.call();
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      ready.await(30, TimeUnit.SECONDS);
      go.countDown();
      List<Object> out = new ArrayList<>();
      for (Future<Object> f : futures) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}

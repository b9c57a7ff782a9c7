package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Confirmation;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.EscalationPriority;
import dev.lexecon.api.oversight.PermissionDeniedException;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.testing.MutableClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Four-eyes confirmation by distinct persons (EU AI Act Art. 14(5))")
class FourEyesTest {
  private final MutableClock clock = clock();

  private static Escalation escalationOf(Lexecon lexecon, Decision d) {
    return lexecon.oversight().escalationsOf(d.decisionId()).get(0);
  }

  @Test
  @DisplayName("a dual_authorization relation escalates until two distinct treasury officers confirm; the resolution links both")
  void twoDistinctConfirmations() {
    try (Lexecon lexecon = lexecon(clock)) {
      DecisionRequest request = transfer("agent:1");
      Decision d = lexecon.decide(request);
      assertThat(d.outcome()).isEqualTo(Outcome.ESCALATED);
      assertThat(d.obligations()).containsExactly("dual_authorization");
      Escalation e = escalationOf(lexecon, d);
      assertThat(e.requiredConfirmations()).isEqualTo(2);
      assertThat(e.confirmerRole()).isEqualTo(TREASURY);
      assertThat(e.fourEyes()).isTrue();
      assertThat(e.priority()).isEqualTo(EscalationPriority.HIGH);
      assertThat(e.assignees()).containsExactly("role:treasury_officer");

      Escalation once = lexecon.oversight().confirm(e.escalationId(), T1, "amount matches invoice");
      assertThat(once.resolution()).isNull();
      assertThat(once.confirmations()).singleElement().satisfies(c -> {
        assertThat(c.principalId()).isEqualTo(T1.id());
        assertThat(c.verdict()).isEqualTo(Confirmation.Verdict.CONFIRMED);
        assertThat(c.note()).isEqualTo("amount matches invoice");
      });
      assertThatThrownBy(() -> lexecon.tokenFor(d.decisionId()))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> lexecon.oversight().confirm(e.escalationId(), T1, "again"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("counts once");
      assertThat(lexecon.oversight().escalation(e.escalationId()).orElseThrow().resolution())
          .isNull();

      Escalation done = lexecon.oversight().confirm(e.escalationId(), T2, null);
      assertThat(done.resolution().resolution()).isEqualTo(Resolution.APPROVED);
      assertThat(done.resolution().resolvedBy()).isEqualTo(T2.id());
      List<LedgerEntry> confirmations = entries(lexecon, EventType.CONFIRMATION);
      assertThat(confirmations).hasSize(2);
      LedgerEntry resolved = entries(lexecon, EventType.ESCALATION_RESOLVED).get(0);
      assertThat(resolved.payload().get("confirmations"))
          .isEqualTo(List.of(confirmations.get(0).entryId(), confirmations.get(1).entryId()));
      assertThat(lexecon.tokenVerifier().verify(lexecon.tokenFor(d.decisionId()).value(),
          ExpectedCall.of(request))).isInstanceOf(TokenVerification.Accepted.class);
    }
  }

  @Test
  @DisplayName("each confirmation is signed; the signature verifies with the key announced in the ledger, and not once altered")
  void signedConfirmations() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(transfer("agent:1"));
      lexecon.oversight().confirm(escalationOf(lexecon, d).escalationId(), T1, "ok");
      LedgerEntry entry = entries(lexecon, EventType.CONFIRMATION).get(0);
      Map<?, ?> signature = (Map<?, ?>) entry.payload().get("signature");
      assertThat(signature.get("alg")).isEqualTo("EdDSA");
      assertThat(signature.get("kid")).isEqualTo(lexecon.oversight().confirmationKey().keyId());
      assertThat(committed(entry.payload().get("by"))).isTrue();
      assertThat(lexecon.oversight().verifyConfirmation(entry)).isTrue();
      LedgerEntry announced = entries(lexecon, EventType.KEY_ROTATED).stream()
          .filter(k -> "oversight".equals(k.payload().get("purpose"))).findFirst().orElseThrow();
      assertThat(announced.seq()).isLessThan(entry.seq());
      assertThat(announced.payload()).containsEntry("key_id", signature.get("kid"));

      Map<String, Object> personal = new LinkedHashMap<>(entry.personalData());
      personal.put("/payload/by", "mallory@bank.example");
      LedgerEntry forged = new LedgerEntry(entry.seq(), entry.eventType(), entry.timestamp(),
          entry.payload(), entry.previousHash(), entry.entryHash(), personal);
      assertThat(lexecon.oversight().verifyConfirmation(forged)).isFalse();
      LedgerEntry erased = new LedgerEntry(entry.seq(), entry.eventType(), entry.timestamp(),
          entry.payload(), entry.previousHash(), entry.entryHash(), Map.of());
      assertThat(lexecon.oversight().verifyConfirmation(erased)).isFalse();
      assertThat(lexecon.oversight().verifyConfirmation(lexecon.ledger().entry(0).orElseThrow()))
          .isFalse();
    }
  }

  @Test
  @DisplayName("a single rejection denies; the decision gets no token")
  void rejectionDenies() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(transfer("agent:1"));
      Escalation e = escalationOf(lexecon, d);
      lexecon.oversight().confirm(e.escalationId(), T1, null);
      Escalation done = lexecon.oversight().reject(e.escalationId(), T2, "beneficiary unknown");
      assertThat(done.resolution().resolution()).isEqualTo(Resolution.DENIED);
      assertThat(done.confirmations()).extracting(Confirmation::verdict)
          .containsExactly(Confirmation.Verdict.CONFIRMED, Confirmation.Verdict.REJECTED);
      assertThatThrownBy(() -> lexecon.tokenFor(d.decisionId()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("denied");
      assertThatThrownBy(() -> lexecon.oversight().confirm(e.escalationId(), T3, null))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already resolved");
      assertThatThrownBy(() -> lexecon.oversight().reject(e.escalationId(), T3, " "))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("a confirmer needs the required role, and the requester cannot confirm their own request")
  void whoMayConfirm() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(transfer("agent:1"));
      Escalation e = escalationOf(lexecon, d);
      assertThatThrownBy(() -> lexecon.oversight().confirm(e.escalationId(), ALICE, null))
          .isInstanceOf(PermissionDeniedException.class);
      Principal lookalike = Principal.of("treasury_officer", Role.of("treasury_officer_trainee"),
          Role.COMPLIANCE_OFFICER);
      assertThatThrownBy(() -> lexecon.oversight().confirm(e.escalationId(), lookalike, null))
          .isInstanceOf(PermissionDeniedException.class);
      Principal noApproval = Principal.of("t9@bank.example", TREASURY);
      assertThatThrownBy(() -> lexecon.oversight().confirm(e.escalationId(), noApproval, null))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).hasSize(3);
      assertThatThrownBy(() -> lexecon.oversight().resolve(e.escalationId(), T1,
          Resolution.APPROVED, null))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("confirm()");

      Principal tina = Principal.of("user:tina", TREASURY, Role.COMPLIANCE_OFFICER);
      Decision own = lexecon.decide(transfer("user:tina"));
      assertThatThrownBy(() -> lexecon.oversight().confirm(escalationOf(lexecon, own)
          .escalationId(), tina, null))
          .isInstanceOfSatisfying(PermissionDeniedException.class,
              ex -> assertThat(ex.requirement()).contains("other than the one who made the request"));
      assertThat(entries(lexecon, EventType.CONFIRMATION)).isEmpty();
    }
  }

  @Test
  @DisplayName("a require_dual_authorization constraint takes N and the role from the policy's metadata")
  void constraintWithPolicyMetadata() {
    Policy policy = Policy.builder("constrained", "1").mode(PolicyMode.STRICT)
        .actor("actor:agent", "agent:*").action("action:wire", null)
        .permits("actor:agent", "action:wire")
        .constraint("big_wires", "args.amount > 10000", "require_dual_authorization")
        .extension("metadata", Map.of("four_eyes", Map.of("persons", 3)))
        .build();
    try (Lexecon lexecon = Lexecon.builder().policy(policy).clock(clock).build()) {
      Decision small = lexecon.decide(DecisionRequest.builder("agent:1", "wire")
          .argument("amount", 50).build());
      assertThat(small.outcome()).isEqualTo(Outcome.APPROVED);
      Decision big = lexecon.decide(DecisionRequest.builder("agent:1", "wire")
          .argument("amount", 50_000).build());
      Escalation e = escalationOf(lexecon, big);
      assertThat(e.requiredConfirmations()).isEqualTo(3);
      assertThat(e.confirmerRole()).isNull();
      assertThat(e.assignees()).containsExactly("role:compliance_officer", "role:admin");
      lexecon.oversight().confirm(e.escalationId(), ALICE, null);
      lexecon.oversight().confirm(e.escalationId(), BOB, null);
      assertThat(lexecon.oversight().escalation(e.escalationId()).orElseThrow().resolution()).isNull();
      assertThat(lexecon.oversight().confirm(e.escalationId(), ROOT, null).resolution().resolution())
          .isEqualTo(Resolution.APPROVED);
    }
  }

  @Test
  @DisplayName("the engine default of persons applies when the policy names none")
  void defaultPersons() {
    Policy policy = Policy.builder("plain", "1").mode(PolicyMode.STRICT)
        .actor("actor:agent", "agent:*").action("action:wire", null)
        .permits("actor:agent", "action:wire").requires("actor:agent", "action:wire", "four_eyes")
        .build();
    try (Lexecon lexecon = Lexecon.builder().policy(policy).clock(clock)
        .oversight(OversightConfig.builder().defaultConfirmations(3).build()).build()) {
      Decision d = lexecon.decide(DecisionRequest.builder("agent:1", "wire").build());
      assertThat(d.outcome()).isEqualTo(Outcome.ESCALATED);
      assertThat(escalationOf(lexecon, d).requiredConfirmations()).isEqualTo(3);
    }
    assertThatThrownBy(() -> OversightConfig.builder().defaultConfirmations(1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("confirmations survive a restart: one before, one after, still two distinct persons")
  void restart() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    Lexecon first = builder(clock).ledger(storage).build();
    Decision d = first.decide(transfer("agent:1"));
    String id = escalationOf(first, d).escalationId();
    first.oversight().confirm(id, T1, null);
    first.ledger().flush();
    try (Lexecon second = builder(clock).ledger(storage).build()) {
      assertThatThrownBy(() -> second.oversight().confirm(id, T1, null))
          .isInstanceOf(IllegalStateException.class);
      assertThat(second.oversight().confirm(id, T2, null).resolution().resolution())
          .isEqualTo(Resolution.APPROVED);
      LedgerEntry firstConfirmation = entries(second, EventType.CONFIRMATION).get(0);
      assertThat(second.oversight().verifyConfirmation(firstConfirmation)).isTrue();
      assertThat(second.tokenFor(d.decisionId())).isNotNull();
    }
  }

  @Test
  @DisplayName("race: the same person confirming from two threads counts once; two people racing resolve it once")
  void confirmationRaces() throws Exception {
    try (Lexecon lexecon = lexecon(clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      for (int round = 0; round < 10; round++) {
        Escalation same = escalationOf(lexecon, lexecon.decide(transfer("agent:" + round)));
        List<Object> results = race(pool,
            () -> lexecon.oversight().confirm(same.escalationId(), T1, null),
            () -> lexecon.oversight().confirm(same.escalationId(), T1, null));
        assertThat(results).filteredOn(r -> r instanceof IllegalStateException).hasSize(1);
        assertThat(lexecon.oversight().escalation(same.escalationId()).orElseThrow()
            .confirmations()).hasSize(1);

        lexecon.oversight().confirm(same.escalationId(), T2, null);
        Escalation two = escalationOf(lexecon, lexecon.decide(transfer("agent:x" + round)));
        lexecon.oversight().confirm(two.escalationId(), T1, null);
        List<Object> finals = race(pool,
            () -> lexecon.oversight().confirm(two.escalationId(), T2, null),
            () -> lexecon.oversight().confirm(two.escalationId(), T3, null));
        assertThat(finals).filteredOn(r -> r instanceof Escalation).hasSize(1);
        assertThat(finals).filteredOn(r -> r instanceof IllegalStateException).hasSize(1);
      }
      pool.shutdown();
      assertThat(entries(lexecon, EventType.ESCALATION_RESOLVED)).hasSize(20);
    }
  }

  private static List<Object> race(ExecutorService pool, Callable<Object> a, Callable<Object> b)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<Object> c : List.of(a, b)) {
      futures.add(pool.submit(() -> {
        go.await();
        try {
          return c.call();
        } catch (RuntimeException e) {
          return e;
        }
      }));
    }
    go.countDown();
    List<Object> out = new ArrayList<>();
    for (Future<Object> f : futures) {
      out.add(f.get(30, TimeUnit.SECONDS));
    }
    return out;
  }
}

package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.ReplayResult;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.oversight.HaltScope;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.PermissionDeniedException;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.testing.MutableClock;
import dev.lexecon.token.SignatureAlgorithm;
import dev.lexecon.token.SigningKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stop switch: halt and resume (EU AI Act Art. 14(4)(e), MiFID II RTS 6 Art. 12)")
class HaltTest {
  private final MutableClock clock = clock();

  private static void assertRejected(Lexecon lexecon, Decision d, DecisionRequest request) {
    assertThat(lexecon.tokenVerifier().verify(d.token().value(), ExpectedCall.of(request)))
        .isInstanceOfSatisfying(TokenVerification.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(TokenRejection.REVOKED));
  }

  private static void assertAccepted(Lexecon lexecon, Decision d, DecisionRequest request) {
    assertThat(lexecon.tokenVerifier().verify(d.token().value(), ExpectedCall.of(request)))
        .isInstanceOf(TokenVerification.Accepted.class);
  }

  @Test
  @DisplayName("halting everything denies every decision with a reason naming the halt, and records it")
  void haltEverything() {
    try (Lexecon lexecon = lexecon(clock)) {
      Halt halt = lexecon.oversight().halt(HaltScope.everything(), ALICE, "agent misbehaves");
      assertThat(halt.haltId()).startsWith("hlt_");
      assertThat(halt.active()).isTrue();
      assertThat(halt.haltedBy()).isEqualTo(ALICE.id());
      Decision d = lexecon.decide(read());
      assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(d.allowed()).isFalse();
      assertThat(d.token()).isNull();
      assertThat(d.reasons().get(0).code()).isEqualTo(ReasonCode.HALTED);
      assertThat(d.reasons().get(0).ruleId()).isEqualTo(halt.haltId());
      assertThat(d.reasons().get(0).message()).contains(halt.haltId(), "everything",
          "agent misbehaves");
      assertThat(d.reasons()).extracting(r -> r.code()).contains(ReasonCode.PERMITTED);
      assertThat(d.obligations()).isEmpty();
      // A halted ESCALATED decision is DENIED and opens no escalation.
      assertThat(lexecon.decide(critical()).outcome()).isEqualTo(Outcome.DENIED);
      assertThat(entries(lexecon, EventType.ESCALATION_OPENED)).isEmpty();

      LedgerEntry recorded = entries(lexecon, EventType.HALT).get(0);
      assertThat(recorded.payload()).containsEntry("halt_id", halt.haltId())
          .containsEntry("scope", Map.of("kind", "all")).containsEntry("reason", "agent misbehaves")
          .containsEntry("roles", List.of("compliance_officer"));
      assertThat(committed(recorded.payload().get("by"))).isTrue();
      LedgerEntry decision = lexecon.ledger().entry(d.ledgerEntryId()).orElseThrow();
      assertThat(decision.payload()).containsEntry("outcome", "denied");
      ReplayResult replay = lexecon.replay(d.decisionId());
      assertThat(replay.status()).isEqualTo(ReplayResult.Status.REPRODUCED);
      assertThat(lexecon.ledger().verify().valid()).isTrue();
    }
  }

  @Test
  @DisplayName("a dry run previews the halt and records nothing")
  void dryRun() {
    try (Lexecon lexecon = lexecon(clock)) {
      Halt halt = lexecon.oversight().halt(HaltScope.everything(), ALICE, "stop");
      long size = lexecon.ledger().size();
      Decision preview = lexecon.evaluate(read());
      assertThat(preview.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(preview.reasons().get(0).ruleId()).isEqualTo(halt.haltId());
      assertThat(lexecon.ledger().size()).isEqualTo(size);
    }
  }

  @Test
  @DisplayName("a tool halt stops that tool only; an actor glob stops matching actors only")
  void scopedHalts() {
    try (Lexecon lexecon = lexecon(clock)) {
      lexecon.oversight().halt(HaltScope.tools("deploy"), ALICE, "bad release");
      assertThat(lexecon.decide(deploy()).outcome()).isEqualTo(Outcome.DENIED);
      assertThat(lexecon.decide(read()).outcome()).isEqualTo(Outcome.APPROVED);
      lexecon.oversight().halt(HaltScope.actors("agent:rogue-*"), ALICE, "rogue agents");
      DecisionRequest rogue = DecisionRequest.builder("agent:rogue-7", "read").build();
      DecisionRequest user = DecisionRequest.builder("user:ann", "read").build();
      assertThat(lexecon.decide(rogue).reasons().get(0).message()).contains("actors agent:rogue-*");
      assertThat(lexecon.decide(rogue).outcome()).isEqualTo(Outcome.DENIED);
      assertThat(lexecon.decide(user).outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(lexecon.oversight().activeHalts()).hasSize(2);
    }
  }

  @Test
  @DisplayName("a domain halt stops requests a plugin of that domain applies to")
  void domainHalt() {
    try (Lexecon lexecon = builder(clock).domain(financePlugin()).build()) {
      DecisionRequest pay = DecisionRequest.builder("agent:1", "pay").build();
      assertThat(lexecon.decide(pay).outcome()).isEqualTo(Outcome.ESCALATED);
      lexecon.oversight().halt(HaltScope.domain(GovernanceDomain.FINANCE), ROOT, "market turmoil");
      assertThat(lexecon.decide(pay).outcome()).isEqualTo(Outcome.DENIED);
      assertThat(lexecon.decide(read()).outcome()).isEqualTo(Outcome.APPROVED);
      lexecon.oversight().halt(HaltScope.domain(GovernanceDomain.HEALTHCARE), ROOT, "other");
      assertThat(lexecon.decide(read()).outcome()).isEqualTo(Outcome.APPROVED);
    }
  }

  @Test
  @DisplayName("outstanding tokens in scope are revoked through ledgered revocations; others stay valid")
  void revokesTokensInScope() {
    try (Lexecon lexecon = lexecon(clock)) {
      DecisionRequest byRogue = DecisionRequest.builder("agent:rogue-1", "read").build();
      DecisionRequest byUser = DecisionRequest.builder("user:ann", "read").build();
      Decision rogue = lexecon.decide(byRogue);
      Decision ann = lexecon.decide(byUser);
      Halt halt = lexecon.oversight().halt(HaltScope.actors("agent:*"), ALICE, "stop agents");
      assertRejected(lexecon, rogue, byRogue);
      assertAccepted(lexecon, ann, byUser);
      List<LedgerEntry> revoked = entries(lexecon, EventType.TOKEN_REVOKED);
      assertThat(revoked).singleElement().satisfies(e -> assertThat(e.payload())
          .containsEntry("id", rogue.decisionId())
          .containsEntry("reason", "halted by " + halt.haltId()));
      assertThat(revoked.get(0).seq()).isGreaterThan(entries(lexecon, EventType.HALT).get(0).seq());
    }
  }

  @Test
  @DisplayName("only the configured roles may resume; revoked tokens stay revoked; resuming twice is refused")
  void resume() {
    try (Lexecon lexecon = lexecon(clock)) {
      DecisionRequest request = read();
      Decision before = lexecon.decide(request);
      Halt halt = lexecon.oversight().halt(HaltScope.everything(), ALICE, "investigate");
      assertThatThrownBy(() -> lexecon.oversight().resume(halt.haltId(), ALICE, "done"))
          .isInstanceOfSatisfying(PermissionDeniedException.class,
              ex -> assertThat(ex.requirement()).isEqualTo("one of the roles admin"));
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).singleElement()
          .satisfies(e -> assertThat(e.payload()).containsEntry("operation", "resume"));
      assertThat(lexecon.decide(request).outcome()).isEqualTo(Outcome.DENIED);
      Halt lifted = lexecon.oversight().resume(halt.haltId(), ROOT, "root cause fixed");
      assertThat(lifted.active()).isFalse();
      assertThat(lifted.resumption().resumedBy()).isEqualTo(ROOT.id());
      assertThat(lifted.resumption().reason()).isEqualTo("root cause fixed");
      Decision after = lexecon.decide(request);
      assertThat(after.outcome()).isEqualTo(Outcome.APPROVED);
      assertAccepted(lexecon, after, request);
      assertRejected(lexecon, before, request);
      assertThat(lexecon.oversight().activeHalts()).isEmpty();
      assertThat(lexecon.oversight().halts()).containsExactly(lifted);
      assertThatThrownBy(() -> lexecon.oversight().resume(halt.haltId(), ROOT, "again"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already lifted");
      assertThatThrownBy(() -> lexecon.oversight().resume("hlt_none", ROOT, "x"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(entries(lexecon, EventType.RESUME)).hasSize(1);
    }
  }

  @Test
  @DisplayName("resume roles are configurable: the RTS 6 designated staff member")
  void configuredResumeRoles() {
    OversightConfig config = OversightConfig.builder()
        .resumeRoles(dev.lexecon.api.oversight.Role.of("kill_switch_officer")).build();
    try (Lexecon lexecon = builder(clock).oversight(config).build()) {
      Halt halt = lexecon.oversight().halt(HaltScope.everything(), ALICE, "stop");
      assertThatThrownBy(() -> lexecon.oversight().resume(halt.haltId(), ROOT, "go"))
          .isInstanceOf(PermissionDeniedException.class);
      var officer = dev.lexecon.api.oversight.Principal.of("kso@bank.example",
          dev.lexecon.api.oversight.Role.of("kill_switch_officer"));
      assertThat(lexecon.oversight().resume(halt.haltId(), officer, "go").active()).isFalse();
    }
  }

  @Test
  @DisplayName("halting needs APPROVE_REQUESTS; a viewer is refused and the refusal is ledgered")
  void haltPermission() {
    try (Lexecon lexecon = lexecon(clock)) {
      assertThatThrownBy(() -> lexecon.oversight().halt(HaltScope.everything(), VERA, "x"))
          .isInstanceOfSatisfying(PermissionDeniedException.class,
              ex -> assertThat(ex.permission()).isEqualTo(Permission.APPROVE_REQUESTS));
      assertThat(entries(lexecon, EventType.HALT)).isEmpty();
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).hasSize(1);
      assertThatThrownBy(() -> lexecon.oversight().halt(HaltScope.everything(), ALICE, "  "))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("no token for a human-approved decision while a halt covers it")
  void tokenForWhileHalted() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(critical());
      lexecon.oversight().resolve(lexecon.oversight().escalationsOf(d.decisionId()).get(0)
          .escalationId(), ALICE, Resolution.APPROVED, null);
      Halt halt = lexecon.oversight().halt(HaltScope.tools("read"), ALICE, "stop reads");
      assertThatThrownBy(() -> lexecon.tokenFor(d.decisionId()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining(halt.haltId());
      lexecon.oversight().resume(halt.haltId(), ROOT, "ok");
      assertThat(lexecon.tokenFor(d.decisionId())).isNotNull();
    }
  }

  @Test
  @DisplayName("a halt survives a restart, and revokes tokens the earlier engine issued")
  void survivesRestart() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
    DecisionRequest request = read();
    // Not closed: closing would close the shared storage the restarted engine reopens.
    Lexecon first = builder(clock).ledger(storage).tokenKey(key).build();
    Decision issued = first.decide(request);
    first.ledger().flush();
    Lexecon second = builder(clock).ledger(storage).tokenKey(key).build();
    assertAccepted(second, issued, request);
    Halt halt = second.oversight().halt(HaltScope.everything(), ALICE, "stop");
    // The second engine never saw the token issued; the halt still revokes it.
    assertRejected(second, issued, request);
    second.ledger().flush();
    try (Lexecon third = builder(clock).ledger(storage).tokenKey(key).build()) {
      assertThat(third.oversight().activeHalts()).containsExactly(halt);
      assertThat(third.decide(request).outcome()).isEqualTo(Outcome.DENIED);
      assertRejected(third, issued, request);
      third.oversight().resume(halt.haltId(), ROOT, "fixed");
      assertThat(third.decide(request).outcome()).isEqualTo(Outcome.APPROVED);
      assertRejected(third, issued, request);
    }
  }

  @Test
  @DisplayName("race: no decision in scope is APPROVED once halt() has returned, and every earlier token is revoked")
  void noApprovalAfterHalt() throws Exception {
    int threads = 8;
    try (Lexecon lexecon = lexecon(clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      AtomicBoolean halted = new AtomicBoolean();
      CountDownLatch warmedUp = new CountDownLatch(threads * 20);
      record Seen(Decision decision, DecisionRequest request, boolean startedAfterHalt) {}
      ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        futures.add(pool.submit(() -> {
          // Each caller keeps deciding until it has made 10 calls that started after halt()
          // returned, so the test never depends on how the threads are scheduled.
          for (int i = 0, after = 0; after < 10; i++) {
            DecisionRequest r = DecisionRequest.builder("agent:" + n, "read")
                .argument("i", i).build();
            boolean startedAfter = halted.get();
            seen.add(new Seen(lexecon.decide(r), r, startedAfter));
            warmedUp.countDown();
            after += startedAfter ? 1 : 0;
          }
        }));
      }
      assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
      Halt halt = lexecon.oversight().halt(HaltScope.actors("agent:*"), ALICE, "burst");
      halted.set(true);
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      long haltSeq = Long.parseLong(halt.ledgerEntryId().substring("entry_".length()));
      int approved = 0;
      int deniedAfter = 0;
      for (Seen s : seen) {
        Decision d = s.decision();
        long seq = Long.parseLong(d.ledgerEntryId().substring("entry_".length()));
        if (s.startedAfterHalt()) {
          assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
          deniedAfter++;
        }
        if (d.outcome() == Outcome.APPROVED) {
          approved++;
          assertThat(seq).isLessThan(haltSeq);
          assertRejected(lexecon, d, s.request());
        } else {
          assertThat(seq).isGreaterThan(haltSeq);
          assertThat(d.reasons().get(0).ruleId()).isEqualTo(halt.haltId());
        }
      }
      assertThat(approved).isGreaterThanOrEqualTo(threads * 20 - threads);
      assertThat(deniedAfter).isEqualTo(threads * 10);
      assertThat(entries(lexecon, EventType.TOKEN_REVOKED)).hasSize(approved);
    }
  }

  @Test
  @DisplayName("race: no token from tokenFor() verifies once halt() has returned; calls started after it are refused")
  void tokenForRacingHalt() throws Exception {
    int threads = 8;
    try (Lexecon lexecon = lexecon(clock)) {
      DecisionRequest request = critical();
      Decision d = lexecon.decide(request);
      lexecon.oversight().resolve(lexecon.oversight().escalationsOf(d.decisionId()).get(0)
          .escalationId(), ALICE, Resolution.APPROVED, "checked");
      AtomicBoolean halted = new AtomicBoolean();
      CountDownLatch warmedUp = new CountDownLatch(threads * 5);
      ConcurrentLinkedQueue<CapabilityToken> tokens = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Boolean> refusedAfter = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int after = 0; after < 5; ) {
            boolean startedAfter = halted.get();
            try {
              CapabilityToken token = lexecon.tokenFor(d.decisionId());
              assertThat(startedAfter).as("a token issued for a call started after halt()").isFalse();
              tokens.add(token);
            } catch (IllegalStateException refused) {
              // Refused by the halt itself, or by the revocation of the decision's tokens it made.
              assertThat(refused.getMessage()).containsAnyOf("is halted by", "were revoked");
              refusedAfter.add(startedAfter);
            }
            warmedUp.countDown();
            after += startedAfter ? 1 : 0;
          }
          return null;
        }));
      }
      assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
      Halt halt = lexecon.oversight().halt(HaltScope.everything(), ALICE, "stop the vault reads");
      halted.set(true);
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(tokens).hasSizeGreaterThanOrEqualTo(threads * 5 - threads);
      for (CapabilityToken token : tokens) {
        assertThat(lexecon.tokenVerifier().verify(token.value(), ExpectedCall.of(request)))
            .isInstanceOfSatisfying(TokenVerification.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(TokenRejection.REVOKED));
      }
      assertThat(refusedAfter).hasSizeGreaterThanOrEqualTo(threads * 5);
      assertThat(lexecon.oversight().activeHalts()).containsExactly(halt);
    }
  }

  @Test
  @DisplayName("race: designated staff resuming one halt at once lift it exactly once")
  void concurrentResumes() throws Exception {
    try (Lexecon lexecon = lexecon(clock)) {
      for (int round = 0; round < 5; round++) {
        Halt halt = lexecon.oversight().halt(HaltScope.tools("deploy"), ALICE, "round " + round);
        List<Object> results = race(8, i -> () -> lexecon.oversight().resume(halt.haltId(),
            dev.lexecon.api.oversight.Principal.of("admin" + i + "@bank.example",
                dev.lexecon.api.oversight.Role.ADMIN), "fixed by " + i));
        assertThat(results).filteredOn(r -> r instanceof Halt).hasSize(1);
        assertThat(results).filteredOn(r -> !(r instanceof Halt)).hasSize(7)
            .allSatisfy(r -> assertThat(r).isInstanceOf(IllegalStateException.class));
      }
      assertThat(entries(lexecon, EventType.RESUME)).hasSize(5);
      assertThat(lexecon.oversight().activeHalts()).isEmpty();
      assertThat(lexecon.decide(deploy()).outcome()).isEqualTo(Outcome.ESCALATED);
    }
  }
}

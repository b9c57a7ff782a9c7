package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.InvalidPolicyException;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.internal.UlidGenerator;
import dev.lexecon.token.SigningKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lexecon facade")
class LexeconTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00.123456Z"), ZoneOffset.UTC);

  /** Version n permits "read" iff n is even; its version is "v0" or "v1" accordingly. */
  static Policy policy(int n) {
    Policy.Builder b = Policy.builder("swap", "v" + (n % 2)).mode(PolicyMode.STRICT)
        .actor("actor:agent", "agent:*").action("action:read", null);
    return (n % 2 == 0 ? b.permits("actor:agent", "action:read") : b.forbids("actor:agent", "action:read")).build();
  }

  @Test
  @DisplayName("same policy, request, clock and id seed give identical decisions")
  void deterministic() {
    DecisionRequest request = DecisionRequest.builder("agent:1", "read").context("k", List.of(1, "a")).build();
    // Randomness enters only through the id generator and the token key: fix both.
    SigningKey key = SigningKey.hmacSha256("test-key", new byte[32]);
    Decision first = Lexecon.builder().policy(policy(0)).clock(CLOCK).tokenKey(key)
        .idGenerator(new UlidGenerator(CLOCK, new Random(42))).build().decide(request);
    Decision second = Lexecon.builder().policy(policy(0)).clock(CLOCK).tokenKey(key)
        .idGenerator(new UlidGenerator(CLOCK, new Random(42))).build().decide(request);
    assertThat(second).isEqualTo(first);
    assertThat(first.decisionId()).startsWith("dec_").hasSize(30);
    assertThat(first.requestId()).startsWith("req_");
    assertThat(first.evaluatedAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  @DisplayName("decisions name the policy id, version and hash they were made under")
  void namesPolicy() {
    Lexecon lexecon = Lexecon.builder().policy(policy(0)).build();
    Decision d = lexecon.decide(DecisionRequest.builder("agent:1", "read").requestId("r-7").build());
    assertThat(d.allowed()).isTrue();
    assertThat(d.requestId()).isEqualTo("r-7");
    assertThat(d.policyId()).isEqualTo("swap");
    assertThat(d.policyVersion()).isEqualTo("v0");
    assertThat(d.policyHash()).isEqualTo(lexecon.policyHash()).hasSize(64);
  }

  @Test
  @DisplayName("builder refuses double settings, missing policy and reuse")
  void builderValidation() {
    assertThatThrownBy(() -> Lexecon.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no policy set");
    assertThatThrownBy(() -> Lexecon.builder().mode(PolicyMode.STRICT).mode(PolicyMode.PARANOID))
        .hasMessage("mode was already set to STRICT");
    assertThatThrownBy(() -> Lexecon.builder().policy(policy(0)).policy(policy(1)))
        .hasMessage("policy was already set to 'swap'");
    Lexecon.Builder b = Lexecon.builder().policy(policy(0));
    b.build();
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Lexecon.builder().policyJson("{}"))
        .isInstanceOf(InvalidPolicyException.class);
  }

  @Test
  @DisplayName("an invalid swap throws and leaves the active policy in force")
  void invalidSwapKeepsPolicy() {
    Lexecon lexecon = Lexecon.builder().policy(policy(0)).build();
    String before = lexecon.policyHash();
    Policy bad = Policy.builder("swap", "bad").permits(null, "action:none").build();
    assertThatThrownBy(() -> lexecon.swapPolicy(bad)).isInstanceOf(InvalidPolicyException.class);
    assertThat(lexecon.policyHash()).isEqualTo(before);
  }

  @Test
  @DisplayName("concurrent decide() during repeated swaps never sees a torn policy")
  void concurrentSwaps() throws Exception {
    Lexecon lexecon = Lexecon.builder().policy(policy(0)).build();
    List<String> hashes = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      hashes.add(dev.lexecon.policy.PolicyEngine.compile(policy(n)).policyHash());
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(threads);
    List<Future<Integer>> deciders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      deciders.add(pool.submit(() -> {
        started.countDown();
        int checked = 0;
        DecisionRequest request = DecisionRequest.builder("agent:t", "read").build();
        while (!stop.get() || checked < 1000) {
          Decision d = lexecon.decide(request);
          int n = Integer.parseInt(d.policyVersion().substring(1));
          // Outcome, version and hash must all come from one snapshot.
          assertThat(d.policyHash()).isEqualTo(hashes.get(n % 2));
          assertThat(d.outcome()).isEqualTo(n % 2 == 0 ? Outcome.APPROVED : Outcome.DENIED);
          assertThat(d.reasons().get(0).ruleId()).isEqualTo("rel_0");
          checked++;
        }
        return checked;
      }));
    }
    started.await();
    Future<?> swapper = pool.submit(() -> {
      for (int i = 1; i <= 2000; i++) {
        lexecon.swapPolicy(policy(i % 2));
      }
    });
    swapper.get(60, TimeUnit.SECONDS);
    stop.set(true);
    long total = 0;
    for (Future<Integer> f : deciders) {
      total += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(total).isGreaterThanOrEqualTo(threads * 1000L);
  }
}

package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.LexeconException;
import dev.lexecon.api.RateLimitedException;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Per-actor rate limiting in decide()")
class RateLimitTest {
  private final MutableClock clock = clock();

  private static DecisionRequest by(String actor) {
    return DecisionRequest.builder(actor, "read").build();
  }

  @Test
  @DisplayName("off by default")
  void offByDefault() {
    try (Lexecon lexecon = lexecon(clock)) {
      for (int i = 0; i < 200; i++) {
        lexecon.decide(by("agent:1"));
      }
      assertThat(lexecon.oversight().rateLimitedCount()).isZero();
    }
  }

  @Test
  @DisplayName("a burst is admitted, the next call is refused with a retry-after, and nothing is ledgered for it")
  void burstThenRefused() {
    try (Lexecon lexecon = builder(clock).rateLimit(2, 3).build()) {
      for (int i = 0; i < 3; i++) {
        lexecon.decide(by("agent:1"));
      }
      long size = lexecon.ledger().size();
      assertThatThrownBy(() -> lexecon.decide(by("agent:1")))
          .isInstanceOfSatisfying(RateLimitedException.class, ex -> {
            assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(500));
            assertThat(ex).isInstanceOf(LexeconException.class);
            assertThat(ex.getMessage()).doesNotContain("agent:1");
            assertThat(ex.getStackTrace()).isEmpty();
          });
      assertThat(lexecon.ledger().size()).isEqualTo(size);
      assertThat(entries(lexecon, EventType.DECISION)).hasSize(3);
      assertThat(lexecon.oversight().rateLimitedCount()).isEqualTo(1);
      lexecon.decide(by("agent:2")); // another actor has its own bucket
      clock.advance(Duration.ofMillis(499));
      assertThatThrownBy(() -> lexecon.decide(by("agent:1")))
          .isInstanceOfSatisfying(RateLimitedException.class,
              ex -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(1)));
      clock.advance(Duration.ofMillis(1));
      lexecon.decide(by("agent:1"));
      assertThat(lexecon.oversight().rateLimitedCount()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("an idle actor's bucket refills to the burst, never beyond")
  void refill() {
    try (Lexecon lexecon = builder(clock).rateLimit(10, 2).build()) {
      lexecon.decide(by("agent:1"));
      lexecon.decide(by("agent:1"));
      clock.advance(Duration.ofHours(1));
      lexecon.decide(by("agent:1"));
      lexecon.decide(by("agent:1"));
      assertThatThrownBy(() -> lexecon.decide(by("agent:1")))
          .isInstanceOf(RateLimitedException.class);
    }
  }

  @Test
  @DisplayName("the builder checks rate and burst")
  void validation() {
    assertThatThrownBy(() -> Lexecon.builder().rateLimit(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Lexecon.builder().rateLimit(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Lexecon.builder().rateLimit(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("race: 16 threads calling for two actors at one instant get exactly each actor's burst, the rest refused")
  void concurrentCallers() throws Exception {
    try (Lexecon lexecon = builder(clock).rateLimit(1, 50).build()) {
      // The clock stands still, so no bucket refills: exactly the burst may pass per actor.
      List<Object> results = race(16, t -> () -> {
        String actor = "agent:" + (t % 2);
        int admitted = 0;
        for (int i = 0; i < 25; i++) {
          try {
            lexecon.decide(by(actor));
            admitted++;
          } catch (RateLimitedException refused) {
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
          }
        }
        return Map.entry(actor, admitted);
      });
      Map<Object, Integer> admittedPerActor = results.stream()
          .map(r -> (Map.Entry<?, ?>) r)
          .collect(Collectors.groupingBy(Map.Entry::getKey,
              Collectors.summingInt(e -> (Integer) e.getValue())));
      assertThat(admittedPerActor).containsOnly(Map.entry("agent:0", 50), Map.entry("agent:1", 50));
      assertThat(lexecon.oversight().rateLimitedCount()).isEqualTo(16 * 25 - 100);
      assertThat(entries(lexecon, EventType.DECISION)).hasSize(100);
    }
  }
}

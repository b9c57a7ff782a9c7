package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@DisplayName("Replay cache")
class ReplayCacheTest {
  @RepeatedTest(5)
  @DisplayName("many threads presenting one single-use token: exactly one is accepted, every other is REPLAYED")
  void exactlyOneWins() throws Exception {
    MutableClock clock = new MutableClock(TokenFixtures.NOW);
    KeyRing ring = KeyRing.of(TokenFixtures.hmac());
    CapabilityToken token = TokenFixtures.issuer(ring, clock).build()
        .issue(TokenFixtures.approved(), TokenFixtures.request(), null);
    TokenVerifier verifier = TokenVerifier.builder(ring).clock(clock).singleUse().build();
    int threads = 16;
    int attemptsPerThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger replayed = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < attemptsPerThread; i++) {
            TokenVerification v = verifier.verify(token.value(), TokenFixtures.call());
            if (v.accepted()) {
              accepted.incrementAndGet();
            } else if (((TokenVerification.Rejected) v).reason() == TokenRejection.REPLAYED) {
              replayed.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(accepted).hasValue(1);
    assertThat(replayed).hasValue(threads * attemptsPerThread - 1);
  }

  @Test
  @DisplayName("many threads racing on distinct ids: each id is first-used exactly once")
  void distinctIds() throws Exception {
    MutableClock clock = new MutableClock(TokenFixtures.NOW);
    ReplayCache cache = ReplayCache.inMemory(clock);
    Instant until = TokenFixtures.NOW.plusSeconds(60);
    int ids = 2_000;
    AtomicInteger firsts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < ids; i++) {
            if (cache.firstUse("tok_" + i, until)) {
              firsts.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(firsts).hasValue(ids);
  }

  @Test
  @DisplayName("an entry is remembered until its token can no longer verify, then forgotten")
  void boundedByLifetime() {
    MutableClock clock = new MutableClock(TokenFixtures.NOW);
    ReplayCache cache = ReplayCache.inMemory(clock);
    Instant until = TokenFixtures.NOW.plusSeconds(330);
    assertThat(cache.firstUse("tok_1", until)).isTrue();
    clock.set(until.minusNanos(1));
    assertThat(cache.firstUse("tok_1", until)).isFalse();
    clock.set(until);
    assertThat(cache.firstUse("tok_1", until)).isTrue(); // nothing left to protect: the token is expired
    assertThat(cache.firstUse("tok_2", until)).isTrue();
  }

  @Test
  @DisplayName("after the remembered window a replayed token is EXPIRED, never accepted")
  void expiredAfterWindow() {
    MutableClock clock = new MutableClock(TokenFixtures.NOW);
    KeyRing ring = KeyRing.of(TokenFixtures.ed25519());
    CapabilityToken token = TokenFixtures.issuer(ring, clock).build()
        .issue(TokenFixtures.approved(), TokenFixtures.request(), null);
    TokenVerifier verifier = TokenVerifier.builder(ring).clock(clock).singleUse().build();
    assertThat(verifier.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
    clock.advance(Duration.ofMinutes(6));
    TokenVerification v = verifier.verify(token.value(), TokenFixtures.call());
    assertThat(((TokenVerification.Rejected) v).reason()).isEqualTo(TokenRejection.EXPIRED);
  }
}

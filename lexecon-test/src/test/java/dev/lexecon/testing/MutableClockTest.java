package dev.lexecon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MutableClock")
class MutableClockTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

  @Test
  @DisplayName("stands still until set or advanced, forwards or backwards")
  void setAndAdvance() {
    MutableClock clock = MutableClock.startingAt(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);

    assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(T0.plusSeconds(90));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(90));
    clock.advance(Duration.ofMinutes(-5));
    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(210));
    clock.set(T0);
    assertThat(clock.instant()).isEqualTo(T0);
  }

  @Test
  @DisplayName("a clock derived with withZone shares the instant with its origin")
  void withZoneSharesInstant() {
    MutableClock utc = MutableClock.startingAt(T0);
    MutableClock paris = utc.withZone(ZoneId.of("Europe/Paris"));
    utc.advance(Duration.ofHours(1));
    assertThat(paris.instant()).isEqualTo(T0.plusSeconds(3600));
    paris.set(T0);
    assertThat(utc.instant()).isEqualTo(T0);
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(utc.withZone(ZoneOffset.UTC)).isSameAs(utc);
    assertThat(paris).isNotEqualTo(utc).isEqualTo(utc.withZone(ZoneId.of("Europe/Paris")));
    assertThat(MutableClock.startingAt(T0)).isNotEqualTo(MutableClock.startingAt(T0));
  }

  @Test
  @DisplayName("concurrent advances from many threads all take effect")
  void concurrentAdvances() throws InterruptedException {
    MutableClock clock = MutableClock.startingAt(T0);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 10_000; i++) {
          clock.advance(Duration.ofNanos(1000));
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(clock.instant()).isEqualTo(T0.plusMillis(80));
  }
}

package dev.lexecon.ledger;

import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.ledger.LedgerStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/** Shared fixtures: a ticking clock, counting ids and deterministic ledgers. */
final class LedgerTesting {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00.000000Z");

  private LedgerTesting() {}

  /** A clock that advances one millisecond per read, so timestamps differ but are reproducible. */
  static Clock tickingClock() {
    AtomicLong ticks = new AtomicLong();
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return T0.plusMillis(ticks.getAndIncrement());
      }
    };
  }

  static IdGenerator counting(String prefix) {
    AtomicLong n = new AtomicLong();
    return () -> prefix + n.incrementAndGet();
  }

  /** A ledger without time-based checkpoints (tests never depend on timing). */
  static LedgerEngine.Builder builder(LedgerStorage storage) {
    return LedgerEngine.builder(storage).checkpointInterval(Duration.ZERO);
  }
}

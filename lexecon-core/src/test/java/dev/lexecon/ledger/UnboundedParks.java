package dev.lexecon.ledger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lifts the writer's bound on a parked caller's sleep for a test class, so that a lost wake-up
 * hangs where the class's timeouts see it instead of being rescued by the safety net.
 */
final class UnboundedParks implements BeforeAllCallback, AfterAllCallback {
  private long saved;

  @Override
  public void beforeAll(ExtensionContext context) {
    saved = LedgerWriter.maxParkNanos;
    LedgerWriter.maxParkNanos = Long.MAX_VALUE;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    LedgerWriter.maxParkNanos = saved;
  }
}

package dev.lexecon.examples;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Reason;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.domain.Domains;
import dev.lexecon.domain.finance.FinancePlugin;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trading desk's algorithms and portfolio manager, governed by the finance plugin: orders within
 * the limits go through, an order above USD 10,000,000 is rejected, an order after the 16:00
 * closing bell is rejected, cancelling is always possible, and a rebalance waits for a human.
 *
 * <p>The engine's clock is a desk clock the demo sets, so the trading-hours rule gives the same
 * answer whenever the demo runs. Run it with
 * {@code ./mvnw -q -B -Pdemo -pl lexecon-examples -am verify -Ddemo.mainClass=dev.lexecon.examples.FinanceDeskDemo}.
 *
 * <p>A program, not an API: run one at a time; nothing here is thread-safe or stable.
 *
 * @since 0.1
 */
public final class FinanceDeskDemo {
  private FinanceDeskDemo() {}

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z");

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    FinancePlugin finance = new FinancePlugin(); // NYSE hours 09:00-16:00 New York, USD 10M limit
    PolicyTemplate template = Domains.template(List.of(finance), "position_limits").orElseThrow();
    DeskClock clock = new DeskClock(at(2026, 3, 3, 10, 0));
    try (Lexecon desk = Lexecon.builder()
        .policy(template.policy())
        .domain(finance)
        .clock(clock)
        .build()) {
      out.println("Lexecon demo: a trading desk under the finance plugin");
      out.println("policy " + desk.policy().policyId() + " (the finance plugin's '" + template.name()
          + "' template): " + template.description());
      out.println("finance plugin rules: orders above USD 10,000,000 are rejected; orders outside"
          + " 09:00-16:00 New York time are rejected; every rebalance needs a human's approval.");
      out.println("The desk clock is set by the demo, so the trading-hours rule answers the same on every run.");
      out.println("Reasons are listed in the order the rules applied: a policy permit, then any domain"
          + " rule that overrides it.");

      step(out, desk, clock, at(2026, 3, 3, 10, 0),
          "buy 1,000 ACME at 101.25 (USD 101,250), position 6,000 of a 20,000 limit",
          order("trading_algorithm:momentum-1", "ACME", "buy", 1_000, "101.25", 6_000, 20_000));
      step(out, desk, clock, at(2026, 3, 3, 10, 5),
          "sell 40,000 GLOBEX at 250.00: exactly USD 10,000,000, the largest order allowed",
          order("trading_algorithm:momentum-1", "GLOBEX", "sell", 40_000, "250.00", 0, 100_000));
      step(out, desk, clock, at(2026, 3, 3, 10, 10),
          "buy 50,000 INITECH at 250.00: USD 12,500,000, above the order limit",
          order("trading_algorithm:momentum-1", "INITECH", "buy", 50_000, "250.00", 50_000, 100_000));
      step(out, desk, clock, at(2026, 3, 3, 10, 15),
          "buy 30,000 ACME at 101.25: the position would be 36,000 of a 20,000 limit",
          order("trading_algorithm:momentum-1", "ACME", "buy", 30_000, "101.25", 36_000, 20_000));
      step(out, desk, clock, at(2026, 3, 3, 16, 30),
          "after the closing bell: buy 1,000 ACME at 101.25 again",
          order("trading_algorithm:momentum-1", "ACME", "buy", 1_000, "101.25", 7_000, 20_000));
      step(out, desk, clock, at(2026, 3, 3, 16, 31),
          "after the closing bell: cancel a resting order (stopping an algorithm is always allowed)",
          DecisionRequest.builder("trading_algorithm:momentum-1", FinancePlugin.CANCEL_ORDER)
              .argument("order_id", "ORD-1042").build());
      step(out, desk, clock, at(2026, 3, 4, 9, 30),
          "the portfolio manager rebalances the growth portfolio to 60/40",
          DecisionRequest.builder("portfolio_manager:alice", FinancePlugin.REBALANCE_PORTFOLIO)
              .arguments(Map.of("portfolio", "growth", "target", "60/40")).build());

      out.println();
      out.println("In short: orders within the limits ran; the order above USD 10,000,000, the order"
          + " past the position limit and the order after the close were rejected, each naming its"
          + " rule; the rebalance waits for a person to approve it.");
      out.println("ledger: " + desk.ledger().report().countsByEventType() + "; " + desk.ledger().verify());
    }
  }

  /** An algorithm's limit order, with the position figures the position_limits template checks. */
  static DecisionRequest order(String actor, String symbol, String side, long quantity, String price,
      long positionAfter, long positionLimit) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("symbol", symbol);
    args.put("side", side);
    args.put("quantity", quantity);
    args.put("price", new java.math.BigDecimal(price));
    args.put("order_type", "limit");
    args.put("currency", "USD");
    return DecisionRequest.builder(actor, FinancePlugin.PLACE_ORDER)
        .arguments(args)
        .context(Map.of("position_after_order", positionAfter, "position_limit", positionLimit))
        .build();
  }

  private static void step(PrintStream out, Lexecon desk, DeskClock clock, Instant now, String story,
      DecisionRequest request) {
    clock.set(now);
    Decision d = desk.decide(request);
    out.println();
    out.println(TIME.format(ZonedDateTime.ofInstant(now, NEW_YORK)) + "  " + request.actor() + " -> "
        + request.action());
    out.printf("%-11s %s%n", d.outcome(), story);
    for (Reason reason : d.reasons()) {
      out.println("            because " + reason.message()
          + (reason.ruleId() == null ? "" : "  [" + reason.ruleId() + "]"));
    }
    if (!d.obligations().isEmpty()) {
      out.println("            waiting for: " + d.obligations());
    }
    out.println("            risk " + d.risk().level() + " (" + d.risk().overall() + "/100), recorded as "
        + d.ledgerEntryId());
  }

  private static Instant at(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK).toInstant();
  }

  /** The desk's clock: the demo moves it; the engine reads it once per decision. */
  static final class DeskClock extends Clock {
    private volatile Instant now;

    DeskClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      this.now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the desk clock is UTC");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

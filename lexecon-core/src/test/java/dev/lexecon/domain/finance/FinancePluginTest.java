package dev.lexecon.domain.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.policy.Policy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Finance plugin")
class FinancePluginTest {
  /** Friday 2026-11-27, 10:30 in New York (EST, UTC-5): inside the session. */
  static final Instant FRIDAY_MORNING = Instant.parse("2026-11-27T15:30:00Z");
  static final String ALGO = "trading_algorithm:momentum_7";

  /** Permits every finance action, so only the plugin's rules can restrict. */
  static Policy openPolicy() {
    return Policy.builder("open_desk", "1").mode(PolicyMode.STRICT)
        .actor("actor:algo", "trading_algorithm:*")
        .action("action:place_order", "place_order")
        .action("action:cancel_order", "cancel_order")
        .action("action:rebalance_portfolio", "rebalance_portfolio")
        .permits("actor:algo", "action:place_order")
        .permits("actor:algo", "action:cancel_order")
        .permits("actor:algo", "action:rebalance_portfolio")
        .build();
  }

  static Lexecon engine(Instant at, FinancePlugin plugin) {
    return Lexecon.builder().policy(openPolicy()).clock(Clock.fixed(at, ZoneOffset.UTC))
        .domain(plugin).build();
  }

  static Decision decide(Instant at, DecisionRequest request) {
    return engine(at, new FinancePlugin()).decide(request);
  }

  static DecisionRequest order(Object orderValue) {
    return DecisionRequest.builder(ALGO, "place_order").resource("security:AAPL")
        .argument("order_value", orderValue).build();
  }

  static List<String> domainRules(Decision d) {
    return d.reasons().stream().filter(r -> r.code() == ReasonCode.DOMAIN_RULE)
        .map(Reason::ruleId).toList();
  }

  @Nested
  @DisplayName("order value limit")
  class OrderValueLimit {
    static Stream<Arguments> values() {
      return Stream.of(
          Arguments.of("one cent below the limit", new BigDecimal("9999999.99"), Outcome.APPROVED),
          Arguments.of("exactly the limit, as a long", 10_000_000L, Outcome.APPROVED),
          Arguments.of("exactly the limit, as an int", 10_000_000, Outcome.APPROVED),
          Arguments.of("exactly the limit, with trailing zeros", new BigDecimal("10000000.00"), Outcome.APPROVED),
          Arguments.of("exactly the limit, as a double", 1.0e7, Outcome.APPROVED),
          Arguments.of("one cent above the limit", new BigDecimal("10000000.01"), Outcome.DENIED),
          Arguments.of("the next double above the limit", Math.nextUp(1.0e7), Outcome.DENIED),
          Arguments.of("one dollar above the limit", 10_000_001L, Outcome.DENIED),
          Arguments.of("a huge integer", new java.math.BigInteger("99999999999999999999999"), Outcome.DENIED));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("values")
    @DisplayName("orders above USD 10,000,000 are denied; exactly 10,000,000 is allowed")
    void boundary(String label, Object value, Outcome expected) {
      Decision d = decide(FRIDAY_MORNING, order(value));
      assertThat(d.outcome()).isEqualTo(expected);
      if (expected == Outcome.DENIED) {
        assertThat(domainRules(d)).containsExactly(FinancePlugin.RULE_ORDER_VALUE_LIMIT);
        assertThat(d.reasons().get(d.reasons().size() - 1).message())
            .contains("exceeds the limit of USD 10,000,000 per order")
            .contains("exactly the limit is allowed");
      } else {
        assertThat(domainRules(d)).isEmpty();
      }
    }

    @ParameterizedTest(name = "{0} x {1} -> {2}")
    @CsvSource({
      "100000, 100, APPROVED",     // exactly 10,000,000
      "100000, 100.00001, DENIED", // 10,000,001
      "99999, 100, APPROVED",
      "1, 10000000, APPROVED",
      "1, 10000000.01, DENIED"
    })
    @DisplayName("without a stated value, quantity x limit price is checked")
    void quantityTimesPrice(BigDecimal quantity, BigDecimal price, Outcome expected) {
      DecisionRequest r = DecisionRequest.builder(ALGO, "place_order")
          .argument("quantity", quantity).argument("price", price).build();
      assertThat(decide(FRIDAY_MORNING, r).outcome()).isEqualTo(expected);
    }

    @Test
    @DisplayName("an understated order_value cannot hide a larger quantity x price")
    void understated() {
      DecisionRequest r = DecisionRequest.builder(ALGO, "place_order").argument("order_value", 1)
          .argument("quantity", 200_000).argument("price", 100).build();
      Decision d = decide(FRIDAY_MORNING, r);
      assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(d.reasons().get(d.reasons().size() - 1).message()).contains("USD 20,000,000");
    }

    @Test
    @DisplayName("a market order is valued at the application's reference price")
    void referencePrice() {
      DecisionRequest r = DecisionRequest.builder(ALGO, "place_order").argument("quantity", 100_001)
          .context("reference_price", 100).build();
      assertThat(decide(FRIDAY_MORNING, r).outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    @DisplayName("the limit is configurable and keeps its inclusive boundary")
    void configurable() {
      FinancePlugin plugin = FinancePlugin.builder().maxOrderValueUsd(new BigDecimal("5000")).build();
      assertThat(engine(FRIDAY_MORNING, plugin).decide(order(5000)).outcome()).isEqualTo(Outcome.APPROVED);
      Decision d = engine(FRIDAY_MORNING, plugin).decide(order(new BigDecimal("5000.5")));
      assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(d.reasons().get(d.reasons().size() - 1).message()).contains("USD 5,000.5 exceeds the limit of USD 5,000");
      assertThatThrownBy(() -> FinancePlugin.builder().maxOrderValueUsd(BigDecimal.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("trading hours")
  class TradingHours {
    @ParameterizedTest(name = "{0} New York time on a Friday in winter: {1}")
    @CsvSource({
      "00:00:00, DENIED",
      "08:59:59, DENIED",
      "08:59:59.999999999, DENIED",
      "09:00:00, APPROVED",
      "09:00:01, APPROVED",
      "12:00:00, APPROVED",
      "15:59:59, APPROVED",
      "15:59:59.999999999, APPROVED",
      "16:00:00, DENIED",
      "16:00:01, DENIED",
      "23:59:59, DENIED"
    })
    @DisplayName("the session is [09:00, 16:00) exchange time")
    void session(LocalTime local, Outcome expected) {
      Instant at = LocalDate.of(2026, 11, 27).atTime(local).atZone(ZoneId.of("America/New_York")).toInstant();
      Decision d = decide(at, order(1000));
      assertThat(d.outcome()).isEqualTo(expected);
      if (expected == Outcome.DENIED) {
        assertThat(domainRules(d)).containsExactly(FinancePlugin.RULE_TRADING_HOURS);
        assertThat(d.reasons().get(d.reasons().size() - 1).message())
            .contains("America/New_York").contains("[09:00, 16:00)");
      }
    }

    @ParameterizedTest(name = "{0} UTC in July is {1}")
    @CsvSource({
      "2026-07-15T12:59:59Z, DENIED",   // 08:59:59 EDT
      "2026-07-15T13:00:00Z, APPROVED", // 09:00:00 EDT
      "2026-07-15T19:59:59Z, APPROVED", // 15:59:59 EDT
      "2026-07-15T20:00:00Z, DENIED"    // 16:00:00 EDT
    })
    @DisplayName("exchange time follows daylight saving time")
    void daylightSaving(Instant at, Outcome expected) {
      assertThat(decide(at, order(1000)).outcome()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
      "2026-11-28T15:30:00Z, Saturday",
      "2026-11-29T15:30:00Z, Sunday"
    })
    @DisplayName("weekends have no session by default")
    void weekends(Instant at, String day) {
      Decision d = decide(at, order(1000));
      assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(domainRules(d)).containsExactly(FinancePlugin.RULE_TRADING_DAY);
      assertThat(d.reasons().get(d.reasons().size() - 1).message()).contains(day);
    }

    @Test
    @DisplayName("holidays come from the trading calendar")
    void holidays() {
      LocalDate thanksgiving = LocalDate.of(2026, 11, 26);
      FinancePlugin plugin = FinancePlugin.builder()
          .calendar(TradingCalendar.weekdaysExcept(List.of(thanksgiving))).build();
      Instant thursday = Instant.parse("2026-11-26T15:30:00Z");
      assertThat(engine(thursday, plugin).decide(order(1000)).outcome()).isEqualTo(Outcome.DENIED);
      assertThat(engine(FRIDAY_MORNING, plugin).decide(order(1000)).outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(engine(thursday, new FinancePlugin()).decide(order(1000)).outcome())
          .isEqualTo(Outcome.APPROVED);
    }

    @ParameterizedTest(name = "{0} UTC in London: {1}")
    @CsvSource({
      "2026-11-27T07:59:59Z, DENIED",
      "2026-11-27T08:00:00Z, APPROVED",
      "2026-11-27T16:29:59Z, APPROVED",
      "2026-11-27T16:30:00Z, DENIED"
    })
    @DisplayName("the time zone and session are configurable")
    void otherExchange(Instant at, Outcome expected) {
      FinancePlugin lse = FinancePlugin.builder().exchangeZone(ZoneId.of("Europe/London"))
          .session(LocalTime.of(8, 0), LocalTime.of(16, 30)).build();
      assertThat(engine(at, lse).decide(order(1000)).outcome()).isEqualTo(expected);
    }

    @Test
    @DisplayName("a session must open before it closes")
    void sessionValidation() {
      assertThatThrownBy(() -> FinancePlugin.builder().session(LocalTime.of(16, 0), LocalTime.of(9, 0)))
          .hasMessageContaining("must open before it closes");
      assertThatThrownBy(() -> FinancePlugin.builder().session(LocalTime.NOON, LocalTime.NOON))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("cancelling is allowed at any hour, even on a Sunday night")
    void cancelAnyTime() {
      Decision d = decide(Instant.parse("2026-11-30T03:00:00Z"),
          DecisionRequest.builder(ALGO, "cancel_order").argument("order_id", "o-1").build());
      assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(domainRules(d)).isEmpty();
    }

    @Test
    @DisplayName("an order both out of hours and over the limit lists both rules")
    void bothRules() {
      Decision d = decide(Instant.parse("2026-11-28T15:30:00Z"), order(20_000_000));
      assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(domainRules(d)).containsExactly(
          FinancePlugin.RULE_TRADING_DAY, FinancePlugin.RULE_ORDER_VALUE_LIMIT);
      assertThat(d.obligations()).isEmpty();
    }
  }

  @Test
  @DisplayName("rebalancing a portfolio is escalated for human approval")
  void rebalance() {
    Decision d = decide(FRIDAY_MORNING, DecisionRequest.builder(ALGO, "rebalance_portfolio")
        .resource("account:growth_fund").build());
    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATED);
    assertThat(d.allowed()).isFalse();
    assertThat(d.obligations()).containsExactly("human_approval");
    assertThat(domainRules(d)).containsExactly(FinancePlugin.RULE_REBALANCE_APPROVAL);
  }

  @Test
  @DisplayName("an agent cannot approve its own rebalance through the context")
  void rebalanceSelfApproval() {
    Decision d = decide(FRIDAY_MORNING, DecisionRequest.builder(ALGO, "rebalance_portfolio")
        .context("human_approval", true).build());
    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATED);
  }

  @Nested
  @DisplayName("malformed orders")
  class Malformed {
    static Stream<Arguments> cases() {
      return Stream.of(
          Arguments.of("quantity as text", Map.of("quantity", "100", "price", 10), "args.quantity", "must be a JSON number, was a string"),
          Arguments.of("zero quantity", Map.of("quantity", 0, "price", 10), "args.quantity", "must be positive, was 0"),
          Arguments.of("negative price", Map.of("quantity", 1, "price", new BigDecimal("-0.01")), "args.price", "must be positive, was -0.01"),
          Arguments.of("boolean order value", Map.of("order_value", true), "args.order_value", "must be a JSON number, was Boolean"),
          Arguments.of("euro order", Map.of("order_value", 10, "currency", "EUR"), "args.currency", "must be USD"),
          Arguments.of("no value at all", Map.of("quantity", 10), "args", "place_order needs args.order_value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("are invalid requests, not denials")
    void invalid(String label, Map<String, Object> args, String field, String message) {
      DecisionRequest r = DecisionRequest.builder(ALGO, "place_order").arguments(args).build();
      assertThatThrownBy(() -> decide(FRIDAY_MORNING, r))
          .isInstanceOfSatisfying(InvalidRequestException.class, e ->
              assertThat(e.violations()).extracting(FieldViolation::field, FieldViolation::message)
                  .anySatisfy(t -> {
                    assertThat(t.toList().get(0)).isEqualTo(field);
                    assertThat((String) t.toList().get(1)).contains(message);
                  }));
    }

    @Test
    @DisplayName("every violation is reported at once")
    void allAtOnce() {
      DecisionRequest r = DecisionRequest.builder(ALGO, "place_order").argument("quantity", "x")
          .argument("price", -1).argument("currency", "GBP").build();
      assertThatThrownBy(() -> decide(FRIDAY_MORNING, r))
          .isInstanceOfSatisfying(InvalidRequestException.class, e ->
              assertThat(e.violations()).extracting(FieldViolation::field)
                  .containsExactly("args.quantity", "args.price", "args.currency"));
    }

    @Test
    @DisplayName("usd in lower case and a null currency are accepted")
    void currencyForms() {
      DecisionRequest lower = DecisionRequest.builder(ALGO, "place_order")
          .argument("order_value", 10).argument("currency", "usd").build();
      DecisionRequest nul = DecisionRequest.builder(ALGO, "place_order")
          .argument("order_value", 10).argument("currency", null).build();
      assertThat(decide(FRIDAY_MORNING, lower).outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(decide(FRIDAY_MORNING, nul).outcome()).isEqualTo(Outcome.APPROVED);
    }
  }

  @Nested
  @DisplayName("facts published to policies")
  class Facts {
    @Test
    @DisplayName("policies can test the order value and market state as finance.*")
    void policyReadsFacts() {
      Policy p = Policy.builder("facts", "1").mode(PolicyMode.STRICT)
          .actor("actor:algo", "trading_algorithm:*").action("action:place_order", "place_order")
          .permits("actor:algo", "action:place_order",
              "finance.order_value_usd <= 5000000", "finance.market_open")
          .build();
      Lexecon lexecon = Lexecon.builder().policy(p).clock(Clock.fixed(FRIDAY_MORNING, ZoneOffset.UTC))
          .domain(new FinancePlugin()).build();
      assertThat(lexecon.decide(order(5_000_000)).outcome()).isEqualTo(Outcome.APPROVED);
      Decision d = lexecon.decide(order(5_000_001));
      assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.DEFAULT_DENY);
    }

    @Test
    @DisplayName("facts an agent forges under context.finance are replaced")
    void forged() {
      Policy p = Policy.builder("facts", "1").mode(PolicyMode.STRICT)
          .actor("actor:algo", "trading_algorithm:*").action("action:cancel_order", "cancel_order")
          .permits("actor:algo", "action:cancel_order", "finance.market_open")
          .build();
      Lexecon lexecon = Lexecon.builder().policy(p)
          .clock(Clock.fixed(Instant.parse("2026-11-28T15:30:00Z"), ZoneOffset.UTC))
          .domain(new FinancePlugin()).build();
      DecisionRequest forged = DecisionRequest.builder(ALGO, "cancel_order")
          .context("finance", Map.of("market_open", true)).build();
      assertThat(lexecon.decide(forged).outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    @DisplayName("the facts are exact and use exchange time")
    void enrichValues() {
      FinancePlugin plugin = new FinancePlugin();
      Map<String, Object> facts = plugin.enrich(
          DecisionRequest.builder(ALGO, "place_order").argument("quantity", 3)
              .argument("price", new BigDecimal("0.1")).build(),
          Instant.parse("2026-11-27T14:00:00Z"));
      assertThat(facts).containsEntry("exchange_date", "2026-11-27")
          .containsEntry("exchange_time", "09:00:00")
          .containsEntry("exchange_zone", "America/New_York")
          .containsEntry("market_open", true)
          .containsEntry("order_value_usd", new BigDecimal("0.3"));
    }

    @ParameterizedTest(name = "{0} at caller risk level {1} is assessed at level {2}")
    @CsvSource({
      "place_order, 1, 3",
      "place_order, 5, 5",
      "rebalance_portfolio, 2, 4",
      "cancel_order, 1, 1"
    })
    @DisplayName("the request's risk level is raised to the action type's, never lowered")
    void riskLevelFloor(String action, int claimed, int seen) {
      Policy p = Policy.builder("levels", "1").mode(PolicyMode.PERMISSIVE)
          .constraint("level_note", "risk_level == " + seen, "note_level")
          .build();
      Lexecon lexecon = Lexecon.builder().policy(p).clock(Clock.fixed(FRIDAY_MORNING, ZoneOffset.UTC))
          .domain(new FinancePlugin()).build();
      Decision d = lexecon.evaluate(DecisionRequest.builder(ALGO, action).riskLevel(claimed)
          .argument("order_value", 10).build());
      assertThat(d.advisories()).singleElement().asString().contains("level_note");
    }
  }

  @Test
  @DisplayName("domain rules hold in PERMISSIVE mode too")
  void permissive() {
    Lexecon lexecon = Lexecon.builder().policy(Policy.builder("empty", "1").build())
        .mode(PolicyMode.PERMISSIVE).clock(Clock.fixed(FRIDAY_MORNING, ZoneOffset.UTC))
        .domain(new FinancePlugin()).build();
    assertThat(lexecon.decide(order(10)).outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(lexecon.decide(order(10_000_000.01)).outcome()).isEqualTo(Outcome.DENIED);
  }

  @Test
  @DisplayName("risk factors grow with the order value and rebalancing")
  void riskFactors() {
    FinancePlugin plugin = new FinancePlugin();
    assertThat(plugin.riskFactors(order(999_999))).hasSize(1);
    assertThat(plugin.riskFactors(order(1_000_000))).hasSize(2)
        .allSatisfy(f -> assertThat(f.source()).isEqualTo("domain:finance"));
    assertThat(plugin.riskFactors(DecisionRequest.builder(ALGO, "rebalance_portfolio").build())).hasSize(2);
    assertThat(plugin.riskFactors(DecisionRequest.builder(ALGO, "cancel_order").build())).isEmpty();
  }
}

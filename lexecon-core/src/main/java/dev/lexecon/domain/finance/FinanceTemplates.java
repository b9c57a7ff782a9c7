package dev.lexecon.domain.finance;

import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.domain.ComplianceMapping;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.api.policy.Constraint;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The finance plugin's policy templates and compliance mappings, as data. The templates leave the
 * plugin's own rules (order value limit, trading hours, rebalance approval) to the plugin, so each
 * rule lives in one place and explains itself once.
 */
final class FinanceTemplates {
  private FinanceTemplates() {}

  static final String PREVENT_FLASH_CRASH = "prevent_flash_crash";
  static final String POSITION_LIMITS = "position_limits";

  static List<PolicyTemplate> all() {
    return List.of(preventFlashCrash(), positionLimits());
  }

  /** Pre-trade controls against runaway and market-moving algorithmic orders. */
  static PolicyTemplate preventFlashCrash() {
    Policy policy = Policy.builder("finance.prevent_flash_crash", "1")
        .mode(PolicyMode.STRICT)
        .extension("domain", FinancePlugin.NAME)
        .extension("compliance_frameworks", List.of("MiFID II", "Dodd-Frank"))
        .description("Pre-trade controls for trading algorithms: limit orders only, a price collar"
            + " around the reference price, no orders during a circuit breaker, runaway-rate"
            + " blocking and trader review of market-moving sizes. Use with the finance plugin.")
        .actor("actor:trading_algorithm", "trading_algorithm:*")
        .action("action:place_order", "place_order")
        .action("action:cancel_order", "cancel_order")
        .list("limit_order_types", List.of("limit", "stop_limit"))
        .relation(rel("algo_places_limit_orders", RelationType.PERMITS, "actor:trading_algorithm",
            "action:place_order", List.of("args.order_type in limit_order_types"),
            "Trading algorithms may place limit orders; a market order can sweep a thin order book."))
        .relation(rel("algo_cancels_orders", RelationType.PERMITS, "actor:trading_algorithm",
            "action:cancel_order", List.of(),
            "Cancelling is always allowed: it is how an algorithm is stopped."))
        .relation(rel("circuit_breaker", RelationType.FORBIDS, null, "action:place_order",
            List.of("context.circuit_breaker_active"),
            "No new orders while a market-wide or single-stock circuit breaker is active."))
        // Every actor, not only algorithms: a collar protects the market from any fat finger (and
        // a forbid on exactly the permit's terms would read as a contradiction to the validator).
        .relation(rel("price_collar", RelationType.FORBIDS, null, "action:place_order",
            List.of("args.price > context.price_band_upper || args.price < context.price_band_lower"),
            "The limit price is outside the price collar around the reference price, or the"
                + " collar is unknown (the check fails closed)."))
        .build();
    return new PolicyTemplate(PREVENT_FLASH_CRASH,
        "Limit orders only, price collar, circuit breaker halt, runaway-rate block (more than 20"
            + " orders in a second), trader review at 100,000 units or more.",
        List.of("price_band_lower", "price_band_upper"),
        withConstraints(policy,
            new Constraint("runaway_order_rate", "context.orders_last_second > 20",
                "block_runaway_algorithm",
                "More than 20 orders in the last second looks like a runaway algorithm."),
            new Constraint("market_moving_size", "args.quantity >= 100000",
                "require_trader_review",
                "Orders of 100,000 units or more can move the market; a trader reviews them.")));
  }

  /** Position and concentration limits for algorithms and portfolio managers. */
  static PolicyTemplate positionLimits() {
    Policy policy = Policy.builder("finance.position_limits", "1")
        .mode(PolicyMode.STRICT)
        .extension("domain", FinancePlugin.NAME)
        .extension("compliance_frameworks", List.of("MiFID II", "Dodd-Frank", "Basel III"))
        .description("Position limits per security and concentration limits per portfolio."
            + " Algorithms trade and cancel, portfolio managers rebalance (which the finance"
            + " plugin escalates for human approval).")
        .actor("actor:trading_algorithm", "trading_algorithm:*")
        .actor("actor:portfolio_manager", "portfolio_manager:*")
        .action("action:place_order", "place_order")
        .action("action:cancel_order", "cancel_order")
        .action("action:rebalance_portfolio", "rebalance_portfolio")
        .relation(rel("algo_places_orders", RelationType.PERMITS, "actor:trading_algorithm",
            "action:place_order", List.of(), "Trading algorithms may place orders within limits."))
        .relation(rel("algo_cancels_orders", RelationType.PERMITS, "actor:trading_algorithm",
            "action:cancel_order", List.of(), "Cancelling is always allowed."))
        .relation(rel("pm_rebalances", RelationType.PERMITS, "actor:portfolio_manager",
            "action:rebalance_portfolio", List.of(),
            "Portfolio managers may rebalance the portfolios they manage."))
        .relation(rel("position_limit", RelationType.FORBIDS, null, "action:place_order",
            List.of("context.position_after_order > context.position_limit"),
            "The absolute position after this order would exceed its limit, or the position or"
                + " the limit is unknown (the check fails closed)."))
        .build();
    return new PolicyTemplate(POSITION_LIMITS,
        "Per-security position limit (fails closed without the position figures) and risk review"
            + " of any position above 10% of the portfolio.",
        List.of("position_after_order", "position_limit"),
        withConstraints(policy,
            new Constraint("concentration_review", "context.position_pct_of_portfolio > 10",
                "require_risk_review",
                "A single position above 10% of the portfolio needs a risk officer's review.")));
  }

  static final List<ComplianceMapping> COMPLIANCE = List.of(
      new ComplianceMapping("MiFID II", "Art. 17(1)",
          "Algorithmic trading: effective systems and risk controls, trading thresholds and limits,"
              + " prevention of erroneous orders",
          List.of(FinancePlugin.RULE_ORDER_VALUE_LIMIT, PREVENT_FLASH_CRASH, POSITION_LIMITS)),
      new ComplianceMapping("MiFID II", "RTS 6 (Delegated Regulation (EU) 2017/589) Art. 15",
          "Pre-trade controls: price collars, maximum order value, maximum order volume",
          List.of(FinancePlugin.RULE_ORDER_VALUE_LIMIT, PREVENT_FLASH_CRASH)),
      new ComplianceMapping("MiFID II", "RTS 6 (Delegated Regulation (EU) 2017/589) Art. 12",
          "Kill functionality: cancel unexecuted orders immediately",
          List.of(PREVENT_FLASH_CRASH)),
      new ComplianceMapping("SEC Rule 613", "Rule 613(c)",
          "Consolidated audit trail: record each reportable order event",
          List.of("lexecon:ledger")),
      new ComplianceMapping("Dodd-Frank", "Sec. 747 (CEA Sec. 4c(a)(5))",
          "Disruptive trading practices: disorderly trading, spoofing",
          List.of(PREVENT_FLASH_CRASH, FinancePlugin.RULE_TRADING_HOURS)),
      new ComplianceMapping("Dodd-Frank", "Sec. 619 (Volcker Rule)",
          "Limits on proprietary trading by banking entities",
          List.of(POSITION_LIMITS)),
      new ComplianceMapping("Basel III", "Large exposures framework (LEX)",
          "Limit concentration of exposure to a single counterparty",
          List.of(POSITION_LIMITS)),
      new ComplianceMapping("Basel III", "Market risk framework (MAR)",
          "Trading desk limits and capital for trading book positions",
          List.of(POSITION_LIMITS, FinancePlugin.RULE_ORDER_VALUE_LIMIT)),
      new ComplianceMapping("MiFID II", "Art. 16(6) and Art. 25(2)",
          "Records of services and transactions; suitability of portfolio management decisions",
          List.of(FinancePlugin.RULE_REBALANCE_APPROVAL, "lexecon:ledger")));

  private static Relation rel(String id, RelationType type, @Nullable String source, String target,
      List<String> conditions, String justification) {
    return new Relation(id, type, source, target, null, conditions, List.of(), justification, Map.of());
  }

  private static Policy withConstraints(Policy p, Constraint... constraints) {
    return new Policy(p.policyId(), p.version(), p.mode(), p.description(), p.terms(),
        p.relations(), List.of(constraints), p.lists(), p.extensions());
  }
}

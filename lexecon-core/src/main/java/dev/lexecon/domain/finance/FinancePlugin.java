package dev.lexecon.domain.finance;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.domain.ComplianceMapping;
import dev.lexecon.api.domain.DomainConfiguration;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.DomainRuling;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.api.risk.RiskDimension;
import dev.lexecon.api.risk.RiskFactor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Governs algorithmic trading: every order is checked against the exchange's trading hours and
 * calendar and against a maximum order value, and every portfolio rebalance waits for a human.
 *
 * <h2>Actions</h2>
 *
 * <ul>
 *   <li>{@code place_order} (risk level 3). Arguments: {@code quantity}, {@code price} (limit
 *       price), {@code order_value} (USD), {@code currency} (must be {@code USD} when given),
 *       {@code order_type}. The order value is the larger of {@code args.order_value} and {@code
 *       args.quantity × args.price} (falling back to {@code context.reference_price} for the
 *       price), so an understated figure cannot slip an order past the limit. At least one of the
 *       two must be computable; numbers must be JSON numbers greater than zero.
 *   <li>{@code cancel_order} (risk level 1): always allowed by this plugin at any hour, because
 *       cancelling is how a runaway algorithm is stopped.
 *   <li>{@code rebalance_portfolio} (risk level 4): always escalated to a human (obligation {@code
 *       human_approval}), whatever the hour; the orders it produces are checked when placed.
 * </ul>
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>{@code finance.order_value_limit}: an order worth more than the limit (default USD
 *       10,000,000) is DENIED. An order of exactly the limit is allowed: the limit is the largest
 *       permitted order, as in "orders above $10,000,000 are rejected".
 *   <li>{@code finance.trading_day}: an order on a date the {@link TradingCalendar} says is closed
 *       (default: Saturdays and Sundays) is DENIED.
 *   <li>{@code finance.trading_hours}: an order outside the session is DENIED. The session is the
 *       half-open interval [open, close) in exchange time, default [09:00, 16:00) in {@code
 *       America/New_York}: 09:00:00 is inside, 15:59:59.999 is inside, 16:00:00 is outside (the
 *       closing bell ends the session, as on NYSE and Nasdaq).
 *   <li>{@code finance.rebalance_approval}: {@code rebalance_portfolio} is ESCALATED with
 *       obligation {@code human_approval}.
 * </ul>
 *
 * Time comes from the engine clock's reading for the decision, never the system clock, so a
 * decision replays identically. Facts published as {@code context.finance}: {@code
 * exchange_date}, {@code exchange_time} ({@code HH:mm:ss}), {@code exchange_zone}, {@code
 * market_open}, and for orders {@code order_value_usd}.
 *
 * <p>Immutable and thread-safe. The no-argument constructor gives the defaults (and is what {@code
 * ServiceLoader} uses); {@link #builder()} configures the zone, session, calendar and limit.
 *
 * @since 0.1
 */
public final class FinancePlugin implements DomainPlugin {
  /** The plugin's name: rule id prefix and context key. */
  public static final String NAME = "finance";
  /** Places an order on the market. */
  public static final String PLACE_ORDER = "place_order";
  /** Cancels an open order. */
  public static final String CANCEL_ORDER = "cancel_order";
  /** Rebalances a portfolio: many orders at once. */
  public static final String REBALANCE_PORTFOLIO = "rebalance_portfolio";

  /** Rule: orders above the maximum order value are denied. */
  public static final String RULE_ORDER_VALUE_LIMIT = "finance.order_value_limit";
  /** Rule: orders on a closed date are denied. */
  public static final String RULE_TRADING_DAY = "finance.trading_day";
  /** Rule: orders outside [open, close) exchange time are denied. */
  public static final String RULE_TRADING_HOURS = "finance.trading_hours";
  /** Rule: rebalancing is escalated for human approval. */
  public static final String RULE_REBALANCE_APPROVAL = "finance.rebalance_approval";
  /** The obligation a rebalance carries. */
  public static final String HUMAN_APPROVAL = "human_approval";

  /** The default limit: USD 10,000,000 per order. */
  public static final BigDecimal DEFAULT_MAX_ORDER_VALUE_USD = new BigDecimal("10000000");

  private static final BigDecimal LARGE_ORDER_USD = new BigDecimal("1000000");
  private static final List<DomainRuling> REBALANCE_RULINGS = List.of(DomainRuling.escalate(
      RULE_REBALANCE_APPROVAL, "rebalance_portfolio changes many positions at once; a person must"
          + " approve it (obligation human_approval)", HUMAN_APPROVAL));
  private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private final ZoneId zone;
  private final LocalTime open;
  private final LocalTime close;
  private final TradingCalendar calendar;
  private final BigDecimal maxOrderValue;
  private final String maxOrderValueText;
  private final String session;
  private final DomainConfiguration configuration;
  private final List<PolicyTemplate> templates;

  /** The plugin with its defaults: New York time, [09:00, 16:00), weekdays, USD 10,000,000. */
  public FinancePlugin() {
    this(new Builder());
  }

  private FinancePlugin(Builder b) {
    this.zone = b.zone;
    this.open = b.open;
    this.close = b.close;
    this.calendar = b.calendar;
    this.maxOrderValue = b.maxOrderValue;
    this.maxOrderValueText = "USD " + Amounts.format(maxOrderValue);
    this.session = "[" + HH_MM.format(open) + ", " + HH_MM.format(close) + ") " + zone.getId();
    this.configuration = DomainConfiguration.builder(NAME, GovernanceDomain.FINANCE)
        .description("Algorithmic trading: order value limit, trading hours on an exchange calendar,"
            + " human approval for portfolio rebalancing.")
        .actorTypes("trading_algorithm", "portfolio_manager", "risk_officer")
        .actionType(PLACE_ORDER, 3, "Place an order; checked against trading hours, the exchange"
            + " calendar and the " + maxOrderValueText + " order value limit.")
        .actionType(CANCEL_ORDER, 1, "Cancel an open order; allowed at any time.")
        .actionType(REBALANCE_PORTFOLIO, 4, "Rebalance a portfolio; always escalated for human"
            + " approval.")
        .resourceTypes("security", "account")
        .complianceFrameworks("MiFID II", "SEC Rule 613", "Dodd-Frank", "Basel III")
        .riskWeight(RiskDimension.FINANCIAL, 0.30)
        .riskWeight(RiskDimension.COMPLIANCE, 0.25)
        .riskWeight(RiskDimension.OPERATIONAL, 0.20)
        .riskWeight(RiskDimension.SECURITY, 0.15)
        .riskWeight(RiskDimension.REPUTATIONAL, 0.05)
        .riskWeight(RiskDimension.PRIVACY, 0.05)
        .build();
    this.templates = FinanceTemplates.all();
  }

  /** Starts configuring a finance plugin from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public DomainConfiguration configuration() {
    return configuration;
  }

  @Override
  public List<FieldViolation> validate(DecisionRequest request) {
    if (!PLACE_ORDER.equals(request.action())) {
      return List.of();
    }
    List<FieldViolation> out = new ArrayList<>(0);
    Map<String, @Nullable Object> args = request.arguments();
    Amounts.checkPositive(out, "args", args, "quantity");
    Amounts.checkPositive(out, "args", args, "price");
    Amounts.checkPositive(out, "args", args, "order_value");
    Amounts.checkPositive(out, "context", request.context(), "reference_price");
    Object currency = args.get("currency");
    if (currency != null && !(currency instanceof String c && c.equalsIgnoreCase("USD"))) {
      out.add(new FieldViolation("args.currency", "must be USD when given (the order value limit"
          + " is in USD; convert before asking), was " + (currency instanceof String s ? s : currency.getClass().getSimpleName())));
    }
    if (out.isEmpty() && orderValue(request) == null) {
      out.add(new FieldViolation("args", "place_order needs args.order_value, or args.quantity with"
          + " args.price (or context.reference_price), to check the " + maxOrderValueText
          + " order value limit"));
    }
    return out;
  }

  @Override
  public Map<String, @Nullable Object> enrich(DecisionRequest request, Instant now) {
    ZonedDateTime local = now.atZone(zone);
    Map<String, @Nullable Object> facts = new LinkedHashMap<>(8);
    facts.put("exchange_date", local.toLocalDate().toString());
    facts.put("exchange_time", HH_MM_SS.format(local));
    facts.put("exchange_zone", zone.getId());
    facts.put("market_open", isOpen(local));
    BigDecimal value = orderValue(request);
    if (PLACE_ORDER.equals(request.action()) && value != null) {
      facts.put("order_value_usd", value);
    }
    return facts;
  }

  @Override
  public List<DomainRuling> check(DecisionRequest request, Instant now) {
    String action = request.action();
    if (REBALANCE_PORTFOLIO.equals(action)) {
      return REBALANCE_RULINGS;
    }
    if (!PLACE_ORDER.equals(action)) {
      return List.of();
    }
    List<DomainRuling> rulings = new ArrayList<>(0);
    ZonedDateTime local = now.atZone(zone);
    LocalDate date = local.toLocalDate();
    if (!calendar.isTradingDay(date)) {
      rulings.add(DomainRuling.deny(RULE_TRADING_DAY, "no orders on "
          + dayName(date) + " " + date
          + ": the exchange calendar (" + zone.getId() + ") has no trading session that day"));
    } else if (!inSession(local.toLocalTime())) {
      rulings.add(DomainRuling.deny(RULE_TRADING_HOURS, "no orders at " + HH_MM_SS.format(local)
          + " " + zone.getId() + ": outside the trading session " + session
          + " (open from " + HH_MM.format(open) + ":00 up to but not including "
          + HH_MM.format(close) + ":00)"));
    }
    BigDecimal value = orderValue(request);
    if (value != null && value.compareTo(maxOrderValue) > 0) {
      rulings.add(DomainRuling.deny(RULE_ORDER_VALUE_LIMIT, "order value USD "
          + Amounts.format(value) + " exceeds the limit of " + maxOrderValueText
          + " per order (an order of exactly the limit is allowed)"));
    }
    return rulings;
  }

  @Override
  public List<RiskFactor> riskFactors(DecisionRequest request) {
    String action = request.action();
    if (REBALANCE_PORTFOLIO.equals(action)) {
      return List.of(
          new RiskFactor(RiskDimension.FINANCIAL, 40, "domain:finance",
              "rebalancing changes many positions at once"),
          new RiskFactor(RiskDimension.OPERATIONAL, 20, "domain:finance",
              "a rebalance fans out into many orders"));
    }
    if (!PLACE_ORDER.equals(action)) {
      return List.of();
    }
    BigDecimal value = orderValue(request);
    if (value != null && value.compareTo(LARGE_ORDER_USD) >= 0) {
      return List.of(
          new RiskFactor(RiskDimension.FINANCIAL, 20, "domain:finance", "an order moves money"),
          new RiskFactor(RiskDimension.FINANCIAL, 30, "domain:finance",
              "large order: USD " + Amounts.format(value) + " is USD 1,000,000 or more"));
    }
    return List.of(new RiskFactor(RiskDimension.FINANCIAL, 20, "domain:finance", "an order moves money"));
  }

  @Override
  public List<PolicyTemplate> templates() {
    return templates;
  }

  @Override
  public List<ComplianceMapping> complianceMappings() {
    return FinanceTemplates.COMPLIANCE;
  }

  /** The exchange's time zone. */
  public ZoneId exchangeZone() {
    return zone;
  }

  /** The maximum value of one order, in USD; an order of exactly this value is allowed. */
  public BigDecimal maxOrderValueUsd() {
    return maxOrderValue;
  }

  private boolean isOpen(ZonedDateTime local) {
    return calendar.isTradingDay(local.toLocalDate()) && inSession(local.toLocalTime());
  }

  /** "Saturday": from the enum, so messages do not depend on the JDK's locale data. */
  private static String dayName(LocalDate date) {
    String name = date.getDayOfWeek().name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  /** [open, close): the opening second is in, the closing second is out. */
  private boolean inSession(LocalTime time) {
    return !time.isBefore(open) && time.isBefore(close);
  }

  /**
   * The larger of {@code args.order_value} and quantity × price, or {@code null} when neither can
   * be computed from positive numbers.
   */
  private static @Nullable BigDecimal orderValue(DecisionRequest request) {
    Map<String, @Nullable Object> args = request.arguments();
    BigDecimal stated = Amounts.positive(args, "order_value");
    BigDecimal quantity = Amounts.positive(args, "quantity");
    BigDecimal price = Amounts.positive(args, "price");
    if (price == null) {
      price = Amounts.positive(request.context(), "reference_price");
    }
    BigDecimal computed = quantity != null && price != null ? quantity.multiply(price) : null;
    if (stated == null) {
      return computed;
    }
    return computed == null ? stated : stated.max(computed);
  }

  /**
   * Configures a {@link FinancePlugin}. Setters validate at once. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private ZoneId zone = ZoneId.of("America/New_York");
    private LocalTime open = LocalTime.of(9, 0);
    private LocalTime close = LocalTime.of(16, 0);
    private TradingCalendar calendar = TradingCalendar.weekdays();
    private BigDecimal maxOrderValue = DEFAULT_MAX_ORDER_VALUE_USD;

    private Builder() {}

    /** The exchange's time zone; default {@code America/New_York}. */
    public Builder exchangeZone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * The trading session [open, close) in exchange time; default [09:00, 16:00).
     *
     * @throws IllegalArgumentException unless open is before close
     */
    public Builder session(LocalTime open, LocalTime close) {
      Objects.requireNonNull(open, "open");
      Objects.requireNonNull(close, "close");
      if (!open.isBefore(close)) {
        throw new IllegalArgumentException(
            "the session must open before it closes, was [" + open + ", " + close + ")");
      }
      this.open = open;
      this.close = close;
      return this;
    }

    /** The trading calendar; default {@link TradingCalendar#weekdays()}. */
    public Builder calendar(TradingCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /**
     * The largest allowed order value in USD; default 10,000,000.
     *
     * @throws IllegalArgumentException unless positive
     */
    public Builder maxOrderValueUsd(BigDecimal max) {
      Objects.requireNonNull(max, "max");
      if (max.signum() <= 0) {
        throw new IllegalArgumentException("the maximum order value must be positive, was " + max);
      }
      this.maxOrderValue = max;
      return this;
    }

    /** Builds the plugin. */
    public FinancePlugin build() {
      return new FinancePlugin(this);
    }
  }
}

package dev.lexecon.benchmarks;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.domain.finance.FinancePlugin;
import dev.lexecon.domain.healthcare.HealthcarePlugin;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code decide()} with a domain plugin registered ({@code Lexecon.builder().domain(plugin)}) under
 * that plugin's own policy template, otherwise the defaults (in-memory ledger, {@code GROUP},
 * HS256 tokens), cycling through 256 generated domain requests:
 *
 * <ul>
 *   <li>{@code finance}: {@link FinancePlugin} with template {@code prevent_flash_crash}; the
 *       engine clock ticks from Friday 2026-11-27 10:30 New York time, inside the session. 60%
 *       limit orders inside the price collar, 10% cancels, 10% orders above USD 10,000,000, 10%
 *       market orders, 5% limit prices outside the collar, 5% portfolio rebalances.
 *   <li>{@code healthcare}: {@link HealthcarePlugin} with template {@code
 *       clinical_decision_support}. 40% PHI reads with consent, 10% without a consent on record,
 *       5% with consent declined, 20% treatment recommendations with a physician id, 5% without,
 *       15% prescriptions by a physician, 5% prescriptions attempted by decision support.
 * </ul>
 *
 * A fresh engine per iteration, for the reason given in {@link DecideBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DomainDecideBenchmark {
  private static final int MASK = 255;
  /** Friday 2026-11-27, 10:30 in New York (EST, UTC-5). */
  private static final Instant FRIDAY_MORNING = Instant.parse("2026-11-27T15:30:00Z");

  @Param({"finance", "healthcare"})
  public String domain;

  private DomainPlugin plugin;
  private PolicyTemplate template;
  private final DecisionRequest[] requests = new DecisionRequest[MASK + 1];
  private @Nullable Lexecon lexecon;
  private int next;

  @Setup(Level.Trial)
  public void generate() {
    Random random = new Random(Workload.STANDARD_SEED);
    switch (domain) {
      case "finance" -> {
        plugin = new FinancePlugin();
        template = template(plugin, "prevent_flash_crash");
        for (int i = 0; i <= MASK; i++) {
          requests[i] = financeRequest(random);
        }
      }
      case "healthcare" -> {
        plugin = new HealthcarePlugin();
        template = template(plugin, "clinical_decision_support");
        for (int i = 0; i <= MASK; i++) {
          requests[i] = healthcareRequest(random);
        }
      }
      default -> throw new IllegalArgumentException("unknown domain " + domain);
    }
    build();
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (DecisionRequest r : requests) {
      outcomes.merge(lexecon.decide(r).outcome(), 1, Integer::sum);
    }
    System.out.printf("%n[%s: outcomes of the %d requests %s]%n", domain, requests.length, outcomes);
  }

  @Setup(Level.Iteration)
  public void build() {
    close();
    System.gc(); // the previous iteration's ledger is garbage now; do not bill this one for it
    // Ticks like the system clock, but from a Friday morning, so that every run is in session.
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), FRIDAY_MORNING));
    lexecon = Lexecon.builder().policy(template.policy()).domain(plugin).clock(clock).build();
  }

  @TearDown(Level.Iteration)
  public void close() {
    if (lexecon != null) {
      lexecon.close();
      lexecon = null;
    }
  }

  @Benchmark
  public Decision decide() {
    return lexecon.decide(requests[next++ & MASK]);
  }

  private static PolicyTemplate template(DomainPlugin plugin, String name) {
    return plugin.templates().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no template " + name));
  }

  private static DecisionRequest financeRequest(Random random) {
    String algo = "trading_algorithm:momentum_" + random.nextInt(8);
    String security = "security:" + new String[] {"AAPL", "MSFT", "NVDA", "AMZN", "JPM"}[random.nextInt(5)];
    double kind = random.nextDouble();
    if (kind < 0.10) {
      return DecisionRequest.builder(algo, FinancePlugin.CANCEL_ORDER).resource(security)
          .argument("order_id", "ord_" + random.nextInt(1_000_000)).build();
    }
    if (kind < 0.15) {
      return DecisionRequest.builder(algo, FinancePlugin.REBALANCE_PORTFOLIO)
          .resource("account:fund_" + random.nextInt(4)).build();
    }
    BigDecimal price = BigDecimal.valueOf(50 + random.nextInt(45_000), 2); // 50.00 to 499.99
    long quantity = 1 + random.nextInt(5_000);
    String orderType = "limit";
    BigDecimal band = price.multiply(new BigDecimal("0.05")).setScale(2, RoundingMode.HALF_UP);
    BigDecimal lower = price.subtract(band);
    BigDecimal upper = price.add(band);
    if (kind < 0.25) {
      quantity = 25_000 + random.nextInt(100_000);
      price = price.max(new BigDecimal("450.00")); // at least USD 11,250,000
      lower = price.subtract(band);
      upper = price.add(band);
    } else if (kind < 0.35) {
      orderType = "market";
    } else if (kind < 0.40) {
      upper = price.subtract(BigDecimal.ONE); // the limit price is above the collar
    }
    return DecisionRequest.builder(algo, FinancePlugin.PLACE_ORDER).resource(security)
        .argument("order_type", orderType)
        .argument("quantity", quantity)
        .argument("price", price)
        .context("price_band_lower", lower)
        .context("price_band_upper", upper)
        .context("circuit_breaker_active", false)
        .context("orders_last_second", random.nextInt(15))
        .build();
  }

  private static DecisionRequest healthcareRequest(Random random) {
    String cds = "clinical_decision_support:sepsis_model_" + random.nextInt(3);
    String physician = "physician:dr_" + (1000 + random.nextInt(50));
    String patient = "patient_record:p" + (100_000 + random.nextInt(900_000));
    double kind = random.nextDouble();
    DecisionRequest.Builder b;
    if (kind < 0.55) {
      b = DecisionRequest.builder(cds, HealthcarePlugin.ACCESS_PHI).resource(patient)
          .dataClasses(HealthcarePlugin.PHI);
      if (kind < 0.40) {
        b.context(HealthcarePlugin.PATIENT_CONSENT, true);
      } else if (kind >= 0.50) {
        b.context(HealthcarePlugin.PATIENT_CONSENT, false);
      }
    } else if (kind < 0.80) {
      b = DecisionRequest.builder(cds, HealthcarePlugin.RECOMMEND_TREATMENT).resource(patient)
          .argument("treatment", "broad_spectrum_antibiotics");
      if (kind < 0.75) {
        b.context(HealthcarePlugin.PHYSICIAN_ID, physician.substring("physician:".length()));
      }
    } else if (kind < 0.95) {
      b = DecisionRequest.builder(physician, HealthcarePlugin.PRESCRIBE_MEDICATION)
          .resource("prescription:rx_" + random.nextInt(1_000_000))
          .argument("medication", "amoxicillin").argument("dose_mg", 500)
          .context(HealthcarePlugin.PHYSICIAN_ID, physician.substring("physician:".length()));
    } else {
      b = DecisionRequest.builder(cds, HealthcarePlugin.PRESCRIBE_MEDICATION)
          .resource("prescription:rx_" + random.nextInt(1_000_000))
          .argument("medication", "amoxicillin").argument("dose_mg", 500);
    }
    return b.build();
  }
}

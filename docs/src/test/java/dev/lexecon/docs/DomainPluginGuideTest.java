package dev.lexecon.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.domain.DomainConfiguration;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.DomainRuling;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.domain.finance.FinancePlugin;
import dev.lexecon.domain.finance.TradingCalendar;
import dev.lexecon.domain.healthcare.HealthcarePlugin;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/domain-plugins.md} honest: each {@code <!-- snippet: NAME -->} block there is
 * the code between {@code // SNIPPET-START NAME} and {@code // SNIPPET-END NAME} here, compiled and
 * run by the tests below.
 */
@DisplayName("Domain plugin guide")
class DomainPluginGuideTest {

  // SNIPPET-START plugin
  /** Export control for a logistics agent: no shipments to embargoed countries. */
  public final class ExportControlPlugin implements DomainPlugin {
    private static final Set<String> EMBARGOED = Set.of("KP", "IR", "SY", "CU"); // built once
    private final DomainConfiguration configuration =
        DomainConfiguration.builder("export_control", GovernanceDomain.SUPPLY_CHAIN)
            .description("Embargo and dual-use checks on outgoing shipments.")
            .actorTypes("logistics_agent")
            .actionType("ship_goods", 3, "Ship goods abroad; embargo and licence checks.")
            .resourceTypes("shipment")
            .complianceFrameworks("EAR")
            .build();

    @Override
    public DomainConfiguration configuration() {
      return configuration; // appliesTo() defaults to the action types above
    }

    @Override // malformed input: thrown as InvalidRequestException, nothing is decided
    public List<FieldViolation> validate(DecisionRequest request) {
      Object country = request.arguments().get("destination_country");
      return country instanceof String s && s.length() == 2 ? List.of()
          : List.of(new FieldViolation("args.destination_country", "must be an ISO 3166 alpha-2 code"));
    }

    @Override // published as context.export_control; policies can test export_control.embargoed
    public Map<String, @Nullable Object> enrich(DecisionRequest request, Instant now) {
      return Map.of("embargoed", EMBARGOED.contains(request.arguments().get("destination_country")));
    }

    @Override // rules: a denial is a value with a reason, never an exception
    public List<DomainRuling> check(DecisionRequest request, Instant now) {
      String country = (String) request.arguments().get("destination_country");
      if (EMBARGOED.contains(country)) {
        return List.of(DomainRuling.deny("export_control.embargo", country + " is under embargo"));
      }
      if (!"EAR99".equals(request.arguments().get("eccn"))) {
        return List.of(DomainRuling.escalate("export_control.licence_review",
            "dual-use goods need an export licence review", "licence_review"));
      }
      return List.of();
    }
  }
  // SNIPPET-END plugin

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T15:30:00Z"), ZoneOffset.UTC);

  Decision register(Policy policy, DecisionRequest request) {
    // SNIPPET-START register
    Lexecon lexecon = Lexecon.builder()
        .policy(policy)
        .domain(new ExportControlPlugin())     // explicit registration
        .domain(new FinancePlugin())           // the shipped plugins, with their defaults
        .build();
    lexecon.domains().forEach(p -> System.out.println(p.configuration().name()));
    Decision decision = lexecon.decide(request);
    // SNIPPET-END register
    return decision;
  }

  FinancePlugin configureFinance() {
    // SNIPPET-START finance
    FinancePlugin lse = FinancePlugin.builder()
        .exchangeZone(ZoneId.of("Europe/London"))
        .session(LocalTime.of(8, 0), LocalTime.of(16, 30))      // [08:00, 16:30)
        .calendar(TradingCalendar.weekdaysExcept(List.of(LocalDate.of(2026, 12, 25))))
        .maxOrderValueUsd(new BigDecimal("5000000"))           // exactly 5,000,000 is allowed
        .build();
    // SNIPPET-END finance
    return lse;
  }

  static Policy shipping() {
    return Policy.builder("shipping", "1").mode(PolicyMode.STRICT)
        .actor("actor:logistics", "logistics_agent:*").action("action:ship", "ship_goods")
        .permits("actor:logistics", "action:ship", "!export_control.embargoed")
        .build();
  }

  static DecisionRequest ship(String country, String eccn) {
    return DecisionRequest.builder("logistics_agent:rotterdam", "ship_goods")
        .argument("destination_country", country).argument("eccn", eccn).build();
  }

  @Test
  @DisplayName("the guide's plugin denies embargoed destinations with a named rule")
  void embargo() {
    Decision d = register(shipping(), ship("KP", "EAR99"));
    assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(d.reasons()).extracting(r -> r.ruleId()).contains("export_control.embargo");
  }

  @Test
  @DisplayName("dual-use goods are escalated; ordinary goods pass; malformed input throws")
  void licence() {
    assertThat(register(shipping(), ship("NL", "5A002")).outcome()).isEqualTo(Outcome.ESCALATED);
    assertThat(register(shipping(), ship("NL", "EAR99")).outcome()).isEqualTo(Outcome.APPROVED);
    assertThatThrownBy(() -> register(shipping(), ship("Netherlands", "EAR99")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("args.destination_country");
  }

  @Test
  @DisplayName("the guide's finance configuration keeps its inclusive limit")
  void finance() {
    FinancePlugin lse = configureFinance();
    Lexecon lexecon = Lexecon.builder().policy(Policy.builder("p", "1").build())
        .mode(PolicyMode.PERMISSIVE).clock(CLOCK).domain(lse).build();
    DecisionRequest.Builder order = DecisionRequest.builder("trading_algorithm:x", "place_order");
    assertThat(lexecon.decide(order.argument("order_value", 5_000_000).build()).outcome())
        .isEqualTo(Outcome.APPROVED);
    assertThat(lexecon.decide(order.argument("order_value", 5_000_001).build()).outcome())
        .isEqualTo(Outcome.DENIED);
    assertThat(new HealthcarePlugin().configuration().name()).isEqualTo("healthcare");
  }

  @Test
  @DisplayName("every snippet in docs/domain-plugins.md is the compiled code above")
  void guideMatches() throws IOException {
    String guide = Files.readString(Path.of("domain-plugins.md"), StandardCharsets.UTF_8);
    String source = Files.readString(
        Path.of("src/test/java/dev/lexecon/docs/DomainPluginGuideTest.java"), StandardCharsets.UTF_8);
    for (String name : List.of("plugin", "register", "finance")) {
      assertThat(block(guide, name)).as("snippet %s", name).isEqualTo(snippet(source, name));
    }
  }

  static String block(String markdown, String name) {
    Matcher m = Pattern.compile("<!-- snippet: " + name + " -->\\n```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(markdown);
    assertThat(m.find()).as("docs/domain-plugins.md has snippet %s", name).isTrue();
    return m.group(1);
  }

  static String snippet(String source, String name) {
    String start = "// SNIPPET-START " + name + "\n";
    int from = source.indexOf(start) + start.length();
    int to = source.lastIndexOf("\n", source.indexOf("// SNIPPET-END " + name)) + 1;
    List<String> lines = source.substring(from, to).lines().toList();
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
        .collect(Collectors.joining("\n", "", "\n"));
  }
}

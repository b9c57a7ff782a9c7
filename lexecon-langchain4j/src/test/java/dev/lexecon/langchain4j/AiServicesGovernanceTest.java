package dev.lexecon.langchain4j;

import static dev.lexecon.langchain4j.ScriptedChatModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.service.AiServices;
import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.domain.finance.FinancePlugin;
import dev.lexecon.toolcall.ToolCallGuard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A real AiServices agent with governed tools")
class AiServicesGovernanceTest {
  /** Friday 10:30 in New York: the market is open. */
  static final Clock MARKET_OPEN = Clock.fixed(Instant.parse("2026-11-27T15:30:00Z"), ZoneOffset.UTC);

  interface TradingAssistant {
    String chat(String userMessage);
  }

  /** The desk's tools; records what actually ran. */
  static final class DeskTools {
    final List<String> ran = new CopyOnWriteArrayList<>();

    @Tool("Gets the last price of a security")
    String get_quote(@P(name = "symbol", value = "ticker") String symbol) {
      ran.add("get_quote " + symbol);
      return symbol + " last 101.25";
    }

    @Tool("Places a limit order")
    String place_order(@P(name = "symbol", value = "ticker") String symbol,
        @P(name = "quantity", value = "shares") long quantity,
        @P(name = "price", value = "limit price in USD") double price) {
      ran.add("place_order " + symbol + " " + quantity);
      return "order accepted: " + quantity + " " + symbol + " at " + price;
    }

    @Tool("Rebalances a portfolio to its target weights")
    String rebalance_portfolio(@P(name = "account", value = "account id") String account) {
      ran.add("rebalance_portfolio " + account);
      return "rebalanced " + account;
    }

    @Tool("Wires money out of the firm")
    String wire_transfer(@P(name = "amount", value = "USD") double amount) {
      ran.add("wire_transfer " + amount);
      return "wired";
    }
  }

  static Lexecon lexecon() {
    Policy desk = Policy.builder("desk", "1").mode(PolicyMode.STRICT)
        .actor("actor:assistant", "ai_agent:trading_assistant")
        .action("action:get_quote", "get_quote")
        .action("action:place_order", "place_order")
        .action("action:rebalance_portfolio", "rebalance_portfolio")
        .permits("actor:assistant", "action:get_quote")
        .permits("actor:assistant", "action:place_order", "args.quantity <= 500000")
        .permits("actor:assistant", "action:rebalance_portfolio")
        .build();
    return Lexecon.builder().policy(desk).clock(MARKET_OPEN).domain(new FinancePlugin()).build();
  }

  @ParameterizedTest(name = "tools run {0}")
  @ValueSource(strings = {"sequentially", "concurrently"})
  @DisplayName("decides every tool call, including parallel ones, and the model reads denials and escalations as results")
  void agentLoop(String mode) {
    Lexecon lexecon = lexecon();
    Map<String, Decision> decisions = new ConcurrentHashMap<>();
    ToolCallGuard guard = ToolCallGuard.builder(lexecon).actor("ai_agent:trading_assistant")
        .verifyTokens(lexecon.tokenVerifier())  // every allowed call proves its token first
        .onDecision((call, decision) -> decisions.put(call.callId(), decision))
        .build();
    DeskTools tools = new DeskTools();
    ScriptedChatModel model = new ScriptedChatModel(
        // Turn 1: one call.
        AiMessage.from(call("c1", "get_quote", "{\"symbol\":\"AAPL\"}")),
        // Turn 2: four calls in one response.
        AiMessage.from(List.of(
            call("c2", "place_order", "{\"symbol\":\"AAPL\",\"quantity\":100,\"price\":101.25}"),
            call("c3", "place_order", "{\"symbol\":\"AAPL\",\"quantity\":200000,\"price\":101.25}"),
            call("c4", "rebalance_portfolio", "{\"account\":\"growth_fund\"}"),
            call("c5", "wire_transfer", "{\"amount\":5000}"))),
        // Turn 3: malformed arguments, and a quantity written as text.
        AiMessage.from(List.of(
            call("c6", "place_order", "{\"symbol\": \"AAPL\", \"quantity\": 5"),
            call("c7", "place_order", "{\"symbol\":\"AAPL\",\"quantity\":\"5\",\"price\":101.25}"))),
        AiMessage.from("Bought 100 AAPL; the large order was refused; the rebalance awaits approval."));

    AiServices<TradingAssistant> builder = AiServices.builder(TradingAssistant.class)
        .chatModel(model)
        .tools(LexeconTools.fromObjects(guard, tools));
    if (mode.equals("concurrently")) {
      builder.executeToolsConcurrently(Executors.newFixedThreadPool(4));
    }
    String answer = builder.build().chat("Buy some Apple and tidy up the growth fund.");

    assertThat(answer).startsWith("Bought 100 AAPL");
    assertThat(model.finished()).isTrue();
    // Only the allowed calls ran.
    assertThat(tools.ran).containsExactlyInAnyOrder("get_quote AAPL", "place_order AAPL 100");

    Map<String, ToolExecutionResultMessage> results = model.toolResults().stream()
        .collect(Collectors.toMap(ToolExecutionResultMessage::id, Function.identity()));
    assertThat(results).containsOnlyKeys("c1", "c2", "c3", "c4", "c5", "c6", "c7");
    assertThat(results.get("c1").text()).isEqualTo("AAPL last 101.25");
    assertThat(results.get("c2").text()).startsWith("order accepted: 100 AAPL");

    assertThat(results.get("c3").text())
        .startsWith("DENIED by Lexecon: the call to 'place_order' was not run")
        .contains("finance.order_value_limit: order value USD 20,250,000 exceeds the limit of USD 10,000,000");
    assertThat(results.get("c3").isError()).isTrue();

    assertThat(results.get("c4").text())
        .startsWith("PENDING human approval: the call to 'rebalance_portfolio' has not run yet")
        .contains("awaiting human_approval");
    assertThat(results.get("c4").isError()).isNotEqualTo(Boolean.TRUE);

    assertThat(results.get("c5").text()).startsWith("DENIED by Lexecon: the call to 'wire_transfer'")
        .contains("no relation permits this request");

    assertThat(results.get("c6").text()).startsWith("INVALID tool call: 'place_order'")
        .contains("args: is not valid JSON");
    assertThat(results.get("c7").text()).startsWith("INVALID tool call: 'place_order'")
        .contains("args.quantity: must be a JSON number, was a string");
    assertThat(results.get("c7").isError()).isTrue();

    // Every decided call was decided once; malformed JSON (c6) never became a request.
    assertThat(decisions.keySet()).containsExactlyInAnyOrder("c1", "c2", "c3", "c4", "c5");
    assertThat(decisions.get("c2").outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(decisions.get("c3").outcome()).isEqualTo(Outcome.DENIED);
    assertThat(decisions.get("c4").outcome()).isEqualTo(Outcome.ESCALATED);
    assertThat(results.get("c3").text()).contains(decisions.get("c3").decisionId());
  }
}

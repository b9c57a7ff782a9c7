package dev.lexecon.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.domain.finance.FinancePlugin;
import dev.lexecon.toolcall.ToolCallGuard;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

@DisplayName("MCP server tool handlers")
class LexeconMcpTest {
  static final Clock MARKET_OPEN = Clock.fixed(Instant.parse("2026-11-27T15:30:00Z"), ZoneOffset.UTC);
  static final Policy POLICY = Policy.builder("mcp", "1").mode(PolicyMode.STRICT)
      .actor("actor:client", "mcp_client:*")
      .action("action:transfer", "transfer")
      .action("action:deploy", "deploy")
      .action("action:place_order", "place_order")
      .permits("actor:client", "action:transfer", "args.amount <= 1000")
      .permits("actor:client", "action:deploy")
      .requires(null, "action:deploy", "human_confirmation")
      .permits("actor:client", "action:place_order")
      .build();

  final List<String> ran = new CopyOnWriteArrayList<>();
  final List<Decision> decisions = new CopyOnWriteArrayList<>();
  final ToolCallGuard guard = ToolCallGuard.builder(
          Lexecon.builder().policy(POLICY).clock(MARKET_OPEN).domain(new FinancePlugin()).build())
      .actor("mcp_client:desktop")
      .onDecision((call, decision) -> decisions.add(decision))
      .build();

  McpServerFeatures.SyncToolSpecification tool(String name) {
    Tool tool = Tool.builder(name, Map.of("type", "object")).description(name).build();
    return new McpServerFeatures.SyncToolSpecification(tool, (exchange, request) -> {
      ran.add(name + " " + request.arguments());
      return CallToolResult.builder().addTextContent("done: " + name).isError(false).build();
    });
  }

  static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((TextContent) result.content().get(0)).text();
  }

  static CallToolRequest request(String name, Map<String, Object> arguments) {
    return CallToolRequest.builder(name).arguments(arguments).build();
  }

  @ParameterizedTest(name = "amount {0}: runs {1}")
  @CsvSource({"1000, true", "999.99, true", "1000.01, false", "5000, false"})
  @DisplayName("arguments are visible to conditions as args.*, and a denial is an error result")
  void transfer(String amount, boolean runs) {
    McpServerFeatures.SyncToolSpecification governed = LexeconMcp.govern(guard, tool("transfer"));
    Object value = amount.contains(".") ? (Object) Double.valueOf(amount) : (Object) Integer.valueOf(amount);
    CallToolResult result = governed.callHandler().apply(null, request("transfer", Map.of("amount", value)));
    assertThat(ran).hasSize(runs ? 1 : 0);
    if (runs) {
      assertThat(text(result)).isEqualTo("done: transfer");
    } else {
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).startsWith("DENIED by Lexecon: the call to 'transfer' was not run");
    }
  }

  @Test
  @DisplayName("the tool's declaration is kept")
  void keepsTool() {
    McpServerFeatures.SyncToolSpecification raw = tool("transfer");
    assertThat(LexeconMcp.govern(guard, raw).tool()).isSameAs(raw.tool());
  }

  @Test
  @DisplayName("an escalation is a pending, non-error result and the handler does not run")
  void pending() {
    CallToolResult result = LexeconMcp.govern(guard, tool("deploy")).callHandler()
        .apply(null, request("deploy", Map.of()));
    assertThat(result.isError()).isFalse();
    assertThat(text(result)).startsWith("PENDING human approval").contains("awaiting human_confirmation");
    assertThat(ran).isEmpty();
    assertThat(decisions).extracting(Decision::outcome).containsExactly(Outcome.ESCALATED);
  }

  @Test
  @DisplayName("domain rules apply: an order over USD 10,000,000 is denied and names the rule")
  void domainDenial() {
    CallToolResult result = LexeconMcp.govern(guard, tool("place_order")).callHandler()
        .apply(null, request("place_order", Map.of("quantity", 100_001, "price", 100.0)));
    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("finance.order_value_limit");
    assertThat(ran).isEmpty();
  }

  @Test
  @DisplayName("malformed domain arguments are an invalid, error result")
  void invalid() {
    CallToolResult result = LexeconMcp.govern(guard, tool("place_order")).callHandler()
        .apply(null, request("place_order", Map.of("quantity", "lots")));
    assertThat(result.isError()).isTrue();
    assertThat(text(result)).startsWith("INVALID tool call: 'place_order'").contains("args.quantity");
  }

  @Test
  @DisplayName("a request without arguments is decided with none")
  void noArguments() {
    Map<String, Object> none = new HashMap<>();
    CallToolResult result = LexeconMcp.governHandler(guard, tool("transfer").callHandler())
        .apply(null, CallToolRequest.builder("transfer").arguments(none).build());
    assertThat(result.isError()).isTrue();
    assertThat(LexeconMcp.toolCall(CallToolRequest.builder("transfer").build()).arguments()).isEmpty();
  }

  @Test
  @DisplayName("async handlers decide when subscribed, and only allowed calls reach the handler")
  void async() {
    McpServerFeatures.AsyncToolSpecification raw = new McpServerFeatures.AsyncToolSpecification(
        tool("transfer").tool(), (exchange, request) -> Mono.fromSupplier(() -> {
          ran.add("async " + request.arguments());
          return CallToolResult.builder().addTextContent("sent").isError(false).build();
        }));
    McpServerFeatures.AsyncToolSpecification governed = LexeconMcp.govern(guard, raw);
    Mono<CallToolResult> denied = governed.callHandler().apply(null, request("transfer", Map.of("amount", 2000)));
    assertThat(decisions).isEmpty(); // nothing decided before subscription
    assertThat(denied.block().isError()).isTrue();
    assertThat(text(governed.callHandler().apply(null, request("transfer", Map.of("amount", 10))).block()))
        .isEqualTo("sent");
    assertThat(ran).containsExactly("async {amount=10}");
    assertThat(decisions).hasSize(2);
  }
}

package dev.lexecon.langchain4j;

import static dev.lexecon.langchain4j.ScriptedChatModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.lexecon.Lexecon;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.domain.finance.FinancePlugin;
import dev.lexecon.toolcall.ToolCallGuard;
import dev.lexecon.toolcall.ToolCallMapper;
import dev.lexecon.toolcall.ToolCallVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the LangChain4j snippets of {@code docs/integrations.md} honest: each {@code <!-- snippet:
 * NAME -->} block there is the code between the markers here, compiled and run.
 */
@DisplayName("docs/integrations.md, LangChain4j part")
class IntegrationsDocTest {
  static final Clock MARKET_OPEN = Clock.fixed(Instant.parse("2026-11-27T15:30:00Z"), ZoneOffset.UTC);

  interface TradingAssistant {
    String chat(String message);
  }

  static final class DeskTools {
    @Tool("Places a limit order")
    String place_order(@P(name = "symbol", value = "ticker") String symbol,
        @P(name = "quantity", value = "shares") long quantity,
        @P(name = "price", value = "limit price") double price) {
      return "accepted";
    }
  }

  final List<String> log = new ArrayList<>();

  TradingAssistant readme(Lexecon lexecon, ChatModel chatModel, ToolProvider mcpToolProvider) {
    // SNIPPET-START readme
    ToolCallGuard guard = ToolCallGuard.forActor(lexecon, "ai_agent:trading_assistant");

    TradingAssistant assistant = AiServices.builder(TradingAssistant.class)
        .chatModel(chatModel)
        .tools(LexeconTools.fromObjects(guard, new DeskTools()))    // @Tool methods, decided first
        .toolProvider(LexeconTools.govern(guard, mcpToolProvider))  // MCP server tools too
        .build();
    // A denied call never runs: the model reads "DENIED by Lexecon: ... Why: ..." as the result.
    // SNIPPET-END readme
    return assistant;
  }

  ToolCallGuard custom(Lexecon lexecon, String deskId) {
    // SNIPPET-START mapper
    ToolCallGuard guard = ToolCallGuard.builder(lexecon)
        .mapper(call -> ToolCallMapper.defaults("ai_agent:trading_assistant", call)
            .resource("account:" + deskId)             // what the policy matches on
            .context("reference_price", 101.25)        // facts the agent must not supply
            .build())
        .onDecision((call, decision) -> log.add(call.toolName() + " " + decision.decisionId()))
        .verifyTokens(lexecon.tokenVerifier())         // the token must prove this call
        .build();
    // SNIPPET-END mapper
    return guard;
  }

  static Lexecon lexecon() {
    Policy desk = Policy.builder("desk", "1").mode(PolicyMode.STRICT)
        .actor("actor:assistant", "ai_agent:trading_assistant")
        .action("action:place_order", "place_order")
        .resource("resource:desk", "account:*")
        .permits("actor:assistant", "action:place_order")
        .build();
    return Lexecon.builder().policy(desk).clock(MARKET_OPEN).domain(new FinancePlugin()).build();
  }

  @Test
  @DisplayName("the README snippet builds a governed agent that refuses an oversized order")
  void readmeRuns() {
    ScriptedChatModel model = new ScriptedChatModel(
        AiMessage.from(call("c1", "place_order", "{\"symbol\":\"AAPL\",\"quantity\":200000,\"price\":100}")),
        AiMessage.from("Refused."));
    ToolProvider none = request -> ToolProviderResult.builder().build();
    assertThat(readme(lexecon(), model, none).chat("buy")).isEqualTo("Refused.");
    assertThat(model.toolResults().get(0).text()).startsWith("DENIED by Lexecon")
        .contains("finance.order_value_limit");
  }

  @Test
  @DisplayName("the custom mapper adds a resource and context the policy reads")
  void mapperRuns() {
    ToolCallVerdict v = custom(lexecon(), "desk_7").checkJson("place_order", "{\"quantity\":10}", "c9");
    assertThat(v.decision().outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(v.proceed()).as("the token verified for the call").isTrue();
    assertThat(log).singleElement().asString().startsWith("place_order dec_");
  }

  @Test
  @DisplayName("the snippets in docs/integrations.md are the compiled code above")
  void docMatches() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "integrations.md"), StandardCharsets.UTF_8);
    String source = Files.readString(
        Path.of("src/test/java/dev/lexecon/langchain4j/IntegrationsDocTest.java"), StandardCharsets.UTF_8);
    for (String name : List.of("readme", "mapper")) {
      assertThat(block(doc, name)).as("snippet %s", name).isEqualTo(snippet(source, name));
    }
  }

  @Test
  @DisplayName("the README shows the same integration snippet")
  void readmeMatches() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String source = Files.readString(
        Path.of("src/test/java/dev/lexecon/langchain4j/IntegrationsDocTest.java"), StandardCharsets.UTF_8);
    assertThat(block(readme, "readme")).isEqualTo(snippet(source, "readme"));
  }

  static String block(String markdown, String name) {
    Matcher m = Pattern.compile("<!-- snippet: " + name + " -->\\n```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(markdown);
    assertThat(m.find()).as("the markdown has snippet %s", name).isTrue();
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

package dev.lexecon.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.toolcall.ToolCallGuard;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the MCP snippet of {@code docs/integrations.md} honest. */
@DisplayName("docs/integrations.md, MCP part")
class IntegrationsDocTest {

  McpServerFeatures.SyncToolSpecification mcp(Lexecon lexecon) {
    Tool transferTool = Tool.builder("transfer", Map.of("type", "object"))
        .description("Moves money").build();
    // SNIPPET-START mcp
    ToolCallGuard guard = ToolCallGuard.forActor(lexecon, "mcp_client:desktop");

    McpServerFeatures.SyncToolSpecification transfer = new McpServerFeatures.SyncToolSpecification(
        transferTool, (exchange, request) -> CallToolResult.builder()
            .addTextContent("sent " + request.arguments().get("amount")).isError(false).build());

    McpServerFeatures.SyncToolSpecification governed = LexeconMcp.govern(guard, transfer);
    // then: McpServer.sync(transportProvider).tools(governed).build()
    // SNIPPET-END mcp
    return governed;
  }

  @Test
  @DisplayName("the MCP snippet denies a transfer the policy does not permit")
  void runs() {
    Policy p = Policy.builder("bank", "1").mode(PolicyMode.STRICT)
        .actor("actor:client", "mcp_client:*").action("action:transfer", "transfer")
        .permits("actor:client", "action:transfer", "args.amount <= 1000").build();
    McpServerFeatures.SyncToolSpecification governed = mcp(Lexecon.builder().policy(p).build());
    CallToolResult small = governed.callHandler().apply(null, CallToolRequest.builder("transfer").arguments(Map.of("amount", 10)).build());
    CallToolResult big = governed.callHandler().apply(null, CallToolRequest.builder("transfer").arguments(Map.of("amount", 5000)).build());
    assertThat(((TextContent) small.content().get(0)).text()).isEqualTo("sent 10");
    assertThat(big.isError()).isTrue();
    assertThat(((TextContent) big.content().get(0)).text()).startsWith("DENIED by Lexecon");
  }

  @Test
  @DisplayName("the MCP snippet in docs/integrations.md is the compiled code above")
  void docMatches() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "integrations.md"), StandardCharsets.UTF_8);
    String source = Files.readString(
        Path.of("src/test/java/dev/lexecon/mcp/IntegrationsDocTest.java"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- snippet: mcp -->\\n```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("docs/integrations.md has the mcp snippet").isTrue();
    String start = "// SNIPPET-START mcp\n";
    int from = source.indexOf(start) + start.length();
    int to = source.lastIndexOf("\n", source.indexOf("// SNIPPET-END mcp")) + 1;
    List<String> lines = source.substring(from, to).lines().toList();
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    String snippet = lines.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(m.group(1)).isEqualTo(snippet);
  }
}

package dev.lexecon.langchain4j;

import static dev.lexecon.langchain4j.ScriptedChatModel.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ReturnBehavior;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpGetPromptResult;
import dev.langchain4j.mcp.client.McpPrompt;
import dev.langchain4j.mcp.client.McpReadResourceResult;
import dev.langchain4j.mcp.client.McpResource;
import dev.langchain4j.mcp.client.McpResourceTemplate;
import dev.langchain4j.mcp.client.McpRoot;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.lexecon.Lexecon;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.toolcall.ToolCallGuard;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Governed tool providers")
class McpToolProviderGovernanceTest {
  static final Policy FILES = Policy.builder("files", "1").mode(PolicyMode.STRICT)
      .actor("actor:agent", "ai_agent:*")
      .action("action:read_file", "read_file")
      .action("action:delete_file", "delete_file")
      .permits("actor:agent", "action:read_file", "args.path matches \"/srv/docs/*\"")
      .forbids("actor:agent", "action:delete_file")
      .build();
  static final ToolCallGuard GUARD =
      ToolCallGuard.forActor(Lexecon.builder().policy(FILES).build(), "ai_agent:librarian");

  interface Librarian {
    String chat(String message);
  }

  /** An MCP client with two tools and no transport: what an MCP server would answer. */
  static final class ScriptedMcpClient implements McpClient {
    final List<String> executed = new CopyOnWriteArrayList<>();

    static ToolSpecification tool(String name) {
      return ToolSpecification.builder().name(name).description(name.replace('_', ' '))
          .parameters(JsonObjectSchema.builder().addStringProperty("path").required("path").build())
          .build();
    }

    @Override
    public String key() {
      return "files";
    }

    @Override
    public List<ToolSpecification> listTools() {
      return List.of(tool("read_file"), tool("delete_file"));
    }

    @Override
    public List<ToolSpecification> listTools(InvocationContext context) {
      return listTools();
    }

    @Override
    public ToolExecutionResult executeTool(ToolExecutionRequest request) {
      executed.add(request.name() + " " + request.arguments());
      return ToolExecutionResult.builder().resultText("contents of " + request.arguments()).build();
    }

    @Override
    public ToolExecutionResult executeTool(ToolExecutionRequest request, InvocationContext context) {
      return executeTool(request);
    }

    @Override
    public List<McpResource> listResources() {
      return List.of();
    }

    @Override
    public List<McpResource> listResources(InvocationContext context) {
      return List.of();
    }

    @Override
    public List<McpResourceTemplate> listResourceTemplates() {
      return List.of();
    }

    @Override
    public List<McpResourceTemplate> listResourceTemplates(InvocationContext context) {
      return List.of();
    }

    @Override
    public McpReadResourceResult readResource(String uri) {
      throw new UnsupportedOperationException();
    }

    @Override
    public McpReadResourceResult readResource(String uri, InvocationContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void subscribeToResource(String uri) {}

    @Override
    public void unsubscribeFromResource(String uri) {}

    @Override
    public List<McpPrompt> listPrompts() {
      return List.of();
    }

    @Override
    public McpGetPromptResult getPrompt(String name, Map<String, Object> arguments) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkHealth() {}

    @Override
    public void setRoots(List<McpRoot> roots) {}

    @Override
    public void close() {}
  }

  @Test
  @DisplayName("McpToolProvider tools are decided before the MCP server is called")
  void mcpToolProvider() {
    ScriptedMcpClient client = new ScriptedMcpClient();
    ToolProvider governed = LexeconTools.govern(GUARD, McpToolProvider.builder().mcpClients(client).build());
    ScriptedChatModel model = new ScriptedChatModel(
        AiMessage.from(List.of(
            call("r1", "read_file", "{\"path\":\"/srv/docs/handbook.md\"}"),
            call("r2", "read_file", "{\"path\":\"/etc/shadow\"}"),
            call("r3", "delete_file", "{\"path\":\"/srv/docs/handbook.md\"}"))),
        AiMessage.from("I read the handbook; the other two were refused."));
    String answer = AiServices.builder(Librarian.class).chatModel(model).toolProvider(governed).build()
        .chat("Read the handbook, the password file, then delete the handbook.");

    assertThat(answer).startsWith("I read the handbook");
    assertThat(client.executed).containsExactly("read_file {\"path\":\"/srv/docs/handbook.md\"}");
    List<ToolExecutionResultMessage> results = model.toolResults();
    assertThat(results).extracting(ToolExecutionResultMessage::id).containsExactly("r1", "r2", "r3");
    assertThat(results.get(0).text()).startsWith("contents of");
    assertThat(results.get(1).text()).startsWith("DENIED by Lexecon: the call to 'read_file'");
    assertThat(results.get(2).text()).startsWith("DENIED by Lexecon: the call to 'delete_file'")
        .contains("rel_1");
  }

  @Test
  @DisplayName("the same gate works through McpToolProvider's own tool wrapper")
  void toolWrapper() {
    ScriptedMcpClient client = new ScriptedMcpClient();
    McpToolProvider provider = McpToolProvider.builder().mcpClients(client)
        .toolWrapper(executor -> LexeconTools.govern(GUARD, executor)).build();
    ToolProviderResult tools = provider.provideTools(new ToolProviderRequest("m",
        dev.langchain4j.data.message.UserMessage.from("hi")));
    ToolExecutor delete = executor(tools, "delete_file");
    String text = delete.execute(call("d1", "delete_file", "{\"path\":\"/x\"}"), "m");
    assertThat(text).startsWith("DENIED by Lexecon");
    assertThat(client.executed).isEmpty();
  }

  @Test
  @DisplayName("specifications and return behaviour pass through; governed tools are not wrapped twice")
  void passThrough() {
    ToolSpecification spec = ScriptedMcpClient.tool("read_file");
    ToolExecutor raw = (request, memoryId) -> "raw";
    ToolProvider provider = request -> ToolProviderResult.builder().add(
        AiServiceTool.builder().toolSpecification(spec).toolExecutor(raw).returnBehavior(ReturnBehavior.IMMEDIATE).build()).build();
    ToolProvider governed = LexeconTools.govern(GUARD, provider);
    assertThat(LexeconTools.govern(GUARD, governed)).isSameAs(governed);
    ToolProviderResult result = governed.provideTools(new ToolProviderRequest("m",
        dev.langchain4j.data.message.UserMessage.from("hi")));
    assertThat(result.aiServiceTools()).singleElement().satisfies(t -> {
      assertThat(t.toolSpecification()).isEqualTo(spec);
      assertThat(t.returnBehavior()).isEqualTo(ReturnBehavior.IMMEDIATE);
    });
    ToolExecutor executor = executor(result, "read_file");
    assertThat(executor).isInstanceOf(GovernedToolExecutor.class);
    assertThat(LexeconTools.govern(GUARD, executor)).isSameAs(executor);
    assertThat(executor.execute(call("x", "read_file", "{\"path\":\"/srv/docs/a\"}"), "m")).isEqualTo("raw");
    ToolExecutionResult refused = executor.executeWithContext(
        call("y", "read_file", "{\"path\":\"/tmp/a\"}"), null);
    assertThat(refused.isError()).isTrue();
    assertThat(refused.resultText()).startsWith("DENIED by Lexecon");
  }

  static ToolExecutor executor(ToolProviderResult result, String name) {
    return result.aiServiceTools().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow().toolExecutor();
  }

  @Test
  @DisplayName("tool maps keep their order and objects without @Tool methods are rejected")
  void maps() {
    ToolSpecification a = ScriptedMcpClient.tool("read_file");
    ToolSpecification b = ScriptedMcpClient.tool("delete_file");
    Map<ToolSpecification, ToolExecutor> raw = new java.util.LinkedHashMap<>();
    raw.put(a, (r, m) -> "a");
    raw.put(b, (r, m) -> "b");
    assertThat(LexeconTools.govern(GUARD, raw).keySet()).containsExactly(a, b);
    assertThatThrownBy(() -> LexeconTools.fromObjects(GUARD, new Object()))
        .hasMessageContaining("has no method annotated with @Tool");
  }
}

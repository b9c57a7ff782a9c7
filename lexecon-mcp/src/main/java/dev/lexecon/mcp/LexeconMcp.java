package dev.lexecon.mcp;

import dev.lexecon.toolcall.ToolCall;
import dev.lexecon.toolcall.ToolCallGuard;
import dev.lexecon.toolcall.ToolCallVerdict;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * Governs the tools of an MCP server built with the MCP Java SDK: every {@code tools/call} is
 * decided by Lexecon before the tool's handler runs.
 *
 * <pre>{@code
 * ToolCallGuard guard = ToolCallGuard.forActor(lexecon, "mcp_client:claude_desktop");
 * McpServer.sync(transport)
 *     .tools(LexeconMcp.govern(guard, transferTool))   // a SyncToolSpecification
 *     .build();
 * }</pre>
 *
 * An allowed call runs the handler unchanged. Otherwise the handler does not run and the client
 * receives a {@link CallToolResult} with one text content explaining why: {@code isError: true}
 * for a denial, unmet obligations, invalid arguments or a refusal; {@code isError: false} for a
 * pending escalation. In MCP, a tool error is a result the model reads, not a protocol error, which
 * is exactly what a governed denial should be.
 *
 * <p>The arguments map of the request (already parsed by the SDK) is what policy conditions see
 * as {@code args.*}. MCP requests carry no call id that reaches the handler, so {@link
 * ToolCall#callId()} is {@code null}.
 *
 * <p>All methods are static and thread-safe; the returned handlers are thread-safe when the
 * wrapped ones are.
 *
 * @since 0.1
 */
public final class LexeconMcp {
  private LexeconMcp() {}

  /** The same tool with its handler governed. */
  public static McpServerFeatures.SyncToolSpecification govern(
      ToolCallGuard guard, McpServerFeatures.SyncToolSpecification tool) {
    Objects.requireNonNull(tool, "tool");
    return new McpServerFeatures.SyncToolSpecification(tool.tool(), governHandler(guard, tool.callHandler()));
  }

  /**
   * The same tool with its handler governed. The decision is made when the returned {@link Mono}
   * is subscribed, on the subscribing thread: in memory it takes microseconds; with a durable
   * ledger that blocks on commit, subscribe on a scheduler that may block.
   */
  public static McpServerFeatures.AsyncToolSpecification govern(
      ToolCallGuard guard, McpServerFeatures.AsyncToolSpecification tool) {
    Objects.requireNonNull(tool, "tool");
    return new McpServerFeatures.AsyncToolSpecification(
        tool.tool(), governAsyncHandler(guard, tool.callHandler()));
  }

  /** A synchronous call handler that decides first; see the class documentation. */
  public static BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> governHandler(
      ToolCallGuard guard, BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(handler, "handler");
    return (exchange, request) -> {
      ToolCallVerdict verdict = guard.check(toolCall(request));
      return verdict.proceed() ? handler.apply(exchange, request) : result(verdict);
    };
  }

  /** An asynchronous call handler that decides first; see {@link #govern(ToolCallGuard, McpServerFeatures.AsyncToolSpecification)}. */
  public static BiFunction<McpAsyncServerExchange, CallToolRequest, Mono<CallToolResult>> governAsyncHandler(
      ToolCallGuard guard,
      BiFunction<McpAsyncServerExchange, CallToolRequest, Mono<CallToolResult>> handler) {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(handler, "handler");
    return (exchange, request) -> Mono.fromCallable(() -> guard.check(toolCall(request)))
        .flatMap(verdict -> verdict.proceed() ? handler.apply(exchange, request) : Mono.just(result(verdict)));
  }

  /** The call as Lexecon sees it: the tool's name and the request's arguments. */
  public static ToolCall toolCall(CallToolRequest request) {
    Map<String, Object> arguments = request.arguments();
    return new ToolCall(request.name(), arguments == null ? Map.of() : arguments, null);
  }

  /** The result a client receives instead of the tool's: the verdict's text. */
  static CallToolResult result(ToolCallVerdict verdict) {
    return CallToolResult.builder().addTextContent(verdict.message()).isError(verdict.isError()).build();
  }
}

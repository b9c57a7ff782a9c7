package dev.lexecon.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.lexecon.toolcall.ToolCallGuard;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Governs LangChain4j tools: every call is decided by Lexecon before it runs. Pick the form that
 * matches how the agent gets its tools:
 *
 * <pre>{@code
 * ToolCallGuard guard = ToolCallGuard.forActor(lexecon, "ai_agent:assistant");
 *
 * Assistant agent = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .tools(LexeconTools.fromObjects(guard, new BankingTools()))   // @Tool methods
 *     .toolProvider(LexeconTools.govern(guard, mcpToolProvider))      // e.g. McpToolProvider
 *     .build();
 * }</pre>
 *
 * An allowed call runs unchanged. A denied, conditional, refused or malformed call returns an
 * error tool result whose text says why; an escalated call returns a pending (non-error) result.
 * The model reads these like any tool output, so the conversation continues. A tool that is already
 * governed is not wrapped twice (one call, one decision).
 *
 * <p>All methods are static and thread-safe; the returned objects are thread-safe when what they
 * wrap is.
 *
 * @since 0.1
 */
public final class LexeconTools {
  private LexeconTools() {}

  /** Governs one executor. */
  public static GovernedToolExecutor govern(ToolCallGuard guard, ToolExecutor executor) {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(executor, "executor");
    return executor instanceof GovernedToolExecutor governed
        ? governed
        : new GovernedToolExecutor(guard, executor);
  }

  /** Governs every executor of a tool map, keeping its order; for {@code AiServices.tools(Map)}. */
  public static Map<ToolSpecification, ToolExecutor> govern(
      ToolCallGuard guard, Map<ToolSpecification, ToolExecutor> tools) {
    Objects.requireNonNull(tools, "tools");
    Map<ToolSpecification, ToolExecutor> out = new LinkedHashMap<>();
    tools.forEach((spec, executor) -> out.put(spec, govern(guard, executor)));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Governs every tool a provider supplies, for {@code AiServices.toolProvider(...)}: wrap an
   * {@code McpToolProvider} to gate the tools of MCP servers. (Equivalently, {@code
   * McpToolProvider.builder().toolWrapper(e -> LexeconTools.govern(guard, e))}.)
   */
  public static ToolProvider govern(ToolCallGuard guard, ToolProvider provider) {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(provider, "provider");
    return provider instanceof GovernedToolProvider ? provider : new GovernedToolProvider(guard, provider);
  }

  /**
   * The {@code @Tool} methods of {@code toolObjects}, governed, as a map for {@code
   * AiServices.tools(Map)}: what {@code AiServices.tools(Object...)} would register, each call
   * decided first.
   *
   * @throws IllegalArgumentException when an object has no {@code @Tool} method or two tools share
   *     a name
   */
  public static Map<ToolSpecification, ToolExecutor> fromObjects(ToolCallGuard guard, Object... toolObjects) {
    Objects.requireNonNull(guard, "guard");
    Map<ToolSpecification, ToolExecutor> out = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (Object object : toolObjects) {
      Objects.requireNonNull(object, "tool object");
      boolean found = false;
      Method[] methods = object.getClass().getDeclaredMethods();
      // getDeclaredMethods has no defined order; sort so tool order is stable run to run.
      Arrays.sort(methods, Comparator.comparing(Method::getName));
      for (Method method : methods) {
        if (!method.isAnnotationPresent(Tool.class)) {
          continue;
        }
        found = true;
        ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
        if (!names.add(spec.name())) {
          throw new IllegalArgumentException("two tools are named '" + spec.name() + "'");
        }
        out.put(spec, govern(guard, new DefaultToolExecutor(object, method)));
      }
      if (!found) {
        throw new IllegalArgumentException(
            object.getClass().getName() + " has no method annotated with @Tool");
      }
    }
    return Collections.unmodifiableMap(out);
  }
}

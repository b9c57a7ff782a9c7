package dev.lexecon.langchain4j;

import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.lexecon.toolcall.ToolCallGuard;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ToolProvider} whose tools are governed: the wrapped provider (an {@code
 * McpToolProvider}, say) chooses the tools, and each executor it returns is wrapped in a {@link
 * GovernedToolExecutor}. Each tool's specification, return behaviour and immediate-return flag
 * pass through unchanged (copied with {@code AiServiceTool.toBuilder()}). Thread-safe when the wrapped provider is.
 */
final class GovernedToolProvider implements ToolProvider {
  private final ToolCallGuard guard;
  private final ToolProvider delegate;

  GovernedToolProvider(ToolCallGuard guard, ToolProvider delegate) {
    this.guard = guard;
    this.delegate = delegate;
  }

  @Override
  public @Nullable ToolProviderResult provideTools(ToolProviderRequest request) {
    ToolProviderResult provided = delegate.provideTools(request);
    if (provided == null) {
      return null;
    }
    ToolProviderResult.Builder governed = ToolProviderResult.builder();
    for (AiServiceTool tool : provided.aiServiceTools()) {
      governed.add(tool.toBuilder()
          .toolExecutor(LexeconTools.govern(guard, tool.toolExecutor()))
          .build());
    }
    return governed.build();
  }

  @Override
  public boolean isDynamic() {
    return delegate.isDynamic();
  }
}

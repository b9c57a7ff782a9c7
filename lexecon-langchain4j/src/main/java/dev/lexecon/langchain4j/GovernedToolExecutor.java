package dev.lexecon.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.lexecon.toolcall.ToolCallGuard;
import dev.lexecon.toolcall.ToolCallVerdict;
import java.util.Objects;

/**
 * A {@link ToolExecutor} that asks Lexecon before delegating. An allowed call runs the wrapped
 * executor unchanged; any other verdict returns its text as the tool result instead (flagged as an
 * error for denials, unmet obligations, invalid arguments and refusals; not for a pending
 * escalation), so the model reads why and the agent loop goes on. Nothing is thrown for a denial.
 *
 * <p>Create one with {@link LexeconTools#govern(ToolCallGuard, ToolExecutor)}. Thread-safe when
 * the wrapped executor is: LangChain4j may run several tool calls of one response in parallel.
 *
 * @since 0.1
 */
public final class GovernedToolExecutor implements ToolExecutor {
  private final ToolCallGuard guard;
  private final ToolExecutor delegate;

  GovernedToolExecutor(ToolCallGuard guard, ToolExecutor delegate) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The executor that runs allowed calls. */
  public ToolExecutor delegate() {
    return delegate;
  }

  /** Decides the call; see {@link ToolCallGuard#check}. */
  public ToolCallVerdict verdict(ToolExecutionRequest request) {
    return guard.checkJson(request.name(), request.arguments(), request.id());
  }

  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    ToolCallVerdict verdict = verdict(request);
    return verdict.proceed() ? delegate.execute(request, memoryId) : verdict.message();
  }

  @Override
  public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
    ToolCallVerdict verdict = verdict(request);
    if (verdict.proceed()) {
      return delegate.executeWithContext(request, context);
    }
    return ToolExecutionResult.builder()
        .isError(verdict.isError())
        .resultText(verdict.message())
        .build();
  }
}

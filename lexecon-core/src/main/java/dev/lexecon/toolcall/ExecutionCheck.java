package dev.lexecon.toolcall;

import dev.lexecon.api.Decision;
import org.jspecify.annotations.Nullable;

/**
 * A last check between an allowed decision and the tool running, for what only the application
 * knows: a budget left for today, a tool that is down for maintenance, a per-user switch. It runs
 * only when the decision allows the call (after the capability token check of {@link
 * ToolCallGuard.Builder#verifyTokens}, when that is on), on the thread that will run the tool.
 *
 * <pre>{@code
 * ExecutionCheck budget = (call, decision) ->
 *     spentToday.get() < dailyBudget ? null : "today's tool budget is spent";
 * }</pre>
 *
 * Implementations must be thread-safe. An exception propagates to the framework, which reports
 * it as a failed tool call; the tool does not run.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ExecutionCheck {

  /**
   * Returns {@code null} to let the tool run, or why it must not (sent to the model as an error
   * result).
   */
  @Nullable String refusal(ToolCall call, Decision decision);

  /** A check that lets every allowed call run. */
  static ExecutionCheck none() {
    return (call, decision) -> null;
  }
}

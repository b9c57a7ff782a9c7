package dev.lexecon.toolcall;

import dev.lexecon.api.Decision;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ToolCallGuard} says about one tool call: run it, or answer the model with {@link
 * #message()} instead. Adapters map {@link #isError()} onto their framework's error flag (a
 * LangChain4j error tool result, an MCP {@code isError} result). Immutable and thread-safe.
 *
 * @param call the call
 * @param status what to do with it
 * @param decision the decision, or {@code null} when the call was {@linkplain Status#INVALID
 *     invalid} and nothing was decided
 * @param message for every status but {@link Status#ALLOWED}: a text for the model that says what
 *     happened, why, and what to do next; empty when allowed
 * @since 0.1
 */
public record ToolCallVerdict(
    ToolCall call, Status status, @Nullable Decision decision, String message) {

  /** Validates that only an invalid call lacks a decision. */
  public ToolCallVerdict {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    if ((decision == null) != (status == Status.INVALID)) {
      throw new IllegalArgumentException("only an INVALID verdict has no decision, status was " + status);
    }
  }

  /** True when the tool should run now. */
  public boolean proceed() {
    return status == Status.ALLOWED;
  }

  /**
   * True when the result should be flagged as an error to the model: denied, conditional, invalid
   * or refused. A pending escalation is not an error; the call may still happen once a human
   * approves it.
   */
  public boolean isError() {
    return status != Status.ALLOWED && status != Status.PENDING;
  }

  /**
   * What happens to a tool call. Constants are immutable and thread-safe.
   *
   * @since 0.1
   */
  public enum Status {
    /** The decision was APPROVED and the pre-execution check passed: run the tool. */
    ALLOWED,
    /** The decision was DENIED. */
    DENIED,
    /** The decision was ESCALATED: a human must approve before the tool may run. */
    PENDING,
    /** The decision was CONDITIONAL: obligations must be met before the tool may run. */
    CONDITIONAL,
    /** The call could not be turned into a valid request (bad JSON, a violated limit). */
    INVALID,
    /** The decision was APPROVED but the {@link ExecutionCheck} refused the call. */
    REFUSED
  }
}

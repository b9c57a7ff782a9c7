package dev.lexecon.toolcall;

import dev.lexecon.api.Decision;
import org.jspecify.annotations.Nullable;

/**
 * A last check between an allowed decision and the tool running: the hook where a capability
 * token is verified against the call (its signature, expiry, and the digest of these exact
 * arguments, {@link ToolCall#argumentsDigest()}) once tokens are issued. It runs only when the
 * decision allows the call, on the thread that will run the tool.
 *
 * <pre>{@code
 * ExecutionCheck tokens = (call, decision) ->
 *     verifier.verify(decision, call.toolName(), call.argumentsDigest()).ok()
 *         ? null
 *         : "the capability token does not match this call";
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

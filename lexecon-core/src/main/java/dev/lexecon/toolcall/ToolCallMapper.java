package dev.lexecon.toolcall;

import dev.lexecon.api.DecisionRequest;
import java.util.Objects;

/**
 * Turns a {@link ToolCall} into the {@link DecisionRequest} Lexecon decides. The default, {@link
 * #forActor(String)}, is deliberately small:
 *
 * <ul>
 *   <li>actor: the one you name (the agent's identity, such as {@code ai_agent:assistant});
 *   <li>action and tool: the tool's name;
 *   <li>arguments: the call's arguments, so policy conditions read them as {@code args.*} ({@code
 *       args.amount <= 1000}, {@code args.to in trusted});
 *   <li>nothing else: no resource, data classes, context or user intent.
 * </ul>
 *
 * Write your own to add what the policy needs, starting from {@link #defaults(String, ToolCall)}:
 *
 * <pre>{@code
 * ToolCallMapper mapper = call -> ToolCallMapper.defaults("ai_agent:assistant", call)
 *     .dataClasses(call.toolName().startsWith("patient_") ? List.of("phi") : List.of())
 *     .context("tenant", tenantId)
 *     .build();
 * }</pre>
 *
 * Implementations must be thread-safe: frameworks run tools in parallel. A mapper may throw
 * {@link dev.lexecon.api.InvalidRequestException} (as {@link DecisionRequest.Builder#build()}
 * does); the guard turns it into an error result the model can read.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ToolCallMapper {

  /** The request to decide for {@code call}. */
  DecisionRequest toRequest(ToolCall call);

  /** The default mapping for one fixed actor; see the type's documentation. */
  static ToolCallMapper forActor(String actor) {
    Objects.requireNonNull(actor, "actor");
    return call -> defaults(actor, call).build();
  }

  /** A builder preset with the default mapping, to extend in a custom mapper. */
  static DecisionRequest.Builder defaults(String actor, ToolCall call) {
    return DecisionRequest.builder(actor, call.toolName())
        .tool(call.toolName())
        .arguments(call.arguments());
  }
}

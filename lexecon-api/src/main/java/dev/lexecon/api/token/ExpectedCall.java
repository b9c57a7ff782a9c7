package dev.lexecon.api.token;

import dev.lexecon.api.DecisionRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The tool call a tool executor is about to run, which a capability token must have been issued
 * for: same actor, action, tool and resource, and arguments with the same RFC 8785 digest. Build it
 * from what the executor will actually execute, not from the token.
 *
 * <p>Immutable and thread-safe as long as the argument values, which are copied shallowly, are
 * not changed while a verification runs.
 *
 * @param actor who acts; must equal the token's {@code sub}
 * @param action what it does; must equal {@code act}
 * @param tool the tool it runs; must equal {@code tool}
 * @param resource what it acts upon, or {@code null}; must equal {@code res} (both absent counts
 *     as equal)
 * @param arguments the tool-call arguments as a JSON-like map (maps, lists, strings, numbers,
 *     booleans, {@code null}); their canonical digest must equal {@code arg}
 * @since 0.1
 */
public record ExpectedCall(
    String actor,
    String action,
    String tool,
    @Nullable String resource,
    Map<String, @Nullable Object> arguments) {

  /** Checks the required fields and copies the argument map, keeping {@code null} values. */
  public ExpectedCall {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(tool, "tool");
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  /** The call a request describes: its actor, action, tool, resource and arguments. */
  public static ExpectedCall of(DecisionRequest request) {
    return new ExpectedCall(
        request.actor(), request.action(), request.tool(), request.resource(), request.arguments());
  }

  /** A call without arguments and without a resource. */
  public static ExpectedCall of(String actor, String action, String tool) {
    return new ExpectedCall(actor, action, tool, null, Map.of());
  }
}

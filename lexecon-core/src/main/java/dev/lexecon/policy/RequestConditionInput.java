package dev.lexecon.policy;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.policy.condition.ConditionInput;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolves condition paths against one request. The first segment picks the source: request
 * fields ({@code actor}, {@code action}, {@code tool}, {@code resource}, {@code user_intent},
 * {@code risk_level}, {@code data_classes}, {@code request_id}), {@code args.*} for tool-call
 * arguments, {@code context.*} for the context; any other name is looked up in the context, so
 * reference policies can write {@code trade_value > 1000000}.
 *
 * <p>Not thread-safe when {@linkplain #bind rebound}; the engine confines each such input to one
 * thread.
 */
final class RequestConditionInput implements ConditionInput {
  private static final Integer[] RISK_LEVELS = {0, 1, 2, 3, 4, 5};

  private @Nullable DecisionRequest request;

  RequestConditionInput(DecisionRequest request) {
    this.request = request;
  }

  /** An input to {@linkplain #bind bind} later: the engine reuses one per thread. */
  RequestConditionInput() {}

  /** Makes this input read {@code request}, or nothing ({@code null}) so as not to retain it. */
  void bind(@Nullable DecisionRequest request) {
    this.request = request;
  }

  static boolean isKnownRoot(String root) {
    switch (root) {
      case "actor":
      case "action":
      case "tool":
      case "resource":
      case "user_intent":
      case "risk_level":
      case "data_classes":
      case "request_id":
      case "args":
      case "context":
        return true;
      default:
        return false;
    }
  }

  @Override
  public @Nullable Object resolve(String[] path) {
    DecisionRequest request = this.request;
    if (request == null) {
      throw new IllegalStateException("not bound to a request");
    }
    String head = path[0];
    switch (head) {
      case "actor":
        return field(path, request.actor());
      case "action":
        return field(path, request.action());
      case "tool":
        return field(path, request.tool());
      case "resource":
        return field(path, request.resource());
      case "user_intent":
        return field(path, request.userIntent());
      case "request_id":
        return field(path, request.requestId());
      case "risk_level":
        return field(path, RISK_LEVELS[request.riskLevel()]);
      case "data_classes":
        return field(path, request.dataClasses());
      case "args":
        return walk(request.arguments(), path, 1);
      case "context":
        return walk(request.context(), path, 1);
      default:
        return walk(request.context(), path, 0);
    }
  }

  private static @Nullable Object field(String[] path, @Nullable Object value) {
    if (path.length != 1 || value == null) {
      return ABSENT;
    }
    return value;
  }

  private static @Nullable Object walk(Map<String, @Nullable Object> root, String[] path, int from) {
    Object current = root;
    for (int i = from; i < path.length; i++) {
      if (!(current instanceof Map<?, ?> map)) {
        return ABSENT;
      }
      // One lookup in the common case; containsKey only to tell a JSON null from a missing key.
      Object next = map.get(path[i]);
      if (next == null && !map.containsKey(path[i])) {
        return ABSENT;
      }
      current = next;
    }
    return current;
  }
}

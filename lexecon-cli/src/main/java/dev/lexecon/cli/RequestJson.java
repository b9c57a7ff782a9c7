package dev.lexecon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.PolicyMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A decision request in JSON, with the snake_case member names of the ledger's {@code request}
 * payload:
 *
 * <pre>{@code
 * {"actor": "trading_algorithm:momentum-1", "action": "place_order", "tool": "place_order",
 *  "user_intent": "...", "data_classes": ["financial"], "risk_level": 3, "resource": "...",
 *  "mode": "strict", "request_id": "...", "context": {...}, "arguments": {...}}
 * }</pre>
 *
 * Only {@code actor} and {@code action} are required; {@code args} is accepted for {@code
 * arguments}, as policies name them. Unknown members are errors, so a misspelt {@code
 * "contxt"} cannot silently drop facts a policy needs. Every problem is reported at once.
 */
final class RequestJson {
  private static final Set<String> MEMBERS =
      Set.of("actor", "action", "tool", "user_intent", "data_classes", "risk_level", "resource",
          "mode", "request_id", "context", "arguments", "args");

  private RequestJson() {}

  /**
   * Builds the request.
   *
   * @throws InvalidRequestException listing every violated member
   */
  static DecisionRequest parse(JsonNode root) {
    List<FieldViolation> violations = new ArrayList<>();
    if (!root.isObject()) {
      throw new InvalidRequestException(
          List.of(new FieldViolation("$", "a request must be a JSON object")));
    }
    Set<String> unknown = new TreeSet<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!MEMBERS.contains(name)) {
        unknown.add(name);
      }
    }
    for (String name : unknown) {
      violations.add(new FieldViolation(name, "is not a request member; known members: "
          + new TreeSet<>(MEMBERS)));
    }
    if (root.has("args") && root.has("arguments")) {
      violations.add(new FieldViolation("args", "give either args or arguments, not both"));
    }
    String actor = text(root, "actor", violations);
    String action = text(root, "action", violations);
    DecisionRequest.Builder b = DecisionRequest.builder(actor == null ? "" : actor,
        action == null ? "" : action);
    String tool = text(root, "tool", violations);
    if (tool != null) {
      b.tool(tool);
    }
    b.userIntent(text(root, "user_intent", violations));
    b.resource(text(root, "resource", violations));
    b.requestId(text(root, "request_id", violations));
    JsonNode classes = root.get("data_classes");
    if (classes != null && !classes.isNull()) {
      if (!classes.isArray()) {
        violations.add(new FieldViolation("data_classes", "must be an array of strings"));
      } else {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
          if (classes.get(i).isTextual()) {
            list.add(classes.get(i).asText());
          } else {
            violations.add(new FieldViolation("data_classes[" + i + "]", "must be a string"));
          }
        }
        b.dataClasses(list);
      }
    }
    JsonNode risk = root.get("risk_level");
    if (risk != null && !risk.isNull()) {
      if (risk.isIntegralNumber() && risk.canConvertToInt()) {
        b.riskLevel(risk.intValue());
      } else {
        violations.add(new FieldViolation("risk_level", "must be an integer from 1 to 5"));
      }
    }
    String mode = text(root, "mode", violations);
    if (mode != null) {
      try {
        b.mode(PolicyMode.valueOf(mode.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        violations.add(new FieldViolation("mode", "is '" + mode
            + "'; must be strict, permissive or paranoid"));
      }
    }
    Map<String, @Nullable Object> context = object(root, "context", violations);
    if (context != null) {
      b.context(context);
    }
    Map<String, @Nullable Object> args = object(root, root.has("args") ? "args" : "arguments",
        violations);
    if (args != null) {
      b.arguments(args);
    }
    DecisionRequest request;
    try {
      request = b.build();
    } catch (InvalidRequestException e) {
      // Members the JSON already reported (a missing actor is "" to the builder) are not repeated.
      for (FieldViolation v : e.violations()) {
        if (violations.stream().noneMatch(o -> o.field().equals(v.field()))) {
          violations.add(v);
        }
      }
      throw new InvalidRequestException(violations);
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return request;
  }

  private static @Nullable String text(JsonNode root, String name, List<FieldViolation> violations) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      if (name.equals("actor") || name.equals("action")) {
        violations.add(new FieldViolation(name, "is required"));
      }
      return null;
    }
    if (!n.isTextual()) {
      violations.add(new FieldViolation(name, "must be a string"));
      return null;
    }
    return n.asText();
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Map<String, @Nullable Object> object(
      JsonNode root, String name, List<FieldViolation> violations) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      violations.add(new FieldViolation(name, "must be a JSON object"));
      return null;
    }
    return (Map<String, @Nullable Object>) Json.toJava(n);
  }
}

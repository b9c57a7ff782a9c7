package dev.lexecon.toolcall;

import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.json.Jcs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One tool call an agent wants to make, as a framework hands it over: the tool's name, its
 * arguments as a JSON object, and the framework's id for the call.
 *
 * <p>Immutable and thread-safe (the arguments map is an unmodifiable copy; nested values are
 * shared, as JSON parsers produce them fresh per call).
 *
 * @param toolName the tool's name, such as {@code send_email}
 * @param arguments the arguments: maps, lists, strings, numbers, booleans and {@code null}
 * @param callId the framework's id for this call (LangChain4j's tool execution request id), or
 *     {@code null}
 * @since 0.1
 */
public record ToolCall(
    String toolName, Map<String, @Nullable Object> arguments, @Nullable String callId) {

  /** Copies the arguments. */
  public ToolCall {
    Objects.requireNonNull(toolName, "toolName");
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  /**
   * A call whose arguments arrive as JSON text, as models write them. Numbers are read exactly
   * ({@code Long}, {@code BigInteger}, {@code BigDecimal}), so {@code 10000000.01} stays {@code
   * 10000000.01}. {@code null}, empty or blank text means no arguments.
   *
   * @throws InvalidRequestException when the text is not a JSON object; the message says where
   */
  public static ToolCall fromJson(String toolName, @Nullable String argumentsJson, @Nullable String callId) {
    if (argumentsJson == null || argumentsJson.isBlank()) {
      return new ToolCall(toolName, Map.of(), callId);
    }
    Object parsed;
    try {
      parsed = Jcs.parse(argumentsJson);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          List.of(new FieldViolation("args", "is not valid JSON: " + e.getMessage())));
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new InvalidRequestException(List.of(new FieldViolation("args",
          "must be a JSON object, was " + (parsed == null ? "null" : parsed instanceof List<?> ? "an array" : "a "
              + (parsed instanceof String ? "string" : parsed instanceof Boolean ? "boolean" : "number")))));
    }
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> args = (Map<String, @Nullable Object>) map;
    return new ToolCall(toolName, args, callId);
  }

  /**
   * Lowercase hex SHA-256 of the arguments' RFC 8785 canonical JSON (numbers a double cannot
   * carry exactly are written as strings first, see {@link Jcs#normalizeNumbers}). Equal argument
   * values give equal digests whatever their key order. It equals {@link
   * dev.lexecon.token.TokenVerifier#argumentsDigest}, the {@code arg} claim of the capability token
   * issued for the decision, so the executor can refuse a call whose arguments changed after the
   * decision ({@link ToolCallGuard.Builder#verifyTokens}).
   *
   * @throws IllegalArgumentException when an argument is not a JSON value
   */
  public String argumentsDigest() {
    return Jcs.sha256Hex(Jcs.normalizeNumbers(arguments));
  }
}

package dev.lexecon.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an agent wants to do, asked before it does it: who (actor), what (action, tool), on what
 * (resource, data classes), why (user intent), how risky it claims to be, and any context or
 * tool-call arguments the policy's conditions may read (as {@code context.*} and {@code args.*}).
 *
 * <p>Construction validates every limit in {@link RequestLimits} at once and throws {@link
 * InvalidRequestException} listing all violations; a request that exists is valid. Context and
 * arguments are deep-copied into unmodifiable maps (JSON {@code null} values are kept, because tool
 * arguments often carry them). Build one with {@link #builder(String, String)}.
 *
 * @param actor who acts, for example {@code ai_agent:assistant}; 1–255 characters of {@code
 *     [A-Za-z0-9_\-.@:]}
 * @param action what it does, 1–255 characters
 * @param tool the tool it calls, 1–100 characters when given; defaults to the action
 * @param userIntent what the user asked for, up to 500 characters, or {@code null}
 * @param dataClasses data classes involved ({@code pii}, {@code phi}, ...), at most 10
 * @param riskLevel the caller's own risk estimate, 1 (lowest) to 5
 * @param resource what is acted upon, or {@code null}
 * @param mode a policy mode for this request only, overriding the engine's, or {@code null}
 * @param requestId the caller's correlation id, or {@code null} to have one minted
 * @param context named facts about the request (flags, amounts, ...)
 * @param arguments the tool-call arguments, as the agent produced them
 * @since 0.1
 */
public record DecisionRequest(
    String actor,
    String action,
    String tool,
    @Nullable String userIntent,
    List<String> dataClasses,
    int riskLevel,
    @Nullable String resource,
    @Nullable PolicyMode mode,
    @Nullable String requestId,
    Map<String, @Nullable Object> context,
    Map<String, @Nullable Object> arguments) {

  private static final Pattern ACTOR = Pattern.compile(RequestLimits.ACTOR_PATTERN);
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_\\-.:]+");

  /** Validates every field at once; see {@link RequestLimits}. */
  public DecisionRequest {
    List<FieldViolation> violations = new ArrayList<>(2);
    checkText(violations, "actor", actor, RequestLimits.MAX_ACTOR_LENGTH, true);
    if (actor != null && !actor.isEmpty() && !ACTOR.matcher(actor).matches()) {
      violations.add(
          new FieldViolation(
              "actor", "contains characters outside " + RequestLimits.ACTOR_PATTERN));
    }
    checkText(violations, "action", action, RequestLimits.MAX_ACTION_LENGTH, true);
    if (tool == null) {
      // A defaulted tool is the action itself: the action's own check covers it, and a long
      // action must not surface as a confusing error about a tool nobody named.
      tool = action;
    } else {
      checkText(violations, "tool", tool, RequestLimits.MAX_TOOL_LENGTH, true);
    }
    checkText(violations, "user_intent", userIntent, RequestLimits.MAX_USER_INTENT_LENGTH, false);
    checkText(violations, "resource", resource, RequestLimits.MAX_RESOURCE_LENGTH, false);
    checkText(violations, "request_id", requestId, RequestLimits.MAX_REQUEST_ID_LENGTH, false);
    if (requestId != null && !requestId.isEmpty() && !REQUEST_ID.matcher(requestId).matches()) {
      violations.add(new FieldViolation("request_id", "contains characters outside [A-Za-z0-9_\\-.:]"));
    }
    dataClasses = JsonValues.copyStrings(dataClasses);
    if (dataClasses.size() > RequestLimits.MAX_DATA_CLASSES) {
      violations.add(
          new FieldViolation(
              "data_classes",
              "has "
                  + dataClasses.size()
                  + " entries; at most "
                  + RequestLimits.MAX_DATA_CLASSES
                  + " allowed"));
    }
    for (int i = 0; i < dataClasses.size(); i++) {
      checkText(
          violations,
          "data_classes[" + i + "]",
          dataClasses.get(i),
          RequestLimits.MAX_DATA_CLASS_LENGTH,
          true);
    }
    if (riskLevel < RequestLimits.MIN_RISK_LEVEL || riskLevel > RequestLimits.MAX_RISK_LEVEL) {
      violations.add(
          new FieldViolation(
              "risk_level",
              "is "
                  + riskLevel
                  + "; must be between "
                  + RequestLimits.MIN_RISK_LEVEL
                  + " and "
                  + RequestLimits.MAX_RISK_LEVEL));
    }
    context = JsonValues.copyChecked("context", context, violations);
    arguments = JsonValues.copyChecked("args", arguments, violations);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
  }

  private static void checkText(
      List<FieldViolation> violations,
      String field,
      @Nullable String value,
      int maxLength,
      boolean required) {
    if (value == null) {
      if (required) {
        violations.add(new FieldViolation(field, "is required"));
      }
      return;
    }
    if (value.isEmpty()) {
      violations.add(new FieldViolation(field, "must not be empty"));
    } else if (value.length() > maxLength) {
      violations.add(
          new FieldViolation(
              field,
              "is " + value.length() + " characters long; at most " + maxLength + " allowed"));
    }
  }

  /**
   * Starts a request for the two fields every request needs. The builder reports a {@code null}
   * or invalid value as a violation when {@link Builder#build()} runs, together with any others.
   */
  public static Builder builder(String actor, String action) {
    return new Builder(actor, action);
  }

  /** Returns a builder preset with this request's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(actor, action);
    b.tool = tool;
    b.userIntent = userIntent;
    b.dataClasses.addAll(dataClasses);
    b.riskLevel = riskLevel;
    b.resource = resource;
    b.mode = mode;
    b.requestId = requestId;
    b.context.putAll(context);
    b.arguments.putAll(arguments);
    return b;
  }

  /**
   * Collects the optional fields of a {@link DecisionRequest}. Not thread-safe; {@link #build()}
   * may be called more than once and each call validates afresh.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final @Nullable String actor;
    private final @Nullable String action;
    private @Nullable String tool;
    private @Nullable String userIntent;
    private final List<String> dataClasses = new ArrayList<>(2);
    private int riskLevel = RequestLimits.MIN_RISK_LEVEL;
    private @Nullable String resource;
    private @Nullable PolicyMode mode;
    private @Nullable String requestId;
    private final Map<String, @Nullable Object> context = new LinkedHashMap<>();
    private final Map<String, @Nullable Object> arguments = new LinkedHashMap<>();

    private Builder(@Nullable String actor, @Nullable String action) {
      this.actor = actor;
      this.action = action;
    }

    /** The tool the agent calls; defaults to the action. */
    public Builder tool(String tool) {
      this.tool = tool;
      return this;
    }

    /** What the user asked for, in their words (may be personal data; see the ledger format). */
    public Builder userIntent(@Nullable String userIntent) {
      this.userIntent = userIntent;
      return this;
    }

    /** Adds data classes involved in the action, such as {@code pii} or {@code financial}. */
    public Builder dataClasses(String... dataClasses) {
      this.dataClasses.addAll(Arrays.asList(dataClasses));
      return this;
    }

    /** Adds data classes involved in the action. */
    public Builder dataClasses(List<String> dataClasses) {
      this.dataClasses.addAll(dataClasses);
      return this;
    }

    /** The caller's own risk estimate from 1 (default) to 5. */
    public Builder riskLevel(int riskLevel) {
      this.riskLevel = riskLevel;
      return this;
    }

    /** What the action is performed on. */
    public Builder resource(@Nullable String resource) {
      this.resource = resource;
      return this;
    }

    /** A policy mode for this request only. */
    public Builder mode(@Nullable PolicyMode mode) {
      this.mode = mode;
      return this;
    }

    /** The caller's correlation id; one is minted when absent. */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    /** Adds all entries to the context that conditions read as {@code context.*} or bare names. */
    public Builder context(Map<String, ?> context) {
      this.context.putAll(context);
      return this;
    }

    /** Adds one context entry. */
    public Builder context(String key, @Nullable Object value) {
      this.context.put(key, value);
      return this;
    }

    /** Adds the tool-call arguments that conditions read as {@code args.*}. */
    public Builder arguments(Map<String, ?> arguments) {
      this.arguments.putAll(arguments);
      return this;
    }

    /** Adds one tool-call argument. */
    public Builder argument(String name, @Nullable Object value) {
      this.arguments.put(name, value);
      return this;
    }

    /**
     * Validates and builds the request.
     *
     * @throws InvalidRequestException listing every violated limit
     */
    public DecisionRequest build() {
      return new DecisionRequest(
          actor,
          action,
          tool,
          userIntent,
          dataClasses,
          riskLevel,
          resource,
          mode,
          requestId,
          context,
          arguments);
    }
  }
}

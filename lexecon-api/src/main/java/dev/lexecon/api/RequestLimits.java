package dev.lexecon.api;

/**
 * The limits every {@link DecisionRequest} must respect (those of the reference API). Requests
 * that break one are refused with {@link InvalidRequestException} before anything is evaluated.
 *
 * @since 0.1
 */
public final class RequestLimits {
  /** Longest actor id, in characters. Actors match {@value #ACTOR_PATTERN}. */
  public static final int MAX_ACTOR_LENGTH = 255;
  /** Characters allowed in an actor id. */
  public static final String ACTOR_PATTERN = "[A-Za-z0-9_\\-.@:]+";
  /** Longest action, in characters. */
  public static final int MAX_ACTION_LENGTH = 255;
  /** Longest tool name, in characters. */
  public static final int MAX_TOOL_LENGTH = 100;
  /** Longest user intent, in characters. */
  public static final int MAX_USER_INTENT_LENGTH = 500;
  /** Most data classes one request may carry. */
  public static final int MAX_DATA_CLASSES = 10;
  /** Longest data class name, in characters. */
  public static final int MAX_DATA_CLASS_LENGTH = 100;
  /** Longest resource, in characters. */
  public static final int MAX_RESOURCE_LENGTH = 1024;
  /** Longest caller-supplied request id, in characters. */
  public static final int MAX_REQUEST_ID_LENGTH = 128;
  /** Lowest request risk level. */
  public static final int MIN_RISK_LEVEL = 1;
  /** Highest request risk level. */
  public static final int MAX_RISK_LEVEL = 5;
  /**
   * Deepest nesting of the context and of the tool arguments: the top-level map is level 1 and
   * every nested map or list adds one.
   */
  public static final int MAX_CONTEXT_DEPTH = 5;
  /** Largest context (and, separately, argument map) serialized as compact UTF-8 JSON, in bytes. */
  public static final int MAX_CONTEXT_BYTES = 64 * 1024;

  private RequestLimits() {}
}

package dev.lexecon.api;

/**
 * How a policy treats requests that no relation permits, and how eagerly it escalates.
 *
 * <p>Precedence when several are given: the request's mode, then the builder's, then the policy
 * file's; a policy without a mode is {@link #STRICT}.
 *
 * @since 0.1
 */
public enum PolicyMode {
  /** Default deny: a request that no relation permits is DENIED. */
  STRICT,
  /** Default allow: a request that no relation forbids is APPROVED (obligations still apply). */
  PERMISSIVE,
  /**
   * Default deny, and in addition high-risk requests (request risk level 4 or 5, or HIGH assessed
   * risk) are ESCALATED to a human even when a relation permits them.
   */
  PARANOID
}

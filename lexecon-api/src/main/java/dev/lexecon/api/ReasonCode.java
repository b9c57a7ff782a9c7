package dev.lexecon.api;

/**
 * Why a {@link Reason} contributed to a decision. Stable identifiers, safe to match on.
 *
 * @since 0.1
 */
public enum ReasonCode {
  /** A {@code forbids} relation applied; forbid overrides permit. */
  FORBIDDEN,
  /** A {@code permits} relation applied. */
  PERMITTED,
  /** A {@code requires} relation applied and its obligation is not met by the request. */
  OBLIGATION_UNMET,
  /** A {@code requires} relation applied and its obligation can only be met by a human. */
  HUMAN_CONFIRMATION_REQUIRED,
  /** No relation permits the request and the mode denies by default (STRICT, PARANOID). */
  DEFAULT_DENY,
  /** No relation permits or forbids the request and the mode is PERMISSIVE. */
  DEFAULT_PERMIT,
  /** A policy-level constraint's condition held and its action tightened the outcome. */
  CONSTRAINT,
  /** The request is high risk and the mode escalates it to a human. */
  RISK_ESCALATION,
  /**
   * A domain plugin's rule held (for example a finance order limit); {@link Reason#ruleId()} names
   * the rule as {@code <plugin>.<rule>}. Domain rules only ever tighten a decision.
   */
  DOMAIN_RULE,
  /**
   * A halt (the stop switch) covers the request; {@link Reason#ruleId()} names the halt ({@code
   * hlt_<ULID>}). Whatever the policy says, the decision is DENIED.
   */
  HALTED
}

package dev.lexecon.api.domain;

import dev.lexecon.api.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One domain rule that held for a request, and what it does to the decision: deny it, escalate it
 * to a human, or make it conditional on obligations. Returned by {@link DomainPlugin#check}; the
 * engine turns each into a {@link dev.lexecon.api.Reason} with code {@link
 * dev.lexecon.api.ReasonCode#DOMAIN_RULE} whose rule id is {@link #ruleId()}.
 *
 * <p>A ruling is a value, not an exception: "orders above $10,000,000 are rejected" is a DENIED
 * ruling, and the decision explains it. Rulings only tighten a decision; there is no approving
 * ruling, so a plugin can never loosen what the policy said. Immutable and thread-safe.
 *
 * @param ruleId {@code <plugin name>.<rule>}, such as {@code finance.order_value_limit}
 * @param outcome {@link Outcome#DENIED}, {@link Outcome#ESCALATED} or {@link Outcome#CONDITIONAL}
 * @param message a sentence an auditor (or a model reading a tool result) can act on
 * @param obligations what must be met first: at least one for CONDITIONAL and ESCALATED (such as
 *     {@code patient_consent} or {@code human_approval}), none for DENIED
 * @since 0.1
 */
public record DomainRuling(String ruleId, Outcome outcome, String message, List<String> obligations) {
  private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z0-9_.]+");

  /**
   * Validates the ruling.
   *
   * @throws IllegalArgumentException for an APPROVED outcome, a malformed rule id, or obligations
   *     that do not fit the outcome
   */
  public DomainRuling {
    Objects.requireNonNull(ruleId, "ruleId");
    if (!RULE_ID.matcher(ruleId).matches()) {
      throw new IllegalArgumentException(
          "rule id '" + ruleId + "' must look like <plugin>.<rule> in lowercase, such as finance.order_value_limit");
    }
    Objects.requireNonNull(outcome, "outcome");
    if (outcome == Outcome.APPROVED) {
      throw new IllegalArgumentException("a domain rule cannot approve; it can only deny, escalate or condition");
    }
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException("rule " + ruleId + " needs a message");
    }
    obligations = List.copyOf(obligations);
    if (outcome == Outcome.DENIED && !obligations.isEmpty()) {
      throw new IllegalArgumentException("a denial carries no obligations (rule " + ruleId + ")");
    }
    if (outcome != Outcome.DENIED && obligations.isEmpty()) {
      throw new IllegalArgumentException(outcome + " ruling " + ruleId + " must name an obligation");
    }
    for (String o : obligations) {
      if (o.isBlank()) {
        throw new IllegalArgumentException("obligation of rule " + ruleId + " must not be blank");
      }
    }
  }

  /** The request must not run. */
  public static DomainRuling deny(String ruleId, String message) {
    return new DomainRuling(ruleId, Outcome.DENIED, message, List.of());
  }

  /** A human must decide, and {@code obligation} (such as {@code human_approval}) is what they give. */
  public static DomainRuling escalate(String ruleId, String message, String obligation) {
    return new DomainRuling(ruleId, Outcome.ESCALATED, message, List.of(obligation));
  }

  /** The request may run once the caller meets {@code obligation} (such as {@code patient_consent}). */
  public static DomainRuling condition(String ruleId, String message, String obligation) {
    return new DomainRuling(ruleId, Outcome.CONDITIONAL, message, List.of(obligation));
  }
}

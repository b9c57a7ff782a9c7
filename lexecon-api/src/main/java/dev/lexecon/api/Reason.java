package dev.lexecon.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One explainable step of a decision, fit to show an auditor: what kind of rule fired, which
 * rule, which policy terms it matched, and a sentence that says so.
 *
 * @param code what kind of rule produced this reason
 * @param ruleId the relation id or constraint name that determined it, or {@code null} for a
 *     mode default
 * @param termIds the policy term ids the rule matched, in the order source, target, data class
 * @param message a plain-language explanation (the policy's justification where it has one)
 * @since 0.1
 */
public record Reason(ReasonCode code, @Nullable String ruleId, List<String> termIds, String message) {
  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    termIds = List.copyOf(termIds);
  }
}

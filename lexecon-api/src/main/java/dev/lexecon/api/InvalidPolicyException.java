package dev.lexecon.api;

import dev.lexecon.api.policy.PolicyIssue;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy failed to load or validate. Lists every error with its JSON path; an invalid policy is
 * never half-loaded and the previously active policy stays in force.
 *
 * @since 0.1
 */
public final class InvalidPolicyException extends LexeconException {
  private static final long serialVersionUID = 1L;

  private final List<PolicyIssue> errors;

  /** Creates the exception; {@code errors} must not be empty. */
  public InvalidPolicyException(List<PolicyIssue> errors) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  /** Every error found, in document order. */
  public List<PolicyIssue> errors() {
    return errors;
  }

  private static String describe(List<PolicyIssue> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid policy needs at least one error");
    }
    return "invalid policy ("
        + errors.size()
        + (errors.size() == 1 ? " error): " : " errors): ")
        + errors.stream().map(PolicyIssue::toString).collect(Collectors.joining("; "));
  }
}

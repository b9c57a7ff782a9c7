package dev.lexecon.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link DecisionRequest} broke one or more request limits. Lists every violated field, not
 * just the first, so a caller can fix them in one round. Nothing was evaluated or recorded.
 *
 * @since 0.1
 */
public final class InvalidRequestException extends LexeconException {
  private static final long serialVersionUID = 1L;

  private final List<FieldViolation> violations;

  /** Creates the exception; {@code violations} must not be empty. */
  public InvalidRequestException(List<FieldViolation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  /** Every violated field with its message, in field order. */
  public List<FieldViolation> violations() {
    return violations;
  }

  private static String describe(List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid request needs at least one violation");
    }
    return "invalid decision request ("
        + violations.size()
        + (violations.size() == 1 ? " violation): " : " violations): ")
        + violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; "));
  }
}

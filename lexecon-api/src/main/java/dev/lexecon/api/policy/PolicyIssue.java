package dev.lexecon.api.policy;

import java.util.Objects;

/**
 * A problem found while loading or validating a policy, located by its JSON path (for example
 * {@code $.relations[3].target_term_id}).
 *
 * @param severity whether the policy can still load
 * @param path JSON path of the offending value
 * @param message what is wrong and, where possible, how to fix it
 * @since 0.1
 */
public record PolicyIssue(Severity severity, String path, String message) {
  public PolicyIssue {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** Whether an issue stops the policy from loading. */
  public enum Severity {
    /** The policy is refused. */
    ERROR,
    /** The policy loads; the issue is worth a look. */
    WARNING
  }

  /** Shorthand for an error. */
  public static PolicyIssue error(String path, String message) {
    return new PolicyIssue(Severity.ERROR, path, message);
  }

  /** Shorthand for a warning. */
  public static PolicyIssue warning(String path, String message) {
    return new PolicyIssue(Severity.WARNING, path, message);
  }

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + " at " + path + ": " + message;
  }
}

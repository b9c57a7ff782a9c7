package dev.lexecon.oversight;

import dev.lexecon.api.oversight.Role;
import java.util.List;
import java.util.Objects;

/**
 * Escalation assignees: a principal id, or {@code role:<name>} for anyone holding the role. Role
 * entries name no person and stay readable in the ledger; principal ids are personal data and are
 * recorded as commitments.
 */
final class Assignees {
  private Assignees() {}

  static String check(String assignee) {
    Objects.requireNonNull(assignee, "assignee");
    if (assignee.isBlank() || assignee.length() > 255) {
      throw new IllegalArgumentException("an assignee is 1 to 255 characters");
    }
    if (isRole(assignee)) {
      Role.of(assignee.substring(5)); // throws for a malformed role name
    }
    return assignee;
  }

  static List<String> checkAll(List<String> assignees) {
    List<String> copy = List.copyOf(assignees);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("an escalation needs at least one assignee");
    }
    copy.forEach(Assignees::check);
    return copy;
  }

  static boolean isRole(String assignee) {
    return assignee.startsWith("role:");
  }
}

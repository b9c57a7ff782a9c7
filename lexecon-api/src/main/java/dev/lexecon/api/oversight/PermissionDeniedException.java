package dev.lexecon.api.oversight;

import dev.lexecon.api.LexeconException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A human operation was refused because the principal lacks what it requires: a {@link
 * Permission} of the RBAC matrix, a configured role (to override, resume after a halt, confirm a
 * four-eyes decision), or a place among an escalation's assignees. The refusal is recorded in the
 * ledger as an {@code access_denied} event before this is thrown; nothing else was changed.
 *
 * <p>The message names the operation and the requirement, never the principal's id (personal data
 * must not reach logs); {@link #principalId()} gives it to code that needs it.
 *
 * @since 0.1
 */
public final class PermissionDeniedException extends LexeconException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String principalId;
  private final @Nullable Permission permission;
  private final String requirement;

  /**
   * Creates the exception.
   *
   * @param operation the refused operation, such as {@code resolve_escalation}
   * @param principalId who asked
   * @param permission the missing permission, or {@code null} when a role or assignment was missing
   * @param requirement what was required, in words
   */
  public PermissionDeniedException(
      String operation, String principalId, @Nullable Permission permission, String requirement) {
    super(operation + " refused: " + requirement);
    this.operation = Objects.requireNonNull(operation, "operation");
    this.principalId = Objects.requireNonNull(principalId, "principalId");
    this.permission = permission;
    this.requirement = Objects.requireNonNull(requirement, "requirement");
  }

  /** The refused operation, such as {@code override}. */
  public String operation() {
    return operation;
  }

  /** The id of the principal who was refused. */
  public String principalId() {
    return principalId;
  }

  /** The permission the principal lacked, or {@code null} when the requirement was a role. */
  public @Nullable Permission permission() {
    return permission;
  }

  /** What was required, in words. */
  public String requirement() {
    return requirement;
  }
}

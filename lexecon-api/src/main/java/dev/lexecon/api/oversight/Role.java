package dev.lexecon.api.oversight;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A role a {@link Principal} holds. The four standard roles carry the permissions of the RBAC
 * matrix ({@code docs/oversight.md}); an application may name its own roles ({@code executive},
 * {@code operator}, {@code treasury_officer}) for overrides, interventions, four-eyes confirmation
 * and halt resumption, and grant them permissions in its {@code AccessPolicy}.
 *
 * <p>Roles are compared by exact name: holding {@code executive_intern} does not make anyone an
 * {@code executive}, and no rule ever looks at a principal's id to guess a role. Immutable and
 * thread-safe.
 *
 * @param name lower-case letters, digits and {@code _}, starting with a letter, 1 to 64 characters
 * @since 0.1
 */
public record Role(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** Reads dashboards and decisions. */
  public static final Role VIEWER = new Role("viewer");
  /** Reads everything and generates audit reports. */
  public static final Role AUDITOR = new Role("auditor");
  /** Approves requests, exports records and sees sensitive data. */
  public static final Role COMPLIANCE_OFFICER = new Role("compliance_officer");
  /** Everything, including users and policies. */
  public static final Role ADMIN = new Role("admin");

  /** Checks the name. */
  public Role {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "role name '" + name + "' must match [a-z][a-z0-9_]{0,63}");
    }
  }

  /** The role with this name: one of the standard four, or an application's own. */
  public static Role of(String name) {
    return new Role(name);
  }

  /** Returns the name. */
  @Override
  public String toString() {
    return name;
  }
}

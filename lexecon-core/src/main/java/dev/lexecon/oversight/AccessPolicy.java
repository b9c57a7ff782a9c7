package dev.lexecon.oversight;

import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Role;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The RBAC matrix: which {@link Permission}s each {@link Role} grants. A principal has a permission
 * when any of its roles grants it; roles are compared by exact name. {@link #defaults()} is the
 * matrix documented in {@code docs/oversight.md}; {@link #grant} derives a matrix that also grants
 * permissions to an application's own roles.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AccessPolicy {
  private static final AccessPolicy DEFAULTS;

  static {
    Map<Role, Set<Permission>> m = new LinkedHashMap<>();
    m.put(Role.VIEWER, EnumSet.of(Permission.VIEW_DASHBOARD));
    m.put(Role.AUDITOR,
        EnumSet.of(Permission.VIEW_DASHBOARD, Permission.GENERATE_AUDIT, Permission.EXPORT_DATA));
    m.put(Role.COMPLIANCE_OFFICER,
        EnumSet.of(Permission.VIEW_DASHBOARD, Permission.GENERATE_AUDIT,
            Permission.APPROVE_REQUESTS, Permission.EXPORT_DATA, Permission.VIEW_SENSITIVE));
    m.put(Role.ADMIN, EnumSet.allOf(Permission.class));
    DEFAULTS = new AccessPolicy(m);
  }

  private final Map<Role, Set<Permission>> grants;

  private AccessPolicy(Map<Role, Set<Permission>> grants) {
    Map<Role, Set<Permission>> copy = new LinkedHashMap<>();
    grants.forEach((r, p) -> copy.put(r, Collections.unmodifiableSet(EnumSet.copyOf(p))));
    this.grants = Collections.unmodifiableMap(copy);
  }

  /**
   * The default matrix: VIEWER views; AUDITOR views, generates audits and exports; COMPLIANCE_OFFICER
   * also approves requests and sees sensitive data; ADMIN has every permission.
   */
  public static AccessPolicy defaults() {
    return DEFAULTS;
  }

  /** A matrix in which {@code role} also grants {@code permissions}. */
  public AccessPolicy grant(Role role, Permission... permissions) {
    Objects.requireNonNull(role, "role");
    Map<Role, Set<Permission>> m = new LinkedHashMap<>(grants);
    Set<Permission> set = EnumSet.noneOf(Permission.class);
    set.addAll(m.getOrDefault(role, Set.of()));
    for (Permission p : permissions) {
      set.add(Objects.requireNonNull(p, "permission"));
    }
    m.put(role, set);
    return new AccessPolicy(m);
  }

  /** Whether any of {@code principal}'s roles grants {@code permission}. */
  public boolean permits(Principal principal, Permission permission) {
    for (Role r : principal.roles()) {
      Set<Permission> p = grants.get(r);
      if (p != null && p.contains(permission)) {
        return true;
      }
    }
    return false;
  }

  /** The permissions {@code role} grants; empty for a role the matrix does not name. */
  public Set<Permission> permissions(Role role) {
    return grants.getOrDefault(role, Set.of());
  }

  /** The whole matrix, roles in the order they were added. */
  public Map<Role, Set<Permission>> matrix() {
    return grants;
  }

  @Override
  public String toString() {
    return "AccessPolicy" + grants;
  }
}

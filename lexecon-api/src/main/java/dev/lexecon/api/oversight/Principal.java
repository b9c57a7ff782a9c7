package dev.lexecon.api.oversight;

import java.util.Arrays;
import java.util.Set;

/**
 * A natural person acting through Lexecon: who resolves, overrides, intervenes, confirms, halts.
 * The host application authenticates the person and hands Lexecon this value; Lexecon authorises
 * each operation from {@link #roles()} alone and records the id in the ledger as erasable personal
 * data (a salted commitment).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the person's stable id in the host application, 1 to 255 characters
 * @param roles the roles the person holds; not empty
 * @since 0.1
 */
public record Principal(String id, Set<Role> roles) {
  /** Checks the id and copies the roles. */
  public Principal {
    Texts.require(id, "principal id", 255);
    roles = Set.copyOf(roles);
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("principal " + id + " holds no role");
    }
  }

  /** A principal holding {@code roles}. */
  public static Principal of(String id, Role... roles) {
    return new Principal(id, Set.copyOf(Arrays.asList(roles)));
  }

  /** Whether the principal holds exactly this role. */
  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /** Whether the principal holds any of {@code candidates}. */
  public boolean hasAnyRole(Set<Role> candidates) {
    for (Role r : roles) {
      if (candidates.contains(r)) {
        return true;
      }
    }
    return false;
  }
}

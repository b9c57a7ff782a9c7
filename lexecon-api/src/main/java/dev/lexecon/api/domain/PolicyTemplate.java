package dev.lexecon.api.domain;

import dev.lexecon.api.policy.Policy;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named, ready-to-load policy that a {@link DomainPlugin} ships, such as finance's {@code
 * prevent_flash_crash}. The policy is a plain value in the condition language; load it as is, or
 * derive your own from it. Immutable and thread-safe.
 *
 * @param name unique among the templates of all registered plugins, {@code [a-z][a-z0-9_]*}
 * @param description what it enforces, for humans
 * @param requiredContext context keys the application must supply for requests under this template
 *     (and its plugin's rules) to be approved; an absent value makes a guarded permit fail and a
 *     guarded forbid apply (fail closed)
 * @param policy the policy itself
 * @since 0.1
 */
public record PolicyTemplate(
    String name, String description, List<String> requiredContext, Policy policy) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** Validates the name and copies the list. */
  public PolicyTemplate {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("template name '" + name + "' must match [a-z][a-z0-9_]*");
    }
    Objects.requireNonNull(description, "description");
    requiredContext = List.copyOf(requiredContext);
    Objects.requireNonNull(policy, "policy");
  }
}

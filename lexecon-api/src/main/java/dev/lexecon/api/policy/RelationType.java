package dev.lexecon.api.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link Relation} says about its terms.
 *
 * @since 0.1
 */
public enum RelationType {
  /** The source may do the target. */
  PERMITS("permits"),
  /** The source must not do the target; overrides any permit. */
  FORBIDS("forbids"),
  /** Doing the target carries an obligation (consent, a physician id, human confirmation). */
  REQUIRES("requires"),
  /** Parsed and validated for reference policies; has no effect on decisions. */
  IMPLIES("implies"),
  /** Parsed and validated for reference policies; has no effect on decisions. */
  CONFLICTS("conflicts");

  private final String jsonName;

  RelationType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in policy JSON. */
  public String jsonName() {
    return jsonName;
  }

  /** Looks a type up by its JSON name, case-insensitive. */
  public static Optional<RelationType> fromJsonName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (RelationType t : values()) {
      if (t.jsonName.equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

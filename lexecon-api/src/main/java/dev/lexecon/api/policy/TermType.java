package dev.lexecon.api.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of request attribute a {@link Term} matches.
 *
 * @since 0.1
 */
public enum TermType {
  /** Matches the request's actor. */
  ACTOR("actor"),
  /** Matches the request's action. */
  ACTION("action"),
  /** Matches the request's resource. */
  RESOURCE("resource"),
  /** Matches any of the request's data classes. */
  DATA_CLASS("data_class"),
  /** Matches the request's tool. */
  TOOL("tool"),
  /** Matches when the request context carries the term's name as {@code true}. */
  CONTEXT("context");

  private final String jsonName;

  TermType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in policy JSON, such as {@code data_class}. */
  public String jsonName() {
    return jsonName;
  }

  /** Looks a type up by its JSON name (case-insensitive); {@code data} is accepted for data_class. */
  public static Optional<TermType> fromJsonName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("data")) {
      return Optional.of(DATA_CLASS);
    }
    for (TermType t : values()) {
      if (t.jsonName.equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

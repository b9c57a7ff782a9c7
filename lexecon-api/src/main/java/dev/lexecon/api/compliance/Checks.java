package dev.lexecon.api.compliance;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by the compliance values. */
final class Checks {
  private Checks() {}

  static String requireText(@Nullable String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}

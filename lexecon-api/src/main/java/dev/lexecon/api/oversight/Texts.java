package dev.lexecon.api.oversight;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by the oversight values. */
final class Texts {
  private Texts() {}

  static String require(@Nullable String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  static String require(@Nullable String value, String name, int maxLength) {
    require(value, name);
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          name + " is " + value.length() + " characters long; at most " + maxLength + " allowed");
    }
    return value;
  }
}

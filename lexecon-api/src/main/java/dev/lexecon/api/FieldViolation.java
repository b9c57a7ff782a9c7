package dev.lexecon.api;

import java.util.Objects;

/**
 * One violated request limit: the field (a dotted path such as {@code context.patient.id}) and
 * what is wrong with it.
 *
 * @since 0.1
 */
public record FieldViolation(String field, String message) {
  public FieldViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}

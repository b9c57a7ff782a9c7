package dev.lexecon.api.compliance;

import java.time.LocalDate;
import java.util.Objects;

/**
 * From when a control applies to a class of systems, and which legal act says so. Used for the
 * EU AI Act, whose high-risk obligations apply on different dates to Annex III and Annex I systems.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the first day the control applies
 * @param scope which systems the date is for ("high-risk AI systems listed in Annex III")
 * @param basis the act that sets the date ("Regulation (EU) 2026/1744")
 * @since 0.1
 */
public record ApplicationDate(LocalDate from, String scope, String basis) {
  public ApplicationDate {
    Objects.requireNonNull(from, "from");
    Checks.requireText(scope, "scope");
    Checks.requireText(basis, "basis");
  }
}

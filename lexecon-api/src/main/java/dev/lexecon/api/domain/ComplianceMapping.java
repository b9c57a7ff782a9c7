package dev.lexecon.api.domain;

import java.util.List;
import java.util.Objects;

/**
 * One control of a compliance framework and the parts of a {@link DomainPlugin} that address it,
 * as data: a gap analysis or an auditor's report joins these with evidence. A mapping says which
 * rule or template is relevant to a control; it is not a claim that the control is satisfied.
 * Immutable and thread-safe.
 *
 * @param framework the framework as named in {@link DomainConfiguration#complianceFrameworks()},
 *     such as {@code HIPAA}
 * @param control the control's citation, such as {@code 45 CFR 164.508}
 * @param title what the control requires, in a few words
 * @param addressedBy rule ids ({@code healthcare.patient_consent}) and template names that address
 *     it; never empty
 * @since 0.1
 */
public record ComplianceMapping(
    String framework, String control, String title, List<String> addressedBy) {
  /** Validates that every field is present and something addresses the control. */
  public ComplianceMapping {
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(title, "title");
    addressedBy = List.copyOf(addressedBy);
    if (addressedBy.isEmpty()) {
      throw new IllegalArgumentException(framework + " " + control + " is addressed by nothing");
    }
  }
}

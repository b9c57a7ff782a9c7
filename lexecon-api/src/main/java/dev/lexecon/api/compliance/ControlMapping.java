package dev.lexecon.api.compliance;

import java.util.Objects;

/**
 * That a governance primitive serves a control, how much, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param primitive what Lexecon does
 * @param control the control it serves
 * @param coverage full or partial
 * @param reason why, in one or two sentences an auditor can check
 * @since 0.1
 */
public record ControlMapping(
    GovernancePrimitive primitive, Control control, Coverage coverage, String reason) {
  public ControlMapping {
    Objects.requireNonNull(primitive, "primitive");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(coverage, "coverage");
    Checks.requireText(reason, "reason");
  }
}

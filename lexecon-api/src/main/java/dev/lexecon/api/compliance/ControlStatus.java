package dev.lexecon.api.compliance;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of the gap analysis for one control: covered (fully or partly) or a gap.
 *
 * <p>Immutable and thread-safe.
 *
 * @param control the control
 * @param coverage the best coverage among the mappings whose evidence is present, or {@code null}
 *     when none is: the control is a gap
 * @param satisfiedBy the mappings whose evidence was found in the period
 * @param findings the evidence that was looked for and not found; never empty for a gap, and may
 *     be non-empty for a partly covered control (what full coverage would also need)
 * @since 0.1
 */
public record ControlStatus(
    Control control,
    @Nullable Coverage coverage,
    List<ControlMapping> satisfiedBy,
    List<GapFinding> findings) {
  public ControlStatus {
    Objects.requireNonNull(control, "control");
    satisfiedBy = List.copyOf(satisfiedBy);
    findings = List.copyOf(findings);
    for (ControlMapping m : satisfiedBy) {
      if (!m.control().equals(control)) {
        throw new IllegalArgumentException(
            "mapping for " + m.control().key() + " cannot satisfy " + control.key());
      }
    }
    Coverage best = satisfiedBy.stream().map(ControlMapping::coverage).min(Enum::compareTo)
        .orElse(null);
    if (coverage != best) {
      throw new IllegalArgumentException("coverage of " + control.key() + " must be " + best
          + ", the best of its satisfied mappings, was " + coverage);
    }
    if (coverage == null && findings.isEmpty()) {
      throw new IllegalArgumentException("a gap needs at least one finding: " + control.key());
    }
  }

  /** Whether some evidence for the control was found. */
  public boolean covered() {
    return coverage != null;
  }
}

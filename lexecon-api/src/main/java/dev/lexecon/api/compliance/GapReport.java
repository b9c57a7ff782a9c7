package dev.lexecon.api.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The gap analysis of one framework over one period, computed from the ledger's contents.
 *
 * <p>Immutable and thread-safe.
 *
 * @param framework the framework
 * @param catalogVersion the version of the control catalog and mappings used
 * @param from start of the period, inclusive
 * @param to end of the period, exclusive
 * @param controls one status per catalog control of the framework, in catalog order
 * @since 0.1
 */
public record GapReport(
    ComplianceFramework framework,
    String catalogVersion,
    Instant from,
    Instant to,
    List<ControlStatus> controls) {
  public GapReport {
    Objects.requireNonNull(framework, "framework");
    Checks.requireText(catalogVersion, "catalogVersion");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("period [" + from + ", " + to + ") is empty");
    }
    controls = List.copyOf(controls);
    for (ControlStatus s : controls) {
      if (s.control().framework() != framework) {
        throw new IllegalArgumentException(
            "a " + framework + " report cannot hold " + s.control().key());
      }
    }
  }

  /** Number of controls in the framework's catalog. */
  public int total() {
    return controls.size();
  }

  /** Number of controls with some evidence (full or partial coverage). */
  public int covered() {
    return (int) controls.stream().filter(ControlStatus::covered).count();
  }

  /** Number of controls with full coverage. */
  public int fullyCovered() {
    return (int) controls.stream().filter(s -> s.coverage() == Coverage.FULL).count();
  }

  /** The controls without evidence, with their findings, in catalog order. */
  public List<ControlStatus> gaps() {
    return controls.stream().filter(s -> !s.covered()).toList();
  }

  /**
   * {@code 100 × covered / total}, unrounded; 0 for a framework without controls. Partial coverage
   * counts as covered here: {@link #fullyCovered()} tells them apart.
   */
  public double coveragePercent() {
    return controls.isEmpty() ? 0.0 : 100.0 * covered() / total();
  }
}

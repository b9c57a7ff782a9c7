package dev.lexecon.compliance;

import dev.lexecon.api.compliance.ComplianceEvidence;
import dev.lexecon.api.compliance.Control;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ComplianceEvidence} over lists in memory, standing in for the ledger in tests. It
 * counts the calls it receives, so tests can check that a report asks the ledger little.
 */
final class InMemoryComplianceEvidence implements ComplianceEvidence {
  private record Entry(String eventType, Instant timestamp) {}

  private record Verified(Instant from, Instant to) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> linkedControls = new HashSet<>();
  private final List<Verified> verified = new ArrayList<>();
  final Map<String, Integer> countCalls = new HashMap<>();
  int verificationCalls;

  InMemoryComplianceEvidence record(String eventType, Instant timestamp) {
    entries.add(new Entry(eventType, timestamp));
    return this;
  }

  InMemoryComplianceEvidence link(Control control) {
    linkedControls.add(control.key());
    return this;
  }

  /** Records a successful verification run over {@code [from, to)}. */
  InMemoryComplianceEvidence verifiedOver(Instant from, Instant to) {
    verified.add(new Verified(from, to));
    return this;
  }

  @Override
  public long count(String eventType, Instant from, Instant to) {
    countCalls.merge(eventType, 1, Integer::sum);
    return entries.stream()
        .filter(e -> e.eventType().equals(eventType))
        .filter(e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to))
        .count();
  }

  @Override
  public boolean hasLinkedEvidence(Control control) {
    return linkedControls.contains(control.key());
  }

  @Override
  public boolean integrityVerified(Instant from, Instant to) {
    verificationCalls++;
    return verified.stream().anyMatch(v -> !v.from().isAfter(from) && !v.to().isBefore(to));
  }
}

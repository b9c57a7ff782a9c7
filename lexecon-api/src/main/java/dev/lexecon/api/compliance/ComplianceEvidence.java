package dev.lexecon.api.compliance;

import java.time.Instant;

/**
 * What the gap analysis reads from the ledger: record counts per event type and period, evidence
 * artifacts linked to controls, and whether a period verifies. The ledger implements it over its
 * storage; tests implement it in memory.
 *
 * <p>Implementations must be thread-safe. The analysis calls {@link #count} at most once per event
 * type and {@link #integrityVerified} at most once per report, so an implementation may do real
 * work (a storage query, a verification run) in each call.
 *
 * @since 0.1
 */
public interface ComplianceEvidence {

  /**
   * How many records of {@code eventType} ({@code decision}, {@code override}, ...) the ledger holds
   * with a timestamp in {@code [from, to)}.
   */
  long count(String eventType, Instant from, Instant to);

  /**
   * Whether at least one evidence artifact is linked to {@code control} (its metadata names {@link
   * Control#key()}), whenever it was registered: a DPIA written last year still evidences GDPR
   * Art. 35 today.
   */
  boolean hasLinkedEvidence(Control control);

  /**
   * Whether the records with a timestamp in {@code [from, to)} verify: hash chain intact, Merkle
   * inclusion in a signed checkpoint, signatures valid. {@code false} when no verification covering
   * the period has run or when one failed.
   */
  boolean integrityVerified(Instant from, Instant to);
}

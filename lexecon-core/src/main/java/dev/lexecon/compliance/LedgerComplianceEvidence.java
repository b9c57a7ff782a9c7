package dev.lexecon.compliance;

import dev.lexecon.api.compliance.ComplianceEvidence;
import dev.lexecon.api.compliance.Control;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.internal.Rfc3339;
import dev.lexecon.ledger.Checkpoint;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.SignedNote;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link ComplianceEvidence} read from a ledger, so that a gap analysis reports what the ledger
 * actually holds:
 *
 * <ul>
 *   <li>{@link #count}: one storage query per event type and period ({@link LedgerEngine#count}).
 *   <li>{@link #hasLinkedEvidence}: whether an {@code evidence} entry lists the control's key among
 *       its {@code control_keys}; the evidence entries are read once per instance.
 *   <li>{@link #integrityVerified}: the ledger verifies (hash chain, links, side records, every
 *       checkpoint's signature and root; incrementally from the last checkpoint a previous run
 *       found good) <em>and</em> every entry of the period lies before the latest signed
 *       checkpoint, so that each is included in a signed tree head (checkpoint entries themselves are
 *       authenticated by their signatures). Entries appended since the
 *       last checkpoint are not yet covered: sign one ({@code ledger.checkpoint()}) before
 *       analysing a period that reaches the present.
 * </ul>
 *
 * <p>Thread-safe. One instance is meant for one analysis: the evidence links and the verification
 * are taken once and reused, so create a new instance for a later analysis.
 *
 * @since 0.1
 */
public final class LedgerComplianceEvidence implements ComplianceEvidence {
  private final LedgerEngine ledger;
  private volatile @Nullable Set<String> linkedControls;
  private volatile @Nullable VerificationResult verification;

  private LedgerComplianceEvidence(LedgerEngine ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /** Evidence read from {@code ledger}. */
  public static LedgerComplianceEvidence of(LedgerEngine ledger) {
    return new LedgerComplianceEvidence(ledger);
  }

  @Override
  public long count(String eventType, Instant from, Instant to) {
    return ledger.count(eventType, from, to);
  }

  @Override
  public boolean hasLinkedEvidence(Control control) {
    Set<String> linked = linkedControls;
    if (linked == null) {
      linked = readLinkedControls();
      linkedControls = linked;
    }
    return linked.contains(control.key());
  }

  private Set<String> readLinkedControls() {
    Set<String> keys = new HashSet<>();
    for (long offset = 0; ; offset += 512) {
      List<LedgerEntry> page = ledger.entries(EventType.EVIDENCE, offset, 512);
      for (LedgerEntry e : page) {
        if (e.payload().get("control_keys") instanceof List<?> list) {
          for (Object o : list) {
            if (o instanceof String key) {
              keys.add(key);
            }
          }
        }
      }
      if (page.size() < 512) {
        return keys;
      }
    }
  }

  @Override
  public boolean integrityVerified(Instant from, Instant to) {
    VerificationResult r = verification;
    if (r == null) {
      r = ledger.verifyIncremental();
      verification = r;
    }
    if (!r.valid()) {
      return false;
    }
    Optional<SignedNote> latest = ledger.latestCheckpoint();
    // covered: entries verified and included in a signed checkpoint the verification checked
    long covered = Math.min(r.treeSize(),
        latest.map(n -> Checkpoint.parse(n.text()).treeSize()).orElse(0L));
    String lo = Rfc3339.microsCeiling(from);
    String hi = Rfc3339.microsCeiling(to);
    boolean[] uncovered = {false};
    ledger.storage().scan(covered, Math.max(covered, ledger.storage().size()), rec -> {
      String ts = rec.timestamp();
      // a checkpoint entry cannot be in the tree it signs; its own signature authenticates it
      if (!rec.eventType().equals(EventType.CHECKPOINT.jsonName())
          && ts.compareTo(lo) >= 0 && ts.compareTo(hi) < 0) {
        uncovered[0] = true;
      }
    });
    return !uncovered[0];
  }

  /** The verification this instance ran, if it ran one. */
  public Optional<VerificationResult> verification() {
    return Optional.ofNullable(verification);
  }
}

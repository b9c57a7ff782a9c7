package dev.lexecon.compliance;

import java.util.List;
import java.util.Set;

/**
 * What in the ledger shows that a primitive worked, as declared in {@code mappings.json}: records
 * of some event types in the period, an evidence artifact linked to the control, or a successful
 * verification of the period.
 */
sealed interface PrimitiveEvidence {

  /** At least one record of any of {@code eventTypes} in the period. */
  record Records(List<String> eventTypes) implements PrimitiveEvidence {
    public Records {
      eventTypes = List.copyOf(eventTypes);
      if (eventTypes.isEmpty()) {
        throw new IllegalArgumentException("records evidence needs at least one event type");
      }
      if (Set.copyOf(eventTypes).size() != eventTypes.size()) {
        throw new IllegalArgumentException("event types repeat: " + eventTypes);
      }
    }
  }

  /** An evidence artifact linked to the control. */
  record LinkedEvidence() implements PrimitiveEvidence {}

  /** The period verifies. */
  record Verification() implements PrimitiveEvidence {}
}

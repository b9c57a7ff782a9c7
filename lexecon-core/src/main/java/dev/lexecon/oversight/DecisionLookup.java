package dev.lexecon.oversight;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.ledger.Ledger;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds a decision's ledger entry by decision id. Oversight records name their decision's entry,
 * so decisions with a human history are found directly; others are searched from the newest entry
 * backwards (human operations usually concern recent decisions) and remembered once found.
 * Nothing is remembered on the decide path, which must stay cheap.
 */
final class DecisionLookup {
  private static final int PAGE = 256;

  private final Ledger ledger;
  private final Cache<String, String> recent = Caffeine.newBuilder().maximumSize(100_000).build();

  DecisionLookup(Ledger ledger) {
    this.ledger = ledger;
  }

  void remember(String decisionId, String entryId) {
    recent.put(decisionId, entryId);
  }

  Optional<LedgerEntry> find(String decisionId, @Nullable String knownEntryId) {
    String hint = knownEntryId != null ? knownEntryId : recent.getIfPresent(decisionId);
    if (hint != null) {
      Optional<LedgerEntry> e = ledger.entry(hint).filter(x -> isDecision(x, decisionId));
      if (e.isPresent()) {
        return e;
      }
    }
    for (long end = ledger.size(); end > 0; end -= PAGE) {
      long from = Math.max(0, end - PAGE);
      List<LedgerEntry> page = ledger.entries(from, (int) (end - from));
      for (int i = page.size() - 1; i >= 0; i--) {
        if (isDecision(page.get(i), decisionId)) {
          remember(decisionId, page.get(i).entryId());
          return Optional.of(page.get(i));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isDecision(LedgerEntry e, String decisionId) {
    return EventType.DECISION.jsonName().equals(e.eventType())
        && decisionId.equals(e.payload().get("decision_id"));
  }
}

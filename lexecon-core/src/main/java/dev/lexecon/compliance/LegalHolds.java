package dev.lexecon.compliance;

import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.Redactable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Legal holds as {@code legal_hold} ledger entries, and the view of them rebuilt from the ledger.
 *
 * <pre>{@code
 * {"action":"placed","hold_id":"hold_<id>","reason":"...","held_by":{"commitment":"sha256:..."},
 *  "decision_ids":["dec_..."]}
 * {"action":"released","hold_id":"hold_<id>","released_by":{"commitment":"sha256:..."}}
 * }</pre>
 *
 * Who placed or released a hold is a person, so it is committed (erasable); the reason and the
 * decision ids are recorded in the clear.
 */
final class LegalHolds {
  static final String PLACED = "placed";
  static final String RELEASED = "released";
  /** What {@link LegalHold#heldBy()} says once the person's name has been erased. */
  static final String ERASED = "(erased)";

  private LegalHolds() {}

  static Map<String, Object> placed(String holdId, String reason, String heldBy,
      Collection<String> decisionIds) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("action", PLACED);
    p.put("hold_id", holdId);
    p.put("reason", reason);
    p.put("held_by", Redactable.of(heldBy));
    p.put("decision_ids", List.copyOf(new TreeSet<>(decisionIds)));
    return p;
  }

  static Map<String, Object> released(String holdId, String releasedBy) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("action", RELEASED);
    p.put("hold_id", holdId);
    p.put("released_by", Redactable.of(releasedBy));
    return p;
  }

  /** Every hold the ledger records, in the order they were placed, with their release times. */
  static List<LegalHold> read(LedgerEngine ledger) {
    Map<String, LegalHold> holds = new LinkedHashMap<>();
    for (long offset = 0; ; offset += 512) {
      List<LedgerEntry> page = ledger.entries(EventType.LEGAL_HOLD, offset, 512);
      for (LedgerEntry e : page) {
        apply(holds, e);
      }
      if (page.size() < 512) {
        return new ArrayList<>(holds.values());
      }
    }
  }

  private static void apply(Map<String, LegalHold> holds, LedgerEntry e) {
    Map<String, ?> p = e.payload();
    if (!(p.get("hold_id") instanceof String id)) {
      return;
    }
    Object action = p.get("action");
    if (PLACED.equals(action) && p.get("reason") instanceof String reason
        && p.get("decision_ids") instanceof List<?> ids && !ids.isEmpty()) {
      Object by = e.personalData().get("/payload/held_by");
      Set<String> decisions = new TreeSet<>();
      ids.forEach(o -> decisions.add(String.valueOf(o)));
      holds.putIfAbsent(id, new LegalHold(id, reason,
          by instanceof String s && !s.isBlank() ? s : ERASED, decisions, e.timestamp(), null));
    } else if (RELEASED.equals(action)) {
      LegalHold h = holds.get(id);
      if (h != null && h.releasedAt() == null) {
        Instant at = e.timestamp().isBefore(h.placedAt()) ? h.placedAt() : e.timestamp();
        holds.put(id, new LegalHold(h.id(), h.reason(), h.heldBy(), h.decisionIds(), h.placedAt(), at));
      }
    }
  }
}

package dev.lexecon.compliance;

import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.json.Jcs;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Reading payloads of raw ledger records, for the scans compliance workflows run. */
final class Payloads {
  /** Event types whose payloads name the decision they belong to. */
  static final Set<String> DECISION_BEARING = Set.of("decision", "override", "intervention",
      "escalation_opened", "escalation_resolved", "risk_assessment", "evidence", "legal_hold");

  private Payloads() {}

  /** The payload object of a stored entry, or an empty map for bytes that do not hold one. */
  static Map<?, ?> of(LedgerRecord r) {
    try {
      if (Jcs.parse(r.entry()) instanceof Map<?, ?> entry && entry.get("payload") instanceof Map<?, ?> p) {
        return p;
      }
    } catch (IllegalArgumentException e) {
      // verification reports malformed entries; a compliance scan just skips them
    }
    return Map.of();
  }

  /**
   * The decisions a record belongs to, which legal holds name: its {@code decision_id} and any
   * {@code decision_ids}. Empty for event types that never name decisions, without parsing.
   */
  static Set<String> decisionIds(LedgerRecord r) {
    if (!DECISION_BEARING.contains(r.eventType())) {
      return Set.of();
    }
    return decisionIds(of(r));
  }

  static Set<String> decisionIds(Map<?, ?> payload) {
    Set<String> ids = new TreeSet<>();
    if (payload.get("decision_id") instanceof String id) {
      ids.add(id);
    }
    if (payload.get("decision_ids") instanceof Iterable<?> list) {
      for (Object o : list) {
        if (o instanceof String id) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  /** The values of a side record {@code {"fields":{pointer:{"salt","value"}}}}, or none. */
  static Iterable<?> sideValues(byte @Nullable [] sideRecord) {
    if (sideRecord == null) {
      return Set.of();
    }
    try {
      if (Jcs.parse(sideRecord) instanceof Map<?, ?> m && m.get("fields") instanceof Map<?, ?> fields) {
        return fields.values().stream()
            .map(f -> f instanceof Map<?, ?> fm ? fm.get("value") : null).toList();
      }
    } catch (IllegalArgumentException e) {
      // a malformed side record fails verification; here it matches nothing
    }
    return Set.of();
  }

  /** Whether {@code value}, or any string inside it, equals {@code text}. */
  static boolean containsString(@Nullable Object value, String text) {
    if (value instanceof String s) {
      return s.equals(text);
    }
    if (value instanceof Map<?, ?> m) {
      for (Object v : m.values()) {
        if (containsString(v, text)) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof Iterable<?> list) {
      for (Object v : list) {
        if (containsString(v, text)) {
          return true;
        }
      }
    }
    return false;
  }

  static @Nullable String string(Map<?, ?> payload, String member) {
    return payload.get(member) instanceof String s ? s : null;
  }
}

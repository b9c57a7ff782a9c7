package dev.lexecon.export;

import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.json.Jcs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the report formats show of one entry: its decision, a one-line summary, the decision's
 * outcome, and (when asked for) its payload and personal data. Built from the stored bytes alone,
 * so that a verifier rebuilds exactly the same view from an export's entries.
 */
final class EntryView {
  static final String COMMITTED = "(personal data)";

  final String decisionId;
  /** The summary; for a decision, {@link #subject} followed by ": " and the outcome. */
  final String summary;
  /** For a decision, who did what ("agent:x → send_email"); otherwise the summary. */
  final String subject;
  final @Nullable String outcome;
  final @Nullable String payloadJson;

  private EntryView(String decisionId, String summary, String subject, @Nullable String outcome,
      @Nullable String payloadJson) {
    this.decisionId = decisionId;
    this.summary = summary;
    this.subject = subject;
    this.outcome = outcome;
    this.payloadJson = payloadJson;
  }

  /** The outcome of a decision entry, or null; parses only decision entries. */
  static @Nullable String outcome(LedgerRecord r) {
    if (!r.eventType().equals("decision")) {
      return null;
    }
    return payload(r).get("outcome") instanceof String o ? o : null;
  }

  static Map<?, ?> payload(LedgerRecord r) {
    try {
      if (Jcs.parse(r.entry()) instanceof Map<?, ?> e && e.get("payload") instanceof Map<?, ?> p) {
        return p;
      }
    } catch (IllegalArgumentException e) {
      // a malformed entry still gets a row; verification reports it
    }
    return Map.of();
  }

  static EntryView of(LedgerRecord r, boolean personalData, boolean payloads) {
    Map<?, ?> p = payload(r);
    Map<String, Object> opened = personalData ? sideValues(r.sideRecord()) : Map.of();
    Reader read = new Reader(p, opened);
    String summary = Escapes.oneLine(summary(r.eventType(), read));
    String subject = r.eventType().equals("decision") ? Escapes.oneLine(subject(read)) : summary;
    String decisionId = p.get("decision_id") instanceof String d ? Escapes.oneLine(d) : "";
    String outcome = r.eventType().equals("decision") ? read.text("outcome") : null;
    String json = null;
    if (payloads) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("payload", p);
      if (!opened.isEmpty()) {
        data.put("personal_data", opened);
      }
      json = Jcs.canonicalString(data);
    }
    return new EntryView(decisionId, summary, subject, outcome, json);
  }

  private static Map<String, Object> sideValues(byte @Nullable [] side) {
    Map<String, Object> out = new TreeMap<>();
    if (side == null) {
      return out;
    }
    try {
      if (Jcs.parse(side) instanceof Map<?, ?> m && m.get("fields") instanceof Map<?, ?> fields) {
        fields.forEach((k, v) -> {
          if (v instanceof Map<?, ?> f && f.containsKey("value")) {
            out.put(String.valueOf(k), f.get("value"));
          }
        });
      }
    } catch (IllegalArgumentException e) {
      // a malformed side record shows nothing
    }
    return out;
  }

  /** Reads payload members as text, opening commitments when the personal data is at hand. */
  private record Reader(Map<?, ?> payload, Map<String, Object> opened) {
    String text(String... path) {
      Object node = payload;
      StringBuilder pointer = new StringBuilder("/payload");
      for (String member : path) {
        if (!(node instanceof Map<?, ?> m)) {
          return "";
        }
        node = m.get(member);
        pointer.append('/').append(member.replace("~", "~0").replace("/", "~1"));
      }
      if (node instanceof Map<?, ?> m && m.size() == 1 && m.get("commitment") instanceof String) {
        Object value = opened.get(pointer.toString());
        if (value == null && !opened.containsKey(pointer.toString())) {
          return COMMITTED;
        }
        return value instanceof String s ? s : Jcs.canonicalString(value);
      }
      if (node == null) {
        return "";
      }
      return node instanceof String s ? s : Jcs.canonicalString(node);
    }

    int size(String member) {
      return payload.get(member) instanceof List<?> l ? l.size() : 0;
    }
  }

  private static String summary(String type, Reader r) {
    return switch (type) {
      case "genesis" -> "ledger " + r.text("ledger_id") + " created";
      case "policy_loaded" -> "policy " + r.text("policy_id") + " version " + r.text("version")
          + " active (" + prefix(r.text("policy_hash")) + ")";
      case "decision" -> subject(r) + ": " + r.text("outcome").toUpperCase(Locale.ROOT);
      case "risk_assessment" -> "risk " + r.text("risk", "level").toUpperCase(Locale.ROOT) + " ("
          + r.text("risk", "overall") + ") for " + r.text("actor") + " → " + r.text("action");
      case "escalation_opened" -> "escalation " + r.text("escalation_id") + " opened, priority "
          + r.text("priority");
      case "escalation_resolved" -> "escalation " + r.text("escalation_id") + " resolved: "
          + r.text("resolution");
      case "override" -> "outcome " + r.text("original_outcome") + " → " + r.text("new_outcome")
          + " by " + r.text("by");
      case "intervention" -> r.text("intervention_type") + " by " + r.text("role");
      case "evidence" -> r.text("artifact_type") + " " + prefix(r.text("artifact_id"));
      case "legal_hold" -> "hold " + r.text("hold_id") + " " + r.text("action")
          + (r.size("decision_ids") > 0 ? " on " + r.size("decision_ids") + " decision(s)" : "");
      case "retention_redaction" -> r.text("scope") + ": " + r.text("erased_count") + " erased, "
          + r.text("deferred_count") + " deferred (" + r.text("basis") + ")";
      case "key_rotated" -> r.text("purpose") + " key rotated";
      case "checkpoint" -> "checkpoint of " + r.text("tree_size") + " entries, root "
          + prefix(r.text("root_hash"));
      case "token_revoked" -> r.text("scope") + " " + r.text("id") + " revoked";
      default -> "";
    };
  }

  private static String subject(Reader r) {
    String action = r.text("request", "action");
    String tool = r.text("request", "tool");
    return r.text("request", "actor") + " → " + action + (tool.equals(action) ? "" : " via " + tool);
  }

  private static String prefix(String hash) {
    return hash.length() > 16 ? hash.substring(0, 16) + "…" : hash;
  }
}

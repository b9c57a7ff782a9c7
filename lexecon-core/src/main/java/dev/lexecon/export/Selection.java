package dev.lexecon.export;

import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.export.ExportRequest;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.internal.Rfc3339;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A scope resolved against the export time: timestamp bounds in the ledger's text form (which
 * compare as text), event types, include flags, and the scope as the manifest records it.
 */
final class Selection {
  final @Nullable String from;
  final @Nullable String to;
  final @Nullable Set<String> eventTypes;
  final Set<ExportInclude> includes;
  final Map<String, Object> scopeJson;

  private Selection(@Nullable String from, @Nullable String to, @Nullable Set<String> eventTypes,
      Set<ExportInclude> includes, Map<String, Object> scopeJson) {
    this.from = from;
    this.to = to;
    this.eventTypes = eventTypes;
    this.includes = includes;
    this.scopeJson = scopeJson;
  }

  static Selection of(ExportRequest request, Instant now) {
    Set<ExportInclude> includes = request.includes().isEmpty() ? EnumSet.noneOf(ExportInclude.class)
        : EnumSet.copyOf(request.includes());
    Map<String, Object> json = new LinkedHashMap<>();
    String from = null;
    String to = null;
    Set<String> types = null;
    ExportScope scope = request.scope();
    if (scope instanceof ExportScope.Recent r) {
      json.put("kind", "recent");
      json.put("window", r.window().toString());
      from = Rfc3339.microsCeiling(now.minus(r.window()));
    } else if (scope instanceof ExportScope.Custom c) {
      json.put("kind", "custom");
      from = c.from() == null ? null : Rfc3339.microsCeiling(c.from());
      to = c.to() == null ? null : Rfc3339.microsCeiling(c.to());
      if (!c.eventTypes().isEmpty()) {
        types = new TreeSet<>(c.eventTypes());
        json.put("event_types", List.copyOf(types));
      }
    } else {
      json.put("kind", "all");
    }
    if (from != null) {
      json.put("from", from);
    }
    if (to != null) {
      json.put("to", to);
    }
    json.put("include", includes.stream().map(i -> i.name().toLowerCase(Locale.ROOT)).sorted().toList());
    return new Selection(from, to, types, includes, json);
  }

  /** The selection a manifest's scope describes (for a verifier re-rendering a report). */
  static Selection fromManifestScope(Map<String, Object> scope) {
    Set<ExportInclude> includes = EnumSet.noneOf(ExportInclude.class);
    if (scope.get("include") instanceof List<?> list) {
      for (Object o : list) {
        includes.add(ExportInclude.valueOf(String.valueOf(o).toUpperCase(Locale.ROOT)));
      }
    }
    Set<String> types = null;
    if (scope.get("event_types") instanceof List<?> list) {
      types = new TreeSet<>();
      for (Object o : list) {
        types.add(String.valueOf(o));
      }
    }
    return new Selection(scope.get("from") instanceof String f ? f : null,
        scope.get("to") instanceof String t ? t : null, types, includes, scope);
  }

  boolean matches(LedgerRecord r) {
    if (eventTypes != null && !eventTypes.contains(r.eventType())) {
      return false;
    }
    String ts = r.timestamp();
    return (from == null || ts.compareTo(from) >= 0) && (to == null || ts.compareTo(to) < 0);
  }

  boolean includes(ExportInclude include) {
    return includes.contains(include);
  }

  /** The scope in words, for report headers. */
  String describe() {
    String kind = String.valueOf(scopeJson.get("kind"));
    StringBuilder s = new StringBuilder();
    switch (kind) {
      case "recent" -> s.append("entries of the last ").append(scopeJson.get("window"))
          .append(" (from ").append(from).append(')');
      case "custom" -> {
        s.append("entries");
        if (eventTypes != null) {
          s.append(" of type ").append(String.join(", ", eventTypes));
        }
        if (from != null) {
          s.append(" from ").append(from);
        }
        if (to != null) {
          s.append(" before ").append(to);
        }
      }
      default -> s.append("all entries");
    }
    return s.toString();
  }
}

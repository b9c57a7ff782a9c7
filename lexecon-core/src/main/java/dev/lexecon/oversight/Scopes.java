package dev.lexecon.oversight;

import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.oversight.HaltScope;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of a {@link HaltScope} in {@code halt} payloads. */
final class Scopes {
  private Scopes() {}

  static Map<String, Object> toJson(HaltScope scope) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (scope instanceof HaltScope.Everything) {
      m.put("kind", "all");
    } else if (scope instanceof HaltScope.Domain d) {
      m.put("kind", "domain");
      m.put("domain", d.domain().jsonName());
    } else if (scope instanceof HaltScope.Actors a) {
      m.put("kind", "actors");
      m.put("pattern", a.pattern());
    } else if (scope instanceof HaltScope.Tools t) {
      m.put("kind", "tools");
      m.put("pattern", t.pattern());
    }
    return m;
  }

  /**
   * Reads a scope; anything this version cannot read stops everything, because a stop switch
   * that is misread must fail closed.
   */
  static HaltScope fromJson(Object json) {
    if (json instanceof Map<?, ?> m) {
      try {
        Object kind = m.get("kind");
        if ("all".equals(kind)) {
          return HaltScope.everything();
        }
        if ("domain".equals(kind)) {
          return HaltScope.domain(GovernanceDomain.fromJsonName((String) m.get("domain")));
        }
        if ("actors".equals(kind)) {
          return HaltScope.actors((String) m.get("pattern"));
        }
        if ("tools".equals(kind)) {
          return HaltScope.tools((String) m.get("pattern"));
        }
      } catch (RuntimeException e) {
        return HaltScope.everything();
      }
    }
    return HaltScope.everything();
  }
}

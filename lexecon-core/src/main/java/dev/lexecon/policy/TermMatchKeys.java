package dev.lexecon.policy;

import dev.lexecon.internal.Glob;
import dev.lexecon.api.policy.Term;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The exact request values that match a term: its id, its id without the type prefix, its label,
 * and its value when that is not a glob. The engine indexes these in hash maps.
 */
final class TermMatchKeys {
  private TermMatchKeys() {}

  static Set<String> of(Term term) {
    Set<String> keys = new LinkedHashSet<>(4);
    keys.add(term.id());
    String bare = TermIds.withoutTypePrefix(term.id());
    if (bare != null) {
      keys.add(bare);
    }
    if (term.label() != null && !term.label().isEmpty()) {
      keys.add(term.label());
    }
    if (term.value() != null && !term.value().isEmpty() && !Glob.isGlob(term.value())) {
      keys.add(term.value());
    }
    return keys;
  }
}

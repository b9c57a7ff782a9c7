package dev.lexecon.policy;

import dev.lexecon.api.policy.TermType;
import org.jspecify.annotations.Nullable;

/** The naming conventions of term ids: {@code <type prefix>:<name>}. */
final class TermIds {
  private TermIds() {}

  /** The type named by the id's prefix ({@code data:pii} is a data class), or null. */
  static @Nullable TermType typeFromPrefix(String id) {
    int colon = id.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    return TermType.fromJsonName(id.substring(0, colon)).orElse(null);
  }

  /**
   * The id without its type prefix ({@code actor:model} becomes {@code model}), or null when the
   * prefix is not a type name: {@code ai_agent:assistant} keeps its whole id, because stripping an
   * arbitrary prefix would let unrelated names collide.
   */
  static @Nullable String withoutTypePrefix(String id) {
    int colon = id.indexOf(':');
    if (colon <= 0 || colon == id.length() - 1 || typeFromPrefix(id) == null) {
      return null;
    }
    return id.substring(colon + 1);
  }

  static boolean isIdentifier(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c == '_' || (c < 128 && Character.isLetterOrDigit(c)))) {
        return false;
      }
    }
    return s.charAt(0) < 128;
  }
}

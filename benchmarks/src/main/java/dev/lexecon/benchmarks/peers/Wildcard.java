package dev.lexecon.benchmarks.peers;

/**
 * Lexecon's glob semantics, for engines whose own wildcard matching differs: whole string,
 * case-sensitive, {@code *} matches any run of characters including {@code /} and the empty run,
 * every other character matches itself. Stateless.
 */
final class Wildcard {
  private Wildcard() {}

  static boolean matches(String value, String pattern) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(value);
    }
    if (value.isEmpty()) {
      return false; // Lexecon: an empty request value matches nothing
    }
    String[] segments = pattern.split("\\*", -1);
    String first = segments[0];
    String last = segments[segments.length - 1];
    if (value.length() < first.length() + last.length()
        || !value.startsWith(first)
        || !value.endsWith(last)) {
      return false;
    }
    int from = first.length();
    int end = value.length() - last.length();
    for (int i = 1; i < segments.length - 1; i++) {
      int at = value.indexOf(segments[i], from);
      if (at < 0 || at + segments[i].length() > end) {
        return false;
      }
      from = at + segments[i].length();
    }
    return true;
  }
}

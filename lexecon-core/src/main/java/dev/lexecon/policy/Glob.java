package dev.lexecon.policy;

/**
 * A whole-string, case-sensitive glob where {@code *} matches any run of characters (including
 * {@code /} and the empty run) and every other character matches itself. Compiled once into its
 * literal segments so matching is a prefix test, a suffix test and ordered {@code indexOf}s.
 */
final class Glob {
  private final String pattern;
  private final String[] segments; // literal text between stars; first is the prefix, last the suffix

  private Glob(String pattern) {
    this.pattern = pattern;
    this.segments = pattern.split("\\*", -1);
  }

  static Glob compile(String pattern) {
    return new Glob(pattern);
  }

  static boolean isGlob(String value) {
    return value.indexOf('*') >= 0;
  }

  /** The literal text before the first star. */
  String prefix() {
    return segments[0];
  }

  boolean matches(String value) {
    if (segments.length == 1) {
      return pattern.equals(value);
    }
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
      String seg = segments[i];
      if (seg.isEmpty()) {
        continue;
      }
      int at = value.indexOf(seg, from);
      if (at < 0 || at + seg.length() > end) {
        return false;
      }
      from = at + seg.length();
    }
    return true;
  }

  @Override
  public String toString() {
    return pattern;
  }
}

package dev.lexecon.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code matches} pattern: {@code *} matches any run of characters (including {@code /} and the
 * empty run), every other character only itself, and the whole string must match. Case-sensitive.
 *
 * <p>Compiled once into the literal pieces between the stars. Matching checks the fixed prefix and
 * suffix, then finds each middle piece at its leftmost position after the previous one; for
 * star-only patterns that greedy search is exact, and it runs in linear time with no allocation
 * (no regular expression, so no catastrophic backtracking either).
 *
 * <p>Used everywhere Lexecon matches globs: policy term values, {@code matches} conditions and the
 * risk profile's action patterns, so the three can never disagree. Immutable and thread-safe.
 */
public final class Glob {
  private final String pattern;
  private final boolean hasStar;
  private final String prefix;
  private final String suffix;
  private final String[] middle;
  private final int minLength;

  private Glob(String pattern) {
    this.pattern = pattern;
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int star = pattern.indexOf('*'); star >= 0; star = pattern.indexOf('*', start)) {
      pieces.add(pattern.substring(start, star));
      start = star + 1;
    }
    pieces.add(pattern.substring(start));
    this.hasStar = pieces.size() > 1;
    this.prefix = pieces.get(0);
    this.suffix = pieces.get(pieces.size() - 1);
    List<String> inner = new ArrayList<>();
    int length = prefix.length() + (hasStar ? suffix.length() : 0);
    for (int i = 1; i < pieces.size() - 1; i++) {
      String piece = pieces.get(i);
      if (!piece.isEmpty()) {
        inner.add(piece);
        length += piece.length();
      }
    }
    this.middle = inner.toArray(new String[0]);
    this.minLength = length;
  }

  /** Compiles a pattern; every character but {@code *} is literal. */
  public static Glob compile(String pattern) {
    return new Glob(pattern);
  }

  /** Whether {@code value} contains a wildcard, i.e. would match more than itself. */
  public static boolean isGlob(String value) {
    return value.indexOf('*') >= 0;
  }

  /** The literal text before the first star (the whole pattern when it has none). */
  public String prefix() {
    return prefix;
  }

  /**
   * Whether the pattern is its prefix followed only by stars ({@code crm.*}): then every value
   * that starts with the prefix matches, and an index that has already checked the prefix need not
   * call {@link #matches}.
   */
  public boolean isPrefixOnly() {
    return hasStar && middle.length == 0 && suffix.isEmpty();
  }

  /** Whether the whole of {@code value} matches the pattern. */
  public boolean matches(String value) {
    if (!hasStar) {
      return value.equals(pattern);
    }
    int length = value.length();
    // The length check keeps the prefix and suffix from overlapping.
    if (length < minLength || !value.startsWith(prefix) || !value.endsWith(suffix)) {
      return false;
    }
    int from = prefix.length();
    int limit = length - suffix.length();
    for (String piece : middle) {
      int at = value.indexOf(piece, from);
      if (at < 0 || at + piece.length() > limit) {
        return false;
      }
      from = at + piece.length();
    }
    return true;
  }

  @Override
  public String toString() {
    return pattern;
  }
}

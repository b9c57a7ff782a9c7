package dev.lexecon.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the globs whose literal prefix a value starts with, without allocating. Prefixes are keyed
 * by their {@code String.hashCode()}, which a caller can compute for each prefix length of the
 * value incrementally ({@code h = 31 * h + c}) while walking it once; a hit is confirmed with
 * {@code regionMatches}. The number of probes is the number of distinct prefix lengths, and each
 * probe is an array lookup instead of a substring, a hash and a map lookup.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
final class GlobPrefixTable {
  private final int[] lengths; // distinct prefix lengths, ascending, all > 0
  private final int mask;
  private final String[] prefixes; // open addressing; null marks an empty slot
  private final int[] hashes;
  private final int[][] terms;

  GlobPrefixTable(Map<String, int[]> termsByPrefix) {
    Map<String, int[]> byPrefix = new LinkedHashMap<>(termsByPrefix);
    lengths = byPrefix.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
    int capacity = Integer.highestOneBit(Math.max(4, byPrefix.size() * 2) - 1) << 1;
    mask = capacity - 1;
    prefixes = new String[capacity];
    hashes = new int[capacity];
    terms = new int[capacity][];
    for (Map.Entry<String, int[]> e : byPrefix.entrySet()) {
      int h = e.getKey().hashCode();
      int slot = spread(h) & mask;
      while (prefixes[slot] != null) {
        slot = (slot + 1) & mask;
      }
      prefixes[slot] = e.getKey();
      hashes[slot] = h;
      terms[slot] = e.getValue();
    }
  }

  boolean isEmpty() {
    return lengths.length == 0;
  }

  /** Hands {@code check} every glob term whose literal prefix {@code value} starts with. */
  void forEachCandidate(String value, IntList out, GlobCheck check) {
    int h = 0;
    int pos = 0;
    for (int len : lengths) {
      if (len > value.length()) {
        return;
      }
      while (pos < len) {
        h = 31 * h + value.charAt(pos++);
      }
      for (int slot = spread(h) & mask; prefixes[slot] != null; slot = (slot + 1) & mask) {
        String prefix = prefixes[slot];
        if (hashes[slot] == h && prefix.length() == len && value.regionMatches(0, prefix, 0, len)) {
          for (int term : terms[slot]) {
            check.test(term, value, out);
          }
          break;
        }
      }
    }
  }

  /** What to do with a candidate: test its full glob and collect it on a match. */
  @FunctionalInterface
  interface GlobCheck {
    void test(int term, String value, IntList out);
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}

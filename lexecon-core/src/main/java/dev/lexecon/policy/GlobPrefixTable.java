package dev.lexecon.policy;

import dev.lexecon.internal.Glob;
import java.util.List;
import java.util.Map;

/**
 * Finds the glob terms that match a value, for globs with a literal prefix, without allocating.
 * Prefixes are keyed by their {@code String.hashCode()}, which a caller can compute for each
 * prefix length of the value incrementally ({@code h = 31 * h + c}) while walking it once; a hit
 * is confirmed with {@code regionMatches}. The number of probes is the number of distinct prefix
 * lengths, and each probe is an array lookup instead of a substring, a hash and a map lookup.
 *
 * <p>Two things keep the probes cheap on large policies, where the table no longer fits in the
 * CPU caches. A bit filter, a few bits per prefix and so small enough to stay cached, rules out
 * most lengths before the table is touched (a value usually starts with one or two of the
 * prefixes, not with one of every length). And a glob that is its prefix followed by a single
 * trailing {@code *} ({@code crm.*}, the commonest kind) matches every value that starts with the
 * prefix, so it is collected without loading its {@link Glob} at all.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
final class GlobPrefixTable {
  private final int[] lengths; // distinct prefix lengths, ascending, all > 0
  private final int mask;
  private final String[] prefixes; // open addressing; null marks an empty slot
  private final int[] hashes;
  private final int[][] terms; // by slot: the glob terms with that prefix
  private final Glob[][] checks; // by slot, parallel to terms: the glob to test, or null if none needed
  private final long[] filter;
  private final int filterMask;

  /**
   * @param termsByPrefix the glob terms by their literal prefix (all non-empty)
   * @param globOf the compiled glob of each term, by term index
   */
  GlobPrefixTable(Map<String, List<Integer>> termsByPrefix, Glob[] globOf) {
    lengths = termsByPrefix.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
    int capacity = Integer.highestOneBit(Math.max(4, termsByPrefix.size() * 2) - 1) << 1;
    mask = capacity - 1;
    prefixes = new String[capacity];
    hashes = new int[capacity];
    terms = new int[capacity][];
    checks = new Glob[capacity][];
    // About 16 filter bits per prefix: one probe in a few thousand gets past it for nothing.
    int filterBits = Math.max(64, Integer.highestOneBit(Math.max(1, termsByPrefix.size()) * 16 - 1) << 1);
    filter = new long[filterBits >>> 6];
    filterMask = filterBits - 1;
    for (Map.Entry<String, List<Integer>> e : termsByPrefix.entrySet()) {
      int h = e.getKey().hashCode();
      int slot = spread(h) & mask;
      while (prefixes[slot] != null) {
        slot = (slot + 1) & mask;
      }
      prefixes[slot] = e.getKey();
      hashes[slot] = h;
      int[] slotTerms = e.getValue().stream().mapToInt(Integer::intValue).distinct().toArray();
      Glob[] slotChecks = new Glob[slotTerms.length];
      for (int i = 0; i < slotTerms.length; i++) {
        Glob glob = globOf[slotTerms[i]];
        slotChecks[i] = glob.isPrefixOnly() ? null : glob;
      }
      terms[slot] = slotTerms;
      checks[slot] = slotChecks;
      int bit = filterBit(h);
      filter[bit >>> 6] |= 1L << bit;
    }
  }

  boolean isEmpty() {
    return lengths.length == 0;
  }

  /** Adds to {@code out} every glob term with a prefix that {@code value} starts with and matches. */
  void collect(String value, IntList out) {
    int h = 0;
    int pos = 0;
    for (int len : lengths) {
      if (len > value.length()) {
        return;
      }
      while (pos < len) {
        h = 31 * h + value.charAt(pos++);
      }
      int bit = filterBit(h);
      if ((filter[bit >>> 6] & (1L << bit)) == 0) {
        continue;
      }
      for (int slot = spread(h) & mask; prefixes[slot] != null; slot = (slot + 1) & mask) {
        String prefix = prefixes[slot];
        if (hashes[slot] == h && prefix.length() == len && value.regionMatches(0, prefix, 0, len)) {
          int[] slotTerms = terms[slot];
          Glob[] slotChecks = checks[slot];
          for (int i = 0; i < slotTerms.length; i++) {
            Glob check = slotChecks[i];
            if (check == null || check.matches(value)) {
              out.addAbsent(slotTerms[i]);
            }
          }
          break;
        }
      }
    }
  }

  private int filterBit(int h) {
    // A different mix from the table's, so that filter and table collisions are independent.
    return (h * 0x9E3779B9 >>> 7) & filterMask;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}

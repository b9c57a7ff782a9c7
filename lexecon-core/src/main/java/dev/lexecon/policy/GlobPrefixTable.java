package dev.lexecon.policy;

import dev.lexecon.internal.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the glob terms that match a value, for globs with a literal prefix, without allocating.
 * Prefixes are keyed by their {@code String.hashCode()}, which can be computed for each prefix
 * length of the value incrementally ({@code h = 31 * h + c}) while walking it once, and looked up
 * in a {@link KeyTable} by region, so no substring is created. The number of probes is at most the
 * number of distinct prefix lengths.
 *
 * <p>Four things keep the probes cheap on large policies, where the table no longer fits in the
 * CPU caches. A value whose first two characters begin no prefix is turned away at once. A bit
 * filter, a few bits per prefix and so small enough to stay cached, rules out most lengths before
 * the table is touched (a value usually starts with one or two of the prefixes, not with one of
 * every length). The terms of each prefix are listed in one small
 * {@code int[]}. And a glob that is its prefix followed by a trailing {@code *} ({@code crm.*}, the
 * commonest kind) matches every value that starts with the prefix, so it is collected without
 * loading its {@link Glob} at all.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
final class GlobPrefixTable {
  private final int[] lengths; // distinct prefix lengths, ascending, all > 0
  /** By prefix: the offset in {@link #entries} of its count-prefixed entry list. */
  private final KeyTable offsets;
  /** Entry lists: a term (>= 0) that matches outright, or {@code ~k} for checks[k] / checkTerms[k]. */
  private final int[] entries;
  private final Glob[] checks;
  private final int[] checkTerms;
  private final long[] filter;
  private final int filterMask;
  /** The first one or two characters of every prefix, hashed into 1,024 bits. */
  private final long[] heads = new long[HEAD_BITS >>> 6];
  private final int headLength; // 1 or 2: no prefix is shorter
  private static final int HEAD_BITS = 1024;

  /**
   * @param termsByPrefix the glob terms by their literal prefix (all non-empty)
   * @param globOf the compiled glob of each of those terms
   */
  GlobPrefixTable(Map<String, List<Integer>> termsByPrefix, Map<Integer, Glob> globOf) {
    lengths = termsByPrefix.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
    // 32 to 64 bits per prefix and two bits set by each: a probe for a prefix the policy does not
    // have gets past the filter about once in 300 to 1,000 times, and 1,000 prefixes take 8 KiB.
    int filterBits =
        Math.max(64, Integer.highestOneBit(Math.max(1, termsByPrefix.size()) * 32 - 1) << 1);
    filter = new long[filterBits >>> 6];
    filterMask = filterBits - 1;
    // With no prefixes at all, no value is long enough to reach the walk.
    headLength = lengths.length == 0 ? Integer.MAX_VALUE : Math.min(2, lengths[0]);
    Map<String, Integer> offsetOf = new LinkedHashMap<>();
    IntList list = new IntList(termsByPrefix.size() * 2);
    List<Glob> checkList = new ArrayList<>();
    IntList checkTermList = new IntList(0);
    for (Map.Entry<String, List<Integer>> e : termsByPrefix.entrySet()) {
      offsetOf.put(e.getKey(), list.size());
      int[] terms = e.getValue().stream().mapToInt(Integer::intValue).distinct().toArray();
      list.add(terms.length);
      for (int term : terms) {
        Glob glob = globOf.get(term);
        if (glob.isPrefixOnly()) {
          list.add(term);
        } else {
          list.add(~checkList.size());
          checkList.add(glob);
          checkTermList.add(term);
        }
      }
      int h = e.getKey().hashCode();
      int first = firstBit(h);
      int second = secondBit(h);
      filter[first >>> 6] |= 1L << first;
      filter[second >>> 6] |= 1L << second;
      int head = head(e.getKey());
      heads[head >>> 6] |= 1L << head;
    }
    offsets = new KeyTable(offsetOf);
    entries = list.toArray();
    checks = checkList.toArray(new Glob[0]);
    checkTerms = checkTermList.toArray();
  }

  /** Adds to {@code out} every glob term with a prefix that {@code value} starts with and matches. */
  void collect(String value, IntList out) {
    int valueLength = value.length();
    if (valueLength < headLength) {
      return; // shorter than every prefix (or there are none)
    }
    // Most values start with no prefix at all (a tool table probed with an action's name): two
    // characters and one bit tell, before the walk over the lengths below.
    int head = head(value);
    if ((heads[head >>> 6] & (1L << head)) == 0) {
      return;
    }
    int h = 0;
    int pos = 0;
    for (int len : lengths) {
      if (len > valueLength) {
        return;
      }
      while (pos < len) {
        h = 31 * h + value.charAt(pos++);
      }
      int first = firstBit(h);
      int second = secondBit(h);
      if ((filter[first >>> 6] & (1L << first)) == 0 || (filter[second >>> 6] & (1L << second)) == 0) {
        continue;
      }
      int at = offsets.find(value, len, h);
      if (at == KeyTable.ABSENT) {
        continue;
      }
      for (int i = at + 1, end = at + 1 + entries[at]; i < end; i++) {
        int entry = entries[i];
        if (entry >= 0) {
          out.addAbsent(entry);
        } else if (checks[~entry].matches(value)) {
          out.addAbsent(checkTerms[~entry]);
        }
      }
    }
  }

  private int head(String value) {
    int h = headLength == 1 ? value.charAt(0) : value.charAt(0) * 31 + value.charAt(1);
    return h & (HEAD_BITS - 1);
  }

  // Mixes unlike the key table's (which uses the low bits of h ^ h >>> 16), so that filter and
  // table collisions are independent; a long shift by an int uses its low six bits, the bit index.
  private int firstBit(int h) {
    return (h * 0x9E3779B9 >>> 7) & filterMask;
  }

  private int secondBit(int h) {
    return (h * 0x85EBCA6B >>> 11) & filterMask;
  }
}

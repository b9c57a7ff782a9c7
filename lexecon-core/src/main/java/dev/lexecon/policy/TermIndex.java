package dev.lexecon.policy;

import dev.lexecon.api.policy.Term;
import dev.lexecon.internal.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the terms of one type that match a request value without scanning every term: exact keys
 * (id, unprefixed id, label, literal value) live in a hash table; globs are bucketed by their
 * literal prefix, so a value only tests globs whose prefix it starts with. Globs that start with
 * {@code *} have no prefix to index on and are tested for every value; policies rarely have many.
 *
 * <p>The exact table is open-addressed over flat arrays rather than a {@code HashMap}: a probe
 * reads the key's hash and its terms from one {@code int[]} row, and loads the key string only when
 * the hashes agree. On a policy of thousands of terms, every object a lookup has to follow is
 * likely a cache miss, and a {@code HashMap} lookup follows four (table, node, key, value array).
 *
 * <p>Immutable after construction and safe to share between threads.
 */
final class TermIndex {
  private static final int EMPTY = Integer.MIN_VALUE;

  private final int mask;
  /** Two ints per slot: the key's hash, and its term (>= 0), its ~offset in {@link #multi}, or EMPTY. */
  private final int[] rows;
  private final String[] keys; // by slot
  /** Term lists of keys that several terms share: a count, then the terms. */
  private final int[] multi;
  private final GlobPrefixTable globsByPrefix;
  private final Glob[] unprefixedGlobs;
  private final int[] unprefixedTerms; // parallel to unprefixedGlobs

  TermIndex(List<Term> allTerms, List<Integer> termsOfType) {
    Map<String, List<Integer>> exactLists = new LinkedHashMap<>();
    Map<String, List<Integer>> prefixLists = new LinkedHashMap<>();
    List<Integer> unprefixed = new ArrayList<>();
    Glob[] globOf = new Glob[allTerms.size()];
    for (int index : termsOfType) {
      Term term = allTerms.get(index);
      for (String key : TermMatchKeys.of(term)) {
        List<Integer> list = exactLists.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!list.contains(index)) {
          list.add(index);
        }
      }
      if (term.value() != null && Glob.isGlob(term.value())) {
        Glob glob = Glob.compile(term.value());
        globOf[index] = glob;
        if (glob.prefix().isEmpty()) {
          unprefixed.add(index);
        } else {
          prefixLists.computeIfAbsent(glob.prefix(), k -> new ArrayList<>(1)).add(index);
        }
      }
    }

    int capacity = Integer.highestOneBit(Math.max(4, exactLists.size() * 2) - 1) << 1;
    mask = capacity - 1;
    rows = new int[capacity * 2];
    keys = new String[capacity];
    for (int slot = 0; slot < capacity; slot++) {
      rows[2 * slot + 1] = EMPTY;
    }
    IntList shared = new IntList(0);
    for (Map.Entry<String, List<Integer>> e : exactLists.entrySet()) {
      int h = e.getKey().hashCode();
      int slot = spread(h) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = e.getKey();
      rows[2 * slot] = h;
      List<Integer> found = e.getValue();
      if (found.size() == 1) {
        rows[2 * slot + 1] = found.get(0);
      } else {
        rows[2 * slot + 1] = ~shared.size();
        shared.add(found.size());
        for (int term : found) {
          shared.add(term);
        }
      }
    }
    multi = shared.toArray();
    globsByPrefix = new GlobPrefixTable(prefixLists, globOf);
    unprefixedTerms = unprefixed.stream().mapToInt(Integer::intValue).toArray();
    unprefixedGlobs = new Glob[unprefixedTerms.length];
    for (int i = 0; i < unprefixedTerms.length; i++) {
      unprefixedGlobs[i] = globOf[unprefixedTerms[i]];
    }
  }

  /** Adds the index of every term matching {@code value} to {@code out}, without duplicates. */
  void collect(String value, IntList out) {
    if (value.isEmpty()) {
      return; // an empty value matches nothing, not everything
    }
    int h = value.hashCode();
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      int found = rows[2 * slot + 1];
      if (found == EMPTY) {
        break;
      }
      if (rows[2 * slot] == h && value.equals(keys[slot])) {
        if (found >= 0) {
          out.addAbsent(found);
        } else {
          int at = ~found;
          for (int i = at + 1, end = at + 1 + multi[at]; i < end; i++) {
            out.addAbsent(multi[i]);
          }
        }
        break;
      }
    }
    if (!globsByPrefix.isEmpty()) {
      globsByPrefix.collect(value, out);
    }
    for (int i = 0; i < unprefixedGlobs.length; i++) {
      if (unprefixedGlobs[i].matches(value)) {
        out.addAbsent(unprefixedTerms[i]);
      }
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  @Override
  public String toString() {
    return "TermIndex[slots=" + keys.length + ", unprefixed=" + unprefixedTerms.length + "]";
  }
}

package dev.lexecon.policy;

import dev.lexecon.internal.Glob;
import dev.lexecon.api.policy.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the terms of one type that match a request value without scanning every term: exact keys
 * (id, unprefixed id, label, literal value) live in a hash map; globs are bucketed by their literal
 * prefix, so a value only tests globs whose prefix it starts with. Globs that start with {@code *}
 * have no prefix to index on and are tested for every value; policies rarely have many.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
final class TermIndex {
  private static final int[] NONE = new int[0];

  private final Map<String, int[]> exact;
  private final GlobPrefixTable globsByPrefix;
  private final int[] unprefixedGlobs;
  private final GlobPrefixTable.GlobCheck collectIfMatches = this::collectIfMatches;
  private final Glob[] globOf; // by term index; null for non-glob terms

  TermIndex(List<Term> allTerms, List<Integer> termsOfType) {
    Map<String, List<Integer>> exactLists = new HashMap<>();
    Map<String, List<Integer>> prefixLists = new HashMap<>();
    List<Integer> unprefixed = new ArrayList<>();
    globOf = new Glob[allTerms.size()];
    for (int index : termsOfType) {
      Term term = allTerms.get(index);
      for (String key : TermMatchKeys.of(term)) {
        exactLists.computeIfAbsent(key, k -> new ArrayList<>(1)).add(index);
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
    exact = freeze(exactLists);
    globsByPrefix = new GlobPrefixTable(freeze(prefixLists));
    unprefixedGlobs = unprefixed.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Map<String, int[]> freeze(Map<String, List<Integer>> lists) {
    Map<String, int[]> out = new HashMap<>(lists.size() * 2);
    lists.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).distinct().toArray()));
    return out;
  }

  /** Adds the index of every term matching {@code value} to {@code out}, without duplicates. */
  void collect(String value, IntList out) {
    if (value.isEmpty()) {
      return; // an empty value matches nothing, not everything
    }
    out.addAllAbsent(exact.getOrDefault(value, NONE));
    if (!globsByPrefix.isEmpty()) {
      globsByPrefix.forEachCandidate(value, out, collectIfMatches);
    }
    for (int index : unprefixedGlobs) {
      if (globOf[index].matches(value)) {
        out.addAbsent(index);
      }
    }
  }

  private void collectIfMatches(int index, String value, IntList out) {
    if (globOf[index].matches(value)) {
      out.addAbsent(index);
    }
  }

  @Override
  public String toString() {
    return "TermIndex[exact=" + exact.size() + ", unprefixed=" + unprefixedGlobs.length + "]";
  }
}

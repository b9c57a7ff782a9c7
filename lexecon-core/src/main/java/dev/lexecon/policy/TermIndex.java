package dev.lexecon.policy;

import dev.lexecon.api.policy.Term;
import dev.lexecon.internal.Glob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the terms of one type that match a request value without scanning every term: exact keys
 * (id, unprefixed id, label, literal value) live in a hash table, each with every term it matches,
 * globs included; globs are bucketed by their literal prefix, so a value that is no key only tests
 * globs whose prefix it starts with. Globs that start with {@code *} have no prefix to index on and
 * are tested for every such value; policies rarely have many.
 *
 * <p>The exact keys live in a {@link KeyTable} rather than a {@code HashMap}: on a policy of
 * thousands of terms every object a lookup has to follow is likely a cache miss, and a {@code
 * HashMap} lookup follows four where a {@code KeyTable} lookup reads two arrays.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
final class TermIndex {
  /** By key: its term (>= 0), or {@code ~offset} of a count-prefixed term list in {@link #multi}. */
  private final KeyTable exact;
  private final int[] multi;
  private final GlobPrefixTable globsByPrefix;
  private final Glob[] unprefixedGlobs;
  private final int[] unprefixedTerms; // parallel to unprefixedGlobs

  TermIndex(List<Term> allTerms, List<Integer> termsOfType) {
    Map<String, List<Integer>> exactLists = new LinkedHashMap<>();
    Map<String, List<Integer>> prefixLists = new LinkedHashMap<>();
    Map<Integer, Glob> globOf = new HashMap<>();
    List<Integer> unprefixed = new ArrayList<>();
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
        globOf.put(index, glob);
        if (glob.prefix().isEmpty()) {
          unprefixed.add(index);
        } else {
          prefixLists.computeIfAbsent(glob.prefix(), k -> new ArrayList<>(1)).add(index);
        }
      }
    }
    globsByPrefix = new GlobPrefixTable(prefixLists, globOf);
    unprefixedTerms = unprefixed.stream().mapToInt(Integer::intValue).toArray();
    unprefixedGlobs = new Glob[unprefixedTerms.length];
    for (int i = 0; i < unprefixedTerms.length; i++) {
      unprefixedGlobs[i] = globOf.get(unprefixedTerms[i]);
    }
    // A request value that equals a key matches the same globs whenever it comes, so those are
    // found now and stored with the key: most request values name a term, and then one table
    // lookup finds everything they match.
    Map<String, Integer> exactValues = new LinkedHashMap<>();
    IntList shared = new IntList(0);
    IntList found = new IntList(4);
    exactLists.forEach((key, terms) -> {
      found.clear();
      terms.forEach(found::add);
      collectGlobs(key, found);
      if (found.size() == 1) {
        exactValues.put(key, found.get(0));
      } else {
        exactValues.put(key, ~shared.size());
        shared.add(found.size());
        for (int i = 0; i < found.size(); i++) {
          shared.add(found.get(i));
        }
      }
    });
    exact = new KeyTable(exactValues);
    multi = shared.toArray();
  }

  /** Adds the index of every term matching {@code value} to {@code out}, without duplicates. */
  void collect(String value, IntList out) {
    if (value.isEmpty()) {
      return; // an empty value matches nothing, not everything
    }
    int found = exact.find(value);
    if (found >= 0) {
      out.addAbsent(found);
    } else if (found != KeyTable.ABSENT) {
      int at = ~found;
      for (int i = at + 1, end = at + 1 + multi[at]; i < end; i++) {
        out.addAbsent(multi[i]);
      }
    } else {
      collectGlobs(value, out);
    }
  }

  private void collectGlobs(String value, IntList out) {
    globsByPrefix.collect(value, out);
    for (int i = 0; i < unprefixedGlobs.length; i++) {
      if (unprefixedGlobs[i].matches(value)) {
        out.addAbsent(unprefixedTerms[i]);
      }
    }
  }

  @Override
  public String toString() {
    return "TermIndex[exact=" + exact.size() + ", unprefixed=" + unprefixedTerms.length + "]";
  }
}

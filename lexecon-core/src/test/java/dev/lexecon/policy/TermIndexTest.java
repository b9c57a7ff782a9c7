package dev.lexecon.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import dev.lexecon.internal.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Term index")
class TermIndexTest {

  /** Brute force: a term matches when any of its exact keys equals the value or its glob matches. */
  private static TreeSet<Integer> bruteForce(List<Term> terms, String value) {
    TreeSet<Integer> out = new TreeSet<>();
    for (int i = 0; i < terms.size(); i++) {
      Term t = terms.get(i);
      boolean glob = t.value() != null && Glob.isGlob(t.value());
      if (TermMatchKeys.of(t).contains(value) || (glob && Glob.compile(t.value()).matches(value))) {
        out.add(i);
      }
    }
    return out;
  }

  private static TreeSet<Integer> indexed(TermIndex index, String value) {
    IntList list = new IntList(2);
    index.collect(value, list);
    TreeSet<Integer> out = new TreeSet<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(list.get(i));
    }
    assertThat(out).as("no duplicates").hasSize(list.size());
    return out;
  }

  @Test
  @DisplayName("finds exactly the terms a brute-force scan finds, over seeded random vocabularies")
  void matchesBruteForce() {
    // A tiny alphabet makes shared prefixes, equal String hashes ("Aa" and "BB") and globs common.
    matchesBruteForce(new String[] {"Aa", "BB", "a", "b", ":", "*"}, 20261127);
  }

  @Test
  @DisplayName("finds exactly the terms a brute-force scan finds when terms are not Latin-1")
  void matchesBruteForceBeyondLatin1() {
    // Keys beyond Latin-1 switch the key table to a char pool; Latin-1 ones beyond ASCII do not.
    matchesBruteForce(new String[] {"Aa", "BB", "é", "数", "数据", "*"}, 7);
    matchesBruteForce(new String[] {"a", "é", "ÿ", "*"}, 8);
  }

  private static void matchesBruteForce(String[] atoms, long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<Term> terms = new ArrayList<>();
      int n = 1 + random.nextInt(40);
      for (int i = 0; i < n; i++) {
        String value = word(random, atoms, 1 + random.nextInt(5));
        String label = random.nextInt(4) == 0 ? word(random, atoms, 2).replace("*", "x") : null;
        terms.add(new Term("actor:t" + i, TermType.ACTOR, value.isBlank() ? null : value, label, null,
            java.util.Map.of()));
      }
      TermIndex index = new TermIndex(terms, IntStream.range(0, n).boxed().toList());
      for (int q = 0; q < 50; q++) {
        String value = word(random, atoms, random.nextInt(6)).replace("*", "");
        assertThat(indexed(index, value)).as("value '%s' in round %d", value, round)
            .isEqualTo(value.isEmpty() ? new TreeSet<>() : bruteForce(terms, value));
      }
      assertThat(indexed(index, "t0")).isEqualTo(bruteForce(terms, "t0"));
    }
  }

  private static String word(Random random, String[] atoms, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(atoms[random.nextInt(atoms.length)]);
    }
    return sb.toString();
  }
}

package dev.lexecon.policy.condition;

/**
 * An immutable open-addressing hash set of {@code long}s, so that a membership test on the hot
 * path neither boxes the key nor walks a bucket list. Load factor at most one half, which keeps
 * probe sequences short and guarantees an empty slot to stop at.
 */
final class LongHashSet {
  private static final LongHashSet EMPTY = new LongHashSet(new long[0], 0);

  /** Zero marks an empty slot, so the key zero is tracked on the side. */
  private final long[] slots;

  private final int mask;
  private final boolean containsZero;

  private LongHashSet(long[] keys, int count) {
    int capacity = 2;
    while (capacity < 2 * count) {
      capacity <<= 1;
    }
    long[] table = new long[capacity];
    boolean zero = false;
    for (int i = 0; i < count; i++) {
      long key = keys[i];
      if (key == 0) {
        zero = true;
        continue;
      }
      int slot = index(key, capacity - 1);
      while (table[slot] != 0 && table[slot] != key) {
        slot = (slot + 1) & (capacity - 1);
      }
      table[slot] = key;
    }
    this.slots = table;
    this.mask = capacity - 1;
    this.containsZero = zero;
  }

  /** Builds a set of the first {@code count} keys; duplicates are fine. */
  static LongHashSet of(long[] keys, int count) {
    return count == 0 ? EMPTY : new LongHashSet(keys, count);
  }

  boolean contains(long key) {
    if (key == 0) {
      return containsZero;
    }
    int slot = index(key, mask);
    while (true) {
      long candidate = slots[slot];
      if (candidate == key) {
        return true;
      }
      if (candidate == 0) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
  }

  private static int index(long key, int mask) {
    // Fibonacci hashing: spreads sequential ids and small integers across the table.
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}

package dev.lexecon.policy;

import java.util.Arrays;

/** A growable list of ints for per-evaluation scratch sets; small, so membership is a scan. */
final class IntList {
  private int[] values;
  private int size;

  IntList(int capacity) {
    values = new int[capacity];
  }

  int size() {
    return size;
  }

  int get(int i) {
    return values[i];
  }

  boolean contains(int value) {
    for (int i = 0; i < size; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2 + 4);
    }
    values[size++] = value;
  }

  void addAbsent(int value) {
    if (!contains(value)) {
      add(value);
    }
  }

  /** Inserts {@code value} in ascending order; the lists this serves hold a handful of values. */
  void insertSorted(int value) {
    add(value);
    int i = size - 1;
    while (i > 0 && values[i - 1] > value) {
      values[i] = values[i - 1];
      i--;
    }
    values[i] = value;
  }

  void clear() {
    size = 0;
  }

  /** The capacity, so that a reused list that grew large can be dropped. */
  int capacity() {
    return values.length;
  }

  int[] toArray() {
    return Arrays.copyOf(values, size);
  }

  void addAllAbsent(int[] more) {
    for (int v : more) {
      addAbsent(v);
    }
  }

  void sort() {
    Arrays.sort(values, 0, size);
  }
}

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

  void addAbsent(int value) {
    if (!contains(value)) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2 + 4);
      }
      values[size++] = value;
    }
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

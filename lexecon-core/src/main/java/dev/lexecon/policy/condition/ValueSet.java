package dev.lexecon.policy.condition;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The right-hand side of {@code in} when it is known at compile time (a list literal or a named
 * list), indexed so that membership of a string, boolean or integral number costs one hash
 * lookup.
 *
 * <p>The answers are exactly those of comparing the value with every element through {@link
 * Values#equal}: {@link Truth#TRUE} if some element is equal, {@link Truth#FALSE} if none is and
 * every comparison was definite, {@link Truth#UNKNOWN} otherwise. The indexes only shortcut that
 * scan, which remains the fallback for rare operands (fractional numbers against decimal literals,
 * NaN, lists, maps).
 *
 * <p>Immutable and thread-safe.
 */
final class ValueSet {
  private final Object[] elements;
  /** Never modified after construction; a HashSet because its lookup is the cheapest. */
  private final Set<String> strings;
  private final int nonStrings;
  private final boolean containsTrue;
  private final boolean containsFalse;
  private final int nonBooleans;
  /** Numbers whose exact value is an integer in the range of long, by that value. */
  private final LongHashSet integers;
  /** Every other number: fractional, huge, or a decimal literal whose nearest double differs. */
  private final Object[] otherNumbers;

  private final int nonNumbers;

  /**
   * @param values strings, booleans, finite numbers of the types {@link Values#kind} knows, and
   *     decimal literals; the caller has checked that
   */
  ValueSet(List<?> values) {
    this.elements = values.toArray();
    Set<String> stringSet = new HashSet<>();
    boolean trueSeen = false;
    boolean falseSeen = false;
    long[] keys = new long[elements.length];
    int keyCount = 0;
    Object[] others = new Object[elements.length];
    int otherCount = 0;
    int stringCount = 0;
    int numbers = 0;
    int booleans = 0;
    for (Object element : elements) {
      int kind = Values.kind(element);
      if (kind == Values.STRING) {
        stringCount++;
        stringSet.add((String) element);
      } else if (kind == Values.BOOLEAN) {
        booleans++;
        if ((Boolean) element) {
          trueSeen = true;
        } else {
          falseSeen = true;
        }
      } else if (Values.isNumber(kind)) {
        numbers++;
        if (isIntegerKey(element, kind)) {
          keys[keyCount++] = integerKey(element, kind);
        } else {
          others[otherCount++] = element;
        }
      }
    }
    this.strings = stringSet;
    this.nonStrings = elements.length - stringCount;
    this.containsTrue = trueSeen;
    this.containsFalse = falseSeen;
    this.nonBooleans = elements.length - booleans;
    this.integers = LongHashSet.of(keys, keyCount);
    this.otherNumbers = Arrays.copyOf(others, otherCount);
    this.nonNumbers = elements.length - numbers;
  }

  /**
   * A decimal literal goes to the hash set only if it is an integer that is also exactly a
   * double; otherwise a double operand that equals its nearest double would miss it.
   */
  private static boolean isIntegerKey(Object number, int kind) {
    if (kind == Values.DECIMAL) {
      DecimalLiteral literal = (DecimalLiteral) number;
      return literal.integral && literal.doubleExact;
    }
    return Values.hasLongKey(number, kind);
  }

  private static long integerKey(Object number, int kind) {
    return kind == Values.DECIMAL
        ? ((DecimalLiteral) number).longValue()
        : Values.longKey(number, kind);
  }

  int size() {
    return elements.length;
  }

  /** Membership of a string: the common case, kept free of type dispatch. */
  Truth containsString(String value) {
    if (strings.contains(value)) {
      return Truth.TRUE;
    }
    return nonStrings == 0 ? Truth.FALSE : Truth.UNKNOWN;
  }

  /** Membership of a present, non-null scalar; see the class comment. */
  Truth contains(Object value) {
    int kind = Values.kind(value);
    switch (kind) {
      case Values.STRING:
        return containsString((String) value);
      case Values.BOOLEAN:
        if ((Boolean) value ? containsTrue : containsFalse) {
          return Truth.TRUE;
        }
        return nonBooleans == 0 ? Truth.FALSE : Truth.UNKNOWN;
      case Values.LONG:
      case Values.BIG:
        return containsNumber(value, kind);
      case Values.DOUBLE:
        if (Double.isNaN(((Number) value).doubleValue())) {
          return scan(value, elements);
        }
        return containsNumber(value, kind);
      default:
        // A decimal literal on the left, or a type no element can equal: compare one by one.
        return scan(value, elements);
    }
  }

  private Truth containsNumber(Object value, int kind) {
    // A non-NaN number compares definitely with every integer key, so a miss there is a FALSE.
    if (Values.hasLongKey(value, kind) && integers.contains(Values.longKey(value, kind))) {
      return Truth.TRUE;
    }
    Truth rest = scan(value, otherNumbers);
    if (rest == Truth.FALSE && nonNumbers > 0) {
      return Truth.UNKNOWN;
    }
    return rest;
  }

  /** Membership by comparing with each element in turn. */
  static Truth scan(Object value, Object[] candidates) {
    boolean unknown = false;
    for (Object candidate : candidates) {
      Truth equal = Values.equal(value, candidate);
      if (equal == Truth.TRUE) {
        return Truth.TRUE;
      }
      if (equal == Truth.UNKNOWN) {
        unknown = true;
      }
    }
    return unknown ? Truth.UNKNOWN : Truth.FALSE;
  }
}

package dev.lexecon.policy.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The named lists a policy declares for conditions to use on the right of {@code in}, such as
 * {@code eu_regions} in {@code context.region in eu_regions}.
 *
 * <p>Each list is indexed once, here, as a set: membership of a string, boolean or integral number
 * costs one hash lookup, with numbers normalised so that {@code 1}, {@code 1L}, {@code 1.0} and
 * {@code new BigDecimal("1.00")} are the same member. Build one {@code NamedLists} per policy and
 * compile all its conditions against it, so that they share those indexes.
 *
 * <p>Immutable and thread-safe; the lists passed in are copied.
 *
 * @since 0.1
 */
public final class NamedLists {
  private static final NamedLists EMPTY = new NamedLists(Map.of(), Map.of());

  private final Map<String, List<Object>> lists;
  private final Map<String, ValueSet> sets;

  private NamedLists(Map<String, List<Object>> lists, Map<String, ValueSet> sets) {
    this.lists = lists;
    this.sets = sets;
  }

  /** No named lists. */
  public static NamedLists empty() {
    return EMPTY;
  }

  /**
   * Copies and indexes the given lists.
   *
   * @param lists list name to values. Names are identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}) other
   *     than the language's keywords; values are strings, booleans and finite numbers ({@code
   *     Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code Double}, {@code Float}, {@code
   *     BigInteger}, {@code BigDecimal}).
   * @throws IllegalArgumentException if a name is not a usable identifier or a value is null, NaN,
   *     infinite or of another type; the message names the list and the index
   */
  public static NamedLists of(Map<String, ? extends List<?>> lists) {
    Objects.requireNonNull(lists, "lists");
    if (lists.isEmpty()) {
      return EMPTY;
    }
    Map<String, List<Object>> copies = new LinkedHashMap<>();
    Map<String, ValueSet> sets = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends List<?>> entry : lists.entrySet()) {
      String name = Objects.requireNonNull(entry.getKey(), "list name");
      List<?> values = Objects.requireNonNull(entry.getValue(), () -> "list '" + name + "'");
      checkName(name);
      for (int i = 0; i < values.size(); i++) {
        checkValue(name, i, values.get(i));
      }
      List<Object> copy = List.copyOf(values);
      copies.put(name, copy);
      sets.put(name, new ValueSet(copy));
    }
    return new NamedLists(
        Collections.unmodifiableMap(copies), Collections.unmodifiableMap(sets));
  }

  private static void checkName(String name) {
    boolean identifier = !name.isEmpty() && Lexer.isIdentifierStart(name.charAt(0));
    for (int i = 1; identifier && i < name.length(); i++) {
      identifier = Lexer.isIdentifierPart(name.charAt(i));
    }
    if (!identifier || Lexer.isKeyword(name) || name.equals("exists")) {
      throw new IllegalArgumentException(
          "named list '"
              + name
              + "' cannot be referred to: a name must match [A-Za-z_][A-Za-z0-9_]* and not be a"
              + " keyword");
    }
  }

  private static void checkValue(String name, int index, @Nullable Object value) {
    String problem = null;
    if (value == null) {
      problem = "null";
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        problem = "the non-finite number " + d;
      }
    } else if (!(value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal)) {
      problem = "a " + value.getClass().getName();
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "named list '"
              + name
              + "' holds "
              + problem
              + " at index "
              + index
              + "; only strings, booleans and finite numbers are allowed");
    }
  }

  /** The declared names, in the order they were given. */
  public Set<String> names() {
    return lists.keySet();
  }

  /** The values of the named list, or {@code null} if no list has that name. */
  public @Nullable List<Object> get(String name) {
    return lists.get(name);
  }

  @Nullable ValueSet set(String name) {
    return sets.get(name);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof NamedLists && lists.equals(((NamedLists) other).lists);
  }

  @Override
  public int hashCode() {
    return lists.hashCode();
  }

  @Override
  public String toString() {
    return "NamedLists" + lists;
  }
}

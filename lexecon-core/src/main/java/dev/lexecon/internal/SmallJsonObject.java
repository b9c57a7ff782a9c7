package dev.lexecon.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object built member by member, written to canonical bytes once and dropped: the shape of
 * every ledger payload {@code decide()} records. It keeps its members in two arrays in insertion
 * order, where a {@link java.util.LinkedHashMap} would allocate a hash table and an entry object
 * per member; at the ten or so members of a decision's objects that is a quarter of the garbage.
 *
 * <p>Lookups scan the members, so it suits objects of tens of members, not thousands. It refuses a
 * key it already holds (a JSON object has distinct names, and a silent overwrite would hide a bug
 * in the code that builds the payload). Values may be {@code null} (JSON {@code null}).
 *
 * <p>Not thread-safe while it is built; the map view is unmodifiable through its {@link Map}
 * methods ({@code put}, {@code remove} and {@code clear} throw).
 */
public final class SmallJsonObject extends AbstractMap<String, @Nullable Object> {
  private String[] keys;
  private @Nullable Object[] values;
  private int size;

  /** An empty object with room for {@code expectedMembers} before it grows. */
  public SmallJsonObject(int expectedMembers) {
    if (expectedMembers < 0) {
      throw new IllegalArgumentException("expectedMembers must be >= 0, was " + expectedMembers);
    }
    keys = new String[expectedMembers];
    values = new Object[expectedMembers];
  }

  /**
   * Appends a member.
   *
   * @return this object, for chaining
   * @throws IllegalArgumentException if the object already has a member named {@code key}
   */
  public SmallJsonObject add(String key, @Nullable Object value) {
    Objects.requireNonNull(key, "key");
    if (indexOf(key) >= 0) {
      throw new IllegalArgumentException("duplicate member '" + key + "'");
    }
    if (size == keys.length) {
      int grown = Math.max(4, size * 2);
      keys = Arrays.copyOf(keys, grown);
      values = Arrays.copyOf(values, grown);
    }
    keys[size] = key;
    values[size] = value;
    size++;
    return this;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public @Nullable Object get(@Nullable Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  /** Visits the members in insertion order without allocating an iterator or entries. */
  @Override
  public void forEach(BiConsumer<? super String, ? super @Nullable Object> action) {
    Objects.requireNonNull(action, "action");
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public Set<Map.Entry<String, @Nullable Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, @Nullable Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private int indexOf(@Nullable Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }
}

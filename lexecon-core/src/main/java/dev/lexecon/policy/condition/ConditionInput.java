package dev.lexecon.policy.condition;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link Condition} reads the values its paths name. The policy engine implements it over
 * a decision request (actor, action, {@code args.*}, {@code context.*}); {@link #ofMap(Map)} covers
 * simple callers and tests.
 *
 * <p>Values are plain Java JSON values: {@code Map<String, ?>}, {@code List<?>}, {@code String},
 * {@code Boolean} and {@code Number} ({@code Integer}, {@code Long}, {@code Double}, {@code
 * BigInteger}, {@code BigDecimal}; {@code Short}, {@code Byte} and {@code Float} are also
 * understood). Other types are not errors, but every comparison involving them is {@link
 * Truth#UNKNOWN}.
 *
 * <p>A condition may be evaluated from many threads at once; an implementation used that way must
 * be safe for concurrent reads. {@link #resolve} is called on the hot path and should not allocate.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ConditionInput {

  /**
   * Returned by {@link #resolve} when a path does not name a value. Distinct from {@code null},
   * which stands for a JSON {@code null}; conditions treat both as unknown operands, but {@code
   * exists(path)} and flags treat both as not present. Compare with {@code ==}.
   */
  Object ABSENT = Absent.INSTANCE;

  /**
   * Returns the value at {@code path}, {@code null} for a JSON null, or {@link #ABSENT} when there
   * is no such value.
   *
   * @param path the path's segments, for example {@code ["args", "url"]} for {@code args.url}; at
   *     least one segment. The array belongs to the compiled condition and is passed on every
   *     evaluation so that none has to allocate: implementations must not modify or keep it.
   */
  @Nullable Object resolve(String[] path);

  /**
   * Returns an input that resolves dotted paths through nested maps, starting at {@code root}: the
   * first segment is a key of {@code root}, each further segment a key of the map the previous one
   * named. A segment that reaches a non-map value or a missing key resolves to {@link #ABSENT}.
   *
   * <p>The map is read at evaluation time, not copied; the input is thread-safe as long as no one
   * modifies the maps while conditions are evaluated.
   *
   * @param root the top-level object, for example {@code {"args": {...}, "context": {...}}}
   */
  static ConditionInput ofMap(Map<String, ?> root) {
    return new MapConditionInput(Objects.requireNonNull(root, "root"));
  }
}

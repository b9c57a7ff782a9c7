package dev.lexecon.api.export;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which ledger entries an export holds. Every scope is resolved against the ledger as it is when
 * the export starts; entries appended during the export are not in it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public sealed interface ExportScope {

  /** Every entry. */
  static ExportScope all() {
    return All.INSTANCE;
  }

  /**
   * The entries of the last {@code window}: timestamps at or after the export time minus the
   * window.
   *
   * @throws IllegalArgumentException if the window is not positive
   */
  static ExportScope recent(Duration window) {
    return new Recent(window);
  }

  /**
   * Entries with {@code from <= timestamp < to} of the given event types; a {@code null} bound is
   * open, and no event types means every type.
   *
   * @throws IllegalArgumentException if {@code from} is not before {@code to} or an event type is
   *     not of the ledger's form ({@code [a-z][a-z0-9_]*})
   */
  static ExportScope custom(@Nullable Instant from, @Nullable Instant to, Collection<String> eventTypes) {
    return new Custom(from, to, Set.copyOf(eventTypes));
  }

  /**
   * Every entry.
   *
   * @since 0.1
   */
  final class All implements ExportScope {
    static final All INSTANCE = new All();

    private All() {}

    @Override
    public String toString() {
      return "ExportScope.all()";
    }
  }

  /**
   * The entries of the last {@code window}.
   *
   * @param window how far back from the export time; positive
   * @since 0.1
   */
  record Recent(Duration window) implements ExportScope {
    public Recent {
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window must be positive, was " + window);
      }
    }
  }

  /**
   * A date range and a set of event types.
   *
   * @param from the first instant included, or {@code null} for no lower bound
   * @param to the first instant excluded, or {@code null} for no upper bound
   * @param eventTypes the event types included; empty for all
   * @since 0.1
   */
  record Custom(@Nullable Instant from, @Nullable Instant to, Set<String> eventTypes) implements ExportScope {
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public Custom {
      if (from != null && to != null && !from.isBefore(to)) {
        throw new IllegalArgumentException("period [" + from + ", " + to + ") is empty");
      }
      eventTypes = Set.copyOf(new TreeSet<>(eventTypes));
      for (String t : eventTypes) {
        if (!EVENT_TYPE.matcher(t).matches()) {
          throw new IllegalArgumentException("'" + t + "' is not an event type ([a-z][a-z0-9_]*,"
              + " at most 64 characters)");
        }
      }
    }
  }
}

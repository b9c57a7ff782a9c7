package dev.lexecon.api;

/**
 * Source of the unique part of the ids Lexecon mints ({@code dec_<id>}, {@code req_<id>}). The
 * default is a monotonic ULID generator driven by the engine's clock; inject a deterministic one
 * in tests so the same inputs give byte-identical decisions.
 *
 * <p>Implementations must be thread-safe and must never return the same value twice.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface IdGenerator {
  /** Returns a new id: 1 to 64 characters from {@code [A-Za-z0-9_-]}. */
  String nextId();
}

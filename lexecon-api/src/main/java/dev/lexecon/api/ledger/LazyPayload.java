package dev.lexecon.api.ledger;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A payload map that is decoded only when something first reads it.
 *
 * <p>An append produces the entry's canonical bytes anyway, and most callers of an append (every
 * {@code decide()}) never look at the payload of the entry it returns: building that map eagerly
 * was a third of the caller's cost of recording a decision. A ledger therefore hands out the
 * payload as a {@code LazyPayload} over the bytes it hashed, and {@link LedgerEntry} keeps it as
 * it is instead of copying it. Decoded, the map is exactly what reading the entry back from
 * storage gives: keys in canonical order, integers as {@code Long}, decimals as {@code
 * BigDecimal}.
 *
 * <p>Unmodifiable and thread-safe. The decoder runs on the first read and is dropped after it;
 * threads that race on that read may each run it, and all but one result is dropped, so it must
 * be a pure function. The top level of what it returns is copied; nested values must be
 * unmodifiable already.
 *
 * @since 0.1
 */
public final class LazyPayload extends AbstractMap<String, @Nullable Object> {
  /** Dropped once the payload is decoded, with the bytes it holds. */
  private volatile @Nullable Supplier<? extends Map<String, @Nullable Object>> decoder;
  private volatile @Nullable Map<String, @Nullable Object> decoded;

  /**
   * @param decoder returns the payload; called at most once per racing first read
   */
  public LazyPayload(Supplier<? extends Map<String, @Nullable Object>> decoder) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** Whether the payload has been decoded yet; for tests and diagnostics. */
  public boolean isDecoded() {
    return decoded != null;
  }

  private Map<String, @Nullable Object> map() {
    Map<String, @Nullable Object> m = decoded;
    if (m != null) {
      return m;
    }
    Supplier<? extends Map<String, @Nullable Object>> d = decoder;
    if (d == null) { // another thread decoded it between the two reads
      return Objects.requireNonNull(decoded);
    }
    Map<String, @Nullable Object> fresh =
        Objects.requireNonNull(d.get(), "the payload decoder returned null");
    // A copy, so that no map the decoder's author still holds can change this payload.
    m = Collections.unmodifiableMap(new LinkedHashMap<>(fresh));
    decoded = m;
    decoder = null;
    return m;
  }

  /** Unsupported, like every other change: the payload is unmodifiable. */
  @Override
  public @Nullable Object remove(@Nullable Object key) {
    throw unmodifiable();
  }

  /** Unsupported, like every other change: the payload is unmodifiable. */
  @Override
  public void putAll(Map<? extends String, ? extends @Nullable Object> m) {
    throw unmodifiable();
  }

  /** Unsupported, like every other change: the payload is unmodifiable. */
  @Override
  public void clear() {
    throw unmodifiable();
  }

  @Override
  public Set<Entry<String, @Nullable Object>> entrySet() {
    return map().entrySet();
  }

  @Override
  public int size() {
    return map().size();
  }

  @Override
  public boolean isEmpty() {
    return map().isEmpty();
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return map().containsKey(key);
  }

  @Override
  public @Nullable Object get(@Nullable Object key) {
    return map().get(key);
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super @Nullable Object> action) {
    map().forEach(action);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o == this || map().equals(o);
  }

  @Override
  public int hashCode() {
    return map().hashCode();
  }

  @Override
  public String toString() {
    return map().toString();
  }

  private static UnsupportedOperationException unmodifiable() {
    return new UnsupportedOperationException("a ledger payload is unmodifiable");
  }
}

package dev.lexecon.ledger;

import org.jspecify.annotations.Nullable;

/**
 * Marks a value in an event payload as personal data that must stay erasable (GDPR Art. 17).
 *
 * <p>When the payload is appended, the ledger replaces the value by a salted commitment {@code
 * {"commitment":"sha256:<hex>"}} in the hashed entry and keeps the value, with its salt, in the
 * entry's side record. Deleting the side record later erases the value while the entry, its hash
 * and every proof stay valid; while the side record exists, verification checks it against the
 * commitment. See {@code docs/ledger-format.md}, "Erasure".
 *
 * <p>The value is any JSON value Lexecon's JSON model accepts (maps, lists, strings, numbers,
 * booleans, {@code null}); it must not itself contain a {@code Redactable}. Immutable; thread-safe
 * if the wrapped value is not modified.
 *
 * @since 0.1
 */
public final class Redactable {
  private final @Nullable Object value;

  private Redactable(@Nullable Object value) {
    this.value = value;
  }

  /** Wraps {@code value} so that the ledger records only a commitment to it. */
  public static Redactable of(@Nullable Object value) {
    if (value instanceof Redactable) {
      throw new IllegalArgumentException("a Redactable cannot wrap another Redactable");
    }
    return new Redactable(value);
  }

  /** The wrapped value. */
  public @Nullable Object value() {
    return value;
  }

  /** Never shows the value, which is personal data. */
  @Override
  public String toString() {
    return "Redactable[...]";
  }
}

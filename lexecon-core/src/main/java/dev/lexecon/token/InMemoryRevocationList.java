package dev.lexecon.token;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Revocations held in memory, by token id and by decision id.
 *
 * <p>Two ways in: {@link #revokeToken} and {@link #revokeDecision} revoke now and then tell the
 * listener, which the integrator wires to append the ledger event; {@link #apply} takes a
 * revocation that is already recorded (read back from the ledger with {@link
 * Revocation#fromEventPayload}) and does not call the listener, so replaying the ledger at start-up
 * or following it from another process never records an event twice.
 *
 * <p>A revocation takes effect here before the listener runs: if recording it fails, the
 * exception propagates to the caller but this list already refuses the token, because refusing is
 * always the safe side. Entries are kept until the list is discarded; revocations are rare, and
 * the ledger holds the durable record.
 *
 * <p>Thread-safe; lookups do not lock.
 *
 * @since 0.1
 */
public final class InMemoryRevocationList implements RevocationList {
  private final ConcurrentHashMap<String, Revocation> tokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Revocation> decisions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Consumer<Revocation> listener;

  /** A list whose revocations are stamped by {@code clock} and reported to nobody. */
  public InMemoryRevocationList(Clock clock) {
    this(clock, revocation -> {});
  }

  /**
   * A list whose new revocations are stamped by {@code clock} and then reported to {@code
   * listener} (for example, to append a ledger event).
   */
  public InMemoryRevocationList(Clock clock, Consumer<Revocation> listener) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Revokes one token by its {@code jti}; returns the revocation after the listener ran. */
  public Revocation revokeToken(String tokenId, String reason) {
    return revoke(new Revocation(Revocation.Scope.TOKEN, tokenId, clock.instant(), reason));
  }

  /** Revokes every token of one decision; returns the revocation after the listener ran. */
  public Revocation revokeDecision(String decisionId, String reason) {
    return revoke(new Revocation(Revocation.Scope.DECISION, decisionId, clock.instant(), reason));
  }

  private Revocation revoke(Revocation r) {
    apply(r);
    listener.accept(r);
    return r;
  }

  /**
   * Adds a revocation that is already recorded, without calling the listener. The first
   * revocation of an id is kept; later ones for the same id change nothing.
   */
  public void apply(Revocation revocation) {
    Objects.requireNonNull(revocation, "revocation");
    (revocation.scope() == Revocation.Scope.TOKEN ? tokens : decisions)
        .putIfAbsent(revocation.id(), revocation);
  }

  @Override
  public @Nullable Revocation find(String tokenId, String decisionId) {
    Revocation r = tokens.get(tokenId);
    return r != null ? r : decisions.get(decisionId);
  }

  /** Number of revoked token ids and decision ids. */
  public int size() {
    return tokens.size() + decisions.size();
  }

  @Override
  public String toString() {
    return "InMemoryRevocationList[tokens=" + tokens.size() + ", decisions=" + decisions.size() + "]";
  }
}

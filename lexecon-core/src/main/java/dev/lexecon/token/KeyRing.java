package dev.lexecon.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The keys behind capability tokens: one current signing key and the keys that signed before it.
 * {@link #rotate()} makes a new key current and keeps the old one for verification, so tokens and
 * signatures it made stay valid until you {@link #retire} it; {@link #publicKeys()} is what to
 * publish (as a JWK set or PEM) for verifiers elsewhere.
 *
 * <p>Every rotation is reported to the rotation listener <em>before</em> the new key signs
 * anything; the integrator records it as the ledger's {@code key_rotated} event. If the listener
 * throws, the rotation is abandoned and the old key stays current, so no token exists whose key
 * the ledger has not announced.
 *
 * <p>Thread-safe: readers see an immutable snapshot through an {@link AtomicReference} and never
 * block; rotations and retirements are serialized by a lock. {@link #toString()} lists key ids
 * only.
 *
 * @since 0.1
 */
public final class KeyRing {
  /** Immutable snapshot; {@code checks} holds every key that may verify, current included. */
  private record State(SigningKey current, Map<String, SignatureCheck> checks) {}

  private final AtomicReference<State> state;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Consumer<KeyRotation> onRotation;
  private final Clock clock;
  private final SecureRandom random;

  private KeyRing(Builder b) {
    Map<String, SignatureCheck> checks = new LinkedHashMap<>();
    for (SignatureCheck c : b.retained) {
      checks.put(c.keyId(), c);
    }
    checks.put(b.current.keyId(), b.current.check());
    this.state = new AtomicReference<>(new State(b.current, Collections.unmodifiableMap(checks)));
    this.onRotation = b.onRotation;
    this.clock = b.clock;
    this.random = b.random;
  }

  /** A ring with just this key and no rotation listener. */
  public static KeyRing of(SigningKey current) {
    return builder(current).build();
  }

  /** Starts configuring a ring whose current signing key is {@code current}. */
  public static Builder builder(SigningKey current) {
    return new Builder(current);
  }

  /** The key that signs now. */
  public SigningKey currentKey() {
    return state.get().current;
  }

  /**
   * Generates a new key of the current key's algorithm and makes it current; the previous key keeps
   * verifying.
   *
   * @return the rotation, as reported to the listener
   * @throws RuntimeException whatever the rotation listener threw; the ring is then unchanged
   */
  public KeyRotation rotate() {
    return rotate(SigningKey.generate(currentKey().algorithm(), random));
  }

  /**
   * Makes {@code next} the current signing key; the previous key keeps verifying.
   *
   * @return the rotation, as reported to the listener
   * @throws IllegalArgumentException if a key with the same id is already in the ring
   * @throws RuntimeException whatever the rotation listener threw; the ring is then unchanged
   */
  public KeyRotation rotate(SigningKey next) {
    Objects.requireNonNull(next, "next");
    writeLock.lock();
    try {
      State s = state.get();
      if (s.checks.containsKey(next.keyId())) {
        throw new IllegalArgumentException("key id " + next.keyId() + " is already in the ring");
      }
      KeyRotation rotation =
          new KeyRotation(
              s.current.keyId(),
              next.keyId(),
              next.algorithm(),
              clock.instant(),
              next.verificationKey());
      onRotation.accept(rotation); // before activation: the ledger hears of the key first
      Map<String, SignatureCheck> checks = new LinkedHashMap<>(s.checks);
      checks.put(next.keyId(), next.check());
      state.set(new State(next, Collections.unmodifiableMap(checks)));
      return rotation;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Stops accepting signatures by a previous key, for example once every token it signed has
   * expired, or at once if it leaked. Tokens it signed then fail with {@code UNKNOWN_KEY}.
   *
   * @return whether the key was in the ring
   * @throws IllegalArgumentException for the current key; rotate first
   */
  public boolean retire(String keyId) {
    writeLock.lock();
    try {
      State s = state.get();
      if (s.current.keyId().equals(keyId)) {
        throw new IllegalArgumentException("cannot retire the current key " + keyId + "; rotate first");
      }
      if (!s.checks.containsKey(keyId)) {
        return false;
      }
      Map<String, SignatureCheck> checks = new LinkedHashMap<>(s.checks);
      checks.remove(keyId);
      state.set(new State(s.current, Collections.unmodifiableMap(checks)));
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  /** Ids of every key that verifies, oldest first, the current one last. */
  public List<String> keyIds() {
    State s = state.get();
    List<String> ids = new ArrayList<>(s.checks.keySet());
    ids.remove(s.current.keyId());
    ids.add(s.current.keyId());
    return List.copyOf(ids);
  }

  /**
   * The public keys of every asymmetric key that verifies, oldest first with the current one
   * last: what to publish. HMAC keys are never included.
   */
  public PublicKeySet publicKeys() {
    State s = state.get();
    List<VerificationKey> keys = new ArrayList<>();
    for (String id : keyIds()) {
      if (s.checks.get(id) instanceof VerificationKey k) {
        keys.add(k);
      }
    }
    return PublicKeySet.of(keys);
  }

  /** The check for a key id, or {@code null} if the ring does not hold it (any longer). */
  @Nullable SignatureCheck check(String keyId) {
    return state.get().checks.get(keyId);
  }

  @Override
  public String toString() {
    return "KeyRing[current=" + currentKey().keyId() + ", keys=" + keyIds() + "]";
  }

  /**
   * Configures a {@link KeyRing}. Setters check their argument at once. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final SigningKey current;
    private final List<SignatureCheck> retained = new ArrayList<>();
    private Consumer<KeyRotation> onRotation = rotation -> {};
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();

    private Builder(SigningKey current) {
      this.current = Objects.requireNonNull(current, "current");
    }

    /** Keeps an earlier key so that what it signed still verifies; only its public half is used. */
    public Builder retain(VerificationKey previous) {
      return addRetained(Objects.requireNonNull(previous, "previous"));
    }

    /**
     * Keeps an earlier signing key for verification only; needed for HMAC keys, which have no
     * public half.
     */
    public Builder retain(SigningKey previous) {
      return addRetained(Objects.requireNonNull(previous, "previous").check());
    }

    private Builder addRetained(SignatureCheck check) {
      for (SignatureCheck c : retained) {
        if (c.keyId().equals(check.keyId())) {
          throw new IllegalArgumentException("key id " + check.keyId() + " was already retained");
        }
      }
      if (check.keyId().equals(current.keyId())) {
        throw new IllegalArgumentException("key id " + check.keyId() + " is the current key's");
      }
      retained.add(check);
      return this;
    }

    /**
     * Called with every rotation before the new key is used (wire it to the ledger's {@code
     * key_rotated} event). It runs under the ring's write lock, so rotations are reported in order.
     */
    public Builder onRotation(Consumer<KeyRotation> listener) {
      this.onRotation = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The clock that stamps rotations; defaults to {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The randomness {@link #rotate()} generates keys from; defaults to a new SecureRandom. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Builds the ring. */
    public KeyRing build() {
      return new KeyRing(this);
    }
  }
}

package dev.lexecon.token;

import dev.lexecon.json.Jcs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The public keys a verifier trusts, by key id: what a tool executor in another process needs to
 * check capability tokens and decision signatures without a {@code Lexecon} instance or any
 * secret. Read it from a JWK set (RFC 7517 §5; Ed25519 as RFC 8037 {@code OKP}) or from PEM
 * {@code PUBLIC KEY} blocks, and write it back in either form.
 *
 * <p>Loading is strict about what it must understand and lenient about the rest: a key with
 * private members, a symmetric {@code oct} key, a broken key or a duplicate key id is an error; a
 * key of another type, curve, {@code alg} or {@code use} is skipped, so that a shared JWK set
 * with encryption or RSA-JWT keys still loads. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PublicKeySet {
  private final Map<String, VerificationKey> byId;

  private PublicKeySet(Collection<VerificationKey> keys) {
    Map<String, VerificationKey> map = new LinkedHashMap<>();
    for (VerificationKey k : keys) {
      Objects.requireNonNull(k, "key");
      VerificationKey previous = map.putIfAbsent(k.keyId(), k);
      if (previous != null && !previous.equals(k)) {
        throw new IllegalArgumentException("two different keys share the key id " + k.keyId());
      }
    }
    this.byId = Collections.unmodifiableMap(map);
  }

  /** A set of the given keys; key ids must be unique. */
  public static PublicKeySet of(VerificationKey... keys) {
    return new PublicKeySet(Arrays.asList(keys));
  }

  /** A set of the given keys, in iteration order; key ids must be unique. */
  public static PublicKeySet of(Collection<VerificationKey> keys) {
    return new PublicKeySet(keys);
  }

  /**
   * Reads a JWK set document, {@code {"keys":[...]}}. Every usable key needs a {@code kid}.
   *
   * @throws IllegalArgumentException if the JSON is invalid (duplicate member names included), a
   *     key is broken or carries private members, or key ids repeat
   */
  public static PublicKeySet fromJwkSetJson(String json) {
    Object doc = Jcs.parse(json);
    if (!(doc instanceof Map<?, ?> set) || !(set.get("keys") instanceof List<?> keys)) {
      throw new IllegalArgumentException("a JWK set is an object with a \"keys\" array");
    }
    List<VerificationKey> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      if (!(keys.get(i) instanceof Map<?, ?> jwk)) {
        throw new IllegalArgumentException("keys[" + i + "] is not a JSON object");
      }
      try {
        VerificationKey key = VerificationKey.fromJwk(jwk);
        if (key != null) {
          out.add(key);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("keys[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new PublicKeySet(out);
  }

  /**
   * Reads one or more {@code -----BEGIN PUBLIC KEY-----} blocks (Ed25519 or RSA). PEM carries no
   * key id, so each key gets its RFC 7638 thumbprint, which is also the id Lexecon gives keys by
   * default; for other ids use {@link VerificationKey#withKeyId} and {@link #of}.
   *
   * @throws IllegalArgumentException if there is no block, a block is not a public key, or a key
   *     is not Ed25519 or RSA
   */
  public static PublicKeySet fromPem(String pem) {
    List<VerificationKey> keys = new ArrayList<>();
    for (Pem.Block block : Pem.decodeAll(pem)) {
      keys.add(VerificationKey.fromPemBlock(block));
    }
    return new PublicKeySet(keys);
  }

  /** The key with this id, or {@code null}. */
  public @Nullable VerificationKey find(String keyId) {
    return byId.get(keyId);
  }

  /** All keys, in the order they were given. */
  public List<VerificationKey> keys() {
    return List.copyOf(byId.values());
  }

  /** Number of keys. */
  public int size() {
    return byId.size();
  }

  /** The set as a JWK set document in RFC 8785 canonical form (sorted members, no spaces). */
  public String toJwkSetJson() {
    List<Map<String, Object>> jwks = new ArrayList<>(byId.size());
    for (VerificationKey k : byId.values()) {
      jwks.add(k.toJwk());
    }
    return Jcs.canonicalString(Map.of("keys", jwks));
  }

  /** Every key as a {@code PUBLIC KEY} PEM block, one after the other. */
  public String toPem() {
    StringBuilder sb = new StringBuilder();
    for (VerificationKey k : byId.values()) {
      sb.append(k.toPem());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "PublicKeySet" + byId.keySet();
  }
}

package dev.lexecon.ledger;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A named Ed25519 private key that signs C2SP signed notes and checkpoints.
 *
 * <p>Its text form is the one of Go's {@code golang.org/x/mod/sumdb/note}: {@code
 * PRIVATE+KEY+<name>+<8 hex digits of key hash>+<base64(0x01 || 32-byte seed)>}. Treat that text as
 * a secret: {@link #toString()} never shows it and exceptions never quote it.
 *
 * <p>Immutable and thread-safe; signing is deterministic (RFC 8032).
 *
 * @since 0.1
 */
public final class NoteSigner {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final Ed25519.PrivateKey key;
  private final NoteVerifier verifier;

  private NoteSigner(String name, Ed25519.PrivateKey key) {
    this.key = key;
    this.verifier = NoteVerifier.ofEd25519(name, key.publicKey());
  }

  /**
   * Parses a signer key {@code PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>}.
   *
   * @throws IllegalArgumentException if the text is malformed, names another algorithm, or the hash
   *     does not match the name and the key derived from the seed; the message never contains the
   *     key text
   */
  public static NoteSigner parse(String encodedPrivateKey) {
    Objects.requireNonNull(encodedPrivateKey, "encodedPrivateKey");
    if (!encodedPrivateKey.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a signer key starts with " + PREFIX);
    }
    String[] parts = encodedPrivateKey.substring(PREFIX.length()).split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("a signer key is PRIVATE+KEY+<name>+<hash>+<key>");
    }
    String name = parts[0];
    NoteVerifier.checkName(name);
    byte[] typedSeed = NoteText.decodeCanonicalBase64(parts[2]);
    if (typedSeed == null || typedSeed.length != 1 + Ed25519.SEED_LENGTH) {
      throw new IllegalArgumentException(
          "signer key for " + name + ": key is not the base64 of a type byte and a 32-byte seed");
    }
    if (typedSeed[0] != NoteText.ALG_ED25519) {
      throw new IllegalArgumentException(
          "signer key for " + name + ": unsupported algorithm byte " + (typedSeed[0] & 0xff));
    }
    byte[] seed = Arrays.copyOfRange(typedSeed, 1, typedSeed.length);
    Arrays.fill(typedSeed, (byte) 0);
    NoteSigner signer = new NoteSigner(name, Ed25519.PrivateKey.fromSeed(seed));
    Arrays.fill(seed, (byte) 0);
    // As in Go's NewSigner, the hash is checked against the public key derived from the seed.
    NoteVerifier.checkHash(parts[1], signer.keyHash(), name, "signer key");
    return signer;
  }

  /** Generates a new key pair under {@code name} with a default {@link SecureRandom}. */
  public static NoteSigner generate(String name) {
    return generate(name, new SecureRandom());
  }

  /**
   * Generates a new key pair under {@code name}.
   *
   * @throws IllegalArgumentException if the name is empty or contains white space or {@code +}
   */
  public static NoteSigner generate(String name, SecureRandom random) {
    NoteVerifier.checkName(name);
    Objects.requireNonNull(random, "random");
    return new NoteSigner(name, Ed25519.PrivateKey.generate(random));
  }

  /** Returns the key name written in signature lines. */
  public String name() {
    return verifier.name();
  }

  /** Returns the key hash, an unsigned 32-bit value. */
  public int keyHash() {
    return verifier.keyHash();
  }

  /** Returns the matching verifier, safe to publish. */
  public NoteVerifier verifier() {
    return verifier;
  }

  /** Returns the secret text form {@code PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>}. */
  public String encodedPrivateKey() {
    byte[] typedSeed = NoteVerifier.typed(key.seed());
    try {
      return PREFIX
          + name()
          + '+'
          + NoteText.hex(keyHash())
          + '+'
          + Base64.getEncoder().encodeToString(typedSeed);
    } finally {
      Arrays.fill(typedSeed, (byte) 0);
    }
  }

  /** The 64-byte Ed25519 signature of {@code message}. */
  byte[] sign(byte[] message) {
    return key.sign(message);
  }

  /** Names the key and its public half; never the secret. */
  @Override
  public String toString() {
    return "NoteSigner[" + verifier.encoded() + "]";
  }
}

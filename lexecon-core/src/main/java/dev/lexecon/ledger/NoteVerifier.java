package dev.lexecon.ledger;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named Ed25519 public key that verifies C2SP signed notes and checkpoints.
 *
 * <p>Its text form is the one of Go's {@code golang.org/x/mod/sumdb/note}: {@code <name>+<8 hex
 * digits of key hash>+<base64(0x01 || 32-byte public key)>}, for example {@code
 * PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW}. The key hash is the first
 * four bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}; together with the name it
 * picks the key a signature line claims.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class NoteVerifier {
  private final String name;
  private final int keyHash;
  private final Ed25519.PublicKey key;

  private NoteVerifier(String name, int keyHash, Ed25519.PublicKey key) {
    this.name = name;
    this.keyHash = keyHash;
    this.key = key;
  }

  /**
   * Parses a verifier key {@code <name>+<hash>+<base64(0x01 || key)>}.
   *
   * @throws IllegalArgumentException if the text is malformed, names another algorithm, or the hash
   *     does not match the name and key
   */
  public static NoteVerifier parse(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    String[] parts = encoded.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a verifier key is <name>+<hash>+<key>, got " + parts.length + " part(s)");
    }
    return fromParts(parts[0], parts[1], parts[2], "verifier key");
  }

  /**
   * Returns the verifier for an Ed25519 public key under {@code name}.
   *
   * @throws IllegalArgumentException if the name is invalid (empty, white space or {@code +}) or
   *     the key is not a valid 32-byte Ed25519 public key
   */
  public static NoteVerifier ofEd25519(String name, byte[] publicKey) {
    checkName(name);
    Ed25519.PublicKey key = Ed25519.PublicKey.decode(publicKey);
    return new NoteVerifier(name, NoteText.keyHash(name, typed(key.encoded())), key);
  }

  /** Parses the name, hash and typed key shared by the verifier and signer key formats. */
  static NoteVerifier fromParts(String name, String hashHex, String keyBase64, String what) {
    checkName(name);
    byte[] typedKey = NoteText.decodeCanonicalBase64(keyBase64);
    if (typedKey == null || typedKey.length == 0) {
      throw new IllegalArgumentException(what + " for " + name + ": key is not base64");
    }
    if (typedKey[0] != NoteText.ALG_ED25519) {
      throw new IllegalArgumentException(
          what + " for " + name + ": unsupported algorithm byte " + (typedKey[0] & 0xff));
    }
    Ed25519.PublicKey key =
        Ed25519.PublicKey.decode(Arrays.copyOfRange(typedKey, 1, typedKey.length));
    int hash = NoteText.keyHash(name, typedKey);
    checkHash(hashHex, hash, name, what);
    return new NoteVerifier(name, hash, key);
  }

  static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NoteText.isValidKeyName(name)) {
      throw new IllegalArgumentException(
          "invalid key name '" + name + "': must be non-empty, without spaces or '+'");
    }
  }

  static void checkHash(String hashHex, int expected, String name, String what) {
    if (hashHex.length() != 8 || !hashHex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(what + " for " + name + ": key hash is not 8 hex digits");
    }
    if (Integer.parseUnsignedInt(hashHex, 16) != expected) {
      throw new IllegalArgumentException(
          what + " for " + name + ": key hash " + hashHex + " does not match the key");
    }
  }

  static byte[] typed(byte[] key) {
    byte[] typedKey = new byte[key.length + 1];
    typedKey[0] = NoteText.ALG_ED25519;
    System.arraycopy(key, 0, typedKey, 1, key.length);
    return typedKey;
  }

  /** Returns the key name, which signature lines repeat. */
  public String name() {
    return name;
  }

  /** Returns the key hash, an unsigned 32-bit value (compare with {@code ==}). */
  public int keyHash() {
    return keyHash;
  }

  /** Returns a copy of the 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return key.encoded();
  }

  /** Returns the text form {@code <name>+<hash>+<base64(0x01 || key)>}. */
  public String encoded() {
    return name
        + '+'
        + NoteText.hex(keyHash)
        + '+'
        + Base64.getEncoder().encodeToString(typed(key.encoded()));
  }

  /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
  boolean verify(byte[] message, byte[] signature) {
    return key.verify(message, signature);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof NoteVerifier
        && name.equals(((NoteVerifier) o).name)
        && Arrays.equals(key.encoded(), ((NoteVerifier) o).key.encoded());
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + keyHash;
  }

  /** Returns {@link #encoded()}. */
  @Override
  public String toString() {
    return encoded();
  }
}

package dev.lexecon.api.ledger;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A 32-byte SHA-256 digest: a ledger entry hash, a Merkle leaf or node hash, or a tree root.
 *
 * <p>A value type rather than a {@code byte[]} so that records holding hashes (such as {@link
 * InclusionProof}) get meaningful {@code equals}, {@code hashCode} and {@code toString}. The bytes
 * are copied on the way in and on the way out, so an instance can never change.
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} is the lowercase hex form.
 *
 * @since 0.1
 */
public final class Hash {
  /** The length of every hash, in bytes. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns the hash with these bytes, copied.
   *
   * @throws IllegalArgumentException if {@code bytes} is not exactly {@value #LENGTH} bytes long
   */
  public static Hash of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a hash is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /**
   * Returns the hash held in {@code source[offset, offset + 32)}, copied. Lets callers that keep
   * many hashes in one large array avoid an intermediate copy.
   *
   * @throws IndexOutOfBoundsException if the range does not lie within {@code source}
   */
  public static Hash of(byte[] source, int offset) {
    Objects.checkFromIndexSize(offset, LENGTH, source.length);
    return new Hash(Arrays.copyOfRange(source, offset, offset + LENGTH));
  }

  /**
   * Parses 64 hexadecimal digits (either case).
   *
   * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
   */
  public static Hash fromHex(CharSequence hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "a hash is " + 2 * LENGTH + " hex digits, got " + hex.length() + " characters");
    }
    try {
      return new Hash(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex hash: " + e.getMessage(), e);
    }
  }

  /**
   * Parses the standard, padded base64 encoding of RFC 4648 §4, as used in C2SP checkpoints. Only
   * the canonical encoding is accepted (padding present, unused bits zero), so that one hash has
   * exactly one text form.
   *
   * @throws IllegalArgumentException if {@code base64} is not the canonical encoding of 32 bytes
   */
  public static Hash fromBase64(String base64) {
    Objects.requireNonNull(base64, "base64");
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
    }
    if (decoded.length != LENGTH) {
      throw new IllegalArgumentException(
          "a hash is " + LENGTH + " bytes, base64 decoded to " + decoded.length);
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(base64)) {
      throw new IllegalArgumentException("not the canonical padded base64 of a hash");
    }
    return new Hash(decoded);
  }

  /** Returns a copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Returns the 64 lowercase hex digits. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  /** Returns the standard, padded base64 encoding (RFC 4648 §4). */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Hash && Arrays.equals(bytes, ((Hash) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Returns {@link #hex()}. */
  @Override
  public String toString() {
    return hex();
  }
}

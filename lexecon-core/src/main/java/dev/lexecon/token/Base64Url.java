package dev.lexecon.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Unpadded base64url (RFC 7515 §2, RFC 4648 §5), decoded strictly: only the 64 url-safe
 * characters, no padding, no whitespace, and the unused low bits of the last character must be
 * zero. The last rule matters for signatures: a lenient decoder maps several strings onto the same
 * bytes, so a token whose final character was changed would still verify. Stateless and
 * thread-safe.
 *
 * <p>Hand-written rather than {@link java.util.Base64} because token verification decodes three
 * segments per call: the JDK decoder needs a {@code String} copy of each segment and ignores
 * non-zero unused bits, which could then only be caught by encoding the result again (once 70%
 * of HS256 verification time). Here the alphabet, the length and the unused bits are checked in
 * the same single pass that decodes, from the token's bytes ({@link #ascii}).
 */
final class Base64Url {
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);
  /** Value of each byte, -1 outside the alphabet: 256 entries, so any {@code b & 0xff} indexes it. */
  private static final int[] VALUES = new int[256];

  static {
    Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = i;
    }
  }

  private Base64Url() {}

  static String encode(byte[] bytes) {
    byte[] out = new byte[encodedLength(bytes.length)];
    encode(bytes, 0, bytes.length, out, 0);
    return new String(out, StandardCharsets.US_ASCII);
  }

  /** Length of the unpadded encoding of {@code n} bytes. */
  static int encodedLength(int n) {
    int rest = n % 3;
    return n / 3 * 4 + (rest == 0 ? 0 : rest + 1);
  }

  /**
   * Writes the unpadded base64url of {@code src[from, to)} as ASCII into {@code dst} at {@code
   * at}, which must have {@link #encodedLength} bytes of room; returns the position after it.
   */
  static int encode(byte[] src, int from, int to, byte[] dst, int at) {
    int i = from;
    for (int full = from + (to - from) / 3 * 3; i < full; i += 3) {
      int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
      dst[at++] = ALPHABET[bits >>> 18];
      dst[at++] = ALPHABET[bits >>> 12 & 63];
      dst[at++] = ALPHABET[bits >>> 6 & 63];
      dst[at++] = ALPHABET[bits & 63];
    }
    int rest = to - i;
    if (rest == 1) {
      int bits = src[i] & 0xff;
      dst[at++] = ALPHABET[bits >>> 2];
      dst[at++] = ALPHABET[(bits & 3) << 4];
    } else if (rest == 2) {
      int bits = (src[i] & 0xff) << 8 | (src[i + 1] & 0xff);
      dst[at++] = ALPHABET[bits >>> 10];
      dst[at++] = ALPHABET[bits >>> 4 & 63];
      dst[at++] = ALPHABET[(bits & 15) << 2];
    }
    return at;
  }

  /** Decodes {@code s}, or returns {@code null} if it is not canonical unpadded base64url. */
  static byte @Nullable [] decode(CharSequence s) {
    byte[] ascii = ascii(s.toString());
    return decode(ascii, 0, ascii.length);
  }

  /**
   * The characters of {@code s} as bytes, one per character: ASCII stays, anything else becomes
   * a byte outside the alphabet. Positions are those of {@code s}, so a token can be split at its
   * dots in the string and decoded in the bytes.
   */
  static byte[] ascii(String s) {
    // One intrinsic copy for the usual Latin-1 string; non-ASCII chars come out as bytes >= 0x80
    // or '?', which the alphabet refuses, but a surrogate pair becomes a single '?'.
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    if (bytes.length != s.length()) {
      bytes = new byte[s.length()];
      for (int i = 0; i < bytes.length; i++) {
        char c = s.charAt(i);
        bytes[i] = c < 0x80 ? (byte) c : (byte) 0xff;
      }
    }
    return bytes;
  }

  /**
   * Decodes the ASCII {@code src[from, to)}, or returns {@code null} if it is not canonical
   * unpadded base64url.
   */
  static byte @Nullable [] decode(byte[] src, int from, int to) {
    int n = to - from;
    int rest = n % 4;
    if (rest == 1) {
      return null; // 6 bits cannot end a byte sequence
    }
    byte[] out = new byte[n / 4 * 3 + (rest == 0 ? 0 : rest - 1)];
    int[] values = VALUES;
    int o = 0;
    int i = from;
    for (int full = to - rest; i < full; i += 4) {
      int bits = values[src[i] & 0xff] << 18
          | values[src[i + 1] & 0xff] << 12
          | values[src[i + 2] & 0xff] << 6
          | values[src[i + 3] & 0xff];
      if (bits < 0) {
        return null; // a -1 for a character outside the alphabet sets the sign bit
      }
      out[o++] = (byte) (bits >> 16);
      out[o++] = (byte) (bits >> 8);
      out[o++] = (byte) bits;
    }
    if (rest != 0) {
      int bits = values[src[i] & 0xff] << 12
          | values[src[i + 1] & 0xff] << 6
          | (rest == 3 ? values[src[i + 2] & 0xff] : 0);
      // Bits 17..10 are the first byte, 9..2 the second. The unused low bits of the last
      // character must be zero (4 after 2 characters: bits 9..6; 2 after 3: bits 1..0), or
      // several strings would decode to the same bytes.
      if (bits < 0 || (bits & (rest == 2 ? 0x3ff : 0x3)) != 0) {
        return null;
      }
      out[o] = (byte) (bits >> 10);
      if (rest == 3) {
        out[o + 1] = (byte) (bits >> 2);
      }
    }
    return out;
  }

  /** Decodes trusted configuration, such as a JWK member, or throws naming {@code what}. */
  static byte[] decodeOrThrow(String s, String what) {
    byte[] bytes = decode(s);
    if (bytes == null) {
      throw new IllegalArgumentException(what + " is not unpadded base64url");
    }
    return bytes;
  }
}

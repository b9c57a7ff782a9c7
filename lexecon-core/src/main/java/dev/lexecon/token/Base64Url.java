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
 * the same single pass that decodes, straight from the token's characters.
 */
final class Base64Url {
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);
  /** Value of each ASCII character, -1 for characters outside the alphabet. */
  private static final byte[] VALUES = new byte[128];

  static {
    Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = (byte) i;
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
    String text = s.toString();
    return decode(text, 0, text.length(), null, 0);
  }

  /**
   * Decodes {@code s[from, to)}, or returns {@code null} if it is not canonical unpadded
   * base64url. When {@code copy} is given, the characters read are also stored into it as ASCII
   * bytes from {@code copyAt} on (complete only when the result is not {@code null}): a verifier
   * needs exactly these characters as the signing input, and they are in hand here anyway.
   */
  static byte @Nullable [] decode(String s, int from, int to, byte @Nullable [] copy, int copyAt) {
    int n = to - from;
    int rest = n % 4;
    if (rest == 1) {
      return null; // 6 bits cannot end a byte sequence
    }
    byte[] out = new byte[n / 4 * 3 + (rest == 0 ? 0 : rest - 1)];
    int o = 0;
    int i = from;
    for (int full = to - rest; i < full; i += 4) {
      char c0 = s.charAt(i);
      char c1 = s.charAt(i + 1);
      char c2 = s.charAt(i + 2);
      char c3 = s.charAt(i + 3);
      if ((c0 | c1 | c2 | c3) >= 128) {
        return null;
      }
      int bits = VALUES[c0] << 18 | VALUES[c1] << 12 | VALUES[c2] << 6 | VALUES[c3];
      if (bits < 0) {
        return null; // any -1 sets the sign bit
      }
      out[o++] = (byte) (bits >> 16);
      out[o++] = (byte) (bits >> 8);
      out[o++] = (byte) bits;
      if (copy != null) {
        int at = copyAt + (i - from);
        copy[at] = (byte) c0;
        copy[at + 1] = (byte) c1;
        copy[at + 2] = (byte) c2;
        copy[at + 3] = (byte) c3;
      }
    }
    if (rest != 0) {
      char c0 = s.charAt(i);
      char c1 = s.charAt(i + 1);
      char c2 = rest == 3 ? s.charAt(i + 2) : 'A';
      if ((c0 | c1 | c2) >= 128) {
        return null;
      }
      int bits = VALUES[c0] << 12 | VALUES[c1] << 6 | VALUES[c2];
      // Bits 17..10 are the first byte, 9..2 the second. The unused low bits of the last
      // character must be zero (4 after 2 characters: bits 9..6; 2 after 3: bits 1..0), or
      // several strings would decode to the same bytes.
      if (bits < 0 || (bits & (rest == 2 ? 0x3ff : 0x3)) != 0) {
        return null;
      }
      if (rest == 2) {
        out[o] = (byte) (bits >> 10);
      } else {
        out[o] = (byte) (bits >> 10);
        out[o + 1] = (byte) (bits >> 2);
      }
      if (copy != null) {
        int at = copyAt + (i - from);
        copy[at] = (byte) c0;
        copy[at + 1] = (byte) c1;
        if (rest == 3) {
          copy[at + 2] = (byte) c2;
        }
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

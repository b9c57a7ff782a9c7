package dev.lexecon.token;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Unpadded base64url (RFC 7515 §2, RFC 4648 §5), decoded strictly: only the 64 url-safe
 * characters, no padding, no whitespace, and the unused low bits of the last character must be
 * zero. The last rule matters for signatures: a lenient decoder maps several strings onto the same
 * bytes, so a token whose final character was changed would still verify. Stateless and
 * thread-safe.
 */
final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /** Decodes {@code s}, or returns {@code null} if it is not canonical unpadded base64url. */
  static byte @Nullable [] decode(CharSequence s) {
    int n = s.length();
    if (n % 4 == 1) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
              || c == '_';
      if (!ok) {
        return null;
      }
    }
    byte[] bytes = DECODER.decode(s.toString());
    // The JDK decoder ignores non-zero trailing bits; re-encoding exposes them.
    if (n % 4 != 0 && !ENCODER.encodeToString(bytes).contentEquals(s)) {
      return null;
    }
    return bytes;
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

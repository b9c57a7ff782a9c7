package dev.lexecon.token;

import dev.lexecon.internal.Sha256;
import dev.lexecon.json.Jcs;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * The {@code arg} claim: SHA-256 of the RFC 8785 form of the tool-call arguments after {@link
 * Jcs#normalizeNumbers}, computed the cheap way whenever that gives the same bytes. Stateless and
 * thread-safe.
 *
 * <p>{@code normalizeNumbers} copies the whole argument tree in order to replace the numbers JCS
 * refuses; every other value stays the same instance. So when {@link Jcs#canonicalize} accepts
 * the arguments as they are, they contain no such number and the copy would canonicalize to the
 * very same bytes: the copy is made only after {@code canonicalize} has refused them, and then
 * everything (the result, or the exception and its message) is exactly the documented path's.
 * {@code ArgumentsDigestTest} compares both on generated arguments.
 */
final class ArgumentsDigest {
  private static final HexFormat HEX = HexFormat.of();
  /** Cloned per call: {@code MessageDigest.getInstance} searches the providers every time. */
  /** The digest of {@code {}}, for calls without arguments. */
  private static final byte[] EMPTY = sha256(Jcs.canonicalize(Map.of()));

  private ArgumentsDigest() {}

  /** The digest as 64 lowercase hex digits, the form of the {@code arg} claim. */
  static String hex(Map<String, ?> arguments) {
    return HEX.formatHex(digest(arguments));
  }

  /**
   * The raw digest.
   *
   * @throws IllegalArgumentException if the arguments hold a value JSON cannot express, with
   *     {@link Jcs#normalizeNumbers}'s message
   */
  static byte[] digest(Map<String, ?> arguments) {
    if (arguments.isEmpty()) {
      return EMPTY.clone();
    }
    byte[] canonical;
    try {
      canonical = Jcs.canonicalize(arguments);
    } catch (IllegalArgumentException e) {
      canonical = Jcs.canonicalize(Jcs.normalizeNumbers(arguments));
    }
    return sha256(canonical);
  }

  /**
   * Whether {@code hex} spells {@code digest} in lowercase hex, compared without building a
   * string. The digest is not a secret, so the early exit is harmless.
   */
  static boolean matches(String hex, byte[] digest) {
    if (hex.length() != 2 * digest.length) {
      return false;
    }
    for (int i = 0; i < digest.length; i++) {
      int high = lowercaseHexValue(hex.charAt(2 * i));
      int low = lowercaseHexValue(hex.charAt(2 * i + 1));
      if (high < 0 || low < 0 || (high << 4 | low) != (digest[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private static int lowercaseHexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  private static byte[] sha256(byte[] bytes) {
    return Sha256.of(bytes);
  }
}

package dev.lexecon.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Shared rules of the C2SP signed-note format (c2sp.org/signed-note, "Format"). */
final class NoteText {
  /** U+2014 EM DASH and a space start every signature line. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  /** Signature type byte for Ed25519 (c2sp.org/signed-note, "Signature types"). */
  static final byte ALG_ED25519 = 0x01;

  private NoteText() {}

  /**
   * Why {@code s} may not appear in a note, or {@code null} if it may: notes are UTF-8 (so no
   * unpaired surrogates) without ASCII control characters other than newline.
   */
  static @Nullable String invalidCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        return String.format("control character U+%04X at offset %d", (int) c, i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "unpaired surrogate at offset " + i + " (not encodable as UTF-8)";
      }
    }
    return null;
  }

  /**
   * Whether {@code name} is a valid key name: non-empty, no Unicode white space, no {@code +} (the
   * same rule as Go's {@code isValidName}, which tests {@code unicode.IsSpace}).
   */
  static boolean isValidKeyName(String name) {
    if (name.isEmpty() || invalidCharacter(name) != null) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean whiteSpace = (c >= 0x09 && c <= 0x0D) || c == 0x85 || Character.isSpaceChar(c);
      if (whiteSpace || c == '+') {
        return false;
      }
    }
    return true;
  }

  /**
   * Key ID = first four bytes, big-endian, of SHA-256(key name || 0x0A || type || public key)
   * (c2sp.org/signed-note, "Signatures"); {@code typedKey} is the type byte and the key.
   */
  static int keyHash(String name, byte[] typedKey) {
    MessageDigest sha256 = TreeHasher.newSha256();
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) '\n');
    sha256.update(typedKey);
    byte[] h = sha256.digest();
    return (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
  }

  static String hex(int keyHash) {
    return String.format("%08x", keyHash);
  }

  /**
   * Decodes standard padded base64 (RFC 4648 §4), accepting only the canonical encoding so that
   * every value has one text form; returns {@code null} otherwise.
   */
  static byte @Nullable [] decodeCanonicalBase64(String s) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Base64.getEncoder().encodeToString(decoded).equals(s) ? decoded : null;
  }
}

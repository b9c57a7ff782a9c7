package dev.lexecon.token;

import dev.lexecon.json.Jcs;
import java.util.Map;
import java.util.Objects;

/**
 * Key ids: the rule every {@code kid} follows, and RFC 7638 JWK thumbprints, which are the
 * default ids of asymmetric keys so that the same key gets the same id in every process and from
 * every export (JWK, PEM) without coordination. Stateless and thread-safe.
 */
final class KeyIds {
  static final int MAX_LENGTH = 256;

  private KeyIds() {}

  /**
   * Checks a key id: 1 to 256 printable ASCII characters without spaces, so it can sit in a JOSE
   * header, a log line and a ledger payload without escaping.
   */
  static String check(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    if (!valid(keyId)) {
      throw new IllegalArgumentException(
          "a key id has 1 to " + MAX_LENGTH + " printable ASCII characters without spaces");
    }
    return keyId;
  }

  static boolean valid(String keyId) {
    if (keyId.isEmpty() || keyId.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < keyId.length(); i++) {
      char c = keyId.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 7638 §3: base64url SHA-256 of the required JWK members in lexicographic order without
   * whitespace, which is exactly their RFC 8785 canonical form.
   */
  static String thumbprint(Map<String, String> requiredMembers) {
    return Base64Url.encode(Jcs.sha256(requiredMembers));
  }
}

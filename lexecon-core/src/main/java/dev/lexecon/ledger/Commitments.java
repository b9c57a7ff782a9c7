package dev.lexecon.ledger;

import dev.lexecon.internal.Sha256;
import dev.lexecon.json.Jcs;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Salted commitments to personal data: {@code SHA-256(salt || JCS(value))} with a fresh 32-byte
 * random salt per value, written in entries as {@code {"commitment":"sha256:<64 hex>"}}.
 *
 * <p>Why this construction (see {@code docs/ledger-format.md}, "Erasure"): the salt makes the
 * commitment hiding, so that a low-entropy value ("yes", a first name, a date of birth) cannot be
 * found by hashing candidates once its side record is gone; a fresh salt per value makes equal
 * values in different entries unlinkable; the fixed-length salt prefix makes the concatenation
 * unambiguous; and JCS gives every JSON value, not just strings, one byte form that any RFC 8785
 * implementation reproduces. SHA-256 is binding: nobody can later present a different value for
 * the same commitment.
 *
 * <p>Stateless and thread-safe.
 */
final class Commitments {
  static final int SALT_LENGTH = 32;
  static final String MEMBER = "commitment";
  static final String PREFIX = "sha256:";
  private static final HexFormat HEX = HexFormat.of();

  private Commitments() {}

  /** The commitment text {@code sha256:<hex>} to {@code value} (already number-normalized). */
  static String commit(byte[] salt, @Nullable Object value) {
    MessageDigest sha = sha256();
    sha.update(salt);
    sha.update(Jcs.canonicalize(value));
    return PREFIX + HEX.formatHex(sha.digest());
  }

  /** The JSON object that stands for a committed value in an entry. */
  static Map<String, Object> marker(String commitment) {
    return Map.of(MEMBER, commitment);
  }

  /** The commitment text if {@code node} is a commitment marker, else {@code null}. */
  static @Nullable String commitmentOf(@Nullable Object node) {
    if (node instanceof Map<?, ?> m && m.size() == 1 && m.get(MEMBER) instanceof String s) {
      return s;
    }
    return null;
  }

  /** Whether {@code text} is {@code sha256:} followed by 64 lower-case hex digits. */
  static boolean isWellFormed(String text) {
    return text.startsWith(PREFIX) && EntryCodec.isHexHash(text.substring(PREFIX.length()));
  }

  static MessageDigest sha256() {
    return Sha256.newDigest();
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static byte[] unhex(String hex) {
    return HEX.parseHex(hex);
  }
}

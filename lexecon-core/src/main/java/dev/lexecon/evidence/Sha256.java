package dev.lexecon.evidence;

import dev.lexecon.api.ledger.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** SHA-256 of a stream, for stores and verification. */
final class Sha256 {
  private Sha256() {}

  static MessageDigest digest() {
    return dev.lexecon.internal.Sha256.newDigest();
  }

  static Hash of(InputStream in) throws IOException {
    MessageDigest md = digest();
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      md.update(buffer, 0, n);
    }
    return Hash.of(md.digest());
  }
}

package dev.lexecon.cli;

import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.ledger.NoteVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads checkpoint keys from files or the command line. */
final class Keys {
  private Keys() {}

  /** The signing key in {@code file} (a C2SP private key, {@code PRIVATE+KEY+...}). */
  static NoteSigner signer(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw CliException.failure("cannot read checkpoint key " + file + ": " + e.getMessage());
    }
    try {
      return NoteSigner.parse(text);
    } catch (IllegalArgumentException e) {
      // NoteSigner's messages never contain the key text.
      throw CliException.failure(file + " does not hold a checkpoint signing key: " + e.getMessage());
    }
  }

  /**
   * A verifier key: {@code keyOrFile} is either the key itself ({@code name+hash+base64}) or a file
   * holding it.
   */
  static NoteVerifier verifier(String keyOrFile) {
    Path file = null;
    try {
      file = Path.of(keyOrFile);
    } catch (RuntimeException e) {
      // not a path on this file system: read it as a key
    }
    String text = keyOrFile;
    if (file != null && Files.isRegularFile(file)) {
      try {
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw CliException.failure("cannot read verifier key " + file + ": " + e.getMessage());
      }
    }
    if (text.startsWith("PRIVATE+KEY+")) {
      // Never echo it: a secret given where a public key belongs.
      throw CliException.failure((file != null && Files.isRegularFile(file) ? file + " holds" : "that is")
          + " a private signing key; give the public verifier key (checkpoint.pub) instead");
    }
    try {
      return NoteVerifier.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliException.failure("'" + keyOrFile + "' is neither a verifier key (name+hash+base64)"
          + " nor a file holding one: " + e.getMessage());
    }
  }
}

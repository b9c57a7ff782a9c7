package dev.lexecon.ledger;

import dev.lexecon.api.ledger.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A log checkpoint in the <a href="https://c2sp.org/tlog-checkpoint">C2SP tlog-checkpoint</a>
 * format: the origin (the log's identity), the tree size and the RFC 9162 root hash, plus optional
 * extension lines. Its {@link #body()} is the text of a {@link SignedNote}:
 *
 * <pre>{@code
 * example.com/behind-the-sofa
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * }</pre>
 *
 * <p>A parsed checkpoint proves nothing by itself: trust it only once the note that carries it is
 * {@linkplain SignedNote.Verification#accepted() accepted} by the log's key, then parse its
 * {@linkplain SignedNote#text() text}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param origin the log's identity, for example {@code example.com/log42}; non-empty, one line
 * @param treeSize the number of leaves, at least 0
 * @param rootHash the RFC 9162 root of the tree of {@code treeSize} leaves
 * @param extensions opaque non-empty lines after the root hash (the specification advises against
 *     using them)
 * @since 0.1
 */
public record Checkpoint(String origin, long treeSize, Hash rootHash, List<String> extensions) {

  /**
   * @throws IllegalArgumentException if the origin or an extension line is empty, spans lines or
   *     holds a control character, or the tree size is negative
   */
  public Checkpoint {
    checkLine(Objects.requireNonNull(origin, "origin"), "origin");
    if (treeSize < 0) {
      throw new IllegalArgumentException("tree size must be at least 0, got " + treeSize);
    }
    Objects.requireNonNull(rootHash, "rootHash");
    extensions = List.copyOf(extensions);
    for (String extension : extensions) {
      checkLine(extension, "extension line");
    }
  }

  /** A checkpoint without extension lines. */
  public static Checkpoint of(String origin, long treeSize, Hash rootHash) {
    return new Checkpoint(origin, treeSize, rootHash, List.of());
  }

  private static void checkLine(String line, String what) {
    if (line.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(what + " must be a single line");
    }
    String bad = NoteText.invalidCharacter(line);
    if (bad != null) {
      throw new IllegalArgumentException(what + " has a " + bad);
    }
  }

  /** Returns the note text: origin, tree size, base64 root hash and extensions, one per line. */
  public String body() {
    StringBuilder out = new StringBuilder(origin.length() + 80);
    out.append(origin).append('\n');
    out.append(treeSize).append('\n');
    out.append(rootHash.base64()).append('\n');
    for (String extension : extensions) {
      out.append(extension).append('\n');
    }
    return out.toString();
  }

  /** Signs {@link #body()} with every signer, in order. */
  public SignedNote sign(NoteSigner... signers) {
    return SignedNote.sign(body(), signers);
  }

  /**
   * Parses a checkpoint body strictly: at least three lines, each ending in a newline; a non-empty
   * origin; a decimal tree size without sign or leading zeros; the canonical base64 of a 32-byte
   * root; non-empty extension lines.
   *
   * @throws MalformedNoteException naming the first line that breaks the format
   */
  public static Checkpoint parse(String body) {
    Objects.requireNonNull(body, "body");
    String bad = NoteText.invalidCharacter(body);
    if (bad != null) {
      throw new MalformedNoteException("malformed checkpoint: " + bad);
    }
    if (!body.endsWith("\n")) {
      throw new MalformedNoteException(
          "malformed checkpoint: the last line does not end in a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new MalformedNoteException(
          "malformed checkpoint: needs origin, tree size and root hash lines, got "
              + lines.length
              + " line(s)");
    }
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw new MalformedNoteException("malformed checkpoint: line " + (i + 1) + " is empty");
      }
    }
    long treeSize = parseTreeSize(lines[1]);
    Hash rootHash;
    try {
      rootHash = Hash.fromBase64(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new MalformedNoteException(
          "malformed checkpoint: line 3: root hash is not the base64 of 32 bytes ("
              + e.getMessage()
              + ")");
    }
    List<String> extensions = new ArrayList<>(List.of(lines).subList(3, lines.length));
    return new Checkpoint(lines[0], treeSize, rootHash, extensions);
  }

  private static long parseTreeSize(String line) {
    boolean digits = line.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || (line.length() > 1 && line.charAt(0) == '0')) {
      throw new MalformedNoteException(
          "malformed checkpoint: line 2: tree size '"
              + line
              + "' is not a decimal number without sign or leading zeros");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new MalformedNoteException(
          "malformed checkpoint: line 2: tree size " + line + " is too large");
    }
  }
}

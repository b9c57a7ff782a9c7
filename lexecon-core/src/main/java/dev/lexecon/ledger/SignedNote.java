package dev.lexecon.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A text signed by one or more keys in the <a href="https://c2sp.org/signed-note">C2SP
 * signed-note</a> format, byte-for-byte compatible with Go's {@code golang.org/x/mod/sumdb/note}:
 *
 * <pre>{@code
 * <text, ending in a newline>
 * <blank line>
 * — <key name> <base64(4-byte key hash || signature)>
 * ...
 * }</pre>
 *
 * <p>Parsing checks only the format and throws {@link MalformedNoteException} when it is broken;
 * {@link #verify(Collection)} then reports which signatures verified against the keys the caller
 * trusts. As the specification requires, signatures from unknown keys are ignored, and the text
 * must not be trusted unless {@link Verification#accepted()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SignedNote {
  /** Notes with more signature lines are refused, as in Go, to bound parsing work. */
  static final int MAX_SIGNATURES = 100;

  private final String text;
  private final List<Signature> signatures;

  private SignedNote(String text, List<Signature> signatures) {
    this.text = text;
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Signs {@code text} with every signer, in order.
   *
   * @throws IllegalArgumentException if there is no signer, or {@code text} is empty, does not end
   *     in a newline, or holds a control character other than newline
   */
  public static SignedNote sign(String text, NoteSigner... signers) {
    return sign(text, Arrays.asList(signers));
  }

  /** Signs {@code text} with every signer, in order; see {@link #sign(String, NoteSigner...)}. */
  public static SignedNote sign(String text, List<NoteSigner> signers) {
    Objects.requireNonNull(text, "text");
    String problem = textProblem(text);
    if (problem != null) {
      throw new IllegalArgumentException("cannot sign note text: " + problem);
    }
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("a signed note needs at least one signer");
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    List<Signature> signatures = new ArrayList<>(signers.size());
    for (NoteSigner signer : signers) {
      byte[] raw =
          ByteBuffer.allocate(4 + Ed25519.SIGNATURE_LENGTH)
              .putInt(signer.keyHash())
              .put(signer.sign(message))
              .array();
      signatures.add(
          new Signature(signer.name(), signer.keyHash(), Base64.getEncoder().encodeToString(raw)));
    }
    return new SignedNote(text, signatures);
  }

  /**
   * Parses an encoded note.
   *
   * @throws MalformedNoteException if it is not UTF-8, holds a control character other than
   *     newline, lacks the blank line before the signatures, or has a malformed signature line
   */
  public static SignedNote parse(byte[] encoded) {
    Objects.requireNonNull(encoded, "encoded");
    try {
      return parse(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(encoded))
              .toString());
    } catch (CharacterCodingException e) {
      throw new MalformedNoteException("malformed note: not valid UTF-8");
    }
  }

  /**
   * Parses an encoded note; see {@link #parse(byte[])}.
   *
   * @throws MalformedNoteException if the note breaks the format
   */
  public static SignedNote parse(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    String bad = NoteText.invalidCharacter(encoded);
    if (bad != null) {
      throw new MalformedNoteException("malformed note: " + bad);
    }
    // The text may itself contain blank lines; the last blank line separates the signatures.
    int split = encoded.lastIndexOf("\n\n");
    if (split < 0) {
      throw new MalformedNoteException(
          "malformed note: no blank line between the text and the signatures");
    }
    String text = encoded.substring(0, split + 1);
    String block = encoded.substring(split + 2);
    if (block.isEmpty() || !block.endsWith("\n")) {
      throw new MalformedNoteException(
          block.isEmpty()
              ? "malformed note: no signature lines after the blank line"
              : "malformed note: the last signature line does not end in a newline");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new MalformedNoteException(
          "malformed note: " + lines.length + " signatures, at most " + MAX_SIGNATURES);
    }
    int firstLine = (int) text.chars().filter(c -> c == '\n').count() + 2;
    List<Signature> signatures = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      signatures.add(parseSignatureLine(lines[i], firstLine + i));
    }
    return new SignedNote(text, signatures);
  }

  private static Signature parseSignatureLine(String line, int lineNumber) {
    String where = "malformed note: line " + lineNumber + ": ";
    if (!line.startsWith(NoteText.SIGNATURE_PREFIX)) {
      throw new MalformedNoteException(
          where + "a signature line starts with an em dash and a space");
    }
    String rest = line.substring(NoteText.SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new MalformedNoteException(where + "no space between key name and signature");
    }
    String name = rest.substring(0, space);
    String base64 = rest.substring(space + 1);
    if (!NoteText.isValidKeyName(name)) {
      throw new MalformedNoteException(where + "invalid key name '" + name + "'");
    }
    byte[] raw = NoteText.decodeCanonicalBase64(base64);
    if (raw == null || raw.length < 5) {
      throw new MalformedNoteException(
          where + "signature is not the canonical base64 of a key hash and a signature");
    }
    return new Signature(name, ByteBuffer.wrap(raw).getInt(), base64);
  }

  private static @Nullable String textProblem(String text) {
    if (text.isEmpty()) {
      return "the text is empty";
    }
    if (!text.endsWith("\n")) {
      return "the text does not end in a newline";
    }
    return NoteText.invalidCharacter(text);
  }

  /** Returns the signed text, including its final newline. */
  public String text() {
    return text;
  }

  /** Returns every signature line, in note order, whether or not its key is known. */
  public List<Signature> signatures() {
    return signatures;
  }

  /** Returns the encoded note: text, blank line, signature lines. */
  public String encoded() {
    StringBuilder out = new StringBuilder(text.length() + 128 * signatures.size());
    out.append(text).append('\n');
    for (Signature s : signatures) {
      out.append(s.line());
    }
    return out.toString();
  }

  /** Returns the UTF-8 bytes of {@link #encoded()}. */
  public byte[] toBytes() {
    return encoded().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Checks every signature whose key name and hash match one of {@code verifiers}, following
   * c2sp.org/signed-note and Go's {@code note.Open}: signatures by unknown keys are listed but not
   * checked (they may be from a rotated key or a witness), a repeated signature by a known key is
   * checked once, and a known key whose signature fails is reported as failed.
   *
   * @throws IllegalArgumentException if two verifiers share a name and key hash but hold different
   *     keys, which would make the choice of key ambiguous
   */
  public Verification verify(Collection<NoteVerifier> verifiers) {
    Map<String, NoteVerifier> known = new HashMap<>();
    for (NoteVerifier v : verifiers) {
      NoteVerifier previous = known.putIfAbsent(id(v.name(), v.keyHash()), v);
      if (previous != null && !previous.equals(v)) {
        throw new IllegalArgumentException(
            "ambiguous verifiers: two keys named "
                + v.name()
                + " with hash "
                + NoteText.hex(v.keyHash()));
      }
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    List<Signature> verified = new ArrayList<>();
    List<Signature> failed = new ArrayList<>();
    List<Signature> unknown = new ArrayList<>();
    Set<String> checked = new HashSet<>();
    for (Signature s : signatures) {
      String id = id(s.keyName(), s.keyHash());
      NoteVerifier v = known.get(id);
      if (v == null) {
        if (!unknown.contains(s)) {
          unknown.add(s);
        }
      } else if (checked.add(id)) {
        (v.verify(message, s.signature()) ? verified : failed).add(s);
      }
    }
    return new Verification(verified, failed, unknown);
  }

  /** Shorthand for {@link #verify(Collection)} with the given verifiers. */
  public Verification verify(NoteVerifier... verifiers) {
    return verify(Arrays.asList(verifiers));
  }

  private static String id(String name, int keyHash) {
    return name + '+' + NoteText.hex(keyHash);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SignedNote
        && text.equals(((SignedNote) o).text)
        && signatures.equals(((SignedNote) o).signatures);
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + signatures.hashCode();
  }

  /** Returns {@link #encoded()}. */
  @Override
  public String toString() {
    return encoded();
  }

  /**
   * One signature line of a note.
   *
   * @param keyName the key name the line claims
   * @param keyHash the 32-bit key hash the line claims (the first four bytes of the signature)
   * @param base64 the base64 text of the line: key hash followed by the signature bytes
   * @since 0.1
   */
  public record Signature(String keyName, int keyHash, String base64) {
    /**
     * @throws IllegalArgumentException if the name is invalid, {@code base64} is not canonical
     *     base64 of at least five bytes, or its first four bytes are not {@code keyHash}
     */
    public Signature {
      if (!NoteText.isValidKeyName(Objects.requireNonNull(keyName, "keyName"))) {
        throw new IllegalArgumentException("invalid key name '" + keyName + "'");
      }
      byte[] raw = NoteText.decodeCanonicalBase64(Objects.requireNonNull(base64, "base64"));
      if (raw == null || raw.length < 5 || ByteBuffer.wrap(raw).getInt() != keyHash) {
        throw new IllegalArgumentException(
            "signature must be canonical base64 of the key hash and at least one byte");
      }
    }

    /** Returns the signature bytes, without the leading key hash. */
    public byte[] signature() {
      byte[] raw = Base64.getDecoder().decode(base64);
      return Arrays.copyOfRange(raw, 4, raw.length);
    }

    /** Returns the encoded line, {@code "— <name> <base64>\n"}. */
    public String line() {
      return NoteText.SIGNATURE_PREFIX + keyName + ' ' + base64 + '\n';
    }
  }

  /**
   * Which signatures of a note verified.
   *
   * @param verified signatures by a known key that verified
   * @param failed signatures by a known key that did not verify: the note was altered, or signed by
   *     someone else under a colliding name and hash
   * @param unknown signatures by keys the caller did not pass, which were not checked
   * @since 0.1
   */
  public record Verification(
      List<Signature> verified, List<Signature> failed, List<Signature> unknown) {

    /** Copies the lists. */
    public Verification {
      verified = List.copyOf(verified);
      failed = List.copyOf(failed);
      unknown = List.copyOf(unknown);
    }

    /**
     * Whether the note may be trusted: at least one known key's signature verified and none failed.
     * This is what Go's {@code note.Open} accepts.
     */
    public boolean accepted() {
      return !verified.isEmpty() && failed.isEmpty();
    }

    /** Whether {@code verifier}'s signature is among the verified ones. */
    public boolean isVerifiedBy(NoteVerifier verifier) {
      return verified.stream()
          .anyMatch(s -> s.keyName().equals(verifier.name()) && s.keyHash() == verifier.keyHash());
    }
  }
}

package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexecon.testing.SharedVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C2SP signed notes, checked against the published example of Go's {@code sumdb/note} package in
 * {@code shared/testdata/vectors/signed_note.json}.
 */
@DisplayName("SignedNote, NoteSigner and NoteVerifier")
class SignedNoteTest {
  private static final String EM_DASH = "\u2014";

  private static JsonNode vectors() {
    try {
      return new ObjectMapper().readTree(SharedVectors.require("signed_note.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String field(String name) {
    return vectors().get(name).asText();
  }

  @Test
  @DisplayName(
      "parses and re-encodes Go's published verifier and signer keys, with the same key hash")
  void goKeys() {
    NoteVerifier peter = NoteVerifier.parse(field("peter_vkey"));
    assertThat(peter.name()).isEqualTo("PeterNeumann");
    assertThat(peter.keyHash()).isEqualTo(0xc74f20a3);
    assertThat(peter.encoded()).isEqualTo(field("peter_vkey"));
    assertThat(peter.publicKey()).hasSize(32);

    NoteSigner signer = NoteSigner.parse(field("peter_skey"));
    assertThat(signer.name()).isEqualTo("PeterNeumann");
    assertThat(signer.keyHash()).isEqualTo(0xc74f20a3);
    assertThat(signer.verifier()).isEqualTo(peter);
    assertThat(signer.encodedPrivateKey()).isEqualTo(field("peter_skey"));
    assertThat(NoteVerifier.ofEd25519("PeterNeumann", peter.publicKey())).isEqualTo(peter);

    NoteVerifier enoch = NoteVerifier.parse(field("enoch_vkey"));
    assertThat(enoch.encoded()).isEqualTo(field("enoch_vkey"));
    assertThat(enoch.keyHash()).isEqualTo(0xaf0cfe78);
  }

  @Test
  @DisplayName("signs Go's example text to exactly Go's signed note")
  void signsLikeGo() {
    SignedNote note = SignedNote.sign(field("text"), NoteSigner.parse(field("peter_skey")));
    String expected = field("text") + "\n" + field("peter_signature_line");
    assertThat(note.encoded()).isEqualTo(expected);
    assertThat(note.toBytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    assertThat(note.signatures())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.keyName()).isEqualTo("PeterNeumann");
              assertThat(s.keyHash()).isEqualTo(0xc74f20a3);
              assertThat(s.signature()).hasSize(64);
              assertThat(s.line()).isEqualTo(field("peter_signature_line"));
            });
  }

  @Test
  @DisplayName("opens Go's note signed by two keys and reports who signed")
  void opensGoNote() {
    String encoded =
        field("text") + "\n" + field("peter_signature_line") + field("enoch_signature_line");
    SignedNote note = SignedNote.parse(encoded);
    assertThat(note.text()).isEqualTo(field("text"));
    assertThat(note.encoded()).isEqualTo(encoded);
    assertThat(SignedNote.parse(encoded.getBytes(StandardCharsets.UTF_8))).isEqualTo(note);

    NoteVerifier peter = NoteVerifier.parse(field("peter_vkey"));
    NoteVerifier enoch = NoteVerifier.parse(field("enoch_vkey"));
    SignedNote.Verification both = note.verify(peter, enoch);
    assertThat(both.accepted()).isTrue();
    assertThat(both.verified()).hasSize(2);
    assertThat(both.isVerifiedBy(peter)).isTrue();
    assertThat(both.isVerifiedBy(enoch)).isTrue();

    SignedNote.Verification onlyEnoch = note.verify(List.of(enoch));
    assertThat(onlyEnoch.accepted()).isTrue();
    assertThat(onlyEnoch.isVerifiedBy(peter)).isFalse();
    assertThat(onlyEnoch.unknown())
        .extracting(SignedNote.Signature::keyName)
        .containsExactly("PeterNeumann");

    SignedNote.Verification nobody = note.verify(List.of());
    assertThat(nobody.accepted()).isFalse();
    assertThat(nobody.unknown()).hasSize(2);
  }

  @Test
  @DisplayName("rejects a note whose text was altered after signing")
  void alteredText() {
    String altered =
        field("text").replace("problem,", "problem;") + "\n" + field("peter_signature_line");
    SignedNote.Verification v =
        SignedNote.parse(altered).verify(NoteVerifier.parse(field("peter_vkey")));
    assertThat(v.accepted()).isFalse();
    assertThat(v.failed()).hasSize(1);
  }

  @Test
  @DisplayName(
      "rejects a note re-signed with another key, whether under a new or a forged key hash")
  void wrongKey() {
    NoteVerifier peter = NoteVerifier.parse(field("peter_vkey"));
    NoteSigner impostor = NoteSigner.generate("PeterNeumann", new SecureRandom());
    SignedNote resigned = SignedNote.sign(field("text"), impostor);
    SignedNote.Verification v = resigned.verify(peter);
    assertThat(v.accepted()).as("another key under the same name has another hash").isFalse();
    assertThat(v.unknown()).hasSize(1);

    // Forge the line to claim Peter's key hash: now it is checked, and fails.
    SignedNote.Signature impostorSig = resigned.signatures().get(0);
    byte[] raw = new byte[68];
    java.nio.ByteBuffer.wrap(raw).putInt(peter.keyHash()).put(impostorSig.signature());
    String forged =
        field("text")
            + "\n"
            + EM_DASH
            + " PeterNeumann "
            + java.util.Base64.getEncoder().encodeToString(raw)
            + "\n";
    SignedNote.Verification f = SignedNote.parse(forged).verify(peter);
    assertThat(f.accepted()).isFalse();
    assertThat(f.failed()).hasSize(1);

    // Enoch's key does not verify Peter's note.
    SignedNote genuine = SignedNote.parse(field("text") + "\n" + field("peter_signature_line"));
    assertThat(genuine.verify(NoteVerifier.parse(field("enoch_vkey"))).accepted()).isFalse();
  }

  @Test
  @DisplayName("a failed signature by one known key rejects the note even if another verified")
  void oneBadSignatureRejects() {
    NoteSigner a = NoteSigner.generate("a.example/log");
    NoteSigner b = NoteSigner.generate("b.example/witness");
    SignedNote good = SignedNote.sign("hello\n", a, b);
    String badB = changeOneBase64Digit(good.signatures().get(1).line());
    SignedNote tampered = SignedNote.parse("hello\n\n" + good.signatures().get(0).line() + badB);
    SignedNote.Verification v = tampered.verify(a.verifier(), b.verifier());
    assertThat(v.verified()).hasSize(1);
    assertThat(v.failed()).hasSize(1);
    assertThat(v.accepted()).isFalse();
  }

  /** Changes one base64 digit inside the signature bytes, keeping the encoding canonical. */
  private static String changeOneBase64Digit(String line) {
    int at = line.length() - 10;
    char replacement = line.charAt(at) == 'A' ? 'B' : 'A';
    return line.substring(0, at) + replacement + line.substring(at + 1);
  }

  @Test
  @DisplayName("signing with several keys lists them in order and every one verifies")
  void multipleSigners() {
    NoteSigner a = NoteSigner.generate("a.example/log");
    NoteSigner b = NoteSigner.generate("b.example/witness");
    SignedNote note = SignedNote.sign("line one\n\nline three after a blank line\n", a, b);
    SignedNote reparsed = SignedNote.parse(note.encoded());
    assertThat(reparsed).isEqualTo(note);
    assertThat(reparsed.text()).isEqualTo("line one\n\nline three after a blank line\n");
    assertThat(reparsed.signatures())
        .extracting(SignedNote.Signature::keyName)
        .containsExactly("a.example/log", "b.example/witness");
    assertThat(reparsed.verify(a.verifier(), b.verifier()).verified()).hasSize(2);
    assertThat(NoteSigner.parse(a.encodedPrivateKey()).verifier()).isEqualTo(a.verifier());
  }

  @Test
  @DisplayName("repeated identical signature lines are checked and reported once")
  void duplicates() {
    NoteSigner a = NoteSigner.generate("a.example/log");
    SignedNote note = SignedNote.sign("x\n", a);
    String line = note.signatures().get(0).line();
    SignedNote doubled = SignedNote.parse("x\n\n" + line + line);
    assertThat(doubled.signatures()).hasSize(2);
    assertThat(doubled.verify(a.verifier()).verified()).hasSize(1);
    assertThat(doubled.verify(List.of()).unknown()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no blank line before the signatures | text\\n— k AAAAAAE=\\n
          no signature after the blank line   | text\\n\\n
          no final newline                    | text\\n\\n— k AAAAAAE=
          hyphen instead of em dash           | text\\n\\n- k AAAAAAE=\\n
          no space after the key name         | text\\n\\n— kAAAAAAE=\\n
          plus in key name                    | text\\n\\n— k+1 AAAAAAE=\\n
          empty key name                      | text\\n\\n—  AAAAAAE=\\n
          not base64                          | text\\n\\n— k AAAA!AE=\\n
          base64 without padding              | text\\n\\n— k AAAAAAE\\n
          signature shorter than five bytes   | text\\n\\n— k AAAAAA==\\n
          empty signature                     | text\\n\\n— k \\n
          carriage return                     | text\\r\\n\\n— k AAAAAAE=\\n
          tab in the text                     | te\\txt\\n\\n— k AAAAAAE=\\n
          space after the signature           | text\\n\\n— k AAAAAAE= \\n
          """)
  @DisplayName("refuses malformed notes with a clear error")
  void malformed(String description, String escaped) {
    String note = escaped.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
    assertThatThrownBy(() -> SignedNote.parse(note))
        .isInstanceOf(MalformedNoteException.class)
        .hasMessageStartingWith("malformed note");
  }

  @Test
  @DisplayName("refuses notes that are not UTF-8 or carry more than 100 signatures")
  void malformedBytesAndSize() {
    byte[] latin1 = "caf\u00e9\n\n\u2014 k AAAAAAE=\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> SignedNote.parse(latin1))
        .isInstanceOf(MalformedNoteException.class)
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> SignedNote.parse("a\ud800\n\n\u2014 k AAAAAAE=\n"))
        .isInstanceOf(MalformedNoteException.class)
        .hasMessageContaining("surrogate");
    String many = "text\n\n" + ("\u2014 k AAAAAAE=\n").repeat(101);
    assertThatThrownBy(() -> SignedNote.parse(many))
        .isInstanceOf(MalformedNoteException.class)
        .hasMessageContaining("101 signatures");
    assertThat(SignedNote.parse("text\n\n" + ("\u2014 k AAAAAAE=\n").repeat(100)).signatures())
        .hasSize(100);
  }

  @Test
  @DisplayName("the error names the offending signature line")
  void errorNamesLine() {
    assertThatThrownBy(() -> SignedNote.parse("a\nb\n\n\u2014 k AAAAAAE=\n\u2014 k !!!!\n"))
        .hasMessageContaining("line 5");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "no newline", "control\u0007char\n"})
  @DisplayName("refuses to sign text that could not be a note")
  void unsignableText(String text) {
    NoteSigner a = NoteSigner.generate("a");
    assertThatThrownBy(() -> SignedNote.sign(text, a)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("refuses to sign without a signer")
  void noSigner() {
    assertThatThrownBy(() -> SignedNote.sign("text\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("passing the same verifier twice is not ambiguous")
  void sameVerifierTwice() {
    NoteVerifier peter = NoteVerifier.parse(field("peter_vkey"));
    SignedNote note = SignedNote.parse(field("text") + "\n" + field("peter_signature_line"));
    assertThat(note.verify(peter, peter).accepted()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          wrong key hash          | PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW
          short key hash          | PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW
          renamed key             | PaulNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW
          unknown algorithm       | PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW
          truncated key           | PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10
          missing parts           | PeterNeumann+c74f20a3
          empty name              | +c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW
          space in name           | Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW
          """)
  @DisplayName("refuses malformed verifier keys")
  void malformedVerifierKeys(String description, String key) {
    assertThatThrownBy(() -> NoteVerifier.parse(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("refuses malformed signer keys without ever quoting the secret")
  void malformedSignerKeys() {
    String skey = field("peter_skey");
    String secret = skey.substring(skey.indexOf("+c74f20a3+") + 10);
    for (String bad :
        List.of(
            skey.replace("c74f20a3", "c74f20a4"),
            skey.replace("PRIVATE+KEY+", "PRIVATE+"),
            skey.replace("PeterNeumann", "Peter"),
            skey.substring(0, skey.length() - 4),
            skey.replace("+AYEK", "+AoEK"))) {
      assertThatThrownBy(() -> NoteSigner.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret.substring(4, 20)));
    }
    NoteSigner signer = NoteSigner.parse(skey);
    assertThat(signer.toString()).doesNotContain(secret).contains(field("peter_vkey"));
  }
}

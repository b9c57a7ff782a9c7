package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.testing.SharedVectors;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Checkpoint (C2SP tlog-checkpoint)")
class CheckpointTest {
  private static final Hash ROOT = Hash.of(Rfc9162Reference.sha256("root".getBytes()));

  @Test
  @DisplayName("parses the C2SP specification's example and formats it back byte for byte")
  void specExample() throws IOException {
    String body =
        new ObjectMapper()
            .readTree(SharedVectors.require("signed_note.json").toFile())
            .get("checkpoint_example_body")
            .asText();
    Checkpoint checkpoint = Checkpoint.parse(body);
    assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(checkpoint.treeSize()).isEqualTo(20_852_163L);
    assertThat(checkpoint.rootHash().base64())
        .isEqualTo("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    assertThat(checkpoint.extensions()).isEmpty();
    assertThat(checkpoint.body()).isEqualTo(body);
  }

  @Test
  @DisplayName("round-trips through a signed note, extension lines included")
  void signedRoundTrip() {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < 5; i++) {
      tree.append(new byte[] {(byte) i});
    }
    Checkpoint checkpoint =
        new Checkpoint("lexecon.example/ledger", tree.size(), tree.root(), List.of("ext one", "x"));
    NoteSigner log = NoteSigner.generate("lexecon.example/ledger");
    SignedNote note = checkpoint.sign(log);
    assertThat(note.text()).isEqualTo(checkpoint.body());
    assertThat(note.text())
        .isEqualTo("lexecon.example/ledger\n5\n" + tree.root().base64() + "\next one\nx\n");

    SignedNote received = SignedNote.parse(note.encoded());
    assertThat(received.verify(log.verifier()).accepted()).isTrue();
    assertThat(Checkpoint.parse(received.text())).isEqualTo(checkpoint);

    NoteSigner other = NoteSigner.generate("lexecon.example/ledger");
    assertThat(received.verify(other.verifier()).accepted()).isFalse();
  }

  @Test
  @DisplayName("the empty tree is written with size 0")
  void emptyTree() {
    Checkpoint empty = Checkpoint.of("o", 0, MerkleTree.emptyRoot());
    assertThat(empty.body()).isEqualTo("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    assertThat(Checkpoint.parse(empty.body())).isEqualTo(empty);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing final newline        | o\\n5\\nR
          only two lines               | o\\n5\\n
          empty note                   | \\n
          empty origin                 | \\n5\\nR\\n
          negative size                | o\\n-5\\nR\\n
          plus sign on size            | o\\n+5\\nR\\n
          leading zero                 | o\\n05\\nR\\n
          size with spaces             | o\\n 5\\nR\\n
          hexadecimal size             | o\\n0x5\\nR\\n
          size above 2^63 - 1          | o\\n9223372036854775808\\nR\\n
          bad base64                   | o\\n5\\nnot base64!\\n
          base64 without padding       | o\\n5\\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\\n
          root of 31 bytes             | o\\n5\\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\\n
          hex root                     | o\\n5\\n0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62\\n
          extra blank line at the end  | o\\n5\\nR\\n\\n
          blank line before extension  | o\\n5\\nR\\n\\next\\n
          carriage return line ends    | o\\r\\n5\\r\\nR\\r\\n
          """)
  @DisplayName("refuses malformed bodies with a clear error")
  void malformed(String description, String escaped) {
    String body = escaped.replace("\\n", "\n").replace("\\r", "\r").replace("R", ROOT.base64());
    assertThatThrownBy(() -> Checkpoint.parse(body))
        .isInstanceOf(MalformedNoteException.class)
        .hasMessageStartingWith("malformed checkpoint");
  }

  @Test
  @DisplayName("errors name the offending line")
  void errorsNameLine() {
    assertThatThrownBy(() -> Checkpoint.parse("o\n-1\n" + ROOT.base64() + "\n"))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\nxx\n")).hasMessageContaining("line 3");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + ROOT.base64() + "\n\n"))
        .hasMessageContaining("line 4 is empty");
  }

  @Test
  @DisplayName("the largest signed 64-bit size is accepted")
  void largestSize() {
    Checkpoint c = Checkpoint.parse("o\n9223372036854775807\n" + ROOT.base64() + "\n");
    assertThat(c.treeSize()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("refuses values that cannot be written as a checkpoint")
  void invalidValues() {
    assertThatThrownBy(() -> Checkpoint.of("", 1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checkpoint.of("a\nb", 1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checkpoint.of("o", -1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("o", 1, ROOT, List.of("")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("o", 1, ROOT, List.of("tab\there")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.lexecon.api.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Hash and the proof values")
class HashTest {
  // SHA-256("") in both text forms.
  private static final String HEX =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String BASE64 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

  @Test
  @DisplayName("hex and base64 forms round-trip and name the same value")
  void textForms() {
    Hash fromHex = Hash.fromHex(HEX);
    Hash fromBase64 = Hash.fromBase64(BASE64);
    assertThat(fromHex).isEqualTo(fromBase64).hasSameHashCodeAs(fromBase64);
    assertThat(fromHex.hex()).isEqualTo(HEX);
    assertThat(fromHex.base64()).isEqualTo(BASE64);
    assertThat(fromHex).hasToString(HEX);
    assertThat(Hash.fromHex(HEX.toUpperCase())).isEqualTo(fromHex);
  }

  @Test
  @DisplayName("copies bytes in and out, so a hash never changes")
  void immutable() {
    byte[] source = new byte[32];
    Hash hash = Hash.of(source);
    source[0] = 1;
    assertThat(hash.bytes()[0]).isZero();
    hash.bytes()[1] = 1;
    assertThat(hash.bytes()[1]).isZero();

    byte[] big = new byte[40];
    big[8] = 7;
    assertThat(Hash.of(big, 8).bytes()[0]).isEqualTo((byte) 7);
    assertThatThrownBy(() -> Hash.of(big, 9)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 31, 33})
  @DisplayName("refuses anything but 32 bytes")
  void wrongLength(int length) {
    assertThatThrownBy(() -> Hash.of(new byte[length]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "e3b0",
        "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85500"
      })
  @DisplayName("refuses hex that is not 64 hex digits")
  void malformedHex(String text) {
    assertThatThrownBy(() -> Hash.fromHex(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", // padding missing
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=", // unused bits set
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hS", // 30 bytes
        "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=", // URL-safe alphabet
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
      })
  @DisplayName("refuses base64 that is not the canonical padded encoding of 32 bytes")
  void malformedBase64(String text) {
    assertThatThrownBy(() -> Hash.fromBase64(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("inclusion proofs need 0 <= index < size and copy their path")
  void inclusionProofShape() {
    Hash h = Hash.fromHex(HEX);
    List<Hash> path = new ArrayList<>(List.of(h));
    InclusionProof proof = new InclusionProof(0, 1, path);
    path.clear();
    assertThat(proof.path()).containsExactly(h);
    assertThat(proof).isEqualTo(new InclusionProof(0, 1, List.of(Hash.fromBase64(BASE64))));
    assertThatThrownBy(() -> proof.path().add(h)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new InclusionProof(1, 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InclusionProof(-1, 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InclusionProof(0, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("consistency proofs need 0 <= old size <= new size")
  void consistencyProofShape() {
    assertThat(new ConsistencyProof(0, 0, List.of()).path()).isEmpty();
    assertThat(new ConsistencyProof(3, 3, List.of()).oldSize()).isEqualTo(3);
    assertThatThrownBy(() -> new ConsistencyProof(4, 3, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConsistencyProof(-1, 3, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    List<Hash> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> new ConsistencyProof(1, 3, withNull))
        .isInstanceOf(NullPointerException.class);
  }
}

package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexecon.testing.SharedVectors;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8032 §7.1 test vectors, read from {@code shared/testdata/vectors/ed25519.json}. */
@DisplayName("Ed25519 (RFC 8032)")
class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> vectors() throws IOException {
    JsonNode root = new ObjectMapper().readTree(SharedVectors.require("ed25519.json").toFile());
    return StreamSupport.stream(root.get("vectors").spliterator(), false)
        .map(v -> Arguments.of(v.get("name").asText(), v));
  }

  private static byte[] hex(JsonNode v, String field) {
    return HEX.parseHex(v.get(field).asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  @DisplayName("derives the public key and reproduces the signature exactly")
  void signsLikeTheRfc(String name, JsonNode v) {
    Ed25519.PrivateKey key = Ed25519.PrivateKey.fromSeed(hex(v, "secret_key"));
    assertThat(key.publicKey()).isEqualTo(hex(v, "public_key"));
    assertThat(key.sign(hex(v, "message"))).isEqualTo(hex(v, "signature"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  @DisplayName("verifies the published signature and rejects a modified message or signature")
  void verifiesLikeTheRfc(String name, JsonNode v) {
    Ed25519.PublicKey key = Ed25519.PublicKey.decode(hex(v, "public_key"));
    byte[] message = hex(v, "message");
    byte[] signature = hex(v, "signature");
    assertThat(key.verify(message, signature)).isTrue();

    for (int bit : new int[] {0, 255, 256, 511}) {
      byte[] flipped = signature.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(key.verify(message, flipped)).as("signature bit %d flipped", bit).isFalse();
    }
    byte[] longer = new byte[message.length + 1];
    System.arraycopy(message, 0, longer, 0, message.length);
    assertThat(key.verify(longer, signature)).as("byte appended to the message").isFalse();
    if (message.length > 0) {
      byte[] changed = message.clone();
      changed[changed.length - 1] ^= 1;
      assertThat(key.verify(changed, signature)).as("last message byte changed").isFalse();
    }
    assertThat(key.verify(message, new byte[63])).as("short signature").isFalse();
    assertThat(key.verify(message, new byte[65])).as("long signature").isFalse();
  }

  @Test
  @DisplayName("another key's signature does not verify")
  void otherKeyRejected() {
    SecureRandom random = new SecureRandom();
    Ed25519.PrivateKey a = Ed25519.PrivateKey.generate(random);
    Ed25519.PrivateKey b = Ed25519.PrivateKey.generate(random);
    byte[] message = "checkpoint".getBytes();
    assertThat(Ed25519.PublicKey.decode(a.publicKey()).verify(message, a.sign(message))).isTrue();
    assertThat(Ed25519.PublicKey.decode(b.publicKey()).verify(message, a.sign(message))).isFalse();
  }

  @Test
  @DisplayName("refuses seeds and public keys of the wrong length")
  void wrongLengths() {
    assertThatThrownBy(() -> Ed25519.PrivateKey.fromSeed(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519.PublicKey.decode(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

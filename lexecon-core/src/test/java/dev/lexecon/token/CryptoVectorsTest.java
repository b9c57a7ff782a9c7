package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.json.Jcs;
import dev.lexecon.testing.SharedVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The signature primitives against the published RFC vectors in {@code shared/testdata/vectors}. */
@DisplayName("Signature primitives against RFC vectors")
class CryptoVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static List<Map<?, ?>> read(String file, String member) throws IOException {
    Path path = SharedVectors.require(file);
    Map<?, ?> doc = (Map<?, ?>) Jcs.parse(Files.readAllBytes(path));
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object o : (List<?>) doc.get(member)) {
      out.add((Map<?, ?>) o);
    }
    assertThat(out).as(path.toString()).isNotEmpty();
    return out;
  }

  private static byte[] hex(Map<?, ?> m, String member) {
    return HEX.parseHex((String) m.get(member));
  }

  @Test
  @DisplayName("Ed25519 through BouncyCastle reproduces every RFC 8032 §7.1 public key and signature")
  void ed25519() throws IOException {
    for (Map<?, ?> v : read("ed25519.json", "vectors")) {
      String name = (String) v.get("name");
      byte[] message = hex(v, "message");
      byte[] expected = hex(v, "signature");
      SigningKey key = SigningKey.ed25519(hex(v, "secret_key"));
      VerificationKey pub = key.verificationKey();
      assertThat(Base64Url.decode((String) pub.toJwk().get("x"))).as(name).isEqualTo(hex(v, "public_key"));
      assertThat(key.sign(message)).as(name).isEqualTo(expected);

      VerificationKey fromRaw = VerificationKey.ed25519(hex(v, "public_key"));
      assertThat(fromRaw.verify(message, expected)).as(name).isTrue();
      byte[] flipped = expected.clone();
      flipped[7] ^= 0x01;
      assertThat(fromRaw.verify(message, flipped)).as(name).isFalse();
      assertThat(fromRaw.verify(message, Arrays.copyOf(expected, 63))).as(name).isFalse();
      byte[] longer = Arrays.copyOf(message, message.length + 1);
      assertThat(fromRaw.verify(longer, expected)).as(name).isFalse();
    }
  }

  @Test
  @DisplayName("HMAC-SHA256 reproduces every RFC 4231 test case, truncated where the RFC truncates")
  void hmacSha256() throws IOException {
    for (Map<?, ?> c : read("hmac_sha256.json", "cases")) {
      String name = "RFC 4231 case " + c.get("test_case");
      byte[] key = hex(c, "key");
      byte[] data = hex(c, "data");
      byte[] expected = hex(c, "expected");
      byte[] mac = HmacSha256.mac(key, data);
      assertThat(Arrays.copyOf(mac, expected.length)).as(name).isEqualTo(expected);
      HmacSha256 keyed = new HmacSha256("k", key);
      assertThat(keyed.sign(data)).as(name).isEqualTo(mac);
      assertThat(keyed.verify(data, mac)).as(name).isTrue();
      byte[] flipped = mac.clone();
      flipped[31] ^= (byte) 0x80;
      assertThat(keyed.verify(data, flipped)).as(name).isFalse();
      assertThat(keyed.verify(data, expected.length < 32 ? expected : Arrays.copyOf(mac, 16))).as(name).isFalse();
      if (key.length >= SigningKey.MIN_HMAC_KEY_BYTES) {
        assertThat(SigningKey.hmacSha256("k", key).sign(data)).as(name).isEqualTo(mac);
      }
    }
  }
}

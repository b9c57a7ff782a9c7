package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Changes every character of real tokens, truncates them at every length and reorders their
 * parts: none of it may ever be accepted, and the reason must say the token is forged or broken.
 */
@DisplayName("Tampered tokens")
class TokenTamperTest {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private record Setup(CapabilityToken token, TokenVerifier verifier) {}

  private static Setup setup(SignatureAlgorithm alg) {
    MutableClock clock = new MutableClock(TokenFixtures.NOW);
    KeyRing ring = KeyRing.of(alg == SignatureAlgorithm.HS256 ? TokenFixtures.hmac() : TokenFixtures.ed25519());
    CapabilityToken token =
        TokenFixtures.issuer(ring, clock).build().issue(TokenFixtures.approved(), TokenFixtures.request(), "entry_1");
    TokenVerifier verifier = TokenVerifier.builder(ring).clock(clock).build();
    assertThat(verifier.verify(token.value(), TokenFixtures.call()).accepted()).isTrue();
    return new Setup(token, verifier);
  }

  private static TokenRejection reason(Setup s, String tampered) {
    TokenVerification v = s.verifier.verify(tampered, TokenFixtures.call());
    assertThat(v.accepted()).as("accepted a tampered token: %s", tampered).isFalse();
    return ((TokenVerification.Rejected) v).reason();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "HS256"})
  @DisplayName("changing any one character is rejected: BAD_SIGNATURE or MALFORMED (UNKNOWN_KEY only in the header)")
  void everyCharacter(SignatureAlgorithm alg) {
    Setup s = setup(alg);
    String v = s.token.value();
    int dot1 = v.indexOf('.');
    int dot2 = v.indexOf('.', dot1 + 1);
    for (int i = 0; i < v.length(); i++) {
      char original = v.charAt(i);
      int at = ALPHABET.indexOf(original);
      // A flipped low bit, a distant character, and characters outside the alphabet.
      char[] replacements = {
        at >= 0 ? ALPHABET.charAt(at ^ 1) : 'A',
        at >= 0 ? ALPHABET.charAt((at + 32) % 64) : 'x',
        '.', '=', (char) (original ^ 0x20), (char) 0xe9
      };
      for (char r : replacements) {
        if (r == original) {
          continue;
        }
        String tampered = v.substring(0, i) + r + v.substring(i + 1);
        TokenRejection reason = reason(s, tampered);
        Set<TokenRejection> allowed = i < dot1
            ? EnumSet.of(TokenRejection.MALFORMED, TokenRejection.BAD_SIGNATURE, TokenRejection.UNKNOWN_KEY)
            : EnumSet.of(TokenRejection.MALFORMED, TokenRejection.BAD_SIGNATURE);
        assertThat(reason).as("position %d ('%s' -> '%s'), part %s", i, original, r,
            i < dot1 ? "header" : i < dot2 ? "payload" : "signature").isIn(allowed);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "HS256"})
  @DisplayName("truncating at any length, or appending anything, is rejected as BAD_SIGNATURE or MALFORMED")
  void truncationAndExtension(SignatureAlgorithm alg) {
    Setup s = setup(alg);
    String v = s.token.value();
    for (int n = 0; n < v.length(); n++) {
      assertThat(reason(s, v.substring(0, n))).isIn(TokenRejection.MALFORMED, TokenRejection.BAD_SIGNATURE);
    }
    for (String suffix : new String[] {"A", "AA", "AAAA", ".", ".AAAA", " ", "\n"}) {
      assertThat(reason(s, v + suffix)).isIn(TokenRejection.MALFORMED, TokenRejection.BAD_SIGNATURE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "HS256"})
  @DisplayName("reordering the three parts is rejected")
  void reordering(SignatureAlgorithm alg) {
    Setup s = setup(alg);
    String[] p = s.token.jws().split("\\.");
    String[][] orders = {{p[1], p[0], p[2]}, {p[0], p[2], p[1]}, {p[2], p[1], p[0]}, {p[0], p[0], p[2]}};
    for (String[] o : orders) {
      assertThat(reason(s, "cap_" + String.join(".", o))).isIn(TokenRejection.MALFORMED, TokenRejection.BAD_SIGNATURE);
    }
  }
}

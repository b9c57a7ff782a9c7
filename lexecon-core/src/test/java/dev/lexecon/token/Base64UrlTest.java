package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The single-pass decoder and the buffer encoder against the JDK's codec and the strict rules the
 * decoder had before it: alphabet check, JDK decode, then re-encoding to refuse non-zero unused
 * bits.
 */
@DisplayName("Base64Url")
class Base64UrlTest {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  /** The alphabet plus characters a hostile token could hold instead. */
  private static final String CHARS = ALPHABET + "=+/. \n\u00e9\u0100\u0141\u012e\ud83d\ude00\ud800";

  /** The decoder as it was: the reference for what is canonical unpadded base64url. */
  private static byte @Nullable [] reference(String s) {
    int n = s.length();
    if (n % 4 == 1) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      if (ALPHABET.indexOf(s.charAt(i)) < 0) {
        return null;
      }
    }
    byte[] bytes = Base64.getUrlDecoder().decode(s);
    if (n % 4 != 0 && !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(s)) {
      return null;
    }
    return bytes;
  }

  /** Plain comparisons first: AssertJ only to report, since this runs half a million times. */
  private static void assertAgrees(String s) {
    byte[] expected = reference(s);
    byte[] actual = Base64Url.decode(s);
    if (!Arrays.equals(actual, expected)) {
      assertThat(actual).as("'%s'", s).isEqualTo(expected);
    }
    // Decoding a range of the bytes of a longer string, as the verifier does.
    String wrapped = "x." + s + ".y";
    byte[] ascii = Base64Url.ascii(wrapped);
    if (ascii.length != wrapped.length()) {
      fail("ascii() changed positions in '%s'", wrapped);
    }
    byte[] inRange = Base64Url.decode(ascii, 2, 2 + s.length());
    if (!Arrays.equals(inRange, expected)) {
      assertThat(inRange).as("'%s' in a range", s).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("decodes every string of up to 3 characters exactly as the reference does")
  void exhaustiveShortStrings() {
    assertAgrees("");
    for (int a = 0; a < CHARS.length(); a++) {
      String s1 = String.valueOf(CHARS.charAt(a));
      assertAgrees(s1);
      for (int b = 0; b < CHARS.length(); b++) {
        String s2 = s1 + CHARS.charAt(b);
        assertAgrees(s2);
        for (int c = 0; c < CHARS.length(); c++) {
          assertAgrees(s2 + CHARS.charAt(c));
        }
      }
    }
  }

  @Test
  @DisplayName("decodes encodings of random bytes, and their one-character mutations, as the reference does")
  void randomStrings() {
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(80)];
      random.nextBytes(bytes);
      String s = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      assertThat(Base64Url.decode(s)).isEqualTo(bytes);
      if (!s.isEmpty()) {
        int at = random.nextInt(s.length());
        String mutated = s.substring(0, at) + CHARS.charAt(random.nextInt(CHARS.length())) + s.substring(at + 1);
        assertAgrees(mutated);
      }
      assertAgrees(s + CHARS.charAt(random.nextInt(CHARS.length())));
      assertAgrees(s + "=");
      assertAgrees(s + "==");
    }
  }

  @Test
  @DisplayName("refuses padding, non-zero unused bits, whitespace and characters outside the alphabet")
  void refusals() {
    assertThat(Base64Url.decode("AA")).containsExactly(0);
    assertThat(Base64Url.decode("AB")).isNull(); // unused bits set
    assertThat(Base64Url.decode("AAA")).containsExactly(0, 0);
    assertThat(Base64Url.decode("AAB")).isNull();
    assertThat(Base64Url.decode("AA==")).isNull();
    assertThat(Base64Url.decode("AA A")).isNull();
    assertThat(Base64Url.decode("AA+A")).isNull();
    assertThat(Base64Url.decode("AA/A")).isNull();
    assertThat(Base64Url.decode("A")).isNull();
    assertThat(Base64Url.decode("AA\u00c1A")).isNull();
    assertThat(Base64Url.decode("AA\u0141A")).isNull(); // low byte 'A'
  }

  @Test
  @DisplayName("ascii() keeps one byte per character, also around surrogate pairs and non-Latin-1 text")
  void asciiProjection() {
    assertThat(Base64Url.ascii("AB.cd")).isEqualTo("AB.cd".getBytes(StandardCharsets.US_ASCII));
    byte[] b = Base64Url.ascii("A\ud83d\ude00.\u0141\u00e9.B");
    assertThat(b).hasSize(8);
    assertThat(b[3]).isEqualTo((byte) '.');
    assertThat(b[6]).isEqualTo((byte) '.');
    assertThat(b[4]).isNotEqualTo((byte) 'A'); // U+0141 must not become its low byte, 'A'
    assertThat(Base64Url.decode("AAAA\u0141AAA")).isNull();
  }

  @Test
  @DisplayName("encodes like the JDK's unpadded url encoder, into a buffer at an offset")
  void encoding() {
    Random random = new Random(11);
    for (int round = 0; round < 5_000; round++) {
      byte[] bytes = new byte[random.nextInt(100)];
      random.nextBytes(bytes);
      String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      assertThat(Base64Url.encode(bytes)).isEqualTo(expected);
      assertThat(Base64Url.encodedLength(bytes.length)).isEqualTo(expected.length());
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      byte[] out = new byte[5 + Base64Url.encodedLength(bytes.length - from)];
      int end = Base64Url.encode(bytes, from, bytes.length, out, 5);
      assertThat(end).isEqualTo(out.length);
      byte[] tail = Arrays.copyOfRange(bytes, from, bytes.length);
      assertThat(new String(out, 5, end - 5, StandardCharsets.US_ASCII))
          .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(tail));
    }
  }
}

package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.json.Jcs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The direct payload writer against the generic one it replaces ({@code
 * Jcs.canonicalize(TokenFormat.payload(claims))}) on generated claim sets whose strings mix ASCII,
 * characters JCS escapes, two- to four-byte UTF-8, and lone surrogates.
 */
@DisplayName("ClaimsWriter")
class ClaimsWriterTest {
  /** Pieces of claim strings; the last two are lone surrogates, which JCS refuses. */
  private static final String[] PIECES = {
    "a", "send_email", "ai_agent:assistant", "\"", "\\", "\n", "\t", "\b", "\f", "\r", "\u0000",
    "\u001f", "\u007f", " ", "/", "\u00e9", "\u07ff", "\u0800", "\u2028", "\u2603", "\uffff",
    "\ud83d\ude00", "\udbff\udfff", "\ud800", "\udc00"
  };

  private final Random random = new Random(42);

  private String string(boolean allowLoneSurrogates) {
    int pieces = random.nextInt(5);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      int bound = allowLoneSurrogates ? PIECES.length : PIECES.length - 2;
      sb.append(PIECES[random.nextInt(bound)]);
    }
    return sb.toString();
  }

  private @Nullable String optional(boolean lone) {
    return random.nextBoolean() ? null : string(lone);
  }

  private List<String> strings(boolean lone) {
    List<String> out = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      out.add(string(lone));
    }
    return out;
  }

  private Instant time(boolean outOfRange) {
    long[] seconds = {0, 1, 1795773600, 253_402_300_799L, -1, (1L << 53), -(1L << 53)};
    long s = seconds[random.nextInt(seconds.length)];
    if (outOfRange && random.nextInt(4) == 0) {
      s = random.nextBoolean() ? (1L << 53) + 1 : -(1L << 53) - 1;
    }
    return Instant.ofEpochSecond(s);
  }

  private TokenClaims claims(boolean unwritable) {
    return new TokenClaims(
        string(unwritable), string(unwritable), strings(unwritable), time(unwritable), time(unwritable),
        time(unwritable), string(unwritable), string(unwritable), optional(unwritable), string(unwritable),
        string(unwritable), optional(unwritable), string(unwritable), strings(unwritable), string(unwritable));
  }

  @Test
  @DisplayName("writes the generic writer's bytes for 20,000 generated claim sets")
  void sameBytes() {
    for (int i = 0; i < 20_000; i++) {
      TokenClaims c = claims(false);
      ClaimsWriter w = ClaimsWriter.write(c);
      assertThat(w).as("%s", c).isNotNull();
      byte[] expected = Jcs.canonicalize(TokenFormat.payload(c));
      byte[] actual = Arrays.copyOf(w.bytes(), w.size());
      if (!Arrays.equals(actual, expected)) {
        assertThat(new String(actual, java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
      }
      assertThat(TokenFormat.canonicalPayload(c)).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("leaves lone surrogates and times beyond 2^53 seconds to the generic writer, which refuses them")
  void unwritable() {
    int refused = 0;
    for (int i = 0; i < 10_000; i++) {
      TokenClaims c = claims(true);
      ClaimsWriter w = ClaimsWriter.write(c);
      if (w != null) {
        assertThat(Arrays.copyOf(w.bytes(), w.size())).isEqualTo(Jcs.canonicalize(TokenFormat.payload(c)));
      } else {
        refused++;
        String message = null;
        try {
          Jcs.canonicalize(TokenFormat.payload(c));
        } catch (IllegalArgumentException e) {
          message = e.getMessage();
        }
        assertThat(message).as("the generic writer accepted what the fast one left to it: %s", c).isNotNull();
        String expected = message;
        assertThatThrownBy(() -> TokenFormat.canonicalPayload(c))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(expected);
      }
    }
    assertThat(refused).isGreaterThan(500);
  }
}

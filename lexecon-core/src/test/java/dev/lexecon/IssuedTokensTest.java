package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.oversight.HaltScope;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.internal.UlidGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issued tokens kept for halts")
class IssuedTokensTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final long TTL = 300;

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  private static CapabilityToken token(String decisionId, String actor, String tool, Instant iat) {
    TokenClaims claims = new TokenClaims("lexecon", actor, List.of(), iat, iat, iat.plusSeconds(TTL),
        "tok_" + decisionId, "act", null, tool, decisionId, null, "h", List.of(), "d");
    return new CapabilityToken("cap_x", "HS256", "k", claims);
  }

  private static Halt halt(HaltScope scope) {
    return new Halt("halt_1", scope, "admin", "test", T0, "entry_1", null);
  }

  @Test
  @DisplayName("drops tokens as they expire, keeping exactly the live ones")
  void dropsExpiredTokens() {
    IssuedTokens issued = new IssuedTokens(clock);
    for (int s = 0; s < 1000; s++) { // one token a second for 1,000 s, lifetime 300 s
      Instant at = T0.plusSeconds(s);
      now.set(at);
      issued.register(token("dec_" + s, "agent:a", "t", at), Set.of());
      assertThat(issued.size()).as("after %d s", s).isEqualTo((int) Math.min(s + 1, TTL));
    }
    now.set(T0.plusSeconds(999 + TTL));
    assertThat(issued.decisionsIn(halt(HaltScope.everything()))).isEmpty();
    assertThat(issued.size()).isZero();
  }

  @Test
  @DisplayName("a halt gets the live tokens in its scope, and not those expired at that second")
  void decisionsInScope() {
    IssuedTokens issued = new IssuedTokens(clock);
    issued.register(token("dec_old", "agent:a", "shell", T0), Set.of());
    Instant later = T0.plusSeconds(10);
    issued.register(token("dec_shell", "agent:a", "shell", later), Set.of());
    issued.register(token("dec_mail", "agent:b", "mail", later), Set.of(GovernanceDomain.FINANCE));
    now.set(T0.plusSeconds(TTL)); // dec_old expires exactly now
    assertThat(issued.decisionsIn(halt(HaltScope.everything())))
        .containsExactly("dec_shell", "dec_mail");
    assertThat(issued.decisionsIn(halt(HaltScope.tools("shell")))).containsExactly("dec_shell");
    assertThat(issued.decisionsIn(halt(HaltScope.domain(GovernanceDomain.FINANCE))))
        .containsExactly("dec_mail");
    now.set(later.plusSeconds(TTL));
    assertThat(issued.decisionsIn(halt(HaltScope.everything()))).isEmpty();
  }

  @Test
  @DisplayName("a token that expires out of order is never reported once expired")
  void outOfOrderExpiry() {
    IssuedTokens issued = new IssuedTokens(clock);
    issued.register(token("dec_late", "agent:a", "t", T0.plusSeconds(100)), Set.of());
    issued.register(token("dec_early", "agent:a", "t", T0), Set.of()); // a clock stepped back
    now.set(T0.plusSeconds(TTL + 1));
    assertThat(issued.decisionsIn(halt(HaltScope.everything()))).containsExactly("dec_late");
  }

  @Test
  @DisplayName("many threads registering while tokens expire lose no live token")
  void concurrentRegistration() throws InterruptedException {
    IssuedTokens issued = new IssuedTokens(clock);
    int threads = 16;
    int each = 2000;
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread th = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          // Seconds 0..9 for the first half of each thread's tokens, then 400: the early ones
          // expire while the others are registered.
          Instant at = T0.plusSeconds(i < each / 2 ? i % 10 : 400);
          issued.register(token("dec_" + thread + "_" + i, "agent:a", "t", at), Set.of());
        }
      });
      th.start();
      started.add(th);
    }
    for (Thread th : started) {
      th.join();
    }
    now.set(T0.plusSeconds(400));
    assertThat(issued.decisionsIn(halt(HaltScope.everything()))).hasSize(threads * each / 2);
  }

  @Test
  @DisplayName("decision ids come back exactly as registered, packed ULIDs and other forms alike")
  void idsComeBackExactly() {
    IssuedTokens issued = new IssuedTokens(clock);
    UlidGenerator ulids = new UlidGenerator(clock, new Random(7));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3 * IssuedTokens.BLOCK + 5; i++) { // several blocks
      ids.add("dec_" + ulids.nextId());
    }
    ids.addAll(List.of(
        "dec_00000000000000000000000000", // smallest ULID
        "dec_7ZZZZZZZZZZZZZZZZZZZZZZZZZ", // largest
        "dec_7ZZZZZZZZZZZZG000000000000", // the upper half all ones, the lower half zero
        "dec_0000000000000G000000000000", // only bit 64 (character 13's top bit)
        "dec_01arz3ndektsv4rrffq69g5fav", // lower case: not the canonical form, kept as text
        "dec_81ARZ3NDEKTSV4RRFFQ69G5FAV", // over 128 bits
        "dec_01ARZ3NDEKTSV4RRFFQ69G5FAI", // I is not a Crockford digit
        "dec_01ARZ3NDEKTSV4RRFFQ69G5FA", // 25 characters
        "req_01ARZ3NDEKTSV4RRFFQ69G5FAV", // another prefix
        "dec_shell"));
    for (String id : ids) {
      issued.register(token(id, "agent:a", "t", T0), Set.of());
    }
    assertThat(issued.decisionsIn(halt(HaltScope.everything()))).containsExactlyElementsOf(ids);
  }

  @Test
  @DisplayName("ULIDs pack into two longs and back for random values and every digit in every place")
  void ulidPacking() {
    Random random = new Random(11);
    for (int n = 0; n < 10_000; n++) {
      char[] text = new char[IssuedTokens.Ulids.LENGTH];
      String digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
      for (int i = 0; i < text.length; i++) {
        text[i] = digits.charAt(random.nextInt(i == 0 ? 8 : 32));
      }
      if (n < 26 * 32) { // every digit at every position, the rest zero
        java.util.Arrays.fill(text, '0');
        int at = n / 32;
        text[at] = digits.charAt(at == 0 ? n % 8 : n % 32);
      }
      String ulid = new String(text);
      assertThat(IssuedTokens.Ulids.isUlid(ulid, 0)).as(ulid).isTrue();
      assertThat(IssuedTokens.Ulids.text(IssuedTokens.Ulids.high(ulid, 0), IssuedTokens.Ulids.low(ulid, 0)))
          .isEqualTo(ulid);
    }
  }

  @Test
  @DisplayName("blocks of expired tokens are let go")
  void expiredBlocksAreDropped() {
    IssuedTokens issued = new IssuedTokens(clock);
    for (int i = 0; i < 5 * IssuedTokens.BLOCK; i++) {
      issued.register(token("dec_" + i, "agent:a", "t", T0), Set.of());
    }
    now.set(T0.plusSeconds(TTL));
    issued.register(token("dec_next", "agent:a", "t", now.get()), Set.of());
    assertThat(issued.size()).isEqualTo(1);
    assertThat(issued.decisionsIn(halt(HaltScope.everything()))).containsExactly("dec_next");
    assertThat(issued.blocks()).as("blocks held").isEqualTo(1);
  }

  @Test
  @DisplayName("a halt scanning while others register and expire tokens finds every token live when it began")
  void scanWhileRegistering() throws InterruptedException {
    IssuedTokens issued = new IssuedTokens(clock);
    for (int i = 0; i < 2 * IssuedTokens.BLOCK + 7; i++) { // expire at T0 + TTL: the first scan drops them
      issued.register(token("dec_early_" + i, "agent:a", "t", T0), Set.of());
    }
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 3 * IssuedTokens.BLOCK; i++) {
      before.add("dec_before_" + i);
      issued.register(token("dec_before_" + i, "agent:a", "t", T0.plusSeconds(10)), Set.of());
    }
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      Thread th = new Thread(() -> {
        for (int i = 0; i < 20_000 && !stop.get(); i++) { // the scans read blocks these threads fill
          issued.register(token("dec_" + thread + "_" + i, "agent:a", "t", T0.plusSeconds(20)), Set.of());
        }
      });
      th.start();
      writers.add(th);
    }
    try {
      now.set(T0.plusSeconds(TTL)); // the early tokens expire now; the others are live
      for (int scan = 0; scan < 20; scan++) {
        List<String> found = issued.decisionsIn(halt(HaltScope.everything()));
        assertThat(found).containsAll(before).noneMatch(id -> id.startsWith("dec_early_"));
      }
    } finally {
      stop.set(true);
      for (Thread th : writers) {
        th.join();
      }
    }
  }
}

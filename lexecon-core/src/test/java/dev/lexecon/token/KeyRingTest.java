package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KeyRing")
class KeyRingTest {
  private MutableClock clock;
  private List<KeyRotation> rotations;
  private KeyRing ring;
  private TokenIssuer issuer;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(TokenFixtures.NOW);
    rotations = new ArrayList<>();
    ring = KeyRing.builder(TokenFixtures.ed25519()).clock(clock).onRotation(rotations::add).build();
    issuer = TokenFixtures.issuer(ring, clock).build();
  }

  private CapabilityToken issue() {
    return issuer.issue(TokenFixtures.approved(), TokenFixtures.request(), null);
  }

  private static boolean accepts(TokenVerifier v, CapabilityToken t) {
    return v.verify(t.value(), TokenFixtures.call()).accepted();
  }

  @Test
  @DisplayName("rotation signs new tokens with the new key and keeps old tokens valid")
  void rotationKeepsOldTokens() {
    CapabilityToken old = issue();
    KeyRotation rotation = ring.rotate();
    CapabilityToken fresh = issue();
    assertThat(fresh.keyId()).isEqualTo(rotation.keyId()).isNotEqualTo(old.keyId());
    assertThat(rotation.previousKeyId()).isEqualTo(old.keyId());

    TokenVerifier live = TokenVerifier.builder(ring).clock(clock).build();
    TokenVerifier published = TokenVerifier.builder(PublicKeySet.fromJwkSetJson(ring.publicKeys().toJwkSetJson()))
        .clock(clock).build();
    for (TokenVerifier v : List.of(live, published)) {
      assertThat(accepts(v, old)).isTrue();
      assertThat(accepts(v, fresh)).isTrue();
    }
    assertThat(ring.keyIds()).containsExactly(old.keyId(), fresh.keyId());
  }

  @Test
  @DisplayName("a verifier built on the ring follows rotations without being rebuilt")
  void liveVerifierFollowsRotation() {
    TokenVerifier live = TokenVerifier.builder(ring).clock(clock).build();
    ring.rotate();
    assertThat(accepts(live, issue())).isTrue();
  }

  @Test
  @DisplayName("the rotation listener hears of the new key before it signs anything, with its public key")
  void listenerBeforeActivation() {
    java.util.concurrent.atomic.AtomicReference<KeyRing> self = new java.util.concurrent.atomic.AtomicReference<>();
    List<String> currentDuringListener = new ArrayList<>();
    KeyRing observed = KeyRing.builder(TokenFixtures.ed25519()).clock(clock)
        .onRotation(r -> currentDuringListener.add(self.get().currentKey().keyId())).build();
    self.set(observed);
    KeyRotation r = observed.rotate();
    assertThat(currentDuringListener).containsExactly(TokenFixtures.ED25519_THUMBPRINT);
    assertThat(observed.currentKey().keyId()).isEqualTo(r.keyId());
    assertThat(r.rotatedAt()).isEqualTo(TokenFixtures.NOW);
    assertThat(r.publicKey()).isEqualTo(observed.currentKey().verificationKey());
  }

  @Test
  @DisplayName("a failing rotation listener abandons the rotation and leaves the ring unchanged")
  void failingListener() {
    KeyRing failing = KeyRing.builder(TokenFixtures.ed25519())
        .onRotation(r -> { throw new IllegalStateException("ledger unavailable"); }).build();
    String before = failing.currentKey().keyId();
    assertThatThrownBy(failing::rotate).isInstanceOf(IllegalStateException.class).hasMessage("ledger unavailable");
    assertThat(failing.currentKey().keyId()).isEqualTo(before);
    assertThat(failing.keyIds()).containsExactly(before);
  }

  @Test
  @DisplayName("a retired key's tokens are rejected as UNKNOWN_KEY; the current key cannot be retired")
  void retire() {
    CapabilityToken old = issue();
    ring.rotate();
    TokenVerifier live = TokenVerifier.builder(ring).clock(clock).build();
    assertThat(ring.retire(old.keyId())).isTrue();
    assertThat(ring.retire(old.keyId())).isFalse();
    TokenVerification v = live.verify(old.value(), TokenFixtures.call());
    assertThat(((TokenVerification.Rejected) v).reason()).isEqualTo(TokenRejection.UNKNOWN_KEY);
    assertThat(ring.publicKeys().find(old.keyId())).isNull();
    assertThatThrownBy(() -> ring.retire(ring.currentKey().keyId()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rotate first");
  }

  @Test
  @DisplayName("rotating to a key id already in the ring is refused")
  void duplicateKeyId() {
    assertThatThrownBy(() -> ring.rotate(TokenFixtures.ed25519()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already in the ring");
    assertThat(rotations).isEmpty();
  }

  @Test
  @DisplayName("HMAC rings rotate too; old HS256 tokens keep verifying, and no secret is ever published")
  void hmacRotation() {
    List<KeyRotation> seen = new ArrayList<>();
    KeyRing hmacRing = KeyRing.builder(TokenFixtures.hmac()).onRotation(seen::add).random(new SecureRandom()).build();
    TokenIssuer hmacIssuer = TokenFixtures.issuer(hmacRing, clock).build();
    CapabilityToken old = hmacIssuer.issue(TokenFixtures.approved(), TokenFixtures.request(), null);
    KeyRotation r = hmacRing.rotate();
    CapabilityToken fresh = hmacIssuer.issue(TokenFixtures.approved(), TokenFixtures.request(), null);
    TokenVerifier v = TokenVerifier.builder(hmacRing).clock(clock).build();
    assertThat(accepts(v, old)).isTrue();
    assertThat(accepts(v, fresh)).isTrue();
    assertThat(fresh.keyId()).isEqualTo(r.keyId()).startsWith("hs256-");
    assertThat(hmacRing.publicKeys().size()).isZero();
    assertThat(r.publicKey()).isNull();
    assertThat(r.toEventPayload()).containsOnlyKeys("key_id", "previous_key_id", "algorithm", "rotated_at");
  }

  @Test
  @DisplayName("key_rotated payloads carry the public key and let another process rebuild its key set")
  void rotationEvents() {
    VerificationKey first = ring.currentKey().verificationKey();
    CapabilityToken old = issue();
    ring.rotate();
    CapabilityToken fresh = issue();
    Map<String, Object> payload = rotations.get(0).toEventPayload();
    assertThat(payload).containsEntry("algorithm", "EdDSA").containsEntry("previous_key_id", first.keyId())
        .containsEntry("rotated_at", "2026-11-27T10:00:00.654321Z").containsKeys("public_key_jwk", "fingerprint");
    KeyRotation back = KeyRotation.fromEventPayload(payload);
    assertThat(back).isEqualTo(rotations.get(0));

    // A follower knows the genesis key and reads rotations from the ledger.
    PublicKeySet followed = PublicKeySet.of(first, back.publicKey());
    TokenVerifier follower = TokenVerifier.builder(followed).clock(clock).build();
    assertThat(accepts(follower, old)).isTrue();
    assertThat(accepts(follower, fresh)).isTrue();

    Map<String, Object> tampered = new LinkedHashMap<>(payload);
    tampered.put("fingerprint", "00".repeat(32));
    assertThatThrownBy(() -> KeyRotation.fromEventPayload(tampered)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("keys retained from an earlier process still verify, by public key or by HMAC secret")
  void retainedKeys() {
    SigningKey earlierEd = SigningKey.generate(SignatureAlgorithm.ED25519);
    KeyRing earlier = KeyRing.of(earlierEd);
    CapabilityToken earlierToken = TokenFixtures.issuer(earlier, clock).build()
        .issue(TokenFixtures.approved(), TokenFixtures.request(), null);
    KeyRing restarted = KeyRing.builder(TokenFixtures.ed25519()).retain(earlierEd.verificationKey())
        .retain(TokenFixtures.hmac()).build();
    assertThat(accepts(TokenVerifier.builder(restarted).clock(clock).build(), earlierToken)).isTrue();
    assertThat(restarted.keyIds()).containsExactly(earlierEd.keyId(), TokenFixtures.HMAC_KID, TokenFixtures.ED25519_THUMBPRINT);
    assertThat(restarted.publicKeys().keys()).extracting(VerificationKey::keyId)
        .containsExactly(earlierEd.keyId(), TokenFixtures.ED25519_THUMBPRINT);
    assertThatThrownBy(() -> KeyRing.builder(TokenFixtures.ed25519()).retain(TokenFixtures.ed25519().verificationKey()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("tokens issued while other threads rotate all verify")
  void concurrentRotation() throws Exception {
    KeyRing shared = KeyRing.of(TokenFixtures.hmac());
    TokenIssuer sharedIssuer = TokenIssuer.builder(shared).clock(clock).build();
    TokenVerifier verifier = TokenVerifier.builder(shared).clock(clock).build();
    ConcurrentLinkedQueue<CapabilityToken> tokens = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          while (!stop.get()) {
            tokens.add(sharedIssuer.issue(TokenFixtures.approved(), TokenFixtures.request(), null));
          }
        }));
      }
      for (int i = 0; i < 20; i++) {
        shared.rotate();
        Thread.yield();
      }
      stop.set(true);
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(shared.keyIds()).hasSize(21);
    for (CapabilityToken t : tokens) {
      assertThat(accepts(verifier, t)).as(t.toString()).isTrue();
    }
  }
}

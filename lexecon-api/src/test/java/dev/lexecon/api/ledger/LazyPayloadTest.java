package dev.lexecon.api.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LazyPayload")
class LazyPayloadTest {

  private static Map<String, @Nullable Object> sample() {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("a", 1L);
    m.put("b", null);
    return m;
  }

  @Test
  @DisplayName("decodes on first read only, and behaves as the decoded map")
  void decodesOnFirstRead() {
    AtomicInteger calls = new AtomicInteger();
    LazyPayload p = new LazyPayload(() -> {
      calls.incrementAndGet();
      return sample();
    });
    assertThat(calls).hasValue(0);
    assertThat(p.isDecoded()).isFalse();
    assertThat(p).containsEntry("a", 1L).containsKey("b").hasSize(2);
    assertThat(p.get("b")).isNull();
    assertThat(p).isEqualTo(sample()).hasSameHashCodeAs(sample());
    assertThat(p.toString()).isEqualTo("{a=1, b=null}");
    assertThat(calls).hasValue(1);
    assertThat(p.isDecoded()).isTrue();
  }

  @Test
  @DisplayName("is unmodifiable, whatever the decoder returns")
  void unmodifiable() {
    LazyPayload p = new LazyPayload(() -> new HashMap<>(sample()));
    assertThatThrownBy(() -> p.put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    // also the changes that would change nothing, as Collections.unmodifiableMap refuses them
    assertThatThrownBy(() -> p.remove("absent")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.putAll(Map.of())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(p::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThat(p).hasSize(2);
  }

  @Test
  @DisplayName("copies what the decoder returns: the decoder's own map cannot change the payload")
  void copiesTheDecodedMap() {
    Map<String, @Nullable Object> source = sample();
    LazyPayload p = new LazyPayload(() -> source);
    assertThat(p).hasSize(2);
    source.put("c", 3L);
    source.remove("a");
    assertThat(p).isEqualTo(sample());
  }

  @Test
  @DisplayName("a decoder returning null is reported, not handed out")
  void nullDecoder() {
    assertThatThrownBy(() -> new LazyPayload(null)).isInstanceOf(NullPointerException.class);
    LazyPayload p = new LazyPayload(() -> null);
    assertThatThrownBy(p::size).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("decoder returned null");
  }

  @Test
  @DisplayName("a LedgerEntry keeps it without decoding it; other maps are copied")
  void ledgerEntryKeepsIt() {
    LazyPayload p = new LazyPayload(LazyPayloadTest::sample);
    String hash = "0".repeat(64);
    LedgerEntry e = new LedgerEntry(3, "decision", Instant.EPOCH, p, hash, hash, Map.of());
    assertThat(e.payload()).isSameAs(p);
    assertThat(p.isDecoded()).isFalse();
    Map<String, @Nullable Object> mutable = sample();
    LedgerEntry copied = new LedgerEntry(3, "decision", Instant.EPOCH, mutable, hash, hash, Map.of());
    mutable.put("c", 2L);
    assertThat(copied.payload()).doesNotContainKey("c");
    assertThat(copied).isEqualTo(e);
  }

  @Test
  @DisplayName("racing first reads from many threads all see the same map")
  void racingReads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 200; round++) {
        LazyPayload p = new LazyPayload(LazyPayloadTest::sample);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, @Nullable Object>>> reads = new java.util.ArrayList<>();
        for (int t = 0; t < 16; t++) {
          reads.add(pool.submit(() -> {
            start.await();
            assertThat(p.get("a")).isEqualTo(1L);
            return Map.copyOf(Map.of("size", p.size()));
          }));
        }
        start.countDown();
        for (Future<Map<String, @Nullable Object>> f : reads) {
          assertThat(f.get()).containsEntry("size", 2);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

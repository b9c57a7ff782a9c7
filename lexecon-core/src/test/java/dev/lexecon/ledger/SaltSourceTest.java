package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Salt sources")
class SaltSourceTest {

  @Test
  @DisplayName("secure salts never repeat, across block refills and salt lengths")
  void secureSaltsAreDistinctAcrossRefills() {
    SaltSource salts = SaltSource.secure();
    Set<String> seen = new HashSet<>();
    int[] lengths = {Commitments.SALT_LENGTH, 1, 7, 100, SaltSource.SecureBlock.BLOCK_BYTES,
        SaltSource.SecureBlock.BLOCK_BYTES + 1};
    for (int i = 0; i < 20_000; i++) {
      byte[] salt = new byte[lengths[i % 20 == 0 ? (i / 20) % lengths.length : 0]];
      salts.next(salt);
      if (salt.length >= 16) { // shorter ones may collide by chance
        assertThat(seen.add(HexFormat.of().formatHex(salt))).as("salt %d repeats", i).isTrue();
      }
    }
  }

  @Test
  @DisplayName("a thread's block holds no salt it already handed out")
  void handedOutSaltsAreZeroedInTheBlock() throws InterruptedException {
    SaltSource salts = SaltSource.secure();
    List<Object> seen = new ArrayList<>();
    Thread fresh = new Thread(() -> { // a thread whose block nothing has drawn from yet
      for (int i = 0; i < 40; i++) { // past a refill
        byte[] salt = new byte[Commitments.SALT_LENGTH];
        salts.next(salt);
        SaltSource.SecureBlock block = SaltSource.SecureBlock.PER_THREAD.get();
        seen.add(block.unusedBytes());
        seen.add(block.handedOutBytesAreZero());
      }
    });
    fresh.start();
    fresh.join();
    for (int i = 0; i < 40; i++) {
      int drawnFromBlock = (i % 32 + 1) * Commitments.SALT_LENGTH;
      assertThat(seen.get(2 * i)).isEqualTo(SaltSource.SecureBlock.BLOCK_BYTES - drawnFromBlock);
      assertThat(seen.get(2 * i + 1)).as("salt %d", i).isEqualTo(true);
    }
  }

  @Test
  @DisplayName("threads draw different salts")
  void threadsDrawDifferentSalts() throws InterruptedException {
    SaltSource salts = SaltSource.secure();
    Set<String> all = ConcurrentHashMap.newKeySet();
    int threads = 16;
    int each = 500;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < each; i++) {
          byte[] salt = new byte[Commitments.SALT_LENGTH];
          salts.next(salt);
          all.add(HexFormat.of().formatHex(salt));
        }
      });
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join();
    }
    assertThat(all).hasSize(threads * each);
  }
}

package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("MerkleTree under concurrent reads")
class MerkleConcurrencyTest {
  private static final int LEAVES = 20_000;
  private static final int READERS = 3;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName(
      "readers proving against past sizes while one thread appends always get the reference answer")
  void oneAppenderManyReaders() throws Exception {
    List<byte[]> leaves = MerkleTreeTest.leafData(LEAVES, 42);
    Rfc9162Reference reference = Rfc9162Reference.ofLeafData(leaves, true);
    // Reference roots for every size, computed up front so readers only compare.
    Map<Integer, Hash> roots = new HashMap<>();
    for (int n = 0; n <= LEAVES; n++) {
      roots.put(n, reference.root(n));
    }
    List<Hash> leafHashes = new ArrayList<>();
    for (int i = 0; i < LEAVES; i++) {
      leafHashes.add(reference.leafHash(i));
    }

    MerkleTree tree = new MerkleTree();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong checksWhileAppending = new AtomicLong();
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch readersStarted = new CountDownLatch(READERS);
    ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(
            pool.submit(
                () -> {
                  readersStarted.countDown();
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  int checks = 0;
                  while (!done.get() || checks < 2_000) {
                    long published = tree.size();
                    if (published == 0) {
                      Thread.onSpinWait();
                      continue;
                    }
                    int n = 1 + random.nextInt((int) published);
                    int m = random.nextInt(n);
                    int old = random.nextInt(n + 1);
                    Hash root = tree.root(n);
                    if (!root.equals(roots.get(n))) {
                      failures.add("root(" + n + ") differs");
                    }
                    InclusionProof inclusion = tree.inclusionProof(m, n);
                    if (!MerkleProofs.verifyInclusion(leafHashes.get(m), inclusion, roots.get(n))) {
                      failures.add("inclusion of " + m + " in " + n + " failed");
                    }
                    ConsistencyProof consistency = tree.consistencyProof(old, n);
                    if (!MerkleProofs.verifyConsistency(
                        consistency, roots.get(old), roots.get(n))) {
                      failures.add("consistency " + old + " -> " + n + " failed");
                    }
                    if (!done.get()) {
                      checksWhileAppending.incrementAndGet();
                    }
                    checks++;
                  }
                  return null;
                }));
      }
      Future<?> appender =
          pool.submit(
              () -> {
                readersStarted.await();
                for (int i = 0; i < LEAVES; i++) {
                  tree.append(leaves.get(i));
                  if (i % 64 == 0) {
                    Thread.yield(); // give readers a chance on a small machine
                  }
                }
                done.set(true);
                return null;
              });
      appender.get(100, TimeUnit.SECONDS);
      for (Future<?> reader : readers) {
        reader.get(100, TimeUnit.SECONDS);
      }
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
    assertThat(failures).isEmpty();
    assertThat(tree.root()).isEqualTo(roots.get(LEAVES));
    System.out.println("proof checks while the appender ran: " + checksWhileAppending.get());
  }
}

package dev.lexecon.testing.deciding;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.ledger.NoteSigner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The body of a child process in the storage modules' crash and multi-process tests: builds a
 * {@code Lexecon} over the given storage with {@link Decisions#engine}, then calls {@code decide()}
 * from several threads and prints {@code "decisionId entryId outcome"} for each decision only after
 * {@code decide()} returned it, that is, once the decision counts as acknowledged under the
 * durability mode. The parent kills the process or waits for it, and checks that every printed
 * decision is in the ledger at the printed entry.
 *
 * <p>Each storage module keeps a one-line {@code main} that opens its storage from the command line
 * and calls {@link #run}; the deciding itself is the same for all of them.
 */
public final class DecidingLoop {
  private DecidingLoop() {}

  /**
   * Decides until {@code total} decisions are made ({@code -1}: until the process is killed). With
   * a {@code startFile}, first prints {@code ready} and waits until that file exists, so that
   * several processes start deciding at the same moment. Exits the JVM with status 2 if any {@code
   * decide()} threw, after printing the first failure.
   */
  public static void run(LedgerStorage storage, Durability durability, int threads, long total,
      NoteSigner signer, long checkpointEvery, @Nullable Path startFile) throws Exception {
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 12);
    ReentrantLock outLock = new ReentrantLock();
    AtomicLong left = new AtomicLong(total < 0 ? Long.MAX_VALUE : total);
    List<Throwable> failures = new ArrayList<>();
    try (Lexecon lexecon = Decisions.engine(storage, durability, signer, checkpointEvery)) {
      if (startFile != null) {
        out.write("ready\n");
        out.flush();
        while (!Files.exists(startFile)) {
          Thread.sleep(5);
        }
      }
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        Thread worker = new Thread(() -> {
          try {
            for (long i = offset; left.getAndDecrement() > 0; i++) {
              DecisionRequest request = Decisions.REQUESTS.get((int) (i % Decisions.REQUESTS.size()));
              Decision d = lexecon.decide(request);
              String line = d.decisionId() + " " + d.ledgerEntryId() + " "
                  + d.outcome().name().toLowerCase(Locale.ROOT) + "\n";
              outLock.lock();
              try {
                out.write(line);
                out.flush(); // acknowledged: the parent may now count on it
              } finally {
                outLock.unlock();
              }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (RuntimeException | Error e) {
            synchronized (failures) {
              failures.add(e);
            }
          }
        }, "decider-" + t);
        worker.start();
        workers.add(worker);
      }
      for (Thread worker : workers) {
        worker.join();
      }
    }
    if (!failures.isEmpty()) {
      failures.get(0).printStackTrace();
      System.exit(2);
    }
  }
}

package dev.lexecon.ledger.sqlite;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.ledger.NoteSigner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Child-process main for the decide()-level crash and multi-process tests: builds a {@code
 * Lexecon} over a SQLite ledger and calls {@code decide()} from several threads as fast as it can,
 * printing {@code "decisionId entryId outcome"} for each decision only after {@code decide()}
 * returned it, that is, once the decision counts as acknowledged under the durability mode.
 *
 * <p>Arguments: the ledger file, the durability ({@code SYNC} or {@code GROUP}), the number of
 * threads, the number of decisions in all ({@code -1}: until killed), the checkpoint signer's
 * encoded private key, and the number of entries between checkpoints.
 */
public final class DecidingProcess {
  private DecidingProcess() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Durability durability = Durability.valueOf(args[1]);
    int threads = Integer.parseInt(args[2]);
    long total = Long.parseLong(args[3]);
    NoteSigner signer = NoteSigner.parse(args[4]);
    long checkpointEvery = Long.parseLong(args[5]);
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 12);
    ReentrantLock outLock = new ReentrantLock();
    AtomicLong left = new AtomicLong(total < 0 ? Long.MAX_VALUE : total);
    List<Throwable> failures = new ArrayList<>();
    SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file)
        .synchronous(SqliteLedgerStorage.Synchronous.FULL)
        .busyTimeout(java.time.Duration.ofSeconds(60))
        .open();
    try (Lexecon lexecon = Decisions.engine(storage, durability, signer, checkpointEvery)) {
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

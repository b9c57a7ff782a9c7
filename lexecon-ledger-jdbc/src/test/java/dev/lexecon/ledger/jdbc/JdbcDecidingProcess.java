package dev.lexecon.ledger.jdbc;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Child-process main for the multi-process decide() test: builds a {@code Lexecon} over a shared
 * database ledger, prints {@code ready}, waits until a start file exists (so that every process
 * decides at the same time), then calls {@code decide()} from several threads and prints {@code
 * "decisionId entryId outcome"} for each decision once {@code decide()} returned it.
 *
 * <p>Arguments: JDBC URL, user, password (may be empty), table prefix, durability, threads,
 * decisions in all, the checkpoint signer's encoded private key, entries between checkpoints, and
 * the start file.
 */
public final class JdbcDecidingProcess {
  private JdbcDecidingProcess() {}

  public static void main(String[] args) throws Exception {
    Durability durability = Durability.valueOf(args[4]);
    int threads = Integer.parseInt(args[5]);
    AtomicLong left = new AtomicLong(Long.parseLong(args[6]));
    NoteSigner signer = NoteSigner.parse(args[7]);
    long checkpointEvery = Long.parseLong(args[8]);
    Path start = Path.of(args[9]);
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 12);
    ReentrantLock outLock = new ReentrantLock();
    List<Throwable> failures = new ArrayList<>();
    JdbcLedgerStorage storage = JdbcLedgerStorage.builder()
        .url(args[0]).credentials(args[1], args[2]).tablePrefix(args[3]).maximumPoolSize(3).open();
    try (Lexecon lexecon = Decisions.engine(storage, durability, signer, checkpointEvery)) {
      out.write("ready\n");
      out.flush();
      while (!Files.exists(start)) {
        Thread.sleep(5);
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
                out.flush();
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

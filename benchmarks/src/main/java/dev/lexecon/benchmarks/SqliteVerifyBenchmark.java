package dev.lexecon.benchmarks;

import dev.lexecon.Lexecon;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A SQLite ledger of 1,000,000 entries (decisions of the standard stream plus the checkpoints
 * signed every 1,000 entries) read back: {@link #verify} runs the stand-alone {@link
 * LedgerVerifier} over the file (every entry hash and link, side records against their
 * commitments, every checkpoint's signature and Merkle root), {@link #open} opens the ledger the
 * way an application restarts (resume from the stored head, Merkle tree rebuilt from the stored
 * hashes, no re-hashing).
 *
 * <p>{@code personalData=with} is the standard stream, whose {@code amount} argument is recorded as
 * a salted commitment with a side record, so verification also opens one commitment per entry;
 * {@code without} records the same requests without arguments, so entries have no side record.
 *
 * <p>The ledger takes a minute or two to write, so it is written once into {@code
 * ${java.io.tmpdir}/lexecon-benchmarks/} and reused by later trials and runs; delete the directory
 * to start afresh. Each operation takes seconds, hence single-shot timing.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class SqliteVerifyBenchmark {
  /** Entries in the ledger, counting genesis, the policy and checkpoints. */
  static final long ENTRIES = 1_000_000;

  /** The ledger file, written on first use; opened read-only in spirit (nothing is appended). */
  @State(Scope.Benchmark)
  public static class Ledger {
    @Param({"with", "without"})
    public String personalData;

    Path file;
    NoteSigner signer;
    SqliteLedgerStorage storage;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "lexecon-benchmarks");
      Files.createDirectories(dir);
      file = dir.resolve("ledger-" + ENTRIES + "-" + personalData + "-personal-data-v2.db");
      Path key = dir.resolve(file.getFileName() + ".key");
      if (!Files.exists(file) || !Files.exists(key)) {
        write(dir, personalData.equals("with"));
      }
      signer = NoteSigner.parse(Files.readString(key, StandardCharsets.UTF_8).trim());
      storage = SqliteLedgerStorage.open(file);
      if (storage.size() < ENTRIES) {
        throw new IllegalStateException(file + " holds " + storage.size() + " entries; delete it to rewrite it");
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      storage.close();
    }

    /** Decides until the ledger holds {@link #ENTRIES} entries, then moves the file into place. */
    private void write(Path dir, boolean withPersonalData) throws Exception {
      Path partial = Files.createTempFile(dir, "partial-", ".db");
      Files.delete(partial);
      NoteSigner key = NoteSigner.generate("lexecon.dev/benchmarks/verify");
      Workload workload = Workload.generate(Workload.STANDARD_SEED, 1000);
      DecisionRequest[] requests = RequestStream.standard(workload);
      if (!withPersonalData) {
        for (int i = 0; i < requests.length; i++) {
          DecisionRequest r = requests[i];
          requests[i] = DecisionRequest.builder(r.actor(), r.action()).tool(r.tool()).resource(r.resource())
              .dataClasses(r.dataClasses()).riskLevel(r.riskLevel()).build();
        }
      }
      try (Lexecon lexecon = Lexecon.builder()
          .policy(workload.policy())
          // writing the fixture is not what is measured: NORMAL skips the fsync per commit
          .ledger(SqliteLedgerStorage.builder(partial).synchronous(SqliteLedgerStorage.Synchronous.NORMAL).open())
          .durability(Durability.GROUP)
          .checkpointSigner(key)
          .checkpointInterval(Duration.ZERO)
          .build()) {
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
          Thread thread = new Thread(() -> {
            for (long i; (i = next.getAndIncrement()) < ENTRIES && lexecon.ledger().size() < ENTRIES; ) {
              lexecon.decide(requests[(int) (i % requests.length)]);
            }
          });
          thread.start();
          threads.add(thread);
        }
        for (Thread thread : threads) {
          thread.join();
        }
      }
      Files.writeString(dir.resolve(file.getFileName() + ".key"), key.encodedPrivateKey(), StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  @Benchmark
  public VerificationResult verify(Ledger ledger) {
    VerificationResult result = LedgerVerifier.create().trusting(ledger.signer.verifier()).verify(ledger.storage);
    if (!result.valid() || result.entriesVerified() < ENTRIES) {
      throw new IllegalStateException("verification failed: " + result);
    }
    return result;
  }

  @Benchmark
  public long open(Ledger ledger) {
    // the ledger's own key, already announced, and no timed checkpoint: opening appends nothing
    try (LedgerEngine engine = LedgerEngine.builder(SqliteLedgerStorage.open(ledger.file))
        .checkpointSigner(ledger.signer)
        .checkpointInterval(Duration.ZERO)
        .build()) {
      return engine.size();
    }
  }
}

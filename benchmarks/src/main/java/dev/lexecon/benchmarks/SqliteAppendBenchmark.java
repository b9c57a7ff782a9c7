package dev.lexecon.benchmarks;

import dev.lexecon.Lexecon;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link SqliteLedgerStorage#append} on its own, one thread, as the ledger writer calls it: batches
 * of real {@code decision} records (entry bytes and side records as {@code decide()} writes them
 * for the standard stream, re-sequenced), so the storage's share of a decision can be told apart
 * from the rest of {@code decide()}. Scores are per batch.
 *
 * <ul>
 *   <li>{@code synchronous=NORMAL} leaves out the commit's fsync: what remains is the CPU the
 *       storage spends per entry (JDBC binding, SQLite's b-tree and index inserts, the WAL write,
 *       checkpoints), which does not depend on the disk.
 *   <li>{@code synchronous=FULL} is what {@code SYNC} and {@code GROUP} use: the same plus one
 *       fsync per batch, so it mostly measures the disk.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SqliteAppendBenchmark {
  @Param({"1", "64", "512"})
  public int batch;

  @Param({"NORMAL", "FULL"})
  public SqliteLedgerStorage.Synchronous synchronous;

  private List<LedgerRecord> samples;
  private Path dir;
  private SqliteLedgerStorage storage;
  private long next;

  @Setup(Level.Trial)
  public void records() {
    Workload workload = Workload.generate(Workload.STANDARD_SEED, 1000);
    DecisionRequest[] requests = RequestStream.standard(workload);
    InMemoryLedgerStorage memory = new InMemoryLedgerStorage();
    try (Lexecon lexecon = Lexecon.builder().policy(workload.policy()).ledger(memory).build()) {
      for (DecisionRequest r : requests) {
        lexecon.decide(r);
      }
      samples = new ArrayList<>();
      for (LedgerRecord r : memory.read(0, Integer.MAX_VALUE)) {
        if (r.eventType().equals("decision")) {
          samples.add(r);
        }
      }
    }
  }

  @Setup(Level.Iteration)
  public void open() throws IOException {
    dir = Files.createTempDirectory("lexecon-sqlite-append-");
    storage = SqliteLedgerStorage.builder(dir.resolve("ledger.db")).synchronous(synchronous).open();
    next = 0;
  }

  @TearDown(Level.Iteration)
  public void close() {
    storage.close();
    SqliteDecideBenchmark.deleteTree(dir);
  }

  /** One batch; the score is per batch, so divide it by {@code batch} for the time per entry. */
  @Benchmark
  public void append() {
    List<LedgerRecord> records = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      LedgerRecord s = samples.get((int) ((next + i) % samples.size()));
      records.add(new LedgerRecord(next + i, s.eventType(), s.timestamp(), s.previousHash(),
          s.entryHash(), s.entry(), s.sideRecord()));
    }
    storage.append(next, records);
    next += batch;
  }
}

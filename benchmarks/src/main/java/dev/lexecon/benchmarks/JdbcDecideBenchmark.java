package dev.lexecon.benchmarks;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.ledger.jdbc.JdbcLedgerStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link Lexecon#decide} end to end with the ledger in PostgreSQL or MariaDB, {@code GROUP}
 * durability: the ledger writer batches the decisions queued while the previous transaction
 * committed into one multi-row insert and one commit.
 *
 * <p>The servers are the ones the JDBC tests use (PostgreSQL at 127.0.0.1:5432 and MariaDB at
 * 127.0.0.1:3306, database {@code test}); override with the system properties {@code
 * lexecon.bench.postgresql.url}, {@code .user}, {@code .password} and the same for {@code
 * mariadb}. Each trial writes to tables with a fresh prefix and drops them afterwards. A server
 * that is not running fails the trial's setup, and JMH goes on with the next benchmark.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JdbcDecideBenchmark {
  private static final int MASK = RequestStream.STANDARD_LENGTH - 1;

  /** One engine over one database ledger, shared by every benchmark thread. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"postgresql", "mariadb"})
    public String database;

    String url;
    String user;
    String password;
    String prefix;
    Lexecon lexecon;
    DecisionRequest[] requests;

    @Setup(Level.Trial)
    public void setUp() {
      boolean postgres = database.equals("postgresql");
      url = System.getProperty("lexecon.bench." + database + ".url", postgres
          ? "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true"
          : "jdbc:mariadb://127.0.0.1:3306/test");
      user = System.getProperty("lexecon.bench." + database + ".user", postgres ? "postgres" : "root");
      password = System.getProperty("lexecon.bench." + database + ".password", "");
      prefix = "bench" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "_";
      Workload workload = Workload.generate(Workload.STANDARD_SEED, 1000);
      requests = RequestStream.standard(workload);
      lexecon = Lexecon.builder()
          .policy(workload.policy())
          .ledger(JdbcLedgerStorage.builder().url(url).credentials(user, password).tablePrefix(prefix).open())
          .durability(Durability.GROUP)
          .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      lexecon.close();
      try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
        for (String table : new String[] {"ledger_side_records", "ledger_entries", "schema_history"}) {
          st.execute("DROP TABLE IF EXISTS " + prefix + table);
        }
      }
    }
  }

  /** Each thread's position in the stream, started apart so threads do not ask in lockstep. */
  @State(Scope.Thread)
  public static class Cursor {
    private static final java.util.concurrent.atomic.AtomicInteger STARTS =
        new java.util.concurrent.atomic.AtomicInteger();
    int next = STARTS.getAndAdd(97);
  }

  @Benchmark
  @Threads(16)
  public Decision decide16Threads(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }

  @Benchmark
  @Threads(64)
  public Decision decide64Threads(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }

  @Benchmark
  @Threads(256)
  public Decision decide256Threads(Engine engine, Cursor cursor) {
    return engine.lexecon.decide(engine.requests[cursor.next++ & MASK]);
  }
}

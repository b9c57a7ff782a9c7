package dev.lexecon.ledger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.LedgerStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LedgerStorage} in a shared relational database, so several application instances (JVMs,
 * hosts) append to one chain: PostgreSQL, PostgreSQL-compatible distributed SQL (CockroachDB,
 * YugabyteDB) and MariaDB (including Galera). The dialect is detected from the connection's
 * metadata.
 *
 * <pre>{@code
 * LedgerStorage storage = JdbcLedgerStorage.builder()
 *     .url("jdbc:postgresql://db.internal:5432/app")
 *     .credentials("lexecon", password)
 *     .schema("governance")            // optional
 *     .open();
 * }</pre>
 *
 * <p>Correctness rests on two portable facts only: {@code seq} is the tables' primary key, and an
 * append is one transaction that checks {@code max(seq) + 1} against the expected next seq and then
 * inserts the batch. Two writers racing for one seq cannot both commit (the loser gets a
 * duplicate-key error, reported as {@link LedgerConflictException}), and a writer can never insert
 * past the committed head, so the chain neither forks nor gaps. No advisory locks, {@code SELECT
 * FOR UPDATE} or server-specific statements are used.
 *
 * <p>If the connection dies while committing, the storage reconnects and looks: when the batch is
 * stored with the same hashes it was committed and {@code append} returns normally; when its seqs
 * are empty it was not, and {@code append} throws {@link LedgerStorageException}. Either way no
 * partial batch exists, because the batch is one transaction.
 *
 * <p>Tables are named {@code <prefix>ledger_entries}, {@code <prefix>ledger_side_records} and
 * {@code <prefix>schema_history}, optionally in a schema, created and migrated on open. Given a JDBC
 * URL the storage owns a HikariCP pool and closes it on {@link #close()}; given a {@link DataSource}
 * it borrows connections from it and leaves it open.
 *
 * <p>Thread-safe: every operation borrows its own connection.
 *
 * @since 0.1
 */
public final class JdbcLedgerStorage implements LedgerStorage {
  private static final Logger log = LoggerFactory.getLogger(JdbcLedgerStorage.class);
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
  private static final int MAX_COLUMN_CHARS = 255;
  private static final int HASH_PAGE_SIZE = 10_000;
  private static final int MAX_SERIALIZATION_RETRIES = 8;
  private static final int MIGRATION_ATTEMPTS = 5;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final DataSource dataSource;
  private final @Nullable HikariDataSource ownedPool;
  private final Dialect dialect;
  private final Tables tables;
  private final String description;
  private final int scanPageSize;
  private final boolean raiseIsolation;
  private volatile boolean closed;
  private volatile @Nullable AppendHook appendHook;

  private final String sqlHead;
  private final String sqlRead;
  private final String sqlColumns;
  private final String sqlRange;
  private final String sqlByType;
  private final String sqlMaxSeq;
  private final String sqlHashes;
  private final String sqlInsertEntry;
  private final String sqlInsertSide;
  private final String sqlDeleteSide;

  private JdbcLedgerStorage(Builder b) {
    HikariDataSource pool = null;
    DataSource ds = b.dataSource;
    if (ds == null) {
      pool = createPool(b);
      ds = pool;
    }
    this.dataSource = ds;
    this.ownedPool = pool;
    this.scanPageSize = b.scanPageSize;
    String qualifier = b.schema == null ? "" : b.schema + ".";
    this.tables = new Tables(qualifier, b.tablePrefix);
    try {
      Connection probe = dataSource.getConnection();
      try (probe) {
        String product = probe.getMetaData().getDatabaseProductName();
        Dialect d = Dialect.detect(product);
        if (d == null) {
          throw new LedgerStorageException("unsupported ledger database \"" + product
              + "\"; supported are PostgreSQL (and PostgreSQL-compatible databases) and MariaDB (not MySQL)");
        }
        this.dialect = d;
        // the pool's connections share their defaults, so one look decides for all of them
        int level = probe.getTransactionIsolation();
        this.raiseIsolation = level == Connection.TRANSACTION_NONE || level == Connection.TRANSACTION_READ_UNCOMMITTED;
      }
      this.description = dialectName(dialect) + " ledger " + tables.entries;
      migrate();
    } catch (SQLException | RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new LedgerStorageException("cannot connect to the ledger database: " + e.getMessage(), e);
    }
    String columns = "SELECT e.seq, e.event_type, e.ts, e.previous_hash, e.entry_hash, e.entry, s.seq, s.record FROM "
        + tables.entries + " e LEFT JOIN " + tables.sideRecords + " s ON s.seq = e.seq ";
    sqlHead = columns + "ORDER BY e.seq DESC LIMIT 1";
    sqlRead = columns + "WHERE e.seq = ?";
    sqlRange = columns + "WHERE e.seq >= ? AND e.seq < ? ORDER BY e.seq LIMIT ?";
    sqlByType = columns + "WHERE e.event_type = ? ORDER BY e.seq LIMIT ? OFFSET ?";
    sqlColumns = "SELECT seq, event_type, ts, entry_hash FROM " + tables.entries
        + " WHERE seq >= ? AND seq < ? ORDER BY seq LIMIT ?";
    sqlMaxSeq = "SELECT max(seq) FROM " + tables.entries;
    sqlHashes = "SELECT seq, entry_hash FROM " + tables.entries + " WHERE seq >= ? AND seq < ? ORDER BY seq";
    sqlInsertEntry = "INSERT INTO " + tables.entries
        + " (seq, event_type, ts, previous_hash, entry_hash, entry) VALUES (?, ?, ?, ?, ?, ?)";
    sqlInsertSide = "INSERT INTO " + tables.sideRecords + " (seq, record) VALUES (?, ?)";
    sqlDeleteSide = "DELETE FROM " + tables.sideRecords + " WHERE seq = ?";
    log.debug("opened {}", description);
  }

  /** A builder; set either {@link Builder#url} or {@link Builder#dataSource}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options for {@link JdbcLedgerStorage}. Setters validate at once; {@link #open()} connects,
   * creates or migrates the tables and may be called again for another storage.
   *
   * <p>Not thread-safe; use one builder from one thread.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable String url;
    private @Nullable String user;
    private @Nullable String password;
    private @Nullable DataSource dataSource;
    private @Nullable String schema;
    private String tablePrefix = "lexecon_";
    private int maximumPoolSize = 10;
    private Duration connectionTimeout = Duration.ofSeconds(10);
    private int scanPageSize = 1000;

    private Builder() {}

    /**
     * The JDBC URL, such as {@code jdbc:postgresql://host:5432/db} or {@code
     * jdbc:mariadb://host:3306/db}; the storage then owns a HikariCP pool. The driver must be on
     * the class path.
     *
     * @throws IllegalStateException if a {@link #dataSource} was set
     */
    public Builder url(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:")) {
        throw new IllegalArgumentException("a JDBC URL starts with \"jdbc:\", was " + jdbcUrl);
      }
      if (dataSource != null) {
        throw new IllegalStateException("a DataSource was already set; use either url(...) or dataSource(...)");
      }
      this.url = jdbcUrl;
      return this;
    }

    /** User and password for {@link #url}; the password may be empty. */
    public Builder credentials(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Borrows connections from {@code dataSource}, which should be a pool; {@link #close()} leaves
     * it open.
     *
     * @throws IllegalStateException if a {@link #url} was set
     */
    public Builder dataSource(DataSource dataSource) {
      Objects.requireNonNull(dataSource, "dataSource");
      if (url != null) {
        throw new IllegalStateException("a JDBC URL was already set; use either url(...) or dataSource(...)");
      }
      this.dataSource = dataSource;
      return this;
    }

    /**
     * Puts the tables in this existing schema (PostgreSQL) or database (MariaDB) instead of the
     * connection's default. Lowercase letters, digits and underscores, starting with a letter.
     */
    public Builder schema(String schema) {
      Objects.requireNonNull(schema, "schema");
      if (!IDENTIFIER.matcher(schema).matches() || schema.length() > 63) {
        throw new IllegalArgumentException("schema must match [a-z][a-z0-9_]* and be at most 63 characters, was \""
            + schema + "\"");
      }
      this.schema = schema;
      return this;
    }

    /**
     * Prefix of the table names, so several ledgers can share a schema; {@code "lexecon_"} unless
     * set. Empty, or lowercase letters, digits and underscores starting with a letter, at most 32
     * characters.
     */
    public Builder tablePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!prefix.isEmpty() && (!IDENTIFIER.matcher(prefix).matches() || prefix.length() > Tables.MAX_PREFIX)) {
        throw new IllegalArgumentException("table prefix must be empty or match [a-z][a-z0-9_]* with at most "
            + Tables.MAX_PREFIX + " characters, was \"" + prefix + "\"");
      }
      this.tablePrefix = prefix;
      return this;
    }

    /** Connections in the pool the storage owns (with {@link #url}); 10 unless set. */
    public Builder maximumPoolSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("maximum pool size must be >= 1, was " + size);
      }
      this.maximumPoolSize = size;
      return this;
    }

    /** How long to wait for a connection from the owned pool; 10 s unless set, at least 250 ms. */
    public Builder connectionTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofMillis(250)) < 0) {
        throw new IllegalArgumentException("connection timeout must be at least 250 ms, was " + timeout);
      }
      this.connectionTimeout = timeout;
      return this;
    }

    /** Rows fetched per round trip by {@link JdbcLedgerStorage#scan}; 1000 unless set. */
    public Builder scanPageSize(int rows) {
      if (rows < 1 || rows > 100_000) {
        throw new IllegalArgumentException("scan page size must be between 1 and 100000, was " + rows);
      }
      this.scanPageSize = rows;
      return this;
    }

    /**
     * Connects, detects the dialect and creates or migrates the tables.
     *
     * @throws IllegalStateException if neither a URL nor a DataSource was set
     * @throws LedgerStorageException if the database is unreachable or unsupported, or its tables
     *     were migrated by a newer Lexecon
     */
    public JdbcLedgerStorage open() {
      if (url == null && dataSource == null) {
        throw new IllegalStateException("set url(...) or dataSource(...) before open()");
      }
      return new JdbcLedgerStorage(this);
    }
  }

  // ------------------------------------------------------------------------------------ writes

  @Override
  public void append(long expectedNextSeq, List<LedgerRecord> records) {
    Batches.checkConsecutive(expectedNextSeq, records);
    for (LedgerRecord r : records) {
      checkWidth(r, "event type", r.eventType());
      checkWidth(r, "timestamp", r.timestamp());
      checkWidth(r, "previous hash", r.previousHash());
      checkWidth(r, "entry hash", r.entryHash());
    }
    checkOpen();
    for (int attempt = 1; ; attempt++) {
      if (tryAppend(expectedNextSeq, records)) {
        return;
      }
      // a serialisation failure with the head unmoved: nobody won, so try again
      if (attempt == MAX_SERIALIZATION_RETRIES) {
        throw new LedgerStorageException(description + ": cannot append at seq " + expectedNextSeq + ": the database "
            + "aborted the transaction as a serialisation failure " + attempt + " times");
      }
      backOff(attempt);
    }
  }

  /** @return true when appended, false when the transaction was aborted and may be retried */
  private boolean tryAppend(long expectedNextSeq, List<LedgerRecord> records) {
    Connection c = borrow("append at seq " + expectedNextSeq);
    boolean commitSent = false;
    boolean broken = false;
    try {
      c.setAutoCommit(false);
      if (raiseIsolation) {
        // the head check must never see another writer's uncommitted rows, or a writer could build
        // on a batch that is then rolled back and leave a gap: READ COMMITTED or stronger rules it out
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      }
      long next = nextSeq(c);
      if (next != expectedNextSeq) {
        rollbackQuietly(c);
        throw new LedgerConflictException(expectedNextSeq, next);
      }
      try (PreparedStatement ps = c.prepareStatement(sqlInsertEntry)) {
        for (LedgerRecord r : records) {
          ps.setLong(1, r.seq());
          ps.setString(2, r.eventType());
          ps.setString(3, r.timestamp());
          ps.setString(4, r.previousHash());
          ps.setString(5, r.entryHash());
          ps.setBytes(6, r.entry());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      hook(AppendHook.Stage.ENTRIES_INSERTED, c);
      if (records.stream().anyMatch(r -> r.sideRecord() != null)) {
        try (PreparedStatement ps = c.prepareStatement(sqlInsertSide)) {
          for (LedgerRecord r : records) {
            byte[] side = r.sideRecord();
            if (side != null) {
              ps.setLong(1, r.seq());
              ps.setBytes(2, side);
              ps.addBatch();
            }
          }
          ps.executeBatch();
        }
      }
      hook(AppendHook.Stage.BEFORE_COMMIT, c);
      commitSent = true;
      c.commit();
      hook(AppendHook.Stage.AFTER_COMMIT, c);
      return true;
    } catch (SQLException e) {
      broken = dialect.anyConnectionLoss(e);
      rollbackQuietly(c);
      if (dialect.anyDuplicateKey(e)) {
        throw new LedgerConflictException(expectedNextSeq, nextSeqOrUnknown());
      }
      if (dialect.anySerializationFailure(e)) {
        long next = nextSeqOrUnknown();
        if (next >= 0 && next != expectedNextSeq) {
          throw new LedgerConflictException(expectedNextSeq, next);
        }
        log.debug("{}: serialisation failure appending at seq {}, retrying", description, expectedNextSeq);
        return false;
      }
      if (commitSent) {
        return resolveLostCommit(expectedNextSeq, records, e);
      }
      throw failure("append at seq " + expectedNextSeq, e);
    } finally {
      giveBack(c, broken);
    }
  }

  /**
   * The commit's outcome is unknown: the connection died after the batch was sent, before or while
   * the COMMIT was answered. The database either committed the whole transaction or none of it,
   * so look with a fresh connection.
   */
  private boolean resolveLostCommit(long expectedNextSeq, List<LedgerRecord> records, SQLException cause) {
    List<String> stored;
    try {
      stored = read("check whether a lost commit happened", c -> {
        List<String> hashes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sqlHashes)) {
          ps.setLong(1, expectedNextSeq);
          ps.setLong(2, expectedNextSeq + records.size());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              hashes.add(rs.getString(2));
            }
          }
        }
        return hashes;
      });
    } catch (LedgerStorageException e) {
      e.addSuppressed(cause);
      throw new LedgerStorageException(description + ": the connection failed while committing the batch at seq "
          + expectedNextSeq + " and the database could not be asked whether it was stored; re-read the head "
          + "before retrying", e);
    }
    if (stored.isEmpty()) {
      throw new LedgerStorageException(description + ": the connection failed while committing the batch at seq "
          + expectedNextSeq + "; the batch was not written", cause);
    }
    boolean ours = stored.size() == records.size();
    for (int i = 0; ours && i < stored.size(); i++) {
      ours = stored.get(i).equals(records.get(i).entryHash());
    }
    if (ours) {
      log.debug("{}: connection failed after commit at seq {}, but the batch is stored", description, expectedNextSeq);
      return true;
    }
    throw new LedgerConflictException(expectedNextSeq, nextSeqOrUnknown());
  }

  @Override
  public boolean eraseSideRecord(long seq) {
    checkOpen();
    Connection c = borrow("erase side record " + seq);
    boolean broken = false;
    try (PreparedStatement ps = c.prepareStatement(sqlDeleteSide)) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      ps.setLong(1, seq);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      broken = dialect.anyConnectionLoss(e);
      throw failure("erase side record " + seq, e);
    } finally {
      giveBack(c, broken);
    }
  }

  // ------------------------------------------------------------------------------------- reads

  @Override
  public Optional<LedgerRecord> head() {
    return read("read the head", c -> {
      try (PreparedStatement ps = c.prepareStatement(sqlHead); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(toRecord(rs)) : Optional.empty();
      }
    });
  }

  @Override
  public long size() {
    return read("read the size", this::nextSeq);
  }

  @Override
  public Optional<LedgerRecord> read(long seq) {
    if (seq < 0) {
      checkOpen();
      return Optional.empty();
    }
    return read("read seq " + seq, c -> {
      try (PreparedStatement ps = c.prepareStatement(sqlRead)) {
        ps.setLong(1, seq);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(toRecord(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<LedgerRecord> read(long fromSeq, int maxCount) {
    Batches.checkRange(fromSeq, maxCount, "fromSeq and maxCount");
    return range(fromSeq, Long.MAX_VALUE, maxCount);
  }

  /**
   * Keyset pages rather than one long-lived cursor: each page is a short statement of its own, so a
   * scan of millions of entries holds no transaction open (long transactions hurt PostgreSQL's
   * vacuum and are restarted by distributed databases) and no connection while the consumer runs.
   * Pages see whole batches, so the scan does too.
   */
  @Override
  public void scan(long fromSeq, long toSeqExclusive, Consumer<LedgerRecord> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    if (fromSeq < 0 || toSeqExclusive < fromSeq) {
      throw new IllegalArgumentException("bad range [" + fromSeq + ", " + toSeqExclusive + ")");
    }
    long from = fromSeq;
    while (from < toSeqExclusive) {
      List<LedgerRecord> page = range(from, toSeqExclusive, scanPageSize);
      for (LedgerRecord r : page) {
        consumer.accept(r);
      }
      if (page.size() < scanPageSize) {
        return;
      }
      from = page.get(page.size() - 1).seq() + 1;
    }
  }

  @Override
  public void scanHashes(long fromSeq, long toSeqExclusive, HashConsumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    checkOpen();
    if (fromSeq < 0 || toSeqExclusive < fromSeq) {
      throw new IllegalArgumentException("bad range [" + fromSeq + ", " + toSeqExclusive + ")");
    }
    // pages like scan(), each read in full before the consumer sees it, so that the consumer may
    // call this storage again without a second connection; a page of hashes is a few hundred bytes
    // per row, so the pages are larger than scan()'s
    int pageSize = Math.max(scanPageSize, HASH_PAGE_SIZE);
    long from = fromSeq;
    while (from < toSeqExclusive) {
      long start = from;
      List<Object[]> page = read("scan hashes from seq " + from, c -> {
        try (PreparedStatement ps = c.prepareStatement(sqlColumns)) {
          ps.setLong(1, start);
          ps.setLong(2, toSeqExclusive);
          ps.setLong(3, pageSize);
          List<Object[]> rows = new ArrayList<>(Math.min(pageSize, 1024));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
          }
          return rows;
        }
      });
      for (Object[] row : page) {
        consumer.accept((Long) row[0], (String) row[1], (String) row[2], (String) row[3]);
      }
      if (page.size() < pageSize) {
        return;
      }
      from = (Long) page.get(page.size() - 1)[0] + 1;
    }
  }

  @Override
  public List<LedgerRecord> findByType(String eventType, long offset, int limit) {
    Objects.requireNonNull(eventType, "eventType");
    Batches.checkRange(offset, limit, "offset and limit");
    if (limit == 0) {
      checkOpen();
      return List.of();
    }
    return read("find by type", c -> {
      try (PreparedStatement ps = c.prepareStatement(sqlByType)) {
        ps.setString(1, eventType);
        ps.setLong(2, limit);
        ps.setLong(3, offset);
        return collect(ps, limit);
      }
    });
  }

  private List<LedgerRecord> range(long from, long toExclusive, int max) {
    if (max == 0) {
      checkOpen();
      return List.of();
    }
    return read("read from seq " + from, c -> {
      try (PreparedStatement ps = c.prepareStatement(sqlRange)) {
        ps.setLong(1, from);
        ps.setLong(2, toExclusive);
        ps.setLong(3, max);
        return collect(ps, max);
      }
    });
  }

  // --------------------------------------------------------------------------------- lifecycle

  /** Marks the storage closed and closes the pool it owns, if any; a given DataSource stays open. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownedPool != null) {
      ownedPool.close();
    }
    log.debug("closed {}", description);
  }

  @Override
  public String toString() {
    return "JdbcLedgerStorage[" + description + "]";
  }

  // ------------------------------------------------------------------------ test seam (package)

  /** Runs test code at points of an append, such as killing the connection; not API. */
  interface AppendHook {
    enum Stage { ENTRIES_INSERTED, BEFORE_COMMIT, AFTER_COMMIT }

    void at(Stage stage, Connection connection) throws SQLException;
  }

  void appendHook(@Nullable AppendHook hook) {
    this.appendHook = hook;
  }

  private void hook(AppendHook.Stage stage, Connection c) throws SQLException {
    AppendHook h = appendHook;
    if (h != null) {
      h.at(stage, c);
    }
  }

  // ----------------------------------------------------------------------------------- helpers

  @FunctionalInterface
  private interface SqlFunction<T> {
    T apply(Connection c) throws SQLException;
  }

  private <T> T read(String operation, SqlFunction<T> body) {
    checkOpen();
    Connection c = borrow(operation);
    boolean broken = false;
    try {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return body.apply(c);
    } catch (SQLException e) {
      broken = dialect.anyConnectionLoss(e);
      throw failure(operation, e);
    } finally {
      giveBack(c, broken);
    }
  }

  private Connection borrow(String operation) {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw failure(operation + " (no connection)", e);
    }
  }

  private void giveBack(Connection c, boolean broken) {
    if (broken && ownedPool != null) {
      ownedPool.evictConnection(c); // never hand a dead connection to the next operation
      return;
    }
    try {
      if (!broken && !c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
    } catch (SQLException ignored) {
      // the pool validates connections before reuse
    }
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("{}: closing a connection failed", description, e);
    }
  }

  private long nextSeq(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sqlMaxSeq)) {
      rs.next();
      long max = rs.getLong(1);
      return rs.wasNull() ? 0 : max + 1;
    }
  }

  private long nextSeqOrUnknown() {
    try {
      return read("read the size", this::nextSeq);
    } catch (LedgerStorageException e) {
      return -1;
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException ignored) {
      // a dead connection's transaction is rolled back by the server
    }
  }

  private static List<LedgerRecord> collect(PreparedStatement ps, int limit) throws SQLException {
    List<LedgerRecord> out = new ArrayList<>(Math.min(limit, 256));
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(toRecord(rs));
      }
    }
    return out;
  }

  private static LedgerRecord toRecord(ResultSet rs) throws SQLException {
    byte[] entry = rs.getBytes(6);
    rs.getLong(7);
    byte @Nullable [] side = null;
    if (!rs.wasNull()) {
      side = rs.getBytes(8);
      if (side == null) {
        side = new byte[0];
      }
    }
    return new LedgerRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        entry == null ? new byte[0] : entry, side);
  }

  private static void checkWidth(LedgerRecord r, String column, String value) {
    // VARCHAR(255) counts characters (code points); a lax MariaDB sql_mode would truncate silently
    if (value.length() > MAX_COLUMN_CHARS && value.codePointCount(0, value.length()) > MAX_COLUMN_CHARS) {
      throw new IllegalArgumentException("the " + column + " of seq " + r.seq() + " has more than "
          + MAX_COLUMN_CHARS + " characters, the width of its column");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new LedgerStorageException(description + " is closed");
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 * attempt + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerStorageException("interrupted while retrying an append", e);
    }
  }

  private LedgerStorageException failure(String operation, Exception e) {
    if (closed) {
      return new LedgerStorageException(description + " was closed during " + operation, e);
    }
    String what = e instanceof SQLException sql && dialect.anyConnectionLoss(sql)
        ? "lost the connection to the database" : e.getMessage();
    return new LedgerStorageException(description + ": cannot " + operation + ": " + what, e);
  }

  private static HikariDataSource createPool(Builder b) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(b.url);
    if (b.user != null) {
      config.setUsername(b.user);
      config.setPassword(b.password);
    }
    config.setMaximumPoolSize(b.maximumPoolSize);
    config.setMinimumIdle(Math.min(2, b.maximumPoolSize));
    config.setConnectionTimeout(b.connectionTimeout.toMillis());
    config.setPoolName("lexecon-ledger-" + POOLS.incrementAndGet());
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      // HikariCP reports an unreachable database or a missing driver as its own runtime exception
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new LedgerStorageException("cannot connect to the ledger database " + redact(b.url) + ": "
          + cause.getMessage(), e);
    }
  }

  private static String redact(@Nullable String url) {
    return url == null ? "" : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String dialectName(Dialect d) {
    return d == Dialect.POSTGRESQL ? "PostgreSQL" : "MariaDB";
  }

  private void migrate() {
    SQLException last = null;
    for (int attempt = 1; attempt <= MIGRATION_ATTEMPTS; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        if (!c.getAutoCommit()) {
          c.setAutoCommit(true);
        }
        migrateOnce(c);
        return;
      } catch (SQLException e) {
        // processes creating the same tables at the same instant can trip over each other even
        // with IF NOT EXISTS (PostgreSQL reports a catalog unique violation); a retry sees the tables
        last = e;
        log.debug("{}: schema migration attempt {} failed: {}", description, attempt, e.getMessage());
        backOff(attempt * 4);
      }
    }
    throw new LedgerStorageException(description + ": cannot create or migrate the tables: " + last.getMessage(), last);
  }

  private void migrateOnce(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(tables.createHistory(dialect));
      int current;
      try (ResultSet rs = st.executeQuery("SELECT max(version) FROM " + tables.history)) {
        rs.next();
        current = rs.getInt(1);
      }
      int latest = Tables.latest(dialect);
      if (current > latest) {
        throw new LedgerStorageException(description + " has schema version " + current
            + ", migrated by a newer Lexecon; this version knows up to " + latest);
      }
      for (Tables.Migration m : tables.migrations(dialect)) {
        if (m.version() <= current) {
          continue;
        }
        for (String sql : m.statements()) {
          st.execute(sql);
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO " + tables.history + " (version, description, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, m.version());
          ps.setString(2, m.description());
          ps.setString(3, Instant.now().toString());
          ps.executeUpdate();
          log.debug("{}: applied schema migration {} ({})", description, m.version(), m.description());
        } catch (SQLException e) {
          if (!dialect.anyDuplicateKey(e)) {
            throw e;
          }
          // another process applied the same migration at the same time; its statements are idempotent
        }
      }
    }
  }
}

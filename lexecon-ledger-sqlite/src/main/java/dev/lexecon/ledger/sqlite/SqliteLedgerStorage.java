package dev.lexecon.ledger.sqlite;

import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.LedgerStorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * A {@link LedgerStorage} in one SQLite file: the embedded default for a ledger that must survive
 * the process. {@code SqliteLedgerStorage.open(path)} is all most applications need.
 *
 * <p>The file is in WAL mode, so readers never block the writer nor each other. Each {@link
 * #append} is one {@code BEGIN IMMEDIATE} transaction that checks the stored head and inserts the
 * whole batch; with {@link Synchronous#FULL} (the default) it returns only after the write-ahead
 * log is synced to disk, so an acknowledged entry survives a crash of the process or the machine.
 * Startup reads the head by {@code max(seq)}, an index lookup, whatever the ledger's size.
 *
 * <p>Several storages, in this process or others, may open the same file: SQLite's file locks
 * serialise writers, a writer that finds the file locked waits up to the {@linkplain
 * Builder#busyTimeout busy timeout} and then fails with a {@link LedgerStorageException} saying so,
 * and the conditional append turns a lost race into a {@link LedgerConflictException}, so the chain
 * never forks. Side records live in their own table with {@code secure_delete} on: {@link
 * #eraseSideRecord} deletes the row, SQLite overwrites the freed bytes with zeros, and a WAL
 * checkpoint removes the old copies from the log.
 *
 * <p>Appends never wait for a checkpoint: SQLite's automatic checkpoint is off on the write
 * connection, and a background thread ({@code lexecon-sqlite-checkpoint}, stopped by {@link
 * #close}) copies the write-ahead log into the file and keeps the log bounded.
 *
 * <p>Thread-safe. Appends and erasures share one write connection behind a lock; reads use a small
 * pool of query-only connections and see only whole batches.
 *
 * @since 0.1
 */
public final class SqliteLedgerStorage implements LedgerStorage {
  private static final Logger log = LoggerFactory.getLogger(SqliteLedgerStorage.class);

  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int MAX_IDLE_READERS = 4;
  private static final int SCAN_FETCH_SIZE = 1024;

  private static final String COLUMNS = PackedRows.COLUMNS;

  /**
   * How hard SQLite syncs the write-ahead log ({@code PRAGMA synchronous}). Immutable.
   *
   * @since 0.1
   */
  public enum Synchronous {
    /**
     * Every commit syncs the log before {@code append} returns: an acknowledged batch survives a
     * process crash, an OS crash and a power cut. Use it for the ledger's {@code SYNC} and {@code
     * GROUP} durability. The default.
     */
    FULL,
    /**
     * Commits are written to the log but synced only at checkpoints: an acknowledged batch survives
     * a process crash, but the last ones may roll back after an OS crash or power cut. The file is
     * never corrupted either way.
     */
    NORMAL
  }

  private final Path path;
  private final Synchronous synchronous;
  private final Duration busyTimeout;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Connection writer;
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement rollback;
  private final PreparedStatement maxSeq;
  private final PreparedStatement insertEntry;
  private final PreparedStatement insertSide;
  private final PreparedStatement deleteSide;
  private final WalCheckpointer checkpointer;
  private final ConcurrentLinkedDeque<Connection> idleReaders = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  private SqliteLedgerStorage(Path path, Synchronous synchronous, Duration busyTimeout,
      WalCheckpointer.Thresholds checkpoints, boolean backgroundCheckpoints) {
    this.path = path;
    this.synchronous = synchronous;
    this.busyTimeout = busyTimeout;
    Connection c = null;
    Connection c2 = null;
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      c = connect();
      try (Statement st = c.createStatement()) {
        // WAL is a property of the file; every later connection, in any process, inherits it
        String mode = queryString(st, "PRAGMA journal_mode = WAL");
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new LedgerStorageException(describe() + ": cannot switch to WAL mode (SQLite kept journal_mode="
              + mode + "); is the file on a network file system?");
        }
        st.execute("PRAGMA synchronous = " + synchronous.name());
        // erasure must leave no copy of the deleted bytes in free space
        st.execute("PRAGMA secure_delete = ON");
        // commits must not wait for checkpoints: WalCheckpointer runs them on its own connection
        st.execute("PRAGMA wal_autocheckpoint = 0");
      }
      migrate(c);
      // Statements the write path runs on every append, prepared once: preparing BEGIN, the head
      // query and COMMIT per append cost more than inserting a small batch.
      begin = c.prepareStatement("BEGIN IMMEDIATE");
      commit = c.prepareStatement("COMMIT");
      rollback = c.prepareStatement("ROLLBACK");
      maxSeq = c.prepareStatement("SELECT max(seq) FROM ledger_entries");
      insertEntry = c.prepareStatement(
          "INSERT INTO ledger_entries (seq, event_type, ts, previous_hash, entry_hash, entry) VALUES (?, ?, ?, ?, ?, ?)");
      insertSide = c.prepareStatement("INSERT INTO ledger_side_records (seq, record) VALUES (?, ?)");
      deleteSide = c.prepareStatement("DELETE FROM ledger_side_records WHERE seq = ?");
      if (backgroundCheckpoints) {
        c2 = connect();
        try (Statement st = c2.createStatement()) {
          // a checkpoint syncs the log before copying it and the file after, as the writer's would
          st.execute("PRAGMA synchronous = " + synchronous.name());
        }
      }
      checkpointer = new WalCheckpointer(describe(), c2, checkpoints);
      writer = c;
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(c2);
      closeQuietly(c);
      if (e instanceof LedgerStorageException lse) {
        throw lse;
      }
      throw failure("open", e);
    }
    log.debug("opened SQLite ledger {} (synchronous={}, busy timeout={})", path, synchronous, busyTimeout);
  }

  /**
   * Opens (creating if needed) the ledger file at {@code file} with {@link Synchronous#FULL} and a
   * 5 second busy timeout. Missing parent directories are created.
   *
   * @throws LedgerStorageException when the file cannot be opened, is not a Lexecon ledger, or was
   *     written by a newer Lexecon with a schema this version does not know
   */
  public static SqliteLedgerStorage open(Path file) {
    return builder(file).open();
  }

  /** A builder for a storage at {@code file}, to choose durability and busy timeout. */
  public static Builder builder(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"));
  }

  /**
   * Options for {@link SqliteLedgerStorage}: each setter validates at once; {@link #open()} opens a
   * storage and may be called again for another one with the same options.
   *
   * <p>Not thread-safe; use one builder from one thread.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Path file;
    private Synchronous synchronous = Synchronous.FULL;
    private Duration busyTimeout = Duration.ofSeconds(5);
    private WalCheckpointer.Thresholds checkpoints = WalCheckpointer.Thresholds.DEFAULT;
    private boolean backgroundCheckpoints = true;

    private Builder(Path file) {
      this.file = file;
    }

    /** How hard commits are synced; {@link Synchronous#FULL} unless set. */
    public Builder synchronous(Synchronous synchronous) {
      this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
      return this;
    }

    /**
     * How long a write waits for another connection or process that holds the file's write lock
     * before failing with {@link LedgerStorageException}; 5 seconds unless set, zero to fail at
     * once. Whole milliseconds, at most {@link Integer#MAX_VALUE}.
     */
    public Builder busyTimeout(Duration busyTimeout) {
      Objects.requireNonNull(busyTimeout, "busyTimeout");
      if (busyTimeout.isNegative() || busyTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException("busy timeout must be between 0 and " + Integer.MAX_VALUE
            + " ms, was " + busyTimeout);
      }
      this.busyTimeout = busyTimeout;
      return this;
    }

    /** Opens the storage; see {@link SqliteLedgerStorage#open(Path)}. */
    public SqliteLedgerStorage open() {
      return new SqliteLedgerStorage(file, synchronous, busyTimeout, checkpoints, backgroundCheckpoints);
    }

    /** Tests: small checkpoint thresholds, and whether a thread checkpoints (else only the writer). */
    Builder checkpoints(WalCheckpointer.Thresholds thresholds, boolean background) {
      this.checkpoints = Objects.requireNonNull(thresholds, "thresholds");
      this.backgroundCheckpoints = background;
      return this;
    }
  }

  /** The ledger file. */
  public Path path() {
    return path;
  }

  WalCheckpointer checkpointer() {
    return checkpointer;
  }

  // ------------------------------------------------------------------------------------ writes

  @Override
  public void append(long expectedNextSeq, List<LedgerRecord> records) {
    Batches.checkConsecutive(expectedNextSeq, records);
    writeLock.lock();
    try {
      checkOpen();
      // IMMEDIATE takes the file's write lock up front (waiting up to the busy timeout), so the
      // head check below and the inserts are one atomic step even against other processes
      begin.execute();
      boolean committed = false;
      long bytes = 0;
      try {
        long next = nextSeq(maxSeq);
        if (next != expectedNextSeq) {
          throw new LedgerConflictException(expectedNextSeq, next);
        }
        for (LedgerRecord r : records) {
          insertEntry.setLong(1, r.seq());
          insertEntry.setString(2, r.eventType());
          insertEntry.setString(3, r.timestamp());
          insertEntry.setString(4, r.previousHash());
          insertEntry.setString(5, r.entryHash());
          insertEntry.setBytes(6, r.entry());
          insertEntry.addBatch();
          bytes += r.entry().length;
          byte[] side = r.sideRecord();
          if (side != null) {
            insertSide.setLong(1, r.seq());
            insertSide.setBytes(2, side);
            insertSide.addBatch();
            bytes += side.length;
          }
        }
        insertEntry.executeBatch();
        insertSide.executeBatch();
        commit.execute();
        committed = true;
      } finally {
        if (!committed) {
          clearBatches();
          rollbackQuietly();
        }
      }
      checkpointer.committed(bytes, writer);
    } catch (SQLException e) {
      throw failure("append at seq " + expectedNextSeq, e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public boolean eraseSideRecord(long seq) {
    boolean erased;
    writeLock.lock();
    try {
      checkOpen();
      begin.execute();
      boolean committed = false;
      try {
        deleteSide.setLong(1, seq);
        erased = deleteSide.executeUpdate() > 0;
        commit.execute();
        committed = true;
      } finally {
        if (!committed) {
          rollbackQuietly();
        }
      }
      if (erased) {
        scrubLog();
      }
    } catch (SQLException e) {
      throw failure("erase side record " + seq, e);
    } finally {
      writeLock.unlock();
    }
    return erased;
  }

  /**
   * secure_delete zeroes the freed bytes in the new version of each page, but that version sits in
   * the WAL while the old page (with the data) is still in the main file, and older WAL frames may
   * hold the data too. A TRUNCATE checkpoint copies the zeroed pages into the main file and cuts the
   * WAL to zero bytes. It waits (busy timeout) for other connections' read snapshots; if one
   * outlasts it, the next checkpoint finishes the job.
   */
  private void scrubLog() throws SQLException {
    checkpointer.lock.lock(); // the background checkpoint would make this one return busy
    try (Statement st = writer.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      if (rs.next() && rs.getInt(1) != 0) {
        log.debug("SQLite ledger {}: erasure checkpoint blocked by a reader; the erased bytes leave "
            + "the file at the next checkpoint", path);
      }
    } finally {
      checkpointer.lock.unlock();
    }
  }

  // ------------------------------------------------------------------------------------- reads

  @Override
  public Optional<LedgerRecord> head() {
    return withReader("read the head", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + "ORDER BY e.seq DESC LIMIT 1");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(toRecord(rs)) : Optional.empty();
      }
    });
  }

  @Override
  public long size() {
    return withReader("read the size", SqliteLedgerStorage::nextSeq);
  }

  @Override
  public Optional<LedgerRecord> read(long seq) {
    if (seq < 0) {
      checkOpen();
      return Optional.empty();
    }
    return withReader("read seq " + seq, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + "WHERE e.seq = ?")) {
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
    return withReader("read from seq " + fromSeq, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + "WHERE e.seq >= ? ORDER BY e.seq LIMIT ?")) {
        ps.setLong(1, fromSeq);
        ps.setLong(2, maxCount);
        return collect(ps, maxCount);
      }
    });
  }

  @Override
  public void scan(long fromSeq, long toSeqExclusive, Consumer<LedgerRecord> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    if (fromSeq < 0 || toSeqExclusive < fromSeq) {
      throw new IllegalArgumentException("bad range [" + fromSeq + ", " + toSeqExclusive + ")");
    }
    withReader("scan [" + fromSeq + ", " + toSeqExclusive + ")", c -> {
      // one forward-only cursor: SQLite steps the b-tree row by row, so memory stays bounded for
      // any range, and the statement's read snapshot makes the whole scan consistent
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + "WHERE e.seq >= ? AND e.seq < ? ORDER BY e.seq",
          ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(SCAN_FETCH_SIZE);
        ps.setLong(1, fromSeq);
        ps.setLong(2, toSeqExclusive);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            consumer.accept(toRecord(rs));
          }
        }
      }
      return null;
    });
  }

  @Override
  public void scanHashes(long fromSeq, long toSeqExclusive, HashConsumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    if (fromSeq < 0 || toSeqExclusive < fromSeq) {
      throw new IllegalArgumentException("bad range [" + fromSeq + ", " + toSeqExclusive + ")");
    }
    withReader("scan hashes [" + fromSeq + ", " + toSeqExclusive + ")", c -> {
      // the small columns come before the entry blob in each row, so SQLite decodes them without
      // touching the blob, and there is no side-record join: about half the time of scan()
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT seq, event_type, ts, entry_hash FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq",
          ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(SCAN_FETCH_SIZE);
        ps.setLong(1, fromSeq);
        ps.setLong(2, toSeqExclusive);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            consumer.accept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
          }
        }
      }
      return null;
    });
  }

  @Override
  public List<LedgerRecord> findByType(String eventType, long offset, int limit) {
    Objects.requireNonNull(eventType, "eventType");
    Batches.checkRange(offset, limit, "offset and limit");
    return withReader("find by type", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + "WHERE e.event_type = ? ORDER BY e.seq LIMIT ? OFFSET ?")) {
        ps.setString(1, eventType);
        ps.setLong(2, limit);
        ps.setLong(3, offset);
        return collect(ps, limit);
      }
    });
  }

  /** One query on the event type index; the fixed-width timestamps compare as text. */
  @Override
  public long count(String eventType, String fromTimestamp, String toTimestamp) {
    Objects.requireNonNull(eventType, "eventType");
    if (fromTimestamp.length() != 27 || toTimestamp.length() != 27) {
      throw new IllegalArgumentException("timestamps are 27 characters (2026-11-27T10:00:00.000000Z),"
          + " got '" + fromTimestamp + "' and '" + toTimestamp + "'");
    }
    return withReader("count by type", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT count(*) FROM ledger_entries WHERE event_type = ? AND ts >= ? AND ts < ?")) {
        ps.setString(1, eventType);
        ps.setString(2, fromTimestamp);
        ps.setString(3, toTimestamp);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  // --------------------------------------------------------------------------------- lifecycle

  /** Closes the write connection and every idle read connection; reads in flight finish first. */
  @Override
  public void close() {
    // before the write lock: stop() waits for a checkpoint pass in progress on the thread's connection
    checkpointer.stop();
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeQuietly(begin);
      closeQuietly(commit);
      closeQuietly(rollback);
      closeQuietly(maxSeq);
      closeQuietly(insertEntry);
      closeQuietly(insertSide);
      closeQuietly(deleteSide);
      closeQuietly(writer);
    } finally {
      writeLock.unlock();
    }
    drainReaders();
    log.debug("closed SQLite ledger {}", path);
  }

  @Override
  public String toString() {
    return "SqliteLedgerStorage[" + path + ", synchronous=" + synchronous + "]";
  }

  // ----------------------------------------------------------------------------------- helpers

  @FunctionalInterface
  private interface SqlFunction<T> {
    T apply(Connection c) throws SQLException;
  }

  private <T> T withReader(String operation, SqlFunction<T> body) {
    checkOpen();
    Connection c = null;
    boolean broken = false;
    try {
      c = idleReaders.pollFirst();
      if (c == null) {
        c = connect();
        try (Statement st = c.createStatement()) {
          st.execute("PRAGMA query_only = ON");
        }
      }
      return body.apply(c);
    } catch (SQLException e) {
      broken = true;
      throw failure(operation, e);
    } finally {
      if (c != null) {
        releaseReader(c, broken);
      }
    }
  }

  private void releaseReader(Connection c, boolean broken) {
    if (broken || closed || idleReaders.size() >= MAX_IDLE_READERS) {
      closeQuietly(c);
      return;
    }
    idleReaders.offerFirst(c);
    if (closed) {
      drainReaders(); // close() ran between the check and the offer
    }
  }

  private void drainReaders() {
    for (Connection c; (c = idleReaders.pollFirst()) != null; ) {
      closeQuietly(c);
    }
  }

  private Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) busyTimeout.toMillis());
    return config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
  }

  private void migrate(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      // a write transaction, so two processes opening a new file at once cannot both migrate it
      st.execute("BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        int applicationId = Integer.parseInt(queryString(st, "PRAGMA application_id"));
        if (applicationId != 0 && applicationId != Schema.APPLICATION_ID) {
          throw new LedgerStorageException(describe() + " is an SQLite file of another application (application_id 0x"
              + Integer.toHexString(applicationId) + "), not a Lexecon ledger");
        }
        st.execute("CREATE TABLE IF NOT EXISTS lexecon_schema_history ("
            + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        int current = Integer.parseInt(queryString(st, "SELECT coalesce(max(version), 0) FROM lexecon_schema_history"));
        if (current > Schema.LATEST) {
          throw new LedgerStorageException(describe() + " has schema version " + current
              + ", written by a newer Lexecon; this version knows up to " + Schema.LATEST);
        }
        try (PreparedStatement record = c.prepareStatement(
            "INSERT INTO lexecon_schema_history (version, description, applied_at) VALUES (?, ?, ?)")) {
          for (Schema.Migration m : Schema.MIGRATIONS) {
            if (m.version() > current) {
              for (String sql : m.statements()) {
                st.execute(sql);
              }
              record.setInt(1, m.version());
              record.setString(2, m.description());
              record.setString(3, Instant.now().toString());
              record.executeUpdate();
              log.debug("SQLite ledger {}: applied schema migration {} ({})", path, m.version(), m.description());
            }
          }
        }
        if (applicationId == 0) {
          st.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
        }
        st.execute("COMMIT");
        committed = true;
      } finally {
        if (!committed) {
          try {
            st.execute("ROLLBACK");
          } catch (SQLException ignored) {
            // no transaction left to roll back
          }
        }
      }
    }
  }

  private static long nextSeq(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT max(seq) FROM ledger_entries")) {
      return nextSeq(ps);
    }
  }

  private static long nextSeq(PreparedStatement maxSeq) throws SQLException {
    try (ResultSet rs = maxSeq.executeQuery()) {
      rs.next();
      long max = rs.getLong(1);
      return rs.wasNull() ? 0 : max + 1;
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
    return PackedRows.read(rs);
  }

  private static String queryString(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("no result from " + sql);
      }
      return String.valueOf(rs.getString(1));
    }
  }

  private void clearBatches() {
    try {
      insertEntry.clearBatch();
      insertSide.clearBatch();
    } catch (SQLException ignored) {
      // the statements are reset by the rollback anyway
    }
  }

  private void rollbackQuietly() {
    try {
      rollback.execute();
    } catch (SQLException e) {
      // a failed COMMIT may already have ended the transaction; then there is nothing to undo
      log.debug("SQLite ledger {}: rollback: {}", path, e.getMessage());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new LedgerStorageException(describe() + " is closed");
    }
  }

  private String describe() {
    return "SQLite ledger " + path;
  }

  private LedgerStorageException failure(String operation, Exception e) {
    if (e instanceof SQLException sql) {
      int code = sql.getErrorCode() & 0xff;
      if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        return new LedgerStorageException(describe() + ": cannot " + operation
            + ": the file is locked by another connection or process and stayed locked past the busy timeout ("
            + busyTimeout + ")", e);
      }
    }
    if (closed) {
      return new LedgerStorageException(describe() + " was closed during " + operation, e);
    }
    return new LedgerStorageException(describe() + ": cannot " + operation + ": " + e.getMessage(), e);
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing is best effort
      }
    }
  }
}

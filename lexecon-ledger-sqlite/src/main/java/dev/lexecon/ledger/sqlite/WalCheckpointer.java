package dev.lexecon.ledger.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database file on a thread of its own, so that appends never
 * wait for a checkpoint.
 *
 * <p>SQLite's automatic checkpoint runs inside the {@code COMMIT} that crosses its threshold (1,000
 * pages): that commit copies the log into the main file and syncs both files before it returns, a
 * stall of tens of milliseconds on a busy disk for every decision in that batch. The write
 * connection therefore runs with {@code wal_autocheckpoint = 0}, and this class checkpoints from
 * its own connection instead:
 *
 * <ol>
 *   <li>Every {@link Thresholds#triggerBytes} bytes of committed records, a {@code PASSIVE}
 *       checkpoint copies the log into the file while appends carry on: it takes no write lock, and
 *       SQLite lets a checkpoint run beside a writer that keeps appending to the log.
 *   <li>Under continuous appends such a checkpoint never catches the last commit, and SQLite rewinds
 *       the log to its start only when a write transaction begins with every frame copied, so the
 *       log would grow for ever. Once it holds {@link Thresholds#restartFrames} frames, the thread
 *       asks the writer to finish the job: right after its next commit, still holding the storage's
 *       write lock, the writer checkpoints on its own connection. Only the commits since the
 *       thread's pass are left to copy, no append can slip in, and the next append starts the log
 *       again from its beginning, overwriting blocks the file system has already allocated (an
 *       fsync that must also commit a grown file size costs more). The writer does it because it
 *       already holds the lock and the core: the thread first had to wait for the lock (up to 2.5
 *       ms behind a commit) and then held it 12-20 ms while it waited its turn for a core among
 *       64 deciding callers; the writer's pass takes 10-12 ms (45,000 decisions/s, 2 vCPUs).
 * </ol>
 *
 * Durability does not depend on any of this: SQLite syncs every commit to the log before {@code
 * append} returns, and checkpoints are SQLite's own crash-safe operation. Should the log not be
 * rewound for {@link Thresholds#inlineBytes} bytes of records (the thread starved of CPU, a disk
 * stall), the writer checkpoints inline under its write lock, so the log stays bounded as it was
 * with SQLite's automatic checkpoint. Another process's reader holding an old snapshot blocks
 * checkpoints either way, as before.
 *
 * <p>Thread-safe. Lock order: the storage's write lock before {@link #lock}.
 */
final class WalCheckpointer {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

  /**
   * When to checkpoint.
   *
   * @param triggerBytes record bytes committed between background checkpoints
   * @param restartFrames log length, in frames (pages), at which the log is rewound under the
   *     write lock
   * @param inlineBytes record bytes committed without a rewind at which the writer checkpoints
   *     itself
   */
  record Thresholds(long triggerBytes, long restartFrames, long inlineBytes) {
    /**
     * Passes about as often as SQLite's default of 1,000 pages between checkpoints; a log of at
     * most 256 MiB (4 KiB pages) in the normal case. If the thread falls behind, the writer
     * checkpoints inline after 256 MiB of records, whose log is about one and a half times that
     * (each commit writes its partly filled pages again). A rewind stalls every caller while the writer copies what the last pass left (10-12
     * ms at 60,000 decisions/s on 2 vCPUs), so under sustained load its interval is what its share
     * of the tail latency depends on: with the log bounded at 32 MiB, rewinds came 3-4 times a
     * second and p99 through {@code decide()} with 64 callers was 5.7-5.9 ms; at 256 MiB, 4.6-4.9
     * ms (and about 7% more decisions a second). Lighter load rarely gets that far: a pass that
     * catches the last commit lets SQLite rewind the log by itself. The file keeps its largest size
     * until {@code close()}, which truncates it.
     */
    static final Thresholds DEFAULT = new Thresholds(2L << 20, 65_536, 256L << 20);

    Thresholds {
      if (triggerBytes <= 0 || restartFrames <= 0 || inlineBytes <= 0) {
        throw new IllegalArgumentException("checkpoint thresholds must be positive");
      }
    }
  }

  /** Held while any checkpoint of this storage runs, so two never compete for SQLite's checkpoint lock. */
  final ReentrantLock lock = new ReentrantLock();

  private final String name;
  private final @Nullable Connection connection;
  private final Thresholds thresholds;
  private final Semaphore wake = new Semaphore(0);
  private final @Nullable Thread thread;
  /** Record bytes committed since the log was last rewound (or could have been). */
  private final AtomicLong sinceRewind = new AtomicLong();
  /** Set by the thread when the log has reached {@link Thresholds#restartFrames}: the writer finishes it. */
  volatile boolean rewindDue;
  /** Thread only: the log's length at the previous pass, to notice that SQLite rewound it meanwhile. */
  private long previousLogFrames;
  /** Writer thread only, under the write lock: record bytes since the thread was last woken. */
  private long sinceWake;
  private volatile boolean stopped;
  /** For tests: how often the writer copied the whole log, at the thread's request or inline. */
  final AtomicLong rewinds = new AtomicLong();
  final AtomicLong inlineCheckpoints = new AtomicLong();

  /**
   * Takes ownership of {@code connection} (closed by {@link #stop}) and starts the thread; without
   * a connection there is no thread and the writer checkpoints inline (tests of that fallback).
   */
  WalCheckpointer(String name, @Nullable Connection connection, Thresholds thresholds) {
    this.name = name;
    this.connection = connection;
    this.thresholds = thresholds;
    if (connection != null) {
      Thread t = new Thread(this::run, "lexecon-sqlite-checkpoint");
      t.setDaemon(true);
      t.start();
      thread = t;
    } else {
      thread = null;
    }
  }

  /**
   * Writer thread, holding the write lock, after a commit of {@code bytes} bytes of records: wakes
   * the thread when a checkpoint is due, finishes a rewind the thread asked for, and checkpoints
   * inline on {@code writer} if the log has not been rewound for too long. Never throws: the batch
   * is committed and must be reported so.
   */
  void committed(long bytes, Connection writer) {
    sinceWake += bytes;
    if (sinceWake >= thresholds.triggerBytes()) {
      sinceWake = 0;
      wake.release();
    }
    long unrewound = sinceRewind.addAndGet(bytes);
    // tryLock: while the thread's pass runs it is copying most of what is left; a later commit
    // finishes the rewind instead of waiting for that pass
    if (rewindDue && lock.tryLock()) {
      try {
        rewindDue = false; // once per request: a reader pinning an old snapshot must not cost every commit a pass
        rewind(writer, "asked by the thread");
      } finally {
        lock.unlock();
      }
      return;
    }
    if (unrewound < thresholds.inlineBytes()) {
      return;
    }
    lock.lock();
    try {
      inlineCheckpoints.incrementAndGet();
      rewind(writer, "inline after " + unrewound + " bytes without a rewind");
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writer thread, holding the write lock and {@link #lock}: nothing else appends, so this copies
   * the whole log and the next append rewinds it (unless another process's reader still uses it).
   */
  private void rewind(Connection writer, String why) {
    try {
      Result r = checkpoint(writer);
      log.debug("{}: checkpointed {}: {}", name, why, r);
      if (r.complete()) {
        sinceRewind.set(0);
        rewinds.incrementAndGet();
      }
    } catch (SQLException | RuntimeException e) {
      // the batch is committed: a failed checkpoint must not make append report it as failed
      log.debug("{}: checkpoint {} failed: {}", name, why, e.toString());
    }
  }

  /** Stops the thread, waiting for a checkpoint in progress, and closes its connection. Idempotent. */
  void stop() {
    stopped = true;
    wake.release();
    Thread t = thread;
    boolean interrupted = false;
    while (t != null && t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing is best effort
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Record bytes committed since the log was last rewound (tests). */
  long unrewoundBytes() {
    return sinceRewind.get();
  }

  /** Whether the thread has ended (tests). */
  boolean stopped() {
    Thread t = thread;
    return t == null || !t.isAlive();
  }

  private void run() {
    while (!stopped) {
      try {
        wake.acquire();
      } catch (InterruptedException e) {
        continue; // only stop() ends the thread
      }
      wake.drainPermits(); // several triggers while the last checkpoint ran: one pass copies them all
      if (stopped) {
        return;
      }
      try {
        checkpointInBackground();
      } catch (SQLException | RuntimeException e) {
        // the next trigger tries again, and the inline fallback bounds the log meanwhile
        log.debug("{}: background checkpoint failed: {}", name, e.toString());
      }
    }
  }

  private void checkpointInBackground() throws SQLException {
    Connection c = connection;
    if (c == null) {
      return;
    }
    lock.lock();
    try {
      // passed() under the lock too: a writer's rewind (tryLock) cannot slip in between the pass
      // and the request it leads to, which would then ask for a rewind already done
      passed(checkpoint(c));
    } finally {
      lock.unlock();
    }
  }

  /** Thread only, holding {@link #lock} (and tests): what a background pass's result means for the rewind. */
  void passed(Result r) {
    if (r.busy() || r.logFrames() < 0) {
      // Another connection held the checkpoint lock (another process's checkpoint or backup): the
      // row then reports -1 frames, which must not pass for a rewound log and reset the counts
      // that bound the log, nor cancel a rewind already asked for.
      return;
    }
    if (r.logFrames() < previousLogFrames) {
      // SQLite rewound the log itself (a pass had caught the last commit before a write began):
      // what was committed before that is in the file
      sinceRewind.set(0);
    }
    previousLogFrames = r.logFrames();
    rewindDue = !stopped && r.logFrames() >= thresholds.restartFrames();
  }

  /** The row of {@code PRAGMA wal_checkpoint}: whether it was blocked, frames in the log, frames copied. */
  record Result(boolean busy, long logFrames, long checkpointedFrames) {
    /** Every frame is in the file: the next write transaction may rewind the log. */
    boolean complete() {
      return !busy && checkpointedFrames == logFrames;
    }
  }

  static Result checkpoint(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      if (!rs.next()) {
        throw new SQLException("no result from PRAGMA wal_checkpoint");
      }
      return new Result(rs.getInt(1) != 0, rs.getLong(2), rs.getLong(3));
    }
  }
}

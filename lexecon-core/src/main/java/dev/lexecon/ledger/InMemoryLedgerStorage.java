package dev.lexecon.ledger;

import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.LedgerStorageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link LedgerStorage} in the heap: for tests, benchmarks and short-lived processes whose
 * ledger need not survive them. Nothing is durable.
 *
 * <p>Thread-safe. Appends take a lock; reads take none: records live in an array that only grows,
 * and the published size is volatile, so a reader sees whole batches and never a torn one.
 *
 * @since 0.1
 */
public final class InMemoryLedgerStorage implements LedgerStorage {
  private final ReentrantLock appendLock = new ReentrantLock();
  private volatile LedgerRecord[] records = new LedgerRecord[1024];
  private volatile int size;
  private volatile boolean closed;

  /** Creates an empty storage. */
  public InMemoryLedgerStorage() {}

  @Override
  public void append(long expectedNextSeq, List<LedgerRecord> batch) {
    Objects.requireNonNull(batch, "records");
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("nothing to append: the batch is empty");
    }
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i).seq() != expectedNextSeq + i) {
        throw new IllegalArgumentException("record " + i + " of the batch has seq "
            + batch.get(i).seq() + "; expected " + (expectedNextSeq + i));
      }
    }
    appendLock.lock();
    try {
      checkOpen();
      int current = size;
      if (expectedNextSeq != current) {
        throw new LedgerConflictException(expectedNextSeq, current);
      }
      if ((long) current + batch.size() > Integer.MAX_VALUE - 8) {
        throw new LedgerStorageException("in-memory ledger is full at " + current + " records");
      }
      LedgerRecord[] array = records;
      if (current + batch.size() > array.length) {
        array = Arrays.copyOf(array, Math.max(array.length * 2, current + batch.size()));
      }
      for (int i = 0; i < batch.size(); i++) {
        array[current + i] = batch.get(i);
      }
      records = array;
      size = current + batch.size(); // publishes the whole batch at once
    } finally {
      appendLock.unlock();
    }
  }

  @Override
  public Optional<LedgerRecord> head() {
    checkOpen();
    int n = size;
    LedgerRecord[] array = records;
    return n == 0 ? Optional.empty() : Optional.of(array[n - 1]);
  }

  @Override
  public long size() {
    checkOpen();
    return size;
  }

  @Override
  public Optional<LedgerRecord> read(long seq) {
    checkOpen();
    int n = size;
    LedgerRecord[] array = records;
    return seq < 0 || seq >= n ? Optional.empty() : Optional.of(array[(int) seq]);
  }

  @Override
  public List<LedgerRecord> read(long fromSeq, int maxCount) {
    checkOpen();
    checkRange(fromSeq, maxCount);
    int n = size;
    LedgerRecord[] array = records;
    int from = (int) Math.min(fromSeq, n);
    int to = (int) Math.min((long) from + maxCount, n);
    return List.of(Arrays.copyOfRange(array, from, to));
  }

  @Override
  public void scan(long fromSeq, long toSeqExclusive, Consumer<LedgerRecord> consumer) {
    checkOpen();
    if (fromSeq < 0 || toSeqExclusive < fromSeq) {
      throw new IllegalArgumentException("bad range [" + fromSeq + ", " + toSeqExclusive + ")");
    }
    int n = size;
    LedgerRecord[] array = records;
    for (long s = fromSeq; s < Math.min(toSeqExclusive, n); s++) {
      consumer.accept(array[(int) s]);
    }
  }

  @Override
  public List<LedgerRecord> findByType(String eventType, long offset, int limit) {
    checkOpen();
    Objects.requireNonNull(eventType, "eventType");
    checkRange(offset, limit);
    int n = size;
    LedgerRecord[] array = records;
    List<LedgerRecord> out = new ArrayList<>(Math.min(limit, 64));
    long skipped = 0;
    for (int i = 0; i < n && out.size() < limit; i++) {
      if (array[i].eventType().equals(eventType) && skipped++ >= offset) {
        out.add(array[i]);
      }
    }
    return out;
  }

  @Override
  public boolean eraseSideRecord(long seq) {
    appendLock.lock();
    try {
      checkOpen();
      if (seq < 0 || seq >= size) {
        return false;
      }
      LedgerRecord r = records[(int) seq];
      if (r.sideRecord() == null) {
        return false;
      }
      records[(int) seq] = r.withoutSideRecord();
      return true;
    } finally {
      appendLock.unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new LedgerStorageException("in-memory ledger storage is closed");
    }
  }

  private static void checkRange(long from, int count) {
    if (from < 0 || count < 0) {
      throw new IllegalArgumentException("offset and count must be >= 0, were " + from + ", " + count);
    }
  }
}

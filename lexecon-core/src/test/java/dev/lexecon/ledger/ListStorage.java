package dev.lexecon.ledger;

import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A deliberately naive storage for tamper tests: records live in a list that tests may edit
 * freely (reorder, drop, duplicate, replace), and reads return whatever is at each position.
 */
class ListStorage implements LedgerStorage {
  final List<LedgerRecord> records;

  ListStorage(List<LedgerRecord> records) {
    this.records = new ArrayList<>(records);
  }

  static ListStorage copyOf(LedgerStorage storage) {
    List<LedgerRecord> all = new ArrayList<>();
    storage.scan(0, storage.size(), all::add);
    return new ListStorage(all);
  }

  @Override
  public synchronized void append(long expectedNextSeq, List<LedgerRecord> batch) {
    if (expectedNextSeq != records.size()) {
      throw new LedgerConflictException(expectedNextSeq, records.size());
    }
    records.addAll(batch);
  }

  @Override
  public synchronized Optional<LedgerRecord> head() {
    return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
  }

  @Override
  public synchronized long size() {
    return records.size();
  }

  @Override
  public synchronized Optional<LedgerRecord> read(long seq) {
    return seq < records.size() ? Optional.of(records.get((int) seq)) : Optional.empty();
  }

  @Override
  public synchronized List<LedgerRecord> read(long fromSeq, int maxCount) {
    int from = (int) Math.min(fromSeq, records.size());
    int to = (int) Math.min((long) from + maxCount, records.size());
    return List.copyOf(records.subList(from, to));
  }

  @Override
  public void scan(long fromSeq, long toSeqExclusive, Consumer<LedgerRecord> consumer) {
    read(fromSeq, (int) Math.min(Integer.MAX_VALUE, toSeqExclusive - fromSeq)).forEach(consumer);
  }

  @Override
  public synchronized List<LedgerRecord> findByType(String eventType, long offset, int limit) {
    return records.stream().filter(r -> r.eventType().equals(eventType)).skip(offset).limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean eraseSideRecord(long seq) {
    LedgerRecord r = records.get((int) seq);
    if (r.sideRecord() == null) {
      return false;
    }
    records.set((int) seq, r.withoutSideRecord());
    return true;
  }

  @Override
  public void close() {}
}

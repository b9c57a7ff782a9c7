package dev.lexecon.ledger.sqlite;

import dev.lexecon.api.ledger.LedgerRecord;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by the storage's operations; not API. */
final class Batches {
  private Batches() {}

  /** Throws {@link IllegalArgumentException} unless {@code records} is non-empty and consecutive from {@code expectedNextSeq}. */
  static void checkConsecutive(long expectedNextSeq, List<LedgerRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      throw new IllegalArgumentException("nothing to append: the batch is empty");
    }
    if (expectedNextSeq < 0) {
      throw new IllegalArgumentException("expectedNextSeq must be >= 0, was " + expectedNextSeq);
    }
    for (int i = 0; i < records.size(); i++) {
      LedgerRecord r = Objects.requireNonNull(records.get(i), "record");
      if (r.seq() != expectedNextSeq + i) {
        throw new IllegalArgumentException("record " + i + " of the batch has seq " + r.seq()
            + "; expected " + (expectedNextSeq + i));
      }
    }
  }

  static void checkRange(long from, long count, String what) {
    if (from < 0 || count < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, were " + from + ", " + count);
    }
  }
}

package dev.lexecon.ledger.sqlite;

import dev.lexecon.testing.SampleRecords;
import java.nio.file.Path;

/**
 * Child-process main for the bounded-memory scan test: runs in a deliberately small heap, scans
 * the whole ledger, checks that seqs ascend without gaps, that each entry hashes to its stored
 * hash and links to the one before, and prints {@code "count lastEntryHash"}.
 */
public final class ScanProcess {
  private ScanProcess() {}

  public static void main(String[] args) {
    long[] count = {0};
    String[] previous = {SampleRecords.GENESIS_PREVIOUS_HASH};
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(Path.of(args[0]))) {
      storage.scan(0, Long.MAX_VALUE, r -> {
        if (r.seq() != count[0]) {
          throw new IllegalStateException("expected seq " + count[0] + ", got " + r.seq());
        }
        if (!r.previousHash().equals(previous[0])) {
          throw new IllegalStateException("seq " + r.seq() + " does not link to its predecessor");
        }
        if (!SampleRecords.sha256Hex(r.entry()).equals(r.entryHash())) {
          throw new IllegalStateException("seq " + r.seq() + " does not hash to its entry hash");
        }
        previous[0] = r.entryHash();
        count[0]++;
      });
    }
    System.out.println(count[0] + " " + previous[0]);
  }
}

package dev.lexecon.ledger.sqlite;

import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.testing.SampleRecords;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Child-process main for the crash and multi-process tests: appends sample records to a SQLite
 * ledger with synchronous=FULL as fast as it can, retrying on conflict, and prints {@code "seq
 * entryHash"} for every record only after the append that wrote it has returned.
 *
 * <p>Arguments: the ledger file, the number of batches to append ({@code -1}: until killed), and a
 * writer name that goes into every entry, so records from different processes never coincide.
 */
public final class AppenderProcess {
  private AppenderProcess() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long batches = Long.parseLong(args[1]);
    String writer = args[2];
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(file)
        .synchronous(SqliteLedgerStorage.Synchronous.FULL)
        .busyTimeout(java.time.Duration.ofSeconds(60))
        .open()) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (long done = 0; batches < 0 || done < batches; ) {
        LedgerRecord head = storage.head().orElse(null);
        List<LedgerRecord> batch = batch(head, writer, 1 + random.nextInt(8));
        try {
          storage.append(batch.get(0).seq(), batch);
        } catch (LedgerConflictException e) {
          continue; // another process won this seq: re-read the head and build on it
        }
        done++;
        for (LedgerRecord r : batch) {
          out.write(r.seq() + " " + r.entryHash() + "\n");
        }
        out.flush();
      }
    }
  }

  /** Sample records after {@code head} whose payloads name the writer. */
  static List<LedgerRecord> batch(@Nullable LedgerRecord head, String writer, int count) {
    List<LedgerRecord> out = new ArrayList<>(count);
    long seq = head == null ? 0 : head.seq() + 1;
    String previous = head == null ? SampleRecords.GENESIS_PREVIOUS_HASH : head.entryHash();
    for (int i = 0; i < count; i++, seq++) {
      LedgerRecord sample = SampleRecords.record(seq, previous);
      String ts = sample.timestamp();
      Map<String, Object> payload = Map.of("writer", writer, "sample_hash", sample.entryHash());
      LedgerRecord r = SampleRecords.hashed(seq, sample.eventType(), ts, previous,
          SampleRecords.canonicalEntry(seq, sample.eventType(), ts, previous, payload), sample.sideRecord());
      out.add(r);
      previous = r.entryHash();
    }
    return out;
  }
}

package dev.lexecon.ledger.jdbc;

import dev.lexecon.api.ledger.LedgerConflictException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.testing.SampleRecords;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Child-process main for the multi-process test: appends batches to a shared database ledger with
 * conditional appends, re-reading the head and rebuilding its batch after every conflict, and
 * prints {@code "seq entryHash"} for every record after the append that wrote it returned.
 *
 * <p>Arguments: JDBC URL, user, password (may be empty), table prefix, number of batches, writer
 * name. Exits 0 when done; prints the number of conflicts it survived to stderr.
 */
public final class JdbcAppenderProcess {
  private JdbcAppenderProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    String prefix = args[3];
    int batches = Integer.parseInt(args[4]);
    String writer = args[5];
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    long conflicts = 0;
    try (JdbcLedgerStorage storage = JdbcLedgerStorage.builder()
        .url(url).credentials(user, password).tablePrefix(prefix).maximumPoolSize(2).open()) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int done = 0; done < batches; ) {
        List<LedgerRecord> batch = batch(storage.head().orElse(null), writer, 1 + random.nextInt(4));
        try {
          storage.append(batch.get(0).seq(), batch);
        } catch (LedgerConflictException e) {
          conflicts++;
          continue;
        }
        done++;
        for (LedgerRecord r : batch) {
          out.write(r.seq() + " " + r.entryHash() + "\n");
        }
        out.flush();
      }
    }
    System.err.println(writer + " conflicts: " + conflicts);
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

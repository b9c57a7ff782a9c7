package dev.lexecon.ledger.sqlite;

import dev.lexecon.testing.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.internal.Rfc3339;
import dev.lexecon.json.Jcs;
import dev.lexecon.ledger.Checkpoint;
import dev.lexecon.ledger.MerkleTree;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.ledger.SignedNote;
import dev.lexecon.testing.SampleRecords;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million-entry ledger exported in a child JVM whose heap (256 MiB) could not hold a tenth of it:
 * the export streams from SQLite in bounded memory in each of the four formats, reports progress,
 * and every file verifies on its own in the same heap (a report's rendering too).
 */
@DisplayName("Audit export of a million entries")
class ExportMillionEntriesTest {
  static final int ENTRIES = 1_000_000;

  @TempDir Path dir;

  @Test
  @DisplayName("a million-entry SQLite ledger exports in all four formats with progress and each file verifies alone, all in a 256 MiB heap")
  void millionEntriesInSmallHeap() throws Exception {
    Path db = dir.resolve("million.db");
    NoteSigner key = NoteSigner.generate("export-test");
    long t0 = System.nanoTime();
    build(db, key);
    long built = System.nanoTime();
    Path out = Files.createDirectories(dir.resolve("out"));
    ChildJvm child = ChildJvm.start(dir, List.of("-Xmx256m", "-XX:+UseSerialGC"), ExportProcess.class,
        db.toString(), out.toString(), key.encodedPrivateKey(), "JSON", "CSV", "MARKDOWN", "HTML");
    int exit = child.await(1800);
    long done = System.nanoTime();
    List<String> lines = child.lines();
    System.out.printf("million-entry export: ledger built in %d s, child ran %d s; %s%n",
        (built - t0) / 1_000_000_000, (done - built) / 1_000_000_000, lines);
    assertThat(exit).as("export process exit code; stderr:%n%s", child.stderr()).isZero();
    for (String format : List.of("JSON", "CSV", "MARKDOWN", "HTML")) {
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("export " + format + " " + sizeLine(lines)));
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("verified " + format + " true " + sizeLine(lines)));
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("progress " + format + " WRITING 250000 "));
    }
    assertThat(lines.get(lines.size() - 1)).startsWith("heap ");
  }

  /**
   * Writes a valid million-entry ledger straight into the storage, as the writer would (genesis
   * naming the key, decisions, a signed checkpoint every 100,000 entries): much faster than a
   * million appends through the writer, and the child process opens it like any other ledger.
   */
  static void build(Path db, NoteSigner key) {
    String ledgerId = "ledger_MILLION";
    String origin = "lexecon.dev/ledger/" + ledgerId;
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    String[] outcomes = {"approved", "approved", "approved", "denied", "conditional", "escalated"};
    MerkleTree tree = new MerkleTree();
    String previous = "0".repeat(64);
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.builder(db)
        .synchronous(SqliteLedgerStorage.Synchronous.NORMAL).open()) {
      List<LedgerRecord> batch = new ArrayList<>(50_000);
      for (long seq = 0; seq < ENTRIES; seq++) {
        String ts = Rfc3339.micros(start.plusMillis(7 * seq)); // about 81 days in all
        String type;
        byte[] bytes;
        if (seq == 0 || seq % 100_000 == 0) {
          Map<String, Object> p = new LinkedHashMap<>();
          if (seq == 0) {
            type = "genesis";
            p.put("format", "lexecon-ledger");
            p.put("format_version", 1L);
            p.put("ledger_id", ledgerId);
            p.put("created_at", ts);
            p.put("origin", origin);
            p.put("checkpoint_key", key.verifier().encoded());
          } else {
            type = "checkpoint";
            SignedNote note = Checkpoint.of(origin, seq, tree.root()).sign(key);
            p.put("origin", origin);
            p.put("tree_size", seq);
            p.put("root_hash", tree.root().hex());
            p.put("note", note.encoded());
          }
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("entry_id", "entry_" + seq);
          entry.put("event_type", type);
          entry.put("payload", p);
          entry.put("previous_hash", previous);
          entry.put("seq", seq);
          entry.put("timestamp", ts);
          bytes = Jcs.canonicalize(entry);
        } else {
          // the canonical (RFC 8785) bytes of a small decision entry, written directly: members
          // are already in sorted order and no value needs escaping
          type = "decision";
          bytes = ("{\"entry_id\":\"entry_" + seq + "\",\"event_type\":\"decision\",\"payload\":{"
              + "\"decision_id\":\"dec_" + seq + "\",\"outcome\":\"" + outcomes[(int) (seq % outcomes.length)]
              + "\",\"request\":{\"action\":\"send_email\",\"actor\":\"agent:worker-" + (seq % 17)
              + "\"}},\"previous_hash\":\"" + previous + "\",\"seq\":" + seq + ",\"timestamp\":\"" + ts + "\"}")
              .getBytes(StandardCharsets.UTF_8);
        }
        LedgerRecord r = SampleRecords.hashed(seq, type, ts, previous, bytes, null);
        tree.append(Hash.fromHex(r.entryHash()).bytes());
        batch.add(r);
        previous = r.entryHash();
        if (batch.size() == 50_000 || seq == ENTRIES - 1) {
          storage.append(batch.get(0).seq(), batch);
          batch.clear();
        }
      }
    }
  }

  private static String sizeLine(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("export JSON ")).findFirst()
        .map(l -> l.split(" ")[2]).filter(n -> Long.parseLong(n) >= ENTRIES).orElse("at least " + ENTRIES);
  }
}

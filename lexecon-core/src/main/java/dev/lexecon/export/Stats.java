package dev.lexecon.export;

import dev.lexecon.internal.Sha256;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.LedgerRecord;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the first pass learns about the selected entries: counts, first and last, time span,
 * whether they are consecutive, the digest of their hashes, and (for the reports) the decisions
 * chart. Bounded memory whatever the number of entries.
 */
final class Stats {
  long count;
  final Map<String, Long> byType = new TreeMap<>();
  long firstSeq = -1;
  @Nullable String firstHash;
  long lastSeq = -1;
  @Nullable String lastHash;
  @Nullable String minTimestamp;
  @Nullable String maxTimestamp;
  boolean contiguous = true;
  final DecisionChart chart = new DecisionChart();
  private final boolean charting;
  private final MessageDigest digest;

  Stats(boolean charting) {
    this.charting = charting;
    this.digest = Sha256.newDigest();
  }

  void add(LedgerRecord r) {
    if (count == 0) {
      firstSeq = r.seq();
      firstHash = r.entryHash();
    } else if (r.seq() != lastSeq + 1) {
      contiguous = false;
    }
    lastSeq = r.seq();
    lastHash = r.entryHash();
    count++;
    byType.merge(r.eventType(), 1L, Long::sum);
    String ts = r.timestamp();
    if (minTimestamp == null || ts.compareTo(minTimestamp) < 0) {
      minTimestamp = ts;
    }
    if (maxTimestamp == null || ts.compareTo(maxTimestamp) > 0) {
      maxTimestamp = ts;
    }
    digest.update(HexFormat.of().parseHex(r.entryHash()));
    if (charting && r.eventType().equals("decision")) {
      String outcome = EntryView.outcome(r);
      chart.add(ts, outcome == null ? "other" : outcome);
    }
  }

  private @Nullable Hash finished;

  /** The SHA-256 of the selected entries' hashes; ends the accumulation. */
  Hash digest() {
    if (finished == null) {
      finished = Hash.of(digest.digest());
    }
    return finished;
  }
}

package dev.lexecon.api.export;

import dev.lexecon.api.ledger.Hash;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an export wrote.
 *
 * <p>Immutable and thread-safe.
 *
 * @param format the format written
 * @param entries how many entries it holds
 * @param countsByEventType entries per event type, sorted
 * @param treeSize the ledger size it describes (its checkpoint's)
 * @param rootHash the Merkle root at that size
 * @param headHash the hash of the ledger's last entry at that size
 * @param bytes the number of bytes written
 * @since 0.1
 */
public record ExportSummary(
    ExportFormat format,
    long entries,
    Map<String, Long> countsByEventType,
    long treeSize,
    Hash rootHash,
    String headHash,
    long bytes) {
  public ExportSummary {
    Objects.requireNonNull(format, "format");
    countsByEventType = Collections.unmodifiableMap(new TreeMap<>(countsByEventType));
    Objects.requireNonNull(rootHash, "rootHash");
    Objects.requireNonNull(headHash, "headHash");
  }
}

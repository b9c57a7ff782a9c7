package dev.lexecon.api.evidence;

import dev.lexecon.api.ledger.Hash;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What verifying an evidence artifact found: whether its content is still in the blob store and
 * hashes to the recorded hash, and whether the signature its ledger entry carries is valid and by
 * a key the ledger announces.
 *
 * <p>Immutable and thread-safe.
 *
 * @param artifactId the artifact verified
 * @param entryId the {@code evidence} entry that records it
 * @param recordedHash the content hash the ledger records
 * @param actualHash the SHA-256 of the content in the blob store, or {@code null} when the content
 *     is missing
 * @param contentHashMatches whether the stored content hashes to the recorded hash
 * @param signatureValid whether the entry's Ed25519 signature verifies over the recorded statement
 *     with the recorded key, and that key is one the ledger announces
 * @param message one sentence saying what was found
 * @since 0.1
 */
public record ArtifactVerification(
    String artifactId,
    String entryId,
    Hash recordedHash,
    @Nullable Hash actualHash,
    boolean contentHashMatches,
    boolean signatureValid,
    String message) {

  public ArtifactVerification {
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(recordedHash, "recordedHash");
    if (contentHashMatches && !recordedHash.equals(actualHash)) {
      throw new IllegalArgumentException("content cannot match when the hashes differ");
    }
    Objects.requireNonNull(message, "message");
  }

  /** Whether the content is present and matches, and the signature is valid. */
  public boolean valid() {
    return contentHashMatches && signatureValid;
  }

  /** Whether the content was found in the blob store at all. */
  public boolean contentPresent() {
    return actualHash != null;
  }
}

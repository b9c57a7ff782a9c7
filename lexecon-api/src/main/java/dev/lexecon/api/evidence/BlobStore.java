package dev.lexecon.api.evidence;

import dev.lexecon.api.ledger.Hash;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where the bytes of evidence artifacts live: a content-addressed store keyed by the SHA-256 of
 * the content. The ledger records only the hash; the store keeps the bytes, so the two can live in
 * different places (a database and an object store, say) and an auditor can re-hash the content
 * to check it.
 *
 * <p>lexecon-core ships a file-system store ({@code dev.lexecon.evidence.FileSystemBlobStore},
 * the default for durable use) and an in-memory one.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #put} is atomic: after a crash the store holds either the whole content under its
 *       hash or nothing, never a partial blob under a valid name. Putting content that is already
 *       stored changes nothing.
 *   <li>The store computes the hash itself from the bytes it writes; a caller never names the key.
 *   <li>Implementations must be thread-safe; concurrent puts of the same content are allowed.
 * </ul>
 *
 * @since 0.1
 */
public interface BlobStore {

  /**
   * Stores {@code content} (read to its end, not closed) under its SHA-256 and returns the hash.
   *
   * @throws EvidenceStoreException if the content could not be stored; nothing was stored
   */
  Hash put(InputStream content);

  /**
   * Opens the content stored under {@code hash}, or returns empty when there is none. The caller
   * closes the stream.
   *
   * @throws EvidenceStoreException if the store failed
   */
  Optional<InputStream> open(Hash hash);

  /**
   * Whether content is stored under {@code hash}.
   *
   * @throws EvidenceStoreException if the store failed
   */
  boolean contains(Hash hash);

  /**
   * Deletes the content stored under {@code hash} (retention, erasure of an artifact that holds
   * personal data). The ledger entry that recorded the artifact stays; verifying the artifact then
   * reports its content missing.
   *
   * @return whether content was stored
   * @throws EvidenceStoreException if the store failed
   */
  boolean delete(Hash hash);
}

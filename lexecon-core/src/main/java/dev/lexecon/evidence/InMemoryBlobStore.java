package dev.lexecon.evidence;

import dev.lexecon.api.evidence.BlobStore;
import dev.lexecon.api.evidence.EvidenceStoreException;
import dev.lexecon.api.ledger.Hash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BlobStore} in the heap: for tests and for engines whose ledger is in memory too. Nothing
 * survives the process.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryBlobStore implements BlobStore {
  private final ConcurrentHashMap<Hash, byte[]> blobs = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryBlobStore() {}

  @Override
  public Hash put(InputStream content) {
    Objects.requireNonNull(content, "content");
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new EvidenceStoreException("cannot read the content to store: " + e.getMessage(), e);
    }
    Hash hash = Hash.of(Sha256.digest().digest(bytes));
    blobs.putIfAbsent(hash, bytes);
    return hash;
  }

  @Override
  public Optional<InputStream> open(Hash hash) {
    Objects.requireNonNull(hash, "hash");
    byte[] bytes = blobs.get(hash);
    return bytes == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(bytes));
  }

  @Override
  public boolean contains(Hash hash) {
    return blobs.containsKey(Objects.requireNonNull(hash, "hash"));
  }

  @Override
  public boolean delete(Hash hash) {
    return blobs.remove(Objects.requireNonNull(hash, "hash")) != null;
  }

  /** Replaces the bytes stored under {@code hash}: for tamper tests only. */
  void tamper(Hash hash, byte[] bytes) {
    blobs.put(hash, bytes.clone());
  }

  @Override
  public String toString() {
    return "InMemoryBlobStore[" + blobs.size() + " blobs]";
  }
}

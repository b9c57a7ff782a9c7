package dev.lexecon.api.evidence;

import dev.lexecon.api.LexeconException;

/**
 * A {@link BlobStore} failed: an I/O error, a full disk, a missing directory. An artifact whose
 * content could not be stored is not registered (nothing is written to the ledger).
 *
 * @since 0.1
 */
public class EvidenceStoreException extends LexeconException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the store and the operation. */
  public EvidenceStoreException(String message) {
    super(message);
  }

  /** Creates the exception wrapping the underlying cause. */
  public EvidenceStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

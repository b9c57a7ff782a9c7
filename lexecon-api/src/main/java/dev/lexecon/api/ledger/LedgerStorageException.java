package dev.lexecon.api.ledger;

import dev.lexecon.api.LexeconException;

/**
 * A ledger storage failed: I/O error, lost connection, full disk, locked file. The batch being
 * appended was not written (storages append atomically), and no acknowledged entry was lost.
 *
 * @since 0.1
 */
public class LedgerStorageException extends LexeconException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the storage and the operation. */
  public LedgerStorageException(String message) {
    super(message);
  }

  /** Creates the exception wrapping the driver's cause. */
  public LedgerStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}

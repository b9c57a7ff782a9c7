package dev.lexecon.api.ledger;

import dev.lexecon.api.LexeconException;

/**
 * The ledger found stored entries it cannot build on: an entry written by another process that
 * does not link to the chain, or a head that contradicts what this process committed. Appending
 * stops being safe; verify the ledger to see where it went wrong.
 *
 * @since 0.1
 */
public final class LedgerIntegrityException extends LexeconException {
  private static final long serialVersionUID = 1L;

  private final long seq;

  /** Creates the exception for the entry at {@code seq}. */
  public LedgerIntegrityException(long seq, String message) {
    super(message);
    this.seq = seq;
  }

  /** The sequence number of the offending entry. */
  public long seq() {
    return seq;
  }
}

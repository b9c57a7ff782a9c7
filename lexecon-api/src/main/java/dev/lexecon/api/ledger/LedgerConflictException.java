package dev.lexecon.api.ledger;

/**
 * An append lost a race: the storage's next seq was not the one the writer expected, because
 * another writer (thread or process) appended first. Nothing was written; re-read the head,
 * rebuild the batch on top of it and retry.
 *
 * @since 0.1
 */
public final class LedgerConflictException extends LedgerStorageException {
  private static final long serialVersionUID = 1L;

  private final long expectedNextSeq;
  private final long actualNextSeq;

  /** Creates the exception; {@code actualNextSeq} may be -1 when the storage cannot tell. */
  public LedgerConflictException(long expectedNextSeq, long actualNextSeq) {
    super("ledger head moved: expected to append at seq " + expectedNextSeq
        + (actualNextSeq >= 0 ? " but the next seq is " + actualNextSeq : " but that seq is taken"));
    this.expectedNextSeq = expectedNextSeq;
    this.actualNextSeq = actualNextSeq;
  }

  /** The seq the writer tried to append at. */
  public long expectedNextSeq() {
    return expectedNextSeq;
  }

  /** The storage's actual next seq, or -1 if unknown. */
  public long actualNextSeq() {
    return actualNextSeq;
  }
}

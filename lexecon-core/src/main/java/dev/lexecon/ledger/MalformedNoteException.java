package dev.lexecon.ledger;

import dev.lexecon.api.LexeconException;

/**
 * A signed note or checkpoint text does not follow the C2SP signed-note or tlog-checkpoint format.
 * The message says which line and which rule; it never quotes key material.
 *
 * <p>Thrown only by parsing. A well-formed note whose signatures do not verify is not an error but
 * a {@link SignedNote.Verification} result.
 *
 * @since 0.1
 */
public final class MalformedNoteException extends LexeconException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the offending line and rule. */
  public MalformedNoteException(String message) {
    super(message);
  }
}

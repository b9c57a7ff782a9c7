package dev.lexecon.api;

/**
 * Root of every exception Lexecon throws on purpose. All are unchecked, so a caller can catch
 * this one type at a boundary; argument misuse (a {@code null} where none is allowed, a negative
 * size) throws the usual JDK exceptions instead.
 *
 * @since 0.1
 */
public class LexeconException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what went wrong and where. */
  public LexeconException(String message) {
    super(message);
  }

  /** Creates an exception that wraps the lower-level cause. */
  public LexeconException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.lexecon.policy.condition;

/**
 * Thrown by {@link Condition#compile} when a condition is not well formed. The message names what
 * was expected, the 0-based column (a UTF-16 index into the source) and the source, for example
 * {@code expected an operand after '>=' at column 14 in "risk_level >= "}; {@link #column()} and
 * {@link #source()} give the same facts to a caller that reports them its own way, such as a
 * policy validator that prefixes the JSON path of the condition.
 *
 * <p>An {@link IllegalArgumentException} because a malformed condition is a bad argument to
 * {@code compile}; policy loading turns it into its own validation report.
 *
 * @since 0.1
 */
public final class ConditionSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int column;

  ConditionSyntaxException(String source, int column, String expected) {
    super(expected + " at column " + column + " in \"" + source + "\"");
    this.source = source;
    this.column = column;
  }

  /** The condition text that failed to compile. */
  public String source() {
    return source;
  }

  /** The 0-based column at which the problem was found; {@code source().length()} at the end. */
  public int column() {
    return column;
  }
}

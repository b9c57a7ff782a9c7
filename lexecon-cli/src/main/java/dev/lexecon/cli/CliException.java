package dev.lexecon.cli;

/**
 * A failure the user can act on, with the exit code it ends the command with. Its message is
 * printed as is after {@code lexecon: }, so it must read as a sentence without a stack trace.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A failure: exit code 1. */
  static CliException failure(String message) {
    return new CliException(LexeconCli.FAILURE, message);
  }

  /** Wrong usage: exit code 2. */
  static CliException usage(String message) {
    return new CliException(LexeconCli.USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}

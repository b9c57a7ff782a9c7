package dev.lexecon.cli;

import dev.lexecon.api.LexeconException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code lexecon} command-line tool: starts a governed project, inspects domain plugins,
 * validates and loads policies, decides requests, and verifies, proves and exports ledgers.
 *
 * <p>Conventions: every command has {@code --help}; machine-readable results (JSON, file lists,
 * export lines) go to standard output, and errors, warnings and hints to standard error. Exit
 * codes: {@value #OK} success, {@value #FAILURE} failure (invalid policy or request, failed
 * verification, unreadable file), {@value #USAGE} wrong usage, {@value #NOT_ALLOWED} for {@code
 * decide} when the decision is not APPROVED. See {@code docs/cli.md}.
 *
 * <p>{@link #run} executes one command line against the given streams, so the tool can be run
 * in-process (as the tests do). Each call is independent; it is safe to run several at once on
 * different streams.
 *
 * @since 0.1
 */
@Command(
    name = "lexecon",
    mixinStandardHelpOptions = true,
    versionProvider = LexeconCli.Version.class,
    description = "Governance for AI agents: policies, decisions and a tamper-evident ledger.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      InitCommand.class,
      DomainsCommand.class,
      PolicyCommand.class,
      DecideCommand.class,
      LedgerCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  failure: invalid policy or request, failed verification, unreadable file",
      "  2  wrong usage: unknown command or option, missing argument",
      "  3  decide: the decision is not APPROVED (denied, escalated or conditional)",
      "%nDocumentation: docs/cli.md"
    })
public final class LexeconCli implements Callable<Integer> {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** The command ran into a failure: invalid input, failed verification, I/O error. */
  public static final int FAILURE = 1;
  /** The command line itself is wrong. */
  public static final int USAGE = 2;
  /** {@code decide} decided, and the decision does not allow the action (not APPROVED). */
  public static final int NOT_ALLOWED = 3;

  @Spec private @Nullable CommandSpec spec;
  private final Terminal terminal;

  private LexeconCli(Terminal terminal) {
    this.terminal = terminal;
  }

  /** Runs the command line {@code args} on the process's standard streams and exits with its code. */
  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    System.exit(code);
  }

  /**
   * Runs the command line {@code args} with the given streams and returns its exit code. The
   * streams are flushed, not closed.
   */
  public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
    Objects.requireNonNull(args, "args");
    Terminal terminal = new Terminal(in, out, err);
    try {
      return commandLine(terminal).execute(args);
    } finally {
      terminal.flush();
    }
  }

  /** The configured command tree, writing to {@code terminal}. */
  static CommandLine commandLine(Terminal terminal) {
    return new CommandLine(new LexeconCli(terminal))
        .setOut(terminal.out())
        .setErr(terminal.err())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(LexeconCli::handle);
  }

  /** Without a command: the usage, on stderr because it is not the output of anything. */
  @Override
  public Integer call() {
    CommandLine commandLine = Objects.requireNonNull(spec).commandLine();
    commandLine.usage(commandLine.getErr());
    return USAGE;
  }

  Terminal terminal() {
    return terminal;
  }

  /** The terminal of the command line {@code spec} belongs to. */
  static Terminal terminal(CommandSpec spec) {
    return ((LexeconCli) spec.root().userObject()).terminal();
  }

  private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    commandLine.getOut().flush();
    if (e instanceof CliException ce) {
      err.println("lexecon: " + ce.getMessage());
      if (ce.exitCode() == USAGE) {
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
      }
      return ce.exitCode();
    }
    if (e instanceof LexeconException || e instanceof UncheckedIOException || e instanceof IOException
        || e instanceof IllegalArgumentException) {
      err.println("lexecon: " + e.getMessage());
      return FAILURE;
    }
    // A bug, not a user error: say so, with the stack trace a report needs.
    err.println("lexecon: internal error: " + e);
    e.printStackTrace(err);
    return FAILURE;
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = LexeconCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
      }
      return new String[] {
        "lexecon " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }

  /** The streams one run writes to; the writers encode UTF-8 whatever the platform default. */
  static final class Terminal {
    private final InputStream in;
    private final OutputStream rawOut;
    private final PrintWriter out;
    private final PrintWriter err;

    Terminal(InputStream in, OutputStream out, OutputStream err) {
      this.in = Objects.requireNonNull(in, "in");
      this.rawOut = Objects.requireNonNull(out, "out");
      this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
      this.err = new PrintWriter(new OutputStreamWriter(Objects.requireNonNull(err, "err"),
          StandardCharsets.UTF_8), true);
    }

    InputStream in() {
      return in;
    }

    PrintWriter out() {
      return out;
    }

    PrintWriter err() {
      return err;
    }

    /** Standard output as bytes (for exports); what was printed through {@link #out()} comes first. */
    OutputStream rawOut() {
      out.flush();
      return rawOut;
    }

    void flush() {
      out.flush();
      err.flush();
      try {
        rawOut.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

package dev.lexecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The lexecon command")
class LexeconCliTest {
  @Test
  @DisplayName("prints its version and the Java it runs on with --version, exit 0")
  void version() {
    Cli.Result r = Cli.run("--version");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("lexecon 0.").contains("Java ");
    assertThat(r.err()).isEmpty();
  }

  @Test
  @DisplayName("without a command prints its usage on stderr and exits 2")
  void noCommand() {
    Cli.Result r = Cli.run();
    assertThat(r.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("Usage: lexecon").contains("Exit codes:");
  }

  @Test
  @DisplayName("rejects an unknown command or option with exit 2 and a message on stderr")
  void unknown() {
    Cli.Result command = Cli.run("frobnicate");
    assertThat(command.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(command.err()).contains("frobnicate");
    assertThat(command.out()).isEmpty();

    Cli.Result option = Cli.run("domains", "list", "--colour");
    assertThat(option.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(option.err()).contains("--colour");
  }

  @ParameterizedTest(name = "lexecon {0} --help")
  @ValueSource(strings = {"", "init", "domains", "domains list", "domains info", "policy",
      "policy validate", "policy load", "decide", "ledger", "ledger verify", "ledger proof", "export"})
  @DisplayName("every command explains itself with --help on stdout, exit 0")
  void help(String command) {
    String[] words = command.isEmpty() ? new String[0] : command.split(" ");
    String[] args = java.util.Arrays.copyOf(words, words.length + 1);
    args[words.length] = "--help";
    Cli.Result r = Cli.run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Usage: lexecon" + (command.isEmpty() ? "" : " " + command));
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest(name = "lexecon {0}")
  @ValueSource(strings = {"domains", "policy", "ledger"})
  @DisplayName("a command group without its subcommand prints its usage on stderr and exits 2")
  void groupWithoutSubcommand(String group) {
    Cli.Result r = Cli.run(group);
    assertThat(r.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(r.err()).contains("Usage: lexecon " + group);
  }
}

package dev.lexecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

@DisplayName("docs/cli.md")
class CliDocsTest {
  static Stream<CliDocs.Line> lines() throws IOException {
    return CliDocs.commandLines().stream();
  }

  @Test
  @DisplayName("shows command lines for the tour and the README section")
  void found() throws IOException {
    List<CliDocs.Line> lines = CliDocs.commandLines();
    assertThat(lines).extracting(CliDocs.Line::section).contains("A tour", "README section");
    assertThat(lines).hasSizeGreaterThan(10);
  }

  @ParameterizedTest(name = "lexecon {0}")
  @MethodSource("lines")
  @DisplayName("every documented command line names a real command with options it accepts")
  void parses(CliDocs.Line line) {
    // Parsing only: files need not exist, nothing runs.
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CommandLine commandLine = LexeconCli.commandLine(
        new LexeconCli.Terminal(new ByteArrayInputStream(new byte[0]), sink, sink));
    // throws on an unknown command or option, a missing parameter, an invalid enum value
    CommandLine.ParseResult parsed = commandLine.parseArgs(line.args().toArray(String[]::new));
    assertThat(parsed.subcommand() != null || parsed.isVersionHelpRequested()).as("names a command").isTrue();
  }
}

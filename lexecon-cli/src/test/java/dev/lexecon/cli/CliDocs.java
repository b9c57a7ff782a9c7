package dev.lexecon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command lines docs/cli.md shows, so tests can hold the page to what the tool does. */
final class CliDocs {
  static final Path PAGE = Path.of("..", "docs", "cli.md");

  private CliDocs() {}

  /** A documented command line: its arguments after {@code lexecon}, and its trailing comment. */
  record Line(String section, List<String> args, String comment) {}

  /**
   * Every line of a {@code ```sh} block that runs {@code lexecon}, and every line anywhere that runs
   * {@code lexecon-cli/bin/lexecon}. Synopses (plain blocks, with brackets) are not command lines.
   */
  static List<Line> commandLines() throws IOException {
    List<Line> lines = new ArrayList<>();
    String section = "";
    String fence = null; // the backticks that opened the current block, as a nested ```` block may hold ```
    boolean sh = false;
    for (String raw : Files.readAllLines(PAGE, StandardCharsets.UTF_8)) {
      if (fence == null && raw.startsWith("## ")) {
        section = raw.substring(3).trim();
      }
      if (raw.startsWith("```")) {
        String ticks = raw.replaceAll("^(`+).*", "$1");
        if (fence == null) {
          fence = ticks;
          sh = raw.equals("```sh");
        } else if (raw.strip().equals(fence)) {
          fence = null;
          sh = false;
        }
        continue;
      }
      String text = raw.strip();
      String comment = "";
      int hash = text.indexOf(" #");
      if (hash >= 0) {
        comment = text.substring(hash + 2).trim();
        text = text.substring(0, hash).trim();
      }
      String[] words = text.split("\\s+");
      if ((sh && words[0].equals("lexecon")) || words[0].equals("lexecon-cli/bin/lexecon")) {
        lines.add(new Line(section, List.of(Arrays.copyOfRange(words, 1, words.length)), comment));
      }
    }
    return lines;
  }
}

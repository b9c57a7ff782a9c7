package dev.lexecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar, and the launcher script, in child processes: what a user runs. Failsafe
 * runs this after {@code package}, with the jar's path in {@code lexecon.cli.jar}.
 */
@DisplayName("The shaded lexecon-cli.jar in a child process")
class LexeconJarIT {
  static Path jar;
  static Path launcher;

  @TempDir Path dir;

  @BeforeAll
  static void locate() {
    jar = Path.of(System.getProperty("lexecon.cli.jar", "target/lexecon-cli.jar"));
    launcher = Path.of(System.getProperty("lexecon.cli.launcher", "bin/lexecon"));
    assertThat(jar).as("run 'package' first").isRegularFile();
  }

  record Run(int exitCode, String out, String err) {}

  Run java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return run(command);
  }

  Run run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("LEXECON_JAR", jar.toAbsolutePath().toString());
    Process p = pb.start();
    // a generous bound so a hung child fails the test instead of the build; not a timing assertion
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the child process ended").isTrue();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("prints its version, finds the domain plugins through the merged service files, and exits 2 on bad usage")
  void basics() throws Exception {
    Run version = java("--version");
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).startsWith("lexecon 0.");

    Run domains = java("domains", "list");
    assertThat(domains.exitCode()).as(domains.err()).isZero();
    assertThat(domains.out()).contains("\"name\": \"finance\"").contains("\"name\": \"healthcare\"");

    Run usage = java("decide");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.out()).isEmpty();
    assertThat(usage.err()).contains("Missing required parameter");
  }

  @Test
  @DisplayName("init, decide into a SQLite ledger, export, verify with the pinned key, tamper, verify again")
  void auditTrail() throws Exception {
    Run init = java("init", "--domain", "finance", "--template", "position_limits", "--dir", "desk");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.err()).doesNotContain("SLF4J"); // a logging binding is in the jar

    Run open = java("decide", "desk/request.json", "--config", "desk/lexecon.json", "--at", "2026-03-03T15:00:00Z");
    assertThat(open.exitCode()).as(open.err()).isZero();
    assertThat(open.out()).contains("\"outcome\": \"approved\"");
    Run closed = java("decide", "desk/request.json", "--config", "desk/lexecon.json", "--at", "2026-03-03T21:30:00Z");
    assertThat(closed.exitCode()).as(closed.err()).isEqualTo(3);
    assertThat(closed.out()).contains("finance.trading_hours");

    Run export = java("export", "--config", "desk/lexecon.json", "--output", "audit.jsonl");
    assertThat(export.exitCode()).as(export.err()).isZero();
    Run verify = java("ledger", "verify", "audit.jsonl", "--trust", "desk/checkpoint.pub");
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("\"valid\": true");

    Run proof = java("ledger", "proof", "entry_2", "--ledger", "audit.jsonl");
    assertThat(proof.exitCode()).as(proof.err()).isZero();
    assertThat(proof.out()).contains("\"verified\": true");

    Path file = dir.resolve("audit.jsonl");
    String text = Files.readString(file);
    // the second decision (entry_5: genesis, policy_loaded, decision, checkpoint, policy_loaded, decision)
    Files.writeString(file, text.replaceFirst("\"outcome\":\"denied\"", "\"outcome\":\"approved\""));
    Run tampered = java("ledger", "verify", "audit.jsonl", "--trust", "desk/checkpoint.pub");
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.err()).contains("verification FAILED at seq 5 (HASH_MISMATCH)");
  }

  @Test
  @DisplayName("runs the tour of docs/cli.md line by line with the exit codes it states (0 unless a comment says otherwise)")
  void docsTour() throws Exception {
    List<CliDocs.Line> tour = CliDocs.commandLines().stream()
        .filter(l -> l.section().equals("A tour")).toList();
    assertThat(tour).hasSizeGreaterThan(5);
    for (CliDocs.Line line : tour) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("exit (\\d)").matcher(line.comment());
      int expected = m.find() ? Integer.parseInt(m.group(1)) : 0;
      Run r = java(line.args().toArray(String[]::new));
      assertThat(r.exitCode()).as("lexecon " + String.join(" ", line.args()) + "\n" + r.out() + r.err())
          .isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("bin/lexecon runs the jar with the arguments it was given and passes the exit code back")
  void launcher() throws Exception {
    Run version = run(List.of("sh", launcher.toAbsolutePath().toString(), "--version"));
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).startsWith("lexecon 0.");
    Run failing = run(List.of("sh", launcher.toAbsolutePath().toString(), "domains", "info", "astrology"));
    assertThat(failing.exitCode()).isEqualTo(1);
    assertThat(failing.err()).contains("unknown domain 'astrology'");
  }
}

package dev.lexecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("lexecon export")
class ExportCommandTest {
  @TempDir Path dir;
  Path project;
  Path config;

  @BeforeEach
  void project() throws IOException {
    project = dir.resolve("desk");
    config = project.resolve("lexecon.json");
    assertThat(Cli.run("init", "--domain", "finance", "--template", "position_limits",
        "--dir", project.toString()).exitCode()).isZero();
    Path request = dir.resolve("order.json");
    Files.writeString(request, DecideCommandTest.ORDER);
    assertThat(Cli.run("decide", request.toString(), "--config", config.toString(),
        "--at", DecideCommandTest.OPEN).exitCode()).isZero();
  }

  @Test
  @DisplayName("writes a JSON Lines export that LedgerVerifier accepts offline with the project's public key pinned")
  void toFile() throws IOException {
    Path out = dir.resolve("audit/export.jsonl");
    Cli.Result r = Cli.run("export", "--config", config.toString(), "--format", "jsonl", "-o", out.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode summary = Json.parse(r.out(), "output");
    assertThat(summary.get("file").asText()).isEqualTo(out.toString());
    assertThat(summary.get("tree_size").asLong()).isEqualTo(4);
    assertThat(r.err()).isEmpty(); // the project key is already announced: nothing appended

    NoteVerifier pinned = NoteVerifier.parse(Files.readString(project.resolve("checkpoint.pub")).strip());
    VerificationResult v = LedgerVerifier.create().trusting(pinned).verifyExport(out);
    assertThat(v.valid()).as(v.toString()).isTrue();
    assertThat(v.treeSize()).isEqualTo(4);
    assertThat(Files.list(out.getParent())).containsExactly(out); // no temporary file left behind
  }

  @Test
  @DisplayName("writes the export to standard output when no --output is given")
  void toStdout() {
    Cli.Result r = Cli.run("export", "--config", config.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines().count()).isEqualTo(5); // the header and four entries
    assertThat(r.out()).startsWith("{\"checkpoint\":");
    VerificationResult v = LedgerVerifier.create()
        .verifyExport(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    assertThat(v.valid()).as(v.toString()).isTrue();
  }

  @Test
  @DisplayName("without a key announces a fresh one in the ledger first, and says so on stderr")
  void withoutKey() {
    Path db = project.resolve("ledger.db");
    Cli.Result r = Cli.run("export", "--ledger", db.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("note: announced checkpoint key").contains("key_rotated")
        .contains("pass --key");
    assertThat(r.out().lines().count()).isEqualTo(6); // the header, four entries and the key_rotated
    assertThat(Cli.run("ledger", "verify", db.toString()).exitCode()).isZero();
  }

  @Test
  @DisplayName("refuses the audit formats that have not landed yet with exit 2, saying jsonl is what there is")
  void plannedFormats() {
    Cli.Result r = Cli.run("export", "--config", config.toString(), "--format", "html");
    assertThat(r.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("format 'html' is not available yet").contains("--format jsonl");
    assertThat(Cli.run("export", "--config", config.toString(), "--format", "yaml").err())
        .contains("unknown format 'yaml'");
  }

  @Test
  @DisplayName("does not create a ledger where none exists, and will not overwrite an output without --force")
  void safety() throws IOException {
    Path nope = dir.resolve("nope.db");
    Cli.Result r = Cli.run("export", "--ledger", nope.toString());
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(nope).doesNotExist();

    Path out = dir.resolve("export.jsonl");
    Files.writeString(out, "keep me");
    Cli.Result again = Cli.run("export", "--config", config.toString(), "-o", out.toString());
    assertThat(again.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(Files.readString(out)).isEqualTo("keep me");
  }
}

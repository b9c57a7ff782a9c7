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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  @DisplayName("writes every audit-report format with its manifest, and refuses unknown formats with exit 2")
  void auditFormats() throws IOException {
    for (String format : new String[] {"json", "csv", "markdown", "html"}) {
      Path out = dir.resolve("audit." + format);
      Cli.Result r = Cli.run("export", "--config", config.toString(), "--format", format,
          "-o", out.toString());
      assertThat(r.exitCode()).as(format + ": " + r).isZero();
      assertThat(r.out()).contains("\"format\"");
      assertThat(Files.readString(out)).as(format).isNotBlank().containsIgnoringCase("manifest");
    }
    assertThat(Files.readString(dir.resolve("audit.html"))).startsWith("<!DOCTYPE html>");
    Cli.Result unknown = Cli.run("export", "--config", config.toString(), "--format", "yaml");
    assertThat(unknown.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err()).contains("unknown format 'yaml'").contains("html");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"json, audit_export, 4", "csv, audit_report, 4", "markdown, audit_report, 4",
      "html, audit_report, 4"})
  @DisplayName("ledger verify checks every audit format offline with the project key pinned: the"
      + " manifest, every entry the file carries, and a report's rendering of them")
  void auditFormatsVerify(String format, String kind, long entries) throws IOException {
    Path out = dir.resolve("audit." + format);
    assertThat(Cli.run("export", "--config", config.toString(), "--format", format,
        "-o", out.toString()).exitCode()).isZero();
    String pub = project.resolve("checkpoint.pub").toString();

    Cli.Result r = Cli.run("ledger", "verify", out.toString(), "--trust", pub);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode v = Json.parse(r.out(), "output");
    assertThat(v.get("valid").asBoolean()).isTrue();
    assertThat(v.get("format").asText()).isEqualTo(kind);
    assertThat(v.get("tree_size").asLong()).isEqualTo(4);
    assertThat(v.get("entries_verified").asLong()).isEqualTo(entries);
    assertThat(r.err()).isEmpty();

    // The same file against a key that never signed it.
    Path other = dir.resolve("other");
    assertThat(Cli.run("init", "--dir", other.toString()).exitCode()).isZero();
    Cli.Result foreign = Cli.run("ledger", "verify", out.toString(),
        "--trust", other.resolve("checkpoint.pub").toString());
    assertThat(foreign.exitCode()).as(foreign.toString()).isEqualTo(LexeconCli.FAILURE);
    assertThat(foreign.err()).contains("verification FAILED").contains("BAD_CHECKPOINT_SIGNATURE");

    // One changed digit of the signed tree size in the manifest (CSV doubles the quotes).
    String text = Files.readString(out, StandardCharsets.UTF_8);
    String changed = text.replaceFirst("(tree_size\"{1,2}:)4", "$15");
    assertThat(changed).isNotEqualTo(text);
    Cli.Result bad = verifyFails(dir.resolve("tampered." + format), changed, pub);
    assertThat(Json.parse(bad.out(), "output").get("valid").asBoolean()).isFalse();

    // An entry changed where the file carries it, the manifest untouched.
    String entryChanged = text.replace("approved", "denied");
    assertThat(entryChanged).isNotEqualTo(text);
    verifyFails(dir.resolve("edited-entry." + format), entryChanged, pub);
  }

  /** Writes {@code text} to {@code file} and checks that {@code ledger verify} refuses it. */
  private static Cli.Result verifyFails(Path file, String text, String pub) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("ledger", "verify", file.toString(), "--trust", pub);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.err()).contains("verification FAILED");
    return r;
  }

  @Test
  @DisplayName("a JSON Lines export with edited entries behind a copied manifest line does not verify"
      + " as a report")
  void manifestLineInFrontOfEditedEntries() throws IOException {
    Path json = dir.resolve("audit.jsonl");
    assertThat(Cli.run("export", "--config", config.toString(), "--format", "json",
        "-o", json.toString()).exitCode()).isZero();
    Path csv = dir.resolve("audit.csv");
    assertThat(Cli.run("export", "--config", config.toString(), "--format", "csv",
        "-o", csv.toString()).exitCode()).isZero();
    String manifestLine = Files.readAllLines(csv, StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("manifest,")).findFirst().orElseThrow();
    String entries = Files.readString(json, StandardCharsets.UTF_8);
    assertThat(entries).contains("approved");
    Path forged = dir.resolve("forged.jsonl");
    Files.writeString(forged, manifestLine + "\n" + entries.replace("approved", "denied"),
        StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("ledger", "verify", forged.toString(),
        "--trust", project.resolve("checkpoint.pub").toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(LexeconCli.FAILURE);
    assertThat(Json.parse(r.out(), "output").get("valid").asBoolean()).isFalse();
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

package dev.lexecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("lexecon ledger")
class LedgerCommandTest {
  /** The published ledger vectors (docs/vectors/ledger), relative to this module. */
  static final Path VECTORS = Path.of("..", "docs", "vectors", "ledger");
  static final Path EXPORT = VECTORS.resolve("ledger.jsonl");

  @TempDir Path dir;

  static String vectorKey() throws IOException {
    // signer.txt: a comment, the private key, then the public verifier key
    List<String> lines = Files.readAllLines(VECTORS.resolve("signer.txt"));
    return lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("PRIVATE")).findFirst().orElseThrow();
  }

  /** A SQLite ledger with decisions and checkpoints, written by the tool itself. */
  Path sqliteLedger() throws IOException {
    Path policy = dir.resolve("policy.json");
    Cli.run("policy", "load", "--template", "position_limits", "-o", policy.toString());
    Path request = dir.resolve("request.json");
    Files.writeString(request, DecideCommandTest.ORDER);
    Path db = dir.resolve("ledger.db");
    for (String at : List.of(DecideCommandTest.OPEN, DecideCommandTest.CLOSED, DecideCommandTest.OPEN)) {
      Cli.Result r = Cli.run("decide", request.toString(), "--policy", policy.toString(),
          "--ledger", db.toString(), "--at", at);
      assertThat(r.exitCode()).as(r.toString()).isIn(LexeconCli.OK, LexeconCli.NOT_ALLOWED);
    }
    return db;
  }

  @Test
  @DisplayName("verify accepts the published export vector and reports its size and root as JSON, exit 0")
  void verifyExport() throws IOException {
    Cli.Result r = Cli.run("ledger", "verify", EXPORT.toString(), "--trust", vectorKey());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode v = Json.parse(r.out(), "output");
    assertThat(v.get("valid").asBoolean()).isTrue();
    assertThat(v.get("format").asText()).isEqualTo("export");
    assertThat(v.get("tree_size").asLong()).isEqualTo(7);
    assertThat(v.get("root_hash").asText())
        .isEqualTo("e7ed4fad2333070ceb4aa6e615fd5125a0ec743e7036b188aebfd98dac90c049");
    assertThat(r.err()).isEmpty();
  }

  @Test
  @DisplayName("verify fails with exit 1 on one changed byte of an export, naming the seq on stdout and stderr")
  void tamperedExport() throws IOException {
    List<String> lines = Files.readAllLines(EXPORT, StandardCharsets.UTF_8);
    // entry_3 is on line 5 (the header is line 1): change one digit of its timestamp
    String line = lines.get(4);
    int at = line.indexOf("\"timestamp\":\"") + "\"timestamp\":\"".length() + 3;
    char c = line.charAt(at);
    lines.set(4, line.substring(0, at) + (c == '9' ? '8' : (char) (c + 1)) + line.substring(at + 1));
    Path tampered = dir.resolve("tampered.jsonl");
    Files.writeString(tampered, String.join("\n", lines) + "\n");

    Cli.Result r = Cli.run("ledger", "verify", tampered.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(LexeconCli.FAILURE);
    JsonNode v = Json.parse(r.out(), "output");
    assertThat(v.get("valid").asBoolean()).isFalse();
    assertThat(v.get("failure").get("seq").asLong()).isEqualTo(3);
    assertThat(v.get("failure").get("kind").asText()).isEqualTo("hash_mismatch");
    assertThat(r.err()).startsWith("lexecon: " + tampered + ": verification FAILED at seq 3 (HASH_MISMATCH)");
  }

  @Test
  @DisplayName("verify with a pinned key that did not sign the ledger fails, even though the ledger is consistent")
  void untrustedKey() throws IOException {
    String other = dev.lexecon.ledger.NoteSigner.generate("someone-else").verifier().encoded();
    Cli.Result r = Cli.run("ledger", "verify", EXPORT.toString(), "--trust", other);
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(Json.parse(r.out(), "output").get("failure").get("kind").asText())
        .isEqualTo("bad_checkpoint_signature");
  }

  @Test
  @DisplayName("verify checks a SQLite ledger, and names the first rewritten entry when one was changed in the database")
  void verifySqlite() throws IOException, SQLException {
    Path db = sqliteLedger();
    Cli.Result ok = Cli.run("ledger", "verify", db.toString());
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(Json.parse(ok.out(), "output").get("format").asText()).isEqualTo("sqlite");

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      byte[] entry;
      try (PreparedStatement read = c.prepareStatement("SELECT entry FROM ledger_entries WHERE seq = 2");
          ResultSet rs = read.executeQuery()) {
        rs.next();
        entry = rs.getBytes(1);
      }
      String text = new String(entry, StandardCharsets.UTF_8).replace("\"approved\"", "\"denied\"");
      try (PreparedStatement write = c.prepareStatement("UPDATE ledger_entries SET entry = ? WHERE seq = 2")) {
        write.setBytes(1, text.getBytes(StandardCharsets.UTF_8));
        assertThat(write.executeUpdate()).isEqualTo(1);
      }
    }
    Cli.Result bad = Cli.run("ledger", "verify", db.toString());
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(LexeconCli.FAILURE);
    assertThat(Json.parse(bad.out(), "output").get("failure").get("seq").asLong()).isEqualTo(2);
    assertThat(bad.err()).contains("verification FAILED at seq 2");
  }

  @Test
  @DisplayName("verify of a missing file exits 1 without creating it")
  void missing() {
    Path nope = dir.resolve("nope.db");
    Cli.Result r = Cli.run("ledger", "verify", nope.toString());
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.err()).contains("no such file");
    assertThat(nope).doesNotExist();
  }

  @Test
  @DisplayName("verify of a file that is no ledger at all fails with exit 1 and says why")
  void notALedger() throws IOException {
    Path junk = dir.resolve("notes.txt");
    Files.writeString(junk, "hello\n");
    Cli.Result r = Cli.run("ledger", "verify", junk.toString());
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(Json.parse(r.out(), "output").get("format").asText()).isEqualTo("unknown");
    assertThat(r.err()).contains("is not a SQLite ledger, a ledger export or an audit export")
        .contains("no lexecon-audit-manifest found");
  }

  @ParameterizedTest(name = "entry_{0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  @DisplayName("proof reproduces the published inclusion proof of every vector entry under the export's signed checkpoint")
  void proofVectors(int seq) throws IOException {
    Cli.Result r = Cli.run("ledger", "proof", "entry_" + seq, "--ledger", EXPORT.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode proof = Json.parse(r.out(), "output");
    JsonNode expected = Json.parse(Files.readString(VECTORS.resolve("proofs.json")), "proofs.json")
        .get("inclusion").get(seq);
    assertThat(proof.get("seq").asLong()).isEqualTo(seq);
    assertThat(proof.get("tree_size").asLong()).isEqualTo(expected.get("tree_size").asLong());
    assertThat(proof.get("entry_hash")).isEqualTo(expected.get("entry_hash"));
    assertThat(proof.get("leaf_hash")).isEqualTo(expected.get("leaf_hash"));
    assertThat(proof.get("path")).isEqualTo(expected.get("path"));
    assertThat(proof.get("root_hash").asText())
        .isEqualTo("e7ed4fad2333070ceb4aa6e615fd5125a0ec743e7036b188aebfd98dac90c049");
    assertThat(proof.get("checkpoint").asText()).startsWith("lexecon.dev/ledger/ledger_VECTORS\n7\n");
    assertThat(proof.get("verified").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("proof --tree-size proves to an earlier size and attaches the checkpoint entry signed at that size")
  void proofTreeSize() {
    Cli.Result r = Cli.run("ledger", "proof", "2", "--ledger", EXPORT.toString(), "--tree-size", "5");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode proof = Json.parse(r.out(), "output");
    assertThat(proof.get("tree_size").asLong()).isEqualTo(5);
    assertThat(proof.get("checkpoint").asText()).startsWith("lexecon.dev/ledger/ledger_VECTORS\n5\n");
    assertThat(proof.get("verified").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("proof from a SQLite ledger anchors to the newest checkpoint that covers the entry")
  void proofSqlite() throws IOException {
    Path db = sqliteLedger();
    // entries: genesis, policy_loaded, decision (2), checkpoint (3); then each run announces its
    // generated key: key_rotated, policy_loaded, decision, checkpoint
    Cli.Result r = Cli.run("ledger", "proof", "entry_2", "--ledger", db.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode proof = Json.parse(r.out(), "output");
    assertThat(proof.get("event_type").asText()).isEqualTo("decision");
    assertThat(proof.get("checkpoint").isNull()).isFalse();
    // the newest checkpoint (the third run's) covers it
    assertThat(proof.get("tree_size").asLong()).isEqualTo(11);
    assertThat(proof.get("checkpoint").asText()).contains("\n11\n");
    assertThat(proof.get("verified").asBoolean()).isTrue();
    assertThat(r.err()).isEmpty();
  }

  @Test
  @DisplayName("proof of an entry the ledger does not hold exits 1; a malformed entry id exits 2")
  void proofErrors() {
    Cli.Result missing = Cli.run("ledger", "proof", "entry_99", "--ledger", EXPORT.toString());
    assertThat(missing.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(missing.err()).contains("has no entry_99 (it holds 7 entries)");
    Cli.Result malformed = Cli.run("ledger", "proof", "dec_123", "--ledger", EXPORT.toString());
    assertThat(malformed.exitCode()).isEqualTo(LexeconCli.USAGE);
    Cli.Result noLedger = Cli.run("ledger", "proof", "entry_1");
    assertThat(noLedger.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(noLedger.err()).contains("no ledger");
  }
}

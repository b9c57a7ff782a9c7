package dev.lexecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("lexecon init")
class InitCommandTest {
  @TempDir Path dir;

  @Test
  @DisplayName("writes a finance project whose policy validates and whose sample request is approved in market hours")
  void finance() throws IOException {
    Path project = dir.resolve("desk");
    Cli.Result r = Cli.run("init", "--domain", "finance", "--dir", project.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines()).containsExactly(
        project.resolve("policy.json").toString(),
        project.resolve("lexecon.json").toString(),
        project.resolve("checkpoint.key").toString(),
        project.resolve("checkpoint.pub").toString(),
        project.resolve("request.json").toString());
    assertThat(r.err()).contains("template prevent_flash_crash of the finance plugin")
        .contains("lexecon decide");
    assertThat(Files.readString(project.resolve("lexecon.json")))
        .contains("\"domains\": [\n    \"finance\"\n  ]").contains("\"ledger\": \"ledger.db\"");
    assertThat(Files.readString(project.resolve("checkpoint.key"))).startsWith("PRIVATE+KEY+lexecon-cli+");
    assertThat(Files.readString(project.resolve("checkpoint.pub"))).startsWith("lexecon-cli+");

    Cli.Result valid = Cli.run("policy", "validate", project.resolve("policy.json").toString());
    assertThat(valid.exitCode()).as(valid.toString()).isZero();

    Cli.Result decided = Cli.run("decide", project.resolve("request.json").toString(),
        "--config", project.resolve("lexecon.json").toString(), "--at", "2026-03-03T15:00:00Z");
    assertThat(decided.exitCode()).as(decided.toString()).isZero();
    assertThat(decided.out()).contains("\"outcome\": \"approved\"");
    assertThat(project.resolve("ledger.db")).exists();
  }

  @Test
  @DisplayName("keeps the checkpoint key readable by its owner only, where the file system has permissions")
  void secretKey() throws IOException {
    Cli.run("init", "--dir", dir.toString());
    Path key = dir.resolve("checkpoint.key");
    if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(key))
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
  }

  @Test
  @DisplayName("without --domain writes a small agent tool policy and a request it approves")
  void general() {
    Cli.Result r = Cli.run("init", "--dir", dir.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Cli.Result decided = Cli.run("decide", dir.resolve("request.json").toString(),
        "--config", dir.resolve("lexecon.json").toString());
    assertThat(decided.exitCode()).as(decided.toString()).isZero();
    assertThat(decided.out()).contains("\"rule_id\": \"read_kb\"");
  }

  @Test
  @DisplayName("starts a healthcare project from the clinical decision support template")
  void healthcare() {
    Cli.Result r = Cli.run("init", "--domain", "healthcare", "--dir", dir.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Cli.Result decided = Cli.run("decide", dir.resolve("request.json").toString(),
        "--config", dir.resolve("lexecon.json").toString());
    assertThat(decided.exitCode()).as(decided.toString()).isZero();
    assertThat(decided.out()).contains("\"policy_id\": \"healthcare.clinical_decision_support\"");
  }

  @Test
  @DisplayName("starts from the template named by --template")
  void template() throws IOException {
    Cli.Result r = Cli.run("init", "--domain", "finance", "--template", "position_limits",
        "--dir", dir.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readString(dir.resolve("policy.json"))).contains("finance.position_limits");
  }

  @Test
  @DisplayName("leaves existing files alone and exits 1 unless --force, which replaces them")
  void noOverwrite() throws IOException {
    Files.writeString(dir.resolve("policy.json"), "mine");
    Cli.Result r = Cli.run("init", "--dir", dir.toString());
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.err()).contains("not overwriting").contains("policy.json").contains("--force");
    assertThat(Files.readString(dir.resolve("policy.json"))).isEqualTo("mine");
    assertThat(dir.resolve("lexecon.json")).doesNotExist();

    Cli.Result forced = Cli.run("init", "--dir", dir.toString(), "--force");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(Files.readString(dir.resolve("policy.json"))).contains("\"policy_id\"");
  }

  @Test
  @DisplayName("names the available domains and templates when asked for one that does not exist")
  void unknown() {
    Cli.Result domain = Cli.run("init", "--domain", "astrology", "--dir", dir.toString());
    assertThat(domain.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(domain.err()).contains("unknown domain 'astrology'").contains("finance, healthcare");

    Cli.Result template = Cli.run("init", "--domain", "finance", "--template", "moon", "--dir", dir.toString());
    assertThat(template.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(template.err()).contains("no template 'moon'").contains("position_limits");

    Cli.Result orphan = Cli.run("init", "--template", "position_limits", "--dir", dir.toString());
    assertThat(orphan.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(orphan.err()).contains("--template needs --domain");
  }
}

package dev.lexecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("lexecon policy")
class PolicyCommandTest {
  static final String VALID = """
      {"policy_id": "tools", "version": "1", "mode": "strict",
       "terms": [{"term_id": "actor:agent", "term_type": "actor", "value": "agent:*"},
                 {"term_id": "tool:search", "term_type": "tool"}],
       "relations": [{"relation_id": "r1", "relation_type": "permits",
                      "source_term_id": "actor:agent", "target_term_id": "tool:search"}]}
      """;

  @TempDir Path dir;

  private String file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  @DisplayName("validate accepts a valid policy with exit 0 and a summary naming id, version and hash")
  void valid() throws IOException {
    String f = file("ok.json", VALID);
    Cli.Result r = Cli.run("policy", "validate", f);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).matches("\\Q" + f + "\\E: valid, policy tools version 1, sha256:[0-9a-f]{64}, 0 warnings\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  @DisplayName("validate reports every error with its JSON path on stdout and exits 1")
  void errors() throws IOException {
    String f = file("bad.json", VALID.replace("\"target_term_id\": \"tool:search\"", "\"target_term_id\": \"tool:nope\"")
        .replace("\"mode\": \"strict\"", "\"mode\": \"sloppy\""));
    Cli.Result r = Cli.run("policy", "validate", f);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.out()).contains("error $.relations[0].target_term_id: ").contains("tool:nope")
        .contains("error $.mode: ").contains(f + ": invalid, 2 errors");
    assertThat(r.err()).contains("is not a valid policy");
  }

  @Test
  @DisplayName("validate reports warnings with their paths and still exits 0, or 1 with --fail-on-warnings")
  void warnings() throws IOException {
    String f = file("warn.json", VALID.replace("\"mode\": \"strict\",", ""));
    Cli.Result r = Cli.run("policy", "validate", f);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("warning $.mode: missing").contains("1 warning\n");
    assertThat(Cli.run("policy", "validate", "--fail-on-warnings", f).exitCode()).isEqualTo(LexeconCli.FAILURE);
  }

  @Test
  @DisplayName("validate --json prints one object with valid, errors and warnings")
  void json() throws IOException {
    String f = file("bad.json", VALID.replace("tool:search\"}]}", "tool:gone\"}]}"));
    Cli.Result r = Cli.run("policy", "validate", "--json", f);
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    var result = Json.parse(r.out(), "output");
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("errors").get(0).get("path").asText()).isEqualTo("$.relations[0].target_term_id");

    Cli.Result ok = Cli.run("policy", "validate", "--json", file("ok.json", VALID));
    var good = Json.parse(ok.out(), "output");
    assertThat(good.get("valid").asBoolean()).isTrue();
    assertThat(good.get("policy_hash").asText()).hasSize(64);
  }

  @Test
  @DisplayName("validate says where a file that is not JSON breaks, and reads standard input for -")
  void notJson() throws IOException {
    Cli.Result r = Cli.run("policy", "validate", file("broken.json", "{\"policy_id\": \"x\",\n  oops}"));
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.out()).contains("error $: not valid JSON").contains("line 2");

    Cli.Result stdin = Cli.runWithInput(VALID, "policy", "validate", "-");
    assertThat(stdin.exitCode()).as(stdin.toString()).isZero();
    assertThat(stdin.out()).startsWith("-: valid");
  }

  @Test
  @DisplayName("validate on a missing file exits 1 with the reason on stderr and nothing on stdout")
  void missing() {
    Cli.Result r = Cli.run("policy", "validate", dir.resolve("nope.json").toString());
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("cannot read policy file").contains("no such file");
  }

  @Test
  @DisplayName("load --template prints a template that loads back as the same policy")
  void template() {
    Cli.Result r = Cli.run("policy", "load", "--template", "position_limits");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(PolicyLoader.parse(r.out()).policy().policyId()).isEqualTo("finance.position_limits");
  }

  @Test
  @DisplayName("load --template --output writes the file, and will not overwrite it without --force")
  void templateToFile() throws IOException {
    Path out = dir.resolve("p/policy.json");
    Cli.Result r = Cli.run("policy", "load", "--template", "clinical_decision_support", "-o", out.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(out + "\n");
    assertThat(Files.readString(out)).contains("cds_never_prescribes");
    assertThat(Cli.run("policy", "load", "--template", "position_limits", "-o", out.toString()).exitCode())
        .isEqualTo(LexeconCli.FAILURE);
    assertThat(Cli.run("policy", "load", "--template", "position_limits", "-o", out.toString(), "--force")
        .exitCode()).isZero();
  }

  @Test
  @DisplayName("load of a file prints it normalised; an invalid one exits 1 with its errors")
  void loadFile() throws IOException {
    Cli.Result r = Cli.run("policy", "load", file("ok.json", VALID));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"policy_id\"").contains("\"relation_type\"");
    Cli.Result bad = Cli.run("policy", "load", file("bad.json", "{}"));
    assertThat(bad.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(bad.err()).contains("$.policy_id");
  }

  @Test
  @DisplayName("load wants exactly one of --template and a file (exit 2), and names the templates it knows")
  void loadUsage() throws IOException {
    assertThat(Cli.run("policy", "load").exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(Cli.run("policy", "load", "--template", "position_limits", file("ok.json", VALID)).exitCode())
        .isEqualTo(LexeconCli.USAGE);
    Cli.Result unknown = Cli.run("policy", "load", "--template", "moon");
    assertThat(unknown.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(unknown.err()).contains("unknown template 'moon'").contains("prevent_flash_crash");
  }
}

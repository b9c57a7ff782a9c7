package dev.lexecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("lexecon domains")
class DomainsCommandTest {
  @Test
  @DisplayName("list prints the shipped plugins with their actions and templates as JSON")
  void list() {
    Cli.Result r = Cli.run("domains", "list");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    var plugins = Json.parse(r.out(), "output");
    assertThat(plugins.isArray()).isTrue();
    assertThat(plugins.findValuesAsText("name")).containsExactly("finance", "healthcare");
    assertThat(plugins.get(0).get("templates").toString()).contains("prevent_flash_crash", "position_limits");
    assertThat(plugins.get(1).get("actions").toString()).contains("access_phi", "prescribe_medication");
  }

  @Test
  @DisplayName("info describes one plugin: frameworks, weights, templates and compliance mappings")
  void info() {
    Cli.Result r = Cli.run("domains", "info", "finance");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    var finance = Json.parse(r.out(), "output");
    assertThat(finance.get("domain").asText()).isEqualTo("finance");
    assertThat(finance.get("compliance_frameworks").toString()).contains("MiFID II", "SEC Rule 613");
    assertThat(finance.get("risk_weights").get("financial").asDouble()).isEqualTo(0.30);
    assertThat(finance.get("compliance_mappings").size()).isPositive();
  }

  @Test
  @DisplayName("info on an unknown domain exits 1 and lists the known ones on stderr")
  void unknown() {
    Cli.Result r = Cli.run("domains", "info", "astrology");
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("lexecon: unknown domain 'astrology'; available: finance, healthcare\n");
  }
}

package dev.lexecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("lexecon decide")
class DecideCommandTest {
  /** 10:00 in New York: the market is open. */
  static final String OPEN = "2026-03-03T15:00:00Z";
  /** 16:30 in New York: after the closing bell. */
  static final String CLOSED = "2026-03-03T21:30:00Z";

  static final String ORDER = """
      {"actor": "trading_algorithm:momentum-1", "action": "place_order",
       "context": {"position_after_order": 6000, "position_limit": 20000},
       "arguments": {"symbol": "ACME", "quantity": 1000, "price": 101.25}}
      """;

  @TempDir Path dir;
  String policy;

  @BeforeEach
  void positionLimits() {
    policy = dir.resolve("policy.json").toString();
    assertThat(Cli.run("policy", "load", "--template", "position_limits", "-o", policy).exitCode()).isZero();
  }

  private String request(String json) throws IOException {
    Path p = Files.createTempFile(dir, "request", ".json");
    Files.writeString(p, json);
    return p.toString();
  }

  private static JsonNode decision(Cli.Result r) {
    return Json.parse(r.out(), "output");
  }

  @Test
  @DisplayName("prints an approved order as JSON with allowed true and exits 0; the policy's domain brings the finance plugin")
  void approved() throws IOException {
    Cli.Result r = Cli.run("decide", request(ORDER), "--policy", policy, "--at", OPEN);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode d = decision(r);
    assertThat(d.get("outcome").asText()).isEqualTo("approved");
    assertThat(d.get("allowed").asBoolean()).isTrue();
    assertThat(d.get("decision_id").asText()).startsWith("dec_");
    assertThat(d.get("policy_id").asText()).isEqualTo("finance.position_limits");
    assertThat(d.get("evaluated_at").asText()).isEqualTo("2026-03-03T15:00:00.000000Z");
    assertThat(d.get("ledger_entry_id").asText()).isEqualTo("entry_2");
    assertThat(r.err()).isEmpty();
  }

  @Test
  @DisplayName("denies the same order after 16:00 New York time, naming the trading-hours rule, exit 3")
  void afterHours() throws IOException {
    Cli.Result r = Cli.run("decide", request(ORDER), "--policy", policy, "--at", CLOSED);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(LexeconCli.NOT_ALLOWED);
    JsonNode d = decision(r);
    assertThat(d.get("outcome").asText()).isEqualTo("denied");
    assertThat(d.get("allowed").asBoolean()).isFalse();
    assertThat(d.get("reasons").findValuesAsText("rule_id")).contains("finance.trading_hours");
  }

  @Test
  @DisplayName("denies an order above USD 10,000,000 by the order value limit")
  void orderValueLimit() throws IOException {
    String big = ORDER.replace("\"quantity\": 1000", "\"quantity\": 120000");
    Cli.Result r = Cli.run("decide", request(big), "--policy", policy, "--at", OPEN);
    assertThat(r.exitCode()).isEqualTo(LexeconCli.NOT_ALLOWED);
    assertThat(decision(r).get("reasons").findValuesAsText("rule_id")).contains("finance.order_value_limit");
  }

  @Test
  @DisplayName("escalates a rebalance for human approval, exit 3 with the obligation in the JSON")
  void rebalance() throws IOException {
    Cli.Result r = Cli.run("decide", request("""
        {"actor": "portfolio_manager:alice", "action": "rebalance_portfolio"}"""),
        "--policy", policy, "--at", OPEN);
    assertThat(r.exitCode()).isEqualTo(LexeconCli.NOT_ALLOWED);
    JsonNode d = decision(r);
    assertThat(d.get("outcome").asText()).isEqualTo("escalated");
    assertThat(d.get("obligations").toString()).contains("human_approval");
  }

  @Test
  @DisplayName("reads the request from standard input for -")
  void stdin() {
    Cli.Result r = Cli.runWithInput(ORDER, "decide", "-", "--policy", policy, "--at", OPEN);
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  @DisplayName("rejects an invalid request with exit 1, listing every bad member on stderr and nothing on stdout")
  void invalidRequest() throws IOException {
    Cli.Result r = Cli.run("decide", request("""
        {"action": "place_order", "risk_level": 9, "contxt": {}, "data_classes": "pii"}"""),
        "--policy", policy);
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("is not a valid request")
        .contains("  actor: is required")
        .contains("  contxt: is not a request member")
        .contains("  data_classes: must be an array")
        .contains("  risk_level: is 9");
  }

  @Test
  @DisplayName("rejects a request its domain finds malformed (a quantity written as a string) with exit 1")
  void domainMalformed() throws IOException {
    Cli.Result r = Cli.run("decide", request(ORDER.replace("\"quantity\": 1000", "\"quantity\": \"1000\"")),
        "--policy", policy, "--at", OPEN);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.err()).contains("args.quantity");
  }

  @Test
  @DisplayName("rejects a duplicated member instead of letting the second one win")
  void duplicateMember() throws IOException {
    Cli.Result r = Cli.run("decide", request("""
        {"actor": "trading_algorithm:a", "actor": "portfolio_manager:b", "action": "place_order"}"""),
        "--policy", policy);
    assertThat(r.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(r.err()).contains("Duplicate field 'actor'");
  }

  @Test
  @DisplayName("needs a policy (exit 2), and an invalid one is refused with exit 1")
  void policyRequired() throws IOException {
    Cli.Result none = Cli.run("decide", request(ORDER));
    assertThat(none.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(none.err()).contains("no policy");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"version\": \"1\"}");
    Cli.Result invalid = Cli.run("decide", request(ORDER), "--policy", bad.toString());
    assertThat(invalid.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(invalid.err()).contains("is not a valid policy").contains("lexecon policy validate");
  }

  @Test
  @DisplayName("refuses an --at that is not an RFC 3339 instant, and an unknown --domain")
  void badOptions() throws IOException {
    Cli.Result at = Cli.run("decide", request(ORDER), "--policy", policy, "--at", "tomorrow");
    assertThat(at.exitCode()).isEqualTo(LexeconCli.USAGE);
    assertThat(at.err()).contains("'tomorrow' is not an RFC 3339 instant");
    Cli.Result domain = Cli.run("decide", request(ORDER), "--policy", policy, "--domain", "astrology");
    assertThat(domain.exitCode()).isEqualTo(LexeconCli.FAILURE);
    assertThat(domain.err()).contains("unknown domain 'astrology'");
  }

  @Test
  @DisplayName("with --ledger records every decision in the SQLite file, each covered by a checkpoint the key signs")
  void ledger() throws IOException {
    Path db = dir.resolve("ledger.db");
    Path key = dir.resolve("checkpoint.key");
    Path pub = dir.resolve("checkpoint.pub");
    dev.lexecon.ledger.NoteSigner signer = dev.lexecon.ledger.NoteSigner.generate("desk");
    Files.writeString(key, signer.encodedPrivateKey());
    Files.writeString(pub, signer.verifier().encoded());

    String order = request(ORDER);
    Cli.Result first = Cli.run("decide", order, "--policy", policy, "--ledger", db.toString(),
        "--key", key.toString(), "--at", OPEN);
    Cli.Result second = Cli.run("decide", order, "--policy", policy, "--ledger", db.toString(),
        "--key", key.toString(), "--at", CLOSED);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(LexeconCli.NOT_ALLOWED);
    // genesis, policy_loaded, decision, checkpoint; then policy_loaded, decision, checkpoint
    assertThat(decision(first).get("ledger_entry_id").asText()).isEqualTo("entry_2");
    assertThat(decision(second).get("ledger_entry_id").asText()).isEqualTo("entry_5");

    Cli.Result verified = Cli.run("ledger", "verify", db.toString(), "--trust", pub.toString());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(Json.parse(verified.out(), "output").get("checkpoints_verified").asInt()).isEqualTo(2);
  }

  @Test
  @DisplayName("takes policy, domains, ledger and key from --config, with paths relative to the file")
  void config() throws IOException {
    Path project = dir.resolve("project");
    assertThat(Cli.run("init", "--domain", "finance", "--template", "position_limits",
        "--dir", project.toString()).exitCode()).isZero();
    Cli.Result r = Cli.run("decide", request(ORDER), "--config", project.resolve("lexecon.json").toString(),
        "--at", OPEN);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(project.resolve("ledger.db")).exists();
    Cli.Result verified = Cli.run("ledger", "verify", project.resolve("ledger.db").toString(),
        "--trust", project.resolve("checkpoint.pub").toString());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
  }
}

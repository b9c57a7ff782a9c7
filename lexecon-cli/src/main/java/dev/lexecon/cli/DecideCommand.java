package dev.lexecon.cli;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.domain.Domains;
import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import dev.lexecon.policy.LoadedPolicy;
import dev.lexecon.policy.PolicyLoader;
import dev.lexecon.token.DecisionJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexecon decide <request.json>}: one decision, printed as JSON. */
@Command(
    name = "decide",
    mixinStandardHelpOptions = true,
    description = {
      "Decides one request and prints the decision as JSON.",
      "Decides one request (JSON: actor, action, tool, user_intent, data_classes, risk_level,"
          + " resource, mode, request_id, context, arguments) under a policy and prints the"
          + " decision as JSON: outcome, allowed, reasons with the rule ids that determined them,"
          + " obligations, policy hash and the ledger entry that records it.",
      "With --ledger the decision is appended to that SQLite ledger file (created if missing),"
          + " followed by a checkpoint signed with --key that covers it (unless --no-checkpoint);"
          + " without --ledger the ledger lives in memory and is gone when the command ends.",
      "Domain plugins come from --domain, the project file, and the policy's own \"domain\""
          + " member (templates name their plugin).",
      "Exit code 0 when the decision is APPROVED, 3 when it is not (DENIED, ESCALATED,"
          + " CONDITIONAL: the decision is still printed), 1 when the request or policy is"
          + " invalid."
    })
final class DecideCommand implements Callable<Integer> {
  @Spec private @Nullable CommandSpec spec;

  @Parameters(paramLabel = "REQUEST", description = "Request file, or - for standard input.")
  private String request = "";

  @Option(names = {"-p", "--policy"}, paramLabel = "FILE", description = "Policy file (or from --config).")
  private @Nullable Path policy;

  @Option(names = "--domain", paramLabel = "NAME",
      description = "Register a domain plugin, for example finance; repeatable.")
  private List<String> domains = new ArrayList<>();

  @Option(names = {"-l", "--ledger"}, paramLabel = "DB", description = "SQLite ledger file to record the decision in.")
  private @Nullable Path ledger;

  @Option(names = "--key", paramLabel = "FILE",
      description = "Checkpoint signing key (from 'lexecon init'). Without one, a key is generated"
          + " and announced in the ledger on every run.")
  private @Nullable Path key;

  @Option(names = "--no-checkpoint",
      description = "With --ledger: do not sign a checkpoint after the decision.")
  private boolean noCheckpoint;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "Engine mode overriding the policy's: ${COMPLETION-CANDIDATES}.")
  private @Nullable PolicyMode mode;

  @Option(names = "--at", paramLabel = "INSTANT",
      description = "Decide as if the time were INSTANT (RFC 3339, for example"
          + " 2026-03-02T15:30:00Z) instead of now: trading hours, timestamps.")
  private @Nullable String at;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Project file (lexecon.json) giving defaults for --policy, --domain, --ledger and --key.")
  private @Nullable Path config;

  @Override
  public Integer call() {
    LexeconCli.Terminal terminal = LexeconCli.terminal(Objects.requireNonNull(spec));
    ProjectConfig project = ProjectConfig.read(config, terminal);
    Path policyFile = policy != null ? policy : project.policy();
    if (policyFile == null) {
      throw CliException.usage("no policy: give --policy FILE or --config FILE");
    }
    Path ledgerFile = ledger != null ? ledger : project.ledger();
    Path keyFile = key != null ? key : project.checkpointKey();
    Clock clock = Clock.systemUTC();
    if (at != null) {
      try {
        clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw CliException.usage("--at: '" + at + "' is not an RFC 3339 instant such as 2026-03-02T15:30:00Z");
      }
    }

    DecisionRequest decisionRequest;
    String source = "-".equals(request) ? "the request on standard input" : "request file " + request;
    try {
      decisionRequest = RequestJson.parse(Json.parse(Json.readText(request, terminal, "request file"), source));
    } catch (InvalidRequestException e) {
      throw CliException.failure(describe(source, e));
    }
    LoadedPolicy loaded = load(policyFile, terminal);

    Set<String> names = new LinkedHashSet<>(domains);
    names.addAll(project.domains());
    if (loaded.policy().extensions().get("domain") instanceof String d) {
      names.add(d);
    }
    List<DomainPlugin> available = Domains.discover();
    Lexecon.Builder builder = Lexecon.builder().policy(loaded).clock(clock).durability(Durability.SYNC);
    for (String name : names) {
      builder.domain(Domains.find(available, name).orElseThrow(() ->
          CliException.failure("unknown domain '" + name + "'; available: " + DomainsCommand.names(available))));
    }
    if (mode != null) {
      builder.mode(mode);
    }
    if (keyFile != null) {
      builder.checkpointSigner(Keys.signer(keyFile));
    }
    SqliteLedgerStorage storage = ledgerFile == null ? null : SqliteLedgerStorage.open(ledgerFile);
    Lexecon engine;
    try {
      if (storage != null) {
        builder.ledger(storage);
      }
      engine = builder.build();
    } catch (RuntimeException e) {
      if (storage != null) {
        storage.close();
      }
      throw e;
    }
    Decision decision;
    try (Lexecon lexecon = engine) {
      decision = lexecon.decide(decisionRequest);
      if (ledgerFile != null && !noCheckpoint) {
        // Each run is its own process: signing now leaves every decision the tool recorded covered
        // by a checkpoint, so 'ledger verify --trust' and 'ledger proof' have a signature to anchor to.
        lexecon.ledger().checkpoint();
      }
    } catch (InvalidRequestException e) {
      // a domain plugin found the request malformed for its domain
      throw CliException.failure(describe(source, e));
    }
    PrintWriter out = terminal.out();
    Json.print(out, json(decision));
    return decision.allowed() ? LexeconCli.OK : LexeconCli.NOT_ALLOWED;
  }

  /**
   * The decision's JSON form with the derived {@code allowed} flag after the outcome, and the
   * capability token (its {@code cap_} text) when one was issued.
   */
  static Map<String, Object> json(Decision decision) {
    Map<String, Object> m = new LinkedHashMap<>();
    DecisionJson.toJson(decision).forEach((k, v) -> {
      m.put(k, v);
      if (k.equals("outcome")) {
        m.put("allowed", decision.allowed());
      }
    });
    if (decision.token() != null) {
      m.put("token", decision.token().value());
    }
    return m;
  }

  private static LoadedPolicy load(Path file, LexeconCli.Terminal terminal) {
    String text = Json.readText(file.toString(), terminal, "policy file");
    try {
      return PolicyLoader.parse(text);
    } catch (dev.lexecon.api.InvalidPolicyException e) {
      throw CliException.failure(file + " is not a valid policy: " + e.getMessage().replaceFirst("^invalid policy ", "")
          + " (run 'lexecon policy validate " + file + "')");
    }
  }

  private static String describe(String source, InvalidRequestException e) {
    StringBuilder b = new StringBuilder(source + " is not a valid request:");
    for (FieldViolation v : e.violations()) {
      b.append("\n  ").append(v.field()).append(": ").append(v.message());
    }
    return b.toString();
  }
}

package dev.lexecon.cli;

import dev.lexecon.api.InvalidPolicyException;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.api.policy.PolicyIssue;
import dev.lexecon.domain.Domains;
import dev.lexecon.policy.LoadedPolicy;
import dev.lexecon.policy.PolicyEngine;
import dev.lexecon.policy.PolicyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lexecon policy}: validate a policy file, print a template or a normalised policy. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Validates and loads policies in the reference JSON format (docs/policy-language.md).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {PolicyCommand.ValidateCommand.class, PolicyCommand.LoadCommand.class})
final class PolicyCommand implements Callable<Integer> {
  @Spec private @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    Objects.requireNonNull(spec).commandLine().usage(LexeconCli.terminal(spec).err());
    return LexeconCli.USAGE;
  }

  /** {@code lexecon policy validate <file>}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Validates a policy file; prints errors and warnings with JSON paths.",
        "Checks a policy file as Lexecon loads it: syntax, dangling and duplicate ids, condition"
            + " syntax, unreachable, shadowed and contradictory relations.",
        "Prints one line per problem, 'error <json path>: <message>' or 'warning <json path>:"
            + " <message>', then a summary line; --json prints one JSON object instead.",
        "Exit code 1 when the policy has errors (it would not load), 0 otherwise. When there are"
            + " errors, warnings are not reported: fix the errors first."
      })
  static final class ValidateCommand implements Callable<Integer> {
    @Spec private @Nullable CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Policy file, or - for standard input.")
    private String file = "";

    @Option(names = "--json", description = "Print the result as one JSON object.")
    private boolean json;

    @Option(names = "--fail-on-warnings", description = "Exit with 1 when there are warnings too.")
    private boolean failOnWarnings;

    @Override
    public Integer call() {
      LexeconCli.Terminal terminal = LexeconCli.terminal(Objects.requireNonNull(spec));
      String text = Json.readText(file, terminal, "policy file");
      LoadedPolicy loaded = null;
      List<PolicyIssue> issues;
      try {
        loaded = PolicyLoader.parse(text);
        issues = loaded.warnings();
      } catch (InvalidPolicyException e) {
        issues = e.errors();
      }
      boolean valid = loaded != null;
      PrintWriter out = terminal.out();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("valid", valid);
        if (loaded != null) {
          m.put("policy_id", loaded.policy().policyId());
          m.put("version", loaded.policy().version());
          m.put("policy_hash", PolicyEngine.compile(loaded, null).policyHash());
        }
        m.put("errors", issues(issues, PolicyIssue.Severity.ERROR));
        m.put("warnings", issues(issues, PolicyIssue.Severity.WARNING));
        Json.print(out, m);
      } else {
        for (PolicyIssue i : issues) {
          out.println(i.severity().name().toLowerCase(Locale.ROOT) + " " + i.path() + ": " + i.message());
        }
        long warnings = issues.stream().filter(i -> i.severity() == PolicyIssue.Severity.WARNING).count();
        if (loaded != null) {
          out.println(file + ": valid, policy " + loaded.policy().policyId() + " version "
              + loaded.policy().version() + ", sha256:" + PolicyEngine.compile(loaded, null).policyHash()
              + ", " + plural(warnings, "warning"));
        } else {
          out.println(file + ": invalid, " + plural(issues.size(), "error"));
        }
        out.flush();
      }
      if (!valid) {
        terminal.err().println("lexecon: " + file + " is not a valid policy ("
            + plural(issues.size(), "error") + ")");
        return LexeconCli.FAILURE;
      }
      return failOnWarnings && !issues.isEmpty() ? LexeconCli.FAILURE : LexeconCli.OK;
    }

    private static List<Object> issues(List<PolicyIssue> issues, PolicyIssue.Severity severity) {
      List<Object> out = new ArrayList<>();
      for (PolicyIssue i : issues) {
        if (i.severity() == severity) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("path", i.path());
          m.put("message", i.message());
          out.add(m);
        }
      }
      return out;
    }

    private static String plural(long n, String word) {
      return n + " " + word + (n == 1 ? "" : "s");
    }
  }

  /** {@code lexecon policy load --template <name>} or {@code lexecon policy load <file>}. */
  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a domain template or a policy file as Lexecon loads it.",
        "Prints a policy as Lexecon loads it, in the canonical JSON form: a domain plugin's"
            + " template (--template, see 'lexecon domains info'), or a policy file, whose"
            + " reference-format aliases come out normalised.",
        "Writes to --output instead of standard output when given. Exit code 1 when the policy"
            + " does not load."
      })
  static final class LoadCommand implements Callable<Integer> {
    @Spec private @Nullable CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source = new Source();

    static final class Source {
      @Option(names = "--template", paramLabel = "NAME", description = "A template name, for example position_limits.")
      @Nullable String template;

      @Parameters(paramLabel = "FILE", description = "A policy file, or - for standard input.")
      @Nullable String file;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the policy here.")
    private @Nullable Path output;

    @Option(names = "--force", description = "Overwrite --output if it exists.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
      LexeconCli.Terminal terminal = LexeconCli.terminal(Objects.requireNonNull(spec));
      String json;
      if (source.template != null) {
        List<DomainPlugin> plugins = Domains.discover();
        PolicyTemplate t = Domains.template(plugins, source.template).orElseThrow(() ->
            CliException.failure("unknown template '" + source.template + "'; available: "
                + plugins.stream().flatMap(p -> p.templates().stream()).map(PolicyTemplate::name).toList()));
        json = PolicyLoader.toJson(t.policy()) + "\n";
      } else {
        String text = Json.readText(Objects.requireNonNull(source.file), terminal, "policy file");
        json = PolicyLoader.toJson(PolicyLoader.parse(text).policy()) + "\n";
      }
      if (output == null) {
        terminal.out().print(json);
        terminal.out().flush();
        return LexeconCli.OK;
      }
      if (Files.exists(output) && !force) {
        throw CliException.failure("not overwriting " + output + "; use --force to replace it");
      }
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, json, StandardCharsets.UTF_8);
      terminal.out().println(output);
      return LexeconCli.OK;
    }
  }
}

package dev.lexecon.cli;

import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.domain.Domains;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lexecon domains}: the domain plugins on the class path ({@code ServiceLoader}), which for
 * the released jar are the shipped finance and healthcare plugins.
 */
@Command(
    name = "domains",
    mixinStandardHelpOptions = true,
    description = "Lists and describes the domain plugins (finance, healthcare, any on the class path).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {DomainsCommand.ListCommand.class, DomainsCommand.InfoCommand.class})
final class DomainsCommand implements Callable<Integer> {
  @Spec private @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    Objects.requireNonNull(spec).commandLine().usage(LexeconCli.terminal(spec).err());
    return LexeconCli.USAGE;
  }

  static String names(List<DomainPlugin> plugins) {
    return String.join(", ", plugins.stream().map(p -> p.configuration().name()).toList());
  }

  /** {@code lexecon domains list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the domain plugins as JSON.",
        "One object per plugin: name, domain, description, actions and templates."
      })
  static final class ListCommand implements Callable<Integer> {
    @Spec private @Nullable CommandSpec spec;

    @Override
    public Integer call() {
      List<Object> out = new ArrayList<>();
      for (DomainPlugin p : Domains.discover()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.configuration().name());
        m.put("domain", p.configuration().domain().jsonName());
        m.put("description", p.configuration().description());
        m.put("actions", p.configuration().actionTypes().stream().map(a -> a.name()).toList());
        m.put("templates", p.templates().stream().map(PolicyTemplate::name).toList());
        out.add(m);
      }
      Json.print(LexeconCli.terminal(Objects.requireNonNull(spec)).out(), out);
      return LexeconCli.OK;
    }
  }

  /** {@code lexecon domains info <domain>}. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = {
        "Describes one domain plugin as JSON.",
        "Actor, action and resource types, compliance frameworks, risk weights, templates and"
            + " compliance mappings."
      })
  static final class InfoCommand implements Callable<Integer> {
    @Spec private @Nullable CommandSpec spec;

    @Parameters(paramLabel = "DOMAIN", description = "Plugin name, for example finance.")
    private String name = "";

    @Override
    public Integer call() {
      List<DomainPlugin> plugins = Domains.discover();
      DomainPlugin plugin = Domains.find(plugins, name).orElseThrow(() ->
          CliException.failure("unknown domain '" + name + "'; available: " + names(plugins)));
      Json.print(LexeconCli.terminal(Objects.requireNonNull(spec)).out(), Domains.describe(plugin));
      return LexeconCli.OK;
    }
  }
}

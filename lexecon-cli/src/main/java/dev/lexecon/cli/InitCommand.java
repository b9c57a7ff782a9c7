package dev.lexecon.cli;

import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.domain.Domains;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lexecon init}: a folder with a starter policy, a project file and a checkpoint key. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a project: a policy, a project file and a checkpoint key.",
      "Writes a starter project into a folder: policy.json (a domain template, or a small agent"
          + " tool policy without --domain), lexecon.json (the project file --config reads),"
          + " checkpoint.key (the secret Ed25519 key that signs ledger checkpoints; keep it"
          + " private), checkpoint.pub (its public half, for auditors) and request.json (a sample"
          + " request).",
      "Prints the paths written, one per line. Existing files are left alone unless --force."
    })
final class InitCommand implements Callable<Integer> {
  static final String POLICY = "policy.json";
  static final String KEY = "checkpoint.key";
  static final String PUBLIC_KEY = "checkpoint.pub";
  static final String REQUEST = "request.json";
  static final String LEDGER = "ledger.db";

  @Spec private @Nullable CommandSpec spec;

  @Option(names = "--domain", paramLabel = "NAME",
      description = "Domain plugin whose template starts the policy (see 'lexecon domains list').")
  private @Nullable String domain;

  @Option(names = "--template", paramLabel = "NAME",
      description = "Template of that domain to start from; its first template by default.")
  private @Nullable String template;

  @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".",
      description = "Folder to write into, created if missing (default: the current folder).")
  private Path dir = Path.of(".");

  @Option(names = "--key-name", paramLabel = "NAME", defaultValue = "lexecon-cli",
      description = "Name of the checkpoint key, written in every signature line (default: ${DEFAULT-VALUE}).")
  private String keyName = "lexecon-cli";

  @Option(names = "--force", description = "Overwrite files that exist (a new checkpoint key too).")
  private boolean force;

  @Override
  public Integer call() throws IOException {
    LexeconCli.Terminal terminal = LexeconCli.terminal(spec());
    if (template != null && domain == null) {
      throw CliException.usage("--template needs --domain");
    }
    String policyJson;
    String requestJson;
    List<String> domains;
    String what;
    if (domain == null) {
      policyJson = resource("init/general-policy.json");
      requestJson = resource("init/general-request.json");
      domains = List.of();
      what = "a starter agent tool policy";
    } else {
      List<DomainPlugin> plugins = Domains.discover();
      DomainPlugin plugin = Domains.find(plugins, domain).orElseThrow(() ->
          CliException.failure("unknown domain '" + domain + "'; available: " + DomainsCommand.names(plugins)));
      if (plugin.templates().isEmpty()) {
        throw CliException.failure("domain '" + domain + "' ships no policy template to start from");
      }
      PolicyTemplate t = template == null ? plugin.templates().get(0)
          : plugin.templates().stream().filter(x -> x.name().equals(template)).findFirst()
              .orElseThrow(() -> CliException.failure("domain '" + domain + "' has no template '"
                  + template + "'; its templates: " + plugin.templates().stream().map(PolicyTemplate::name).toList()));
      policyJson = PolicyLoader.toJson(t.policy()) + "\n";
      String sample = "init/" + domain + "-request.json";
      requestJson = LexeconCli.class.getResource(sample) != null ? resource(sample)
          : resource("init/general-request.json");
      domains = List.of(domain);
      what = "template " + t.name() + " of the " + domain + " plugin";
    }
    NoteSigner signer;
    try {
      signer = NoteSigner.generate(keyName);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--key-name: " + e.getMessage());
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put(POLICY, policyJson);
    files.put(ProjectConfig.FILE_NAME, ProjectConfig.json(POLICY, domains, LEDGER, KEY));
    files.put(KEY, signer.encodedPrivateKey() + "\n");
    files.put(PUBLIC_KEY, signer.verifier().encoded() + "\n");
    files.put(REQUEST, requestJson);

    List<Path> existing = new ArrayList<>();
    for (String name : files.keySet()) {
      if (Files.exists(dir.resolve(name))) {
        existing.add(dir.resolve(name));
      }
    }
    if (!existing.isEmpty() && !force) {
      throw CliException.failure("not overwriting " + existing + "; use --force to replace them");
    }
    Files.createDirectories(dir);
    PrintWriter out = terminal.out();
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path path = dir.resolve(f.getKey());
      write(path, f.getValue(), f.getKey().equals(KEY));
      out.println(path);
    }
    out.flush();
    PrintWriter err = terminal.err();
    err.println("Initialised " + dir + " with " + what + ". Next:");
    err.println("  lexecon policy validate " + dir.resolve(POLICY));
    err.println("  lexecon decide " + dir.resolve(REQUEST) + " --config " + dir.resolve(ProjectConfig.FILE_NAME)
        + ("finance".equals(domain) ? " --at 2026-03-03T15:00:00Z" : ""));
    if ("finance".equals(domain)) {
      err.println("  (--at fixes the time: orders are judged against New York trading hours, 09:00-16:00)");
    }
    err.println("  lexecon ledger verify " + dir.resolve(LEDGER) + " --trust " + dir.resolve(PUBLIC_KEY));
    err.println("Keep " + KEY + " secret (it signs the ledger's checkpoints); publish " + PUBLIC_KEY + ".");
    return LexeconCli.OK;
  }

  private CommandSpec spec() {
    return java.util.Objects.requireNonNull(spec);
  }

  private static void write(Path path, String text, boolean secret) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (!secret) {
      Files.write(path, bytes);
      return;
    }
    // The secret key is created owner-only before a byte is written, where the file system can.
    Files.deleteIfExists(path);
    try {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(path);
    } catch (FileAlreadyExistsException e) {
      throw CliException.failure(path + " appeared while it was being written; not overwriting it");
    }
    Files.write(path, bytes, StandardOpenOption.TRUNCATE_EXISTING);
  }

  static String resource(String name) {
    try (InputStream in = LexeconCli.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

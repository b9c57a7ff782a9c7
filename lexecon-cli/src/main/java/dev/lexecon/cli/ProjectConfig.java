package dev.lexecon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The project file {@code lexecon init} writes ({@code lexecon.json}), read by {@code --config}: the
 * defaults for options a command was not given. Relative paths are relative to the file's folder.
 *
 * <pre>{@code
 * {"policy": "policy.json", "domains": ["finance"], "ledger": "ledger.db",
 *  "checkpoint_key": "checkpoint.key"}
 * }</pre>
 *
 * @param policy the policy file
 * @param domains names of the domain plugins to register
 * @param ledger the SQLite ledger file
 * @param checkpointKey the file holding the Ed25519 key that signs checkpoints (secret)
 */
record ProjectConfig(
    @Nullable Path policy, List<String> domains, @Nullable Path ledger, @Nullable Path checkpointKey) {
  static final String FILE_NAME = "lexecon.json";
  private static final Set<String> MEMBERS = Set.of("policy", "domains", "ledger", "checkpoint_key");

  ProjectConfig {
    domains = List.copyOf(domains);
  }

  /** No file: every option must be given on the command line. */
  static ProjectConfig none() {
    return new ProjectConfig(null, List.of(), null, null);
  }

  /** Reads the file at {@code file}, or returns {@link #none()} when {@code file} is null. */
  static ProjectConfig read(@Nullable Path file, LexeconCli.Terminal terminal) {
    if (file == null) {
      return none();
    }
    String source = "config file " + file;
    JsonNode root = Json.parse(Json.readText(file.toString(), terminal, "config file"), source);
    if (!root.isObject()) {
      throw CliException.failure(source + " must hold a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!MEMBERS.contains(name)) {
        throw CliException.failure(source + ": unknown member '" + name + "'; known: " + MEMBERS);
      }
    }
    Path dir = file.toAbsolutePath().getParent();
    List<String> domains = new ArrayList<>();
    JsonNode d = root.get("domains");
    if (d != null && !d.isNull()) {
      if (!d.isArray()) {
        throw CliException.failure(source + ": domains must be an array of domain names");
      }
      for (JsonNode n : d) {
        if (!n.isTextual()) {
          throw CliException.failure(source + ": domains must be an array of domain names");
        }
        domains.add(n.asText());
      }
    }
    return new ProjectConfig(path(root, "policy", dir, source), domains,
        path(root, "ledger", dir, source), path(root, "checkpoint_key", dir, source));
  }

  /** The file's JSON, with paths as written (relative to the file's folder). */
  static String json(String policy, List<String> domains, String ledger, String checkpointKey) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", policy);
    m.put("domains", domains);
    m.put("ledger", ledger);
    m.put("checkpoint_key", checkpointKey);
    return Json.pretty(m);
  }

  private static @Nullable Path path(JsonNode root, String name, Path dir, String source) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      throw CliException.failure(source + ": " + name + " must be a file path");
    }
    return dir.resolve(n.asText()).normalize();
  }
}

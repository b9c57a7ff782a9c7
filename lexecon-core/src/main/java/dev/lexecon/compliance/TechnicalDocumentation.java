package dev.lexecon.compliance;

import dev.lexecon.api.compliance.RetentionClass;
import dev.lexecon.internal.Rfc3339;
import dev.lexecon.json.Jcs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * EU AI Act Art. 11 technical documentation (the parts Annex IV asks for that Lexecon knows),
 * generated from the live configuration and the ledger: the components and their settings, every
 * policy version that has been active with its hash, the risk profile, the data flows and the
 * retention settings. {@link #toJson()} and {@link #toMarkdown()} render it.
 *
 * <p>It documents the governance layer, not the AI system: the provider adds the system's
 * purpose, its model, its training data and the rest of Annex IV.
 *
 * <p>Immutable and thread-safe.
 *
 * @param generatedAt when it was generated
 * @param ledgerId the ledger the records are kept in
 * @param lexeconVersion the library version
 * @param components the parts of the governance layer and their settings
 * @param policies every policy version the ledger records as loaded, oldest first
 * @param riskProfile the risk profile's description (weights, factors, thresholds)
 * @param dataFlows where data goes and how personal data is protected on the way
 * @param retention the retention settings
 * @since 0.1
 */
public record TechnicalDocumentation(
    Instant generatedAt,
    String ledgerId,
    String lexeconVersion,
    List<Component> components,
    List<PolicyVersion> policies,
    Map<String, Object> riskProfile,
    List<DataFlow> dataFlows,
    Retention retention) {

  public TechnicalDocumentation {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(ledgerId, "ledgerId");
    Objects.requireNonNull(lexeconVersion, "lexeconVersion");
    components = List.copyOf(components);
    policies = List.copyOf(policies);
    riskProfile = Collections.unmodifiableMap(new LinkedHashMap<>(riskProfile));
    dataFlows = List.copyOf(dataFlows);
    Objects.requireNonNull(retention, "retention");
  }

  /**
   * A component of the governance layer. Immutable and thread-safe.
   *
   * @param name its name ("policy engine", "ledger")
   * @param description what it does
   * @param settings its configuration, by setting name, sorted
   * @since 0.1
   */
  public record Component(String name, String description, Map<String, String> settings) {
    public Component {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }
  }

  /**
   * A policy version that was active, as its {@code policy_loaded} entry records it. Immutable
   * and thread-safe.
   *
   * @param policyId the policy's id
   * @param version its version
   * @param policyHash the SHA-256 of its canonical JSON, named by every decision made under it
   * @param engineMode the engine-wide mode overriding the policy's, or {@code null}
   * @param loadedAt when it became active
   * @param entryId the {@code policy_loaded} entry
   * @param active whether it is the policy in force now (the last one loaded)
   * @since 0.1
   */
  public record PolicyVersion(String policyId, String version, String policyHash,
      @Nullable String engineMode, Instant loadedAt, String entryId, boolean active) {
    public PolicyVersion {
      Objects.requireNonNull(policyId, "policyId");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(policyHash, "policyHash");
      Objects.requireNonNull(loadedAt, "loadedAt");
      Objects.requireNonNull(entryId, "entryId");
    }
  }

  /**
   * A flow of data through the governance layer. Immutable and thread-safe.
   *
   * @param source where the data comes from
   * @param destination where it goes
   * @param data what data
   * @param protection how it is protected (personal data as salted commitments, signatures)
   * @since 0.1
   */
  public record DataFlow(String source, String destination, String data, String protection) {
    public DataFlow {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(protection, "protection");
    }
  }

  /**
   * Retention settings. Immutable and thread-safe.
   *
   * @param defaultClass the class every record gets
   * @param eventTypeClasses further classes per event type, sorted by type
   * @param zone the zone whose calendar days periods are counted in
   * @since 0.1
   */
  public record Retention(RetentionClass defaultClass, Map<String, List<RetentionClass>> eventTypeClasses,
      String zone) {
    public Retention {
      Objects.requireNonNull(defaultClass, "defaultClass");
      TreeMap<String, List<RetentionClass>> sorted = new TreeMap<>();
      eventTypeClasses.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
      eventTypeClasses = Collections.unmodifiableMap(sorted);
      Objects.requireNonNull(zone, "zone");
    }
  }

  /** The documentation as a JSON object tree, members in a fixed order. */
  public Map<String, Object> toJsonTree() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("document", "EU AI Act Art. 11 technical documentation (governance layer)");
    root.put("generated_at", Rfc3339.micros(generatedAt));
    root.put("ledger_id", ledgerId);
    root.put("lexecon_version", lexeconVersion);
    List<Object> comps = new ArrayList<>();
    for (Component c : components) {
      comps.add(map("name", c.name(), "description", c.description(), "settings", c.settings()));
    }
    root.put("components", comps);
    List<Object> pols = new ArrayList<>();
    for (PolicyVersion p : policies) {
      Map<String, Object> m = map("policy_id", p.policyId(), "version", p.version(),
          "policy_hash", p.policyHash(), "loaded_at", Rfc3339.micros(p.loadedAt()),
          "entry_id", p.entryId(), "active", p.active());
      if (p.engineMode() != null) {
        m.put("engine_mode", p.engineMode());
      }
      pols.add(m);
    }
    root.put("policies", pols);
    root.put("risk_profile", riskProfile);
    List<Object> flows = new ArrayList<>();
    for (DataFlow f : dataFlows) {
      flows.add(map("source", f.source(), "destination", f.destination(), "data", f.data(),
          "protection", f.protection()));
    }
    root.put("data_flows", flows);
    Map<String, Object> byType = new LinkedHashMap<>();
    retention.eventTypeClasses().forEach((t, cs) -> byType.put(t, cs.stream().map(TechnicalDocumentation::retentionClass).toList()));
    root.put("retention", map("default_class", retentionClass(retention.defaultClass()),
        "event_type_classes", byType, "zone", retention.zone()));
    return root;
  }

  /** The documentation as RFC 8785 canonical JSON (one line, UTF-8 when encoded). */
  public String toJson() {
    return Jcs.canonicalString(toJsonTree());
  }

  /** The documentation as a Markdown document with one section per part. */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Technical documentation: AI governance layer (EU AI Act Art. 11)\n\n");
    md.append("Generated ").append(Rfc3339.micros(generatedAt)).append(" from the live configuration"
        + " and ledger `").append(ledgerId).append("` by Lexecon ").append(lexeconVersion)
        .append(". It documents the governance layer that decides, records and escalates the"
        + " actions of the AI system; the provider adds the rest of Annex IV.\n\n");
    md.append("## 1. Components\n\n");
    for (Component c : components) {
      md.append("### ").append(Markdown.text(c.name())).append("\n\n")
          .append(Markdown.text(c.description())).append("\n\n");
      if (!c.settings().isEmpty()) {
        md.append("| setting | value |\n|---|---|\n");
        c.settings().forEach((k, v) -> md.append("| ").append(Markdown.cell(k)).append(" | ")
            .append(Markdown.cell(v)).append(" |\n"));
        md.append('\n');
      }
    }
    md.append("## 2. Policy versions\n\n");
    if (policies.isEmpty()) {
      md.append("No policy has been loaded.\n\n");
    } else {
      md.append("| policy | version | SHA-256 of canonical JSON | loaded at | entry | in force |\n")
          .append("|---|---|---|---|---|---|\n");
      for (PolicyVersion p : policies) {
        md.append("| ").append(Markdown.cell(p.policyId()))
            .append(p.engineMode() != null ? " (engine mode " + Markdown.cell(p.engineMode()) + ")" : "")
            .append(" | ").append(Markdown.cell(p.version())).append(" | `").append(p.policyHash())
            .append("` | ").append(Rfc3339.micros(p.loadedAt())).append(" | ").append(p.entryId())
            .append(" | ").append(p.active() ? "yes" : "").append(" |\n");
      }
      md.append('\n');
    }
    md.append("## 3. Risk profile\n\n");
    Markdown.tree(md, riskProfile, 0);
    md.append('\n');
    md.append("## 4. Data flows\n\n| from | to | data | protection |\n|---|---|---|---|\n");
    for (DataFlow f : dataFlows) {
      md.append("| ").append(Markdown.cell(f.source())).append(" | ").append(Markdown.cell(f.destination()))
          .append(" | ").append(Markdown.cell(f.data())).append(" | ").append(Markdown.cell(f.protection()))
          .append(" |\n");
    }
    md.append("\n## 5. Retention\n\n");
    md.append("Periods are counted in calendar days of ").append(Markdown.text(retention.zone()))
        .append(". Every record gets the default class; the classes below apply in addition, and"
            + " the longest governs. No record is deleted while a legal hold covers it.\n\n");
    md.append("| records | class | retention | immediately available | rule |\n|---|---|---|---|---|\n");
    retentionRow(md, "every record (default)", retention.defaultClass());
    retention.eventTypeClasses().forEach((t, cs) -> cs.forEach(c -> retentionRow(md, "`" + t + "`", c)));
    return md.toString();
  }

  private static void retentionRow(StringBuilder md, String records, RetentionClass c) {
    md.append("| ").append(records).append(" | ").append(Markdown.cell(c.name())).append(" | ")
        .append(c.retention()).append(" | ").append(c.immediatelyAvailable().isZero() ? "—" : c.immediatelyAvailable())
        .append(" | ").append(Markdown.cell(c.rule())).append(" |\n");
  }

  private static Map<String, Object> retentionClass(RetentionClass c) {
    return map("name", c.name(), "retention", c.retention().toString(),
        "immediately_available", c.immediatelyAvailable().toString(), "rule", c.rule());
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}

package dev.lexecon.domain;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.domain.ComplianceMapping;
import dev.lexecon.api.domain.DomainConfiguration;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.api.risk.RiskFactor;
import dev.lexecon.domain.finance.FinancePlugin;
import dev.lexecon.domain.healthcare.HealthcarePlugin;
import dev.lexecon.risk.RiskProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds, lists and describes domain plugins without building an engine: what a command-line tool
 * needs for {@code domains list}, {@code domains info} and {@code policy load --template}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class Domains {
  private Domains() {}

  /** The plugins that ship with Lexecon, with their default settings: finance, then healthcare. */
  public static List<DomainPlugin> builtIn() {
    return List.of(new FinancePlugin(), new HealthcarePlugin());
  }

  /**
   * The plugins {@link ServiceLoader} finds through the thread's context class loader (or this
   * class's, when there is none), sorted by name so the order does not depend on the class path.
   * Lexecon's own plugins are registered, so this includes {@link #builtIn()}.
   *
   * @throws java.util.ServiceConfigurationError when a registered provider cannot be loaded
   */
  public static List<DomainPlugin> discover() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return discover(loader != null ? loader : Domains.class.getClassLoader());
  }

  /** The plugins {@link ServiceLoader} finds through {@code loader}, sorted by name. */
  public static List<DomainPlugin> discover(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    List<DomainPlugin> found = new ArrayList<>();
    ServiceLoader.load(DomainPlugin.class, loader).forEach(found::add);
    found.sort(Comparator.comparing(p -> p.configuration().name()));
    return List.copyOf(found);
  }

  /** The plugin with this name among {@code plugins}. */
  public static Optional<DomainPlugin> find(List<DomainPlugin> plugins, String name) {
    return plugins.stream().filter(p -> p.configuration().name().equals(name)).findFirst();
  }

  /** The template with this name among the templates of {@code plugins}. */
  public static Optional<PolicyTemplate> template(List<DomainPlugin> plugins, String name) {
    return plugins.stream()
        .flatMap(p -> p.templates().stream())
        .filter(t -> t.name().equals(name))
        .findFirst();
  }

  /**
   * A JSON-like description of a plugin (maps, lists, strings, numbers), with snake_case keys:
   * name, domain, description, actor/action/resource types, frameworks, risk weights, templates
   * and compliance mappings. Serialize it with any JSON library; key order is stable.
   */
  public static Map<String, Object> describe(DomainPlugin plugin) {
    DomainConfiguration c = plugin.configuration();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", c.name());
    out.put("domain", c.domain().jsonName());
    out.put("description", c.description());
    out.put("actor_types", c.actorTypes());
    List<Object> actions = new ArrayList<>();
    for (DomainConfiguration.ActionType a : c.actionTypes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", a.name());
      m.put("risk_level", a.riskLevel());
      m.put("description", a.description());
      actions.add(m);
    }
    out.put("action_types", actions);
    out.put("resource_types", c.resourceTypes());
    out.put("compliance_frameworks", c.complianceFrameworks());
    Map<String, Object> weights = new LinkedHashMap<>();
    c.riskWeights().forEach((d, w) -> weights.put(d.jsonName(), w));
    out.put("risk_weights", weights);
    List<Object> templates = new ArrayList<>();
    for (PolicyTemplate t : plugin.templates()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.name());
      m.put("description", t.description());
      m.put("required_context", t.requiredContext());
      templates.add(m);
    }
    out.put("templates", templates);
    List<Object> mappings = new ArrayList<>();
    for (ComplianceMapping cm : plugin.complianceMappings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("framework", cm.framework());
      m.put("control", cm.control());
      m.put("title", cm.title());
      m.put("addressed_by", cm.addressedBy());
      mappings.add(m);
    }
    out.put("compliance_mappings", mappings);
    return out;
  }

  /**
   * {@code base} with {@code plugin}'s recommended risk weights (when it declares any) and its
   * {@linkplain DomainPlugin#riskFactors risk factors} added as a factor source for the requests
   * the plugin applies to. Weights are never applied behind your back: call this to adopt them.
   */
  public static RiskProfile riskProfile(RiskProfile base, DomainPlugin plugin) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(plugin, "plugin");
    RiskProfile.Builder b = base.toBuilder();
    plugin.configuration().riskWeights().forEach(b::weight);
    b.factorSource((DecisionRequest r) -> plugin.appliesTo(r) ? plugin.riskFactors(r) : List.<RiskFactor>of());
    return b.build();
  }
}

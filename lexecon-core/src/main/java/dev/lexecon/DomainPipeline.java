package dev.lexecon;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.domain.DomainConfiguration;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.DomainRuling;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.domain.Domains;
import dev.lexecon.policy.PolicyEvaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain step of the decide pipeline: validate, enrich, let the policy evaluate, apply domain
 * rulings, and (for {@code decide}) the post-decision hook. Kept out of {@link Lexecon} so the
 * facade calls it in two lines. Immutable and thread-safe; with no plugin registered it costs one
 * array-length check.
 */
final class DomainPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(DomainPipeline.class);

  private final DomainPlugin[] plugins;
  /** Each plugin's configuration, read once: the SPI promises it never changes. */
  private final DomainConfiguration[] configs;
  private final List<DomainPlugin> list;

  private DomainPipeline(List<DomainPlugin> plugins) {
    this.plugins = plugins.toArray(new DomainPlugin[0]);
    this.configs = new DomainConfiguration[this.plugins.length];
    for (int i = 0; i < configs.length; i++) {
      configs[i] = Objects.requireNonNull(
          this.plugins[i].configuration(), "configuration() of " + this.plugins[i].getClass().getName());
    }
    this.list = List.copyOf(plugins);
  }

  /** The registered plugins, in registration order (explicit ones first, then discovered ones). */
  List<DomainPlugin> plugins() {
    return list;
  }

  /**
   * Validates the request for every applicable plugin, enriches it, hands the enriched request to
   * {@code policy}, and tightens the policy's evaluation with the plugins' rulings.
   *
   * @throws InvalidRequestException listing the violations of every applicable plugin
   */
  PolicyEvaluation evaluate(
      DecisionRequest request, Instant now, Function<DecisionRequest, PolicyEvaluation> policy) {
    if (plugins.length == 0) {
      return policy.apply(request);
    }
    int applicable = applicableMask(request);
    if (applicable == 0) {
      return policy.apply(request);
    }
    validate(request, applicable);
    DecisionRequest enriched = enrich(request, now, applicable);
    return applyRulings(policy.apply(enriched), enriched, now, applicable);
  }

  /** Runs every applicable plugin's post-decision hook; a failing hook is logged, not rethrown. */
  void afterDecision(DecisionRequest request, Decision decision) {
    if (plugins.length == 0) {
      return;
    }
    int applicable = applicableMask(request);
    for (int i = 0; i < plugins.length; i++) {
      if ((applicable & (1 << i)) == 0) {
        continue;
      }
      try {
        plugins[i].afterDecision(request, decision);
      } catch (RuntimeException e) {
        // The decision is already final (and, once the ledger is wired, recorded): an observer's
        // failure must not turn it into an exception the caller would read as "not decided".
        LOG.warn("domain plugin '{}' failed after decision {}", configs[i].name(),
            decision.decisionId(), e);
      }
    }
  }

  /** The governance domains of the registered plugins that apply to {@code request}. */
  Set<GovernanceDomain> domainsOf(DecisionRequest request) {
    if (plugins.length == 0) {
      return Set.of();
    }
    int applicable = applicableMask(request);
    if (applicable == 0) {
      return Set.of();
    }
    Set<GovernanceDomain> out = java.util.EnumSet.noneOf(GovernanceDomain.class);
    for (int i = 0; i < plugins.length; i++) {
      if ((applicable & (1 << i)) != 0) {
        out.add(configs[i].domain());
      }
    }
    return out;
  }

  /** Bit i is set when plugin i applies; registration caps plugins at 31, so an int suffices. */
  private int applicableMask(DecisionRequest request) {
    int mask = 0;
    for (int i = 0; i < plugins.length; i++) {
      if (plugins[i].appliesTo(request)) {
        mask |= 1 << i;
      }
    }
    return mask;
  }

  private void validate(DecisionRequest request, int applicable) {
    List<FieldViolation> violations = null;
    for (int i = 0; i < plugins.length; i++) {
      if ((applicable & (1 << i)) == 0) {
        continue;
      }
      List<FieldViolation> found = plugins[i].validate(request);
      if (!found.isEmpty()) {
        if (violations == null) {
          violations = new ArrayList<>(found.size());
        }
        violations.addAll(found);
      }
    }
    if (violations != null) {
      throw new InvalidRequestException(violations);
    }
  }

  /**
   * Publishes each applicable plugin's facts as {@code context.<name>} and raises the risk level
   * to the action type's. Every plugin enriches the request as the caller sent it, so plugins do
   * not depend on each other's order. The request is rebuilt (and so revalidated) only when
   * something changes.
   */
  private DecisionRequest enrich(DecisionRequest request, Instant now, int applicable) {
    DecisionRequest.Builder changed = null;
    int level = request.riskLevel();
    for (int i = 0; i < plugins.length; i++) {
      if ((applicable & (1 << i)) == 0) {
        continue;
      }
      DomainConfiguration config = configs[i];
      DomainConfiguration.ActionType type = config.actionType(request.action());
      if (type != null && type.riskLevel() > level) {
        level = type.riskLevel();
      }
      Map<String, @Nullable Object> facts = plugins[i].enrich(request, now);
      if (!facts.isEmpty() || request.context().containsKey(config.name())) {
        if (changed == null) {
          changed = request.toBuilder();
        }
        // Replace whatever the caller put under the plugin's key: domain facts come from the
        // plugin, never from the agent.
        changed.context(config.name(), facts);
      }
    }
    if (level != request.riskLevel()) {
      if (changed == null) {
        changed = request.toBuilder();
      }
      changed.riskLevel(level);
    }
    return changed == null ? request : changed.build();
  }

  /**
   * Adds each ruling that is at least as restrictive as the outcome standing when it is reached:
   * a weaker one (an obligation on an already denied request) would only be noise in the
   * explanation, the same rule the policy engine applies to constraints.
   */
  private PolicyEvaluation applyRulings(
      PolicyEvaluation evaluation, DecisionRequest enriched, Instant now, int applicable) {
    Outcome outcome = evaluation.outcome();
    List<Reason> reasons = null;
    Set<String> obligations = null;
    for (int i = 0; i < plugins.length; i++) {
      if ((applicable & (1 << i)) == 0) {
        continue;
      }
      for (DomainRuling ruling : plugins[i].check(enriched, now)) {
        if (ruling.outcome().compareTo(outcome) < 0) {
          continue;
        }
        if (reasons == null) {
          reasons = new ArrayList<>(evaluation.reasons());
          obligations = new LinkedHashSet<>(evaluation.obligations());
        }
        reasons.add(new Reason(ReasonCode.DOMAIN_RULE, ruling.ruleId(), List.of(), ruling.message()));
        obligations.addAll(ruling.obligations());
        outcome = outcome.mostRestrictive(ruling.outcome());
      }
    }
    if (reasons == null) {
      return evaluation;
    }
    List<String> owed =
        outcome == Outcome.CONDITIONAL || outcome == Outcome.ESCALATED
            ? new ArrayList<>(obligations)
            : List.of();
    return new PolicyEvaluation(
        outcome, reasons, owed, evaluation.advisories(), evaluation.mode(), evaluation.risk());
  }

  /**
   * Collects plugins for a {@link Lexecon.Builder}: explicit registrations, checked at once, and
   * the opt-in to {@code ServiceLoader} discovery, resolved by {@link #build()}. Not thread-safe.
   */
  static final class Registrations {
    /** Applicability is tracked as bits of an int. */
    static final int MAX_PLUGINS = 31;

    private final List<DomainPlugin> explicit = new ArrayList<>(2);
    private boolean discover;

    void add(DomainPlugin plugin) {
      Objects.requireNonNull(plugin, "plugin");
      String name = Objects.requireNonNull(plugin.configuration(), "configuration()").name();
      for (DomainPlugin p : explicit) {
        if (p.configuration().name().equals(name)) {
          throw new IllegalStateException("domain plugin '" + name + "' was already registered");
        }
      }
      explicit.add(plugin);
    }

    void discover() {
      discover = true;
    }

    /**
     * Resolves discovery (a discovered plugin whose name is already registered explicitly is
     * skipped: the explicit one, with its configuration, wins) and checks the whole set.
     *
     * @throws IllegalStateException for too many plugins or a template name two plugins share
     */
    DomainPipeline build() {
      List<DomainPlugin> all = new ArrayList<>(explicit);
      if (discover) {
        for (DomainPlugin found : Domains.discover()) {
          String name = found.configuration().name();
          if (all.stream().noneMatch(p -> p.configuration().name().equals(name))) {
            all.add(found);
          }
        }
      }
      if (all.size() > MAX_PLUGINS) {
        throw new IllegalStateException(
            "at most " + MAX_PLUGINS + " domain plugins can be registered, found " + all.size());
      }
      Map<String, String> templateOwners = new HashMap<>();
      for (DomainPlugin p : all) {
        String owner = p.configuration().name();
        for (PolicyTemplate t : p.templates()) {
          String previous = templateOwners.putIfAbsent(t.name(), owner);
          if (previous != null) {
            throw new IllegalStateException("policy template '" + t.name()
                + "' is provided by both domain plugins '" + previous + "' and '" + owner + "'");
          }
        }
      }
      return new DomainPipeline(all);
    }
  }
}

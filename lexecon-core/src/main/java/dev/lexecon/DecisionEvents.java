package dev.lexecon;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.risk.RiskFactor;
import dev.lexecon.ledger.Redactable;
import dev.lexecon.policy.PolicyEngine;
import dev.lexecon.policy.PolicyEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The payloads of {@code decision} and {@code policy_loaded} events, and their reading back for
 * replay. The layout is part of the ledger format ({@code docs/ledger-format.md}, "Event
 * payloads"); personal data goes in as {@link Redactable} so the ledger records commitments.
 */
final class DecisionEvents {
  /** Actor type prefixes that name natural persons by default (text before the first ':'). */
  static final Set<String> PERSON_PREFIXES =
      Set.of("user", "human", "person", "employee", "customer", "patient", "operator", "member",
          "staff", "citizen", "client");

  /**
   * The default test of whether an actor id names a natural person: it contains '@' (an e-mail
   * address or {@code name@realm}), or its type prefix is one of {@link #PERSON_PREFIXES}.
   */
  static final Predicate<String> DEFAULT_NATURAL_PERSON =
      actor -> {
        if (actor.indexOf('@') >= 0) {
          return true;
        }
        int colon = actor.indexOf(':');
        return colon > 0 && PERSON_PREFIXES.contains(actor.substring(0, colon).toLowerCase(Locale.ROOT));
      };

  private DecisionEvents() {}

  static Map<String, Object> decision(
      String decisionId,
      String requestId,
      DecisionRequest request,
      PolicyEvaluation evaluation,
      PolicyEngine policy,
      Predicate<String> naturalPerson) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("actor", naturalPerson.test(request.actor()) ? Redactable.of(request.actor()) : request.actor());
    req.put("action", request.action());
    req.put("tool", request.tool());
    if (request.userIntent() != null) {
      req.put("user_intent", Redactable.of(request.userIntent()));
    }
    req.put("data_classes", request.dataClasses());
    req.put("risk_level", request.riskLevel());
    if (request.resource() != null) {
      req.put("resource", request.resource());
    }
    if (request.mode() != null) {
      req.put("mode", name(request.mode()));
    }
    req.put("context", redactValues(request.context()));
    req.put("arguments", redactValues(request.arguments()));

    Map<String, Object> p = new LinkedHashMap<>();
    p.put("decision_id", decisionId);
    p.put("request_id", requestId);
    p.put("request", req);
    p.put("outcome", name(evaluation.outcome()));
    p.put("reasons", reasons(evaluation.reasons()));
    p.put("obligations", evaluation.obligations());
    p.put("advisories", evaluation.advisories());
    Map<String, Object> pol = new LinkedHashMap<>();
    pol.put("policy_id", policy.policy().policyId());
    pol.put("version", policy.policy().version());
    pol.put("hash", policy.policyHash());
    p.put("policy", pol);
    p.put("mode", name(evaluation.mode()));
    p.put("risk", risk(evaluation.risk()));
    return p;
  }

  static Map<String, Object> riskAssessment(
      DecisionRequest request,
      RiskAssessment assessment,
      @Nullable String decisionId,
      @Nullable String decisionEntry,
      Predicate<String> naturalPerson) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (decisionId != null) {
      p.put("decision_id", decisionId);
    }
    if (decisionEntry != null) {
      p.put("decision_entry", decisionEntry);
    }
    p.put("actor", naturalPerson.test(request.actor()) ? Redactable.of(request.actor()) : request.actor());
    p.put("action", request.action());
    p.put("tool", request.tool());
    p.put("risk", risk(assessment));
    return p;
  }

  static Map<String, Object> risk(RiskAssessment r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("overall", r.overall());
    m.put("level", name(r.level()));
    Map<String, Object> dims = new LinkedHashMap<>();
    r.dimensions().forEach((d, v) -> dims.put(d.jsonName(), v));
    m.put("dimensions", dims);
    List<Map<String, Object>> factors = new ArrayList<>(r.factors().size());
    for (RiskFactor f : r.factors()) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("dimension", f.dimension().jsonName());
      fm.put("points", f.points());
      fm.put("source", f.source());
      fm.put("reason", f.reason());
      factors.add(fm);
    }
    m.put("factors", factors);
    return m;
  }

  static Map<String, Object> policyLoaded(PolicyEngine engine, @Nullable PolicyMode engineMode) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("policy_id", engine.policy().policyId());
    p.put("version", engine.policy().version());
    p.put("policy_hash", engine.policyHash());
    if (engineMode != null) {
      p.put("engine_mode", name(engineMode));
    }
    p.put("policy", engine.canonicalJson());
    return p;
  }

  private static Map<String, Object> redactValues(Map<String, @Nullable Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, Redactable.of(v)));
    return out;
  }

  static List<Map<String, Object>> reasons(List<Reason> reasons) {
    List<Map<String, Object>> out = new ArrayList<>(reasons.size());
    for (Reason r : reasons) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", name(r.code()));
      if (r.ruleId() != null) {
        m.put("rule_id", r.ruleId());
      }
      m.put("term_ids", r.termIds());
      m.put("message", r.message());
      out.add(m);
    }
    return out;
  }

  static List<Reason> readReasons(Object json) {
    List<Reason> out = new ArrayList<>();
    for (Object o : (List<?>) json) {
      Map<?, ?> m = (Map<?, ?>) o;
      List<String> terms = new ArrayList<>();
      for (Object t : (List<?>) m.get("term_ids")) {
        terms.add((String) t);
      }
      out.add(new Reason(
          ReasonCode.valueOf(((String) m.get("code")).toUpperCase(Locale.ROOT)),
          (String) m.get("rule_id"),
          terms,
          (String) m.get("message")));
    }
    return out;
  }

  static Outcome readOutcome(Object json) {
    return Outcome.valueOf(((String) json).toUpperCase(Locale.ROOT));
  }

  static PolicyMode readMode(Object json) {
    return PolicyMode.valueOf(((String) json).toUpperCase(Locale.ROOT));
  }

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}

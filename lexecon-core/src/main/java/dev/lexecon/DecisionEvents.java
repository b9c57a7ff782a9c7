package dev.lexecon;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.risk.RiskDimension;
import dev.lexecon.api.risk.RiskFactor;
import dev.lexecon.internal.SmallJsonObject;
import dev.lexecon.ledger.Redactable;
import dev.lexecon.policy.PolicyEngine;
import dev.lexecon.policy.PolicyEvaluation;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** Request maps up to this size are built as {@link SmallJsonObject}s. */
  private static final int SMALL_OBJECT_MEMBERS = 16;

  private static final RiskDimension[] DIMENSIONS = RiskDimension.values();

  private DecisionEvents() {}

  static Map<String, Object> decision(
      String decisionId,
      String requestId,
      DecisionRequest request,
      PolicyEvaluation evaluation,
      PolicyEngine policy,
      Predicate<String> naturalPerson) {
    SmallJsonObject req = new SmallJsonObject(11);
    req.add("actor", naturalPerson.test(request.actor()) ? Redactable.of(request.actor()) : request.actor());
    req.add("action", request.action());
    req.add("tool", request.tool());
    if (request.userIntent() != null) {
      req.add("user_intent", Redactable.of(request.userIntent()));
    }
    req.add("data_classes", request.dataClasses());
    req.add("risk_level", request.riskLevel());
    if (request.resource() != null) {
      req.add("resource", request.resource());
    }
    if (request.mode() != null) {
      req.add("mode", name(request.mode()));
    }
    req.add("context", redactValues(request.context()));
    req.add("arguments", redactValues(request.arguments()));

    SmallJsonObject pol = new SmallJsonObject(3)
        .add("policy_id", policy.policy().policyId())
        .add("version", policy.policy().version())
        .add("hash", policy.policyHash());
    return new SmallJsonObject(10)
        .add("decision_id", decisionId)
        .add("request_id", requestId)
        .add("request", req)
        .add("outcome", name(evaluation.outcome()))
        .add("reasons", reasons(evaluation.reasons()))
        .add("obligations", evaluation.obligations())
        .add("advisories", evaluation.advisories())
        .add("policy", pol)
        .add("mode", name(evaluation.mode()))
        .add("risk", risk(evaluation.risk()));
  }

  static Map<String, Object> riskAssessment(
      DecisionRequest request,
      RiskAssessment assessment,
      @Nullable String decisionId,
      @Nullable String decisionEntry,
      Predicate<String> naturalPerson) {
    SmallJsonObject p = new SmallJsonObject(6);
    if (decisionId != null) {
      p.add("decision_id", decisionId);
    }
    if (decisionEntry != null) {
      p.add("decision_entry", decisionEntry);
    }
    p.add("actor", naturalPerson.test(request.actor()) ? Redactable.of(request.actor()) : request.actor());
    p.add("action", request.action());
    p.add("tool", request.tool());
    p.add("risk", risk(assessment));
    return p;
  }

  static Map<String, Object> risk(RiskAssessment r) {
    Map<RiskDimension, Integer> scores = r.dimensions();
    SmallJsonObject dims = new SmallJsonObject(scores.size());
    for (RiskDimension d : DIMENSIONS) { // EnumMap order, without its entry iterator
      Integer score = scores.get(d);
      if (score != null) {
        dims.add(name(d), score);
      }
    }
    List<RiskFactor> factors = r.factors();
    Object[] written = new Object[factors.size()];
    for (int i = 0; i < written.length; i++) {
      RiskFactor f = factors.get(i);
      written[i] = new SmallJsonObject(4)
          .add("dimension", name(f.dimension()))
          .add("points", f.points())
          .add("source", f.source())
          .add("reason", f.reason());
    }
    return new SmallJsonObject(4)
        .add("overall", r.overall())
        .add("level", name(r.level()))
        .add("dimensions", dims)
        .add("factors", Arrays.asList(written));
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

  /**
   * The values of a request map as {@link Redactable}s. A request's maps are usually a handful of
   * entries; a large one keeps hashed lookups, since the canonical writer looks up each key of an
   * object with more than 32 members, which would make a scanning map quadratic.
   */
  private static Map<String, Object> redactValues(Map<String, @Nullable Object> values) {
    if (values.size() > SMALL_OBJECT_MEMBERS) {
      Map<String, Object> out = new LinkedHashMap<>();
      values.forEach((k, v) -> out.put(k, Redactable.of(v)));
      return out;
    }
    SmallJsonObject out = new SmallJsonObject(values.size());
    values.forEach((k, v) -> out.add(k, Redactable.of(v)));
    return out;
  }

  static List<Object> reasons(List<Reason> reasons) {
    Object[] out = new Object[reasons.size()];
    for (int i = 0; i < out.length; i++) {
      Reason r = reasons.get(i);
      SmallJsonObject m = new SmallJsonObject(4).add("code", name(r.code()));
      if (r.ruleId() != null) {
        m.add("rule_id", r.ruleId());
      }
      out[i] = m.add("term_ids", r.termIds()).add("message", r.message());
    }
    return Arrays.asList(out);
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

  /**
   * The JSON name of an enum constant: its name in lower case, computed once per constant (the
   * payload of every decision names five of them).
   */
  static String name(Enum<?> e) {
    return LOWER_CASE_NAMES.get(e.getDeclaringClass())[e.ordinal()];
  }

  private static final ClassValue<String[]> LOWER_CASE_NAMES =
      new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
          Object[] constants = type.getEnumConstants();
          String[] names = new String[constants.length];
          for (int i = 0; i < names.length; i++) {
            names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
          }
          return names;
        }
      };
}

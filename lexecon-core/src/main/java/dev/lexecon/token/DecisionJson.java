package dev.lexecon.token;

import dev.lexecon.api.Decision;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.risk.RiskDimension;
import dev.lexecon.api.risk.RiskFactor;
import dev.lexecon.api.risk.RiskLevel;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.json.Jcs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a {@link Decision}, and its RFC 8785 canonical bytes, which are what a decision
 * signature signs. Members are snake_case; enums are their lowercase names ({@code approved},
 * {@code human_confirmation_required}, {@code strict}); {@code evaluated_at} is RFC 3339 UTC with
 * exactly six fractional digits; a reason's {@code rule_id} is left out when it has none, and so is
 * {@code ledger_entry_id} for a decision that was not recorded (a dry run); the derived {@code
 * allowed} flag is not part of it.
 *
 * <pre>{@code
 * {"advisories":[],"decision_id":"dec_...","evaluated_at":"2026-11-27T10:00:00.123456Z",
 *  "mode":"strict","obligations":[],"outcome":"approved","policy_hash":"...","policy_id":"...",
 *  "policy_version":"1.0","reasons":[{"code":"permitted","message":"...","rule_id":"r1",
 *  "term_ids":["actor:agent","action:read"]}],"request_id":"req_..."}
 * }</pre>
 *
 * <p>Instants are truncated to microseconds, so a decision whose time has nanoseconds reads back
 * with them cut off. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class DecisionJson {
  private DecisionJson() {}

  /** The decision as a JSON model (a new mutable map in a readable member order). */
  public static Map<String, Object> toJson(Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("decision_id", d.decisionId());
    m.put("request_id", d.requestId());
    m.put("outcome", lower(d.outcome()));
    List<Map<String, Object>> reasons = new ArrayList<>(d.reasons().size());
    for (Reason r : d.reasons()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("code", lower(r.code()));
      if (r.ruleId() != null) {
        rm.put("rule_id", r.ruleId());
      }
      rm.put("term_ids", r.termIds());
      rm.put("message", r.message());
      reasons.add(rm);
    }
    m.put("reasons", reasons);
    m.put("obligations", d.obligations());
    m.put("advisories", d.advisories());
    m.put("policy_id", d.policyId());
    m.put("policy_version", d.policyVersion());
    m.put("policy_hash", d.policyHash());
    m.put("mode", lower(d.mode()));
    m.put("evaluated_at", Timestamps.format(d.evaluatedAt()));
    if (d.ledgerEntryId() != null) {
      m.put("ledger_entry_id", d.ledgerEntryId());
    }
    if (!d.risk().factors().isEmpty()) {
      m.put("risk", riskJson(d.risk()));
    }
    return m;
  }

  /** The RFC 8785 canonical UTF-8 bytes of {@link #toJson}: what decision signatures sign. */
  public static byte[] canonicalize(Decision d) {
    return Jcs.canonicalize(toJson(d));
  }

  /** {@link #canonicalize} as a string. */
  public static String canonicalString(Decision d) {
    return Jcs.canonicalString(toJson(d));
  }

  /**
   * Reads a decision from its JSON model (as {@link Jcs#parse} returns it). Unknown members are
   * ignored.
   *
   * @throws IllegalArgumentException naming the member that is missing or invalid
   */
  public static Decision fromJson(Map<?, ?> m) {
    List<Reason> reasons = new ArrayList<>();
    List<?> rs = list(m, "reasons");
    for (int i = 0; i < rs.size(); i++) {
      if (!(rs.get(i) instanceof Map<?, ?> r)) {
        throw new IllegalArgumentException("reasons[" + i + "] must be an object");
      }
      Object ruleId = r.get("rule_id");
      if (ruleId != null && !(ruleId instanceof String)) {
        throw new IllegalArgumentException("reasons[" + i + "].rule_id must be a string");
      }
      reasons.add(
          new Reason(
              enumValue(ReasonCode.class, string(r, "code")),
              (String) ruleId,
              strings(r, "term_ids"),
              string(r, "message")));
    }
    return new Decision(
        string(m, "decision_id"),
        string(m, "request_id"),
        enumValue(Outcome.class, string(m, "outcome")),
        reasons,
        strings(m, "obligations"),
        strings(m, "advisories"),
        string(m, "policy_id"),
        string(m, "policy_version"),
        string(m, "policy_hash"),
        enumValue(PolicyMode.class, string(m, "mode")),
        Timestamps.parse(m.get("evaluated_at"), "evaluated_at"),
        optionalString(m, "ledger_entry_id"),
        m.get("risk") == null ? RiskAssessment.none() : readRisk(m.get("risk")),
        null);
  }

  /** Overall score, level, dimension scores and factors; the token is derived, so not included. */
  private static Map<String, Object> riskJson(RiskAssessment r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("overall", r.overall());
    m.put("level", lower(r.level()));
    Map<String, Object> dims = new LinkedHashMap<>();
    r.dimensions().forEach((d, v) -> dims.put(d.jsonName(), v));
    m.put("dimensions", dims);
    List<Map<String, Object>> factors = new ArrayList<>();
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

  private static RiskAssessment readRisk(Object json) {
    if (!(json instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("risk must be an object");
    }
    Map<RiskDimension, Integer> dims = new java.util.EnumMap<>(RiskDimension.class);
    if (m.get("dimensions") instanceof Map<?, ?> d) {
      d.forEach((k, v) -> dims.put(enumValue(RiskDimension.class, String.valueOf(k)), ((Number) v).intValue()));
    }
    List<RiskFactor> factors = new ArrayList<>();
    for (Object o : list(m, "factors")) {
      if (!(o instanceof Map<?, ?> f)) {
        throw new IllegalArgumentException("risk.factors must hold objects");
      }
      factors.add(new RiskFactor(enumValue(RiskDimension.class, string(f, "dimension")),
          ((Number) f.get("points")).intValue(), string(f, "source"), string(f, "reason")));
    }
    if (!(m.get("overall") instanceof Number overall)) {
      throw new IllegalArgumentException("risk.overall must be a number");
    }
    return new RiskAssessment(dims, overall.intValue(),
        enumValue(RiskLevel.class, string(m, "level")), factors);
  }

  private static @Nullable String optionalString(Map<?, ?> m, String member) {
    Object v = m.get(member);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(member + " must be a string");
    }
    return (String) v;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
    for (E e : type.getEnumConstants()) {
      if (lower(e).equals(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "'" + value + "' is not a " + type.getSimpleName() + " (lowercase name expected)");
  }

  private static String string(Map<?, ?> m, String member) {
    if (!(m.get(member) instanceof String s)) {
      throw new IllegalArgumentException(member + " must be a string");
    }
    return s;
  }

  private static List<?> list(Map<?, ?> m, String member) {
    if (!(m.get(member) instanceof List<?> l)) {
      throw new IllegalArgumentException(member + " must be an array");
    }
    return l;
  }

  private static List<String> strings(Map<?, ?> m, String member) {
    List<String> out = new ArrayList<>();
    for (@Nullable Object o : list(m, member)) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException(member + " must be an array of strings");
      }
      out.add(s);
    }
    return out;
  }
}

package dev.lexecon.policy;

import dev.lexecon.api.policy.Constraint;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canonical JSON form of a policy, as a plain Java tree: what the policy hash is computed over
 * (after RFC 8785 canonicalization), what {@code policy_loaded} ledger events carry, and what
 * {@link PolicyLoader#parse} reads back to an equal {@link Policy}. Optional members are omitted
 * when empty so the same policy always has the same bytes.
 */
final class PolicyJson {
  private PolicyJson() {}

  static Map<String, Object> toMap(Policy policy) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policy_id", policy.policyId());
    out.put("version", policy.version());
    if (policy.mode() != null) {
      out.put("mode", policy.mode().name().toLowerCase(Locale.ROOT));
    }
    putIfPresent(out, "description", policy.description());
    List<Object> terms = new ArrayList<>(policy.terms().size());
    for (Term t : policy.terms()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("term_id", t.id());
      m.put("term_type", t.type().jsonName());
      putIfPresent(m, "value", t.value());
      putIfPresent(m, "label", t.label());
      putIfPresent(m, "description", t.description());
      if (!t.attributes().isEmpty()) {
        m.put("attributes", t.attributes());
      }
      terms.add(m);
    }
    out.put("terms", terms);
    List<Object> relations = new ArrayList<>(policy.relations().size());
    for (Relation r : policy.relations()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("relation_id", r.id());
      m.put("relation_type", r.type().jsonName());
      putIfPresent(m, "source_term_id", r.sourceTermId());
      m.put("target_term_id", r.targetTermId());
      putIfPresent(m, "object_term_id", r.objectTermId());
      if (!r.conditions().isEmpty()) {
        m.put("conditions", r.conditions());
      }
      if (!r.obligations().isEmpty()) {
        m.put("obligations", r.obligations());
      }
      putIfPresent(m, "justification", r.justification());
      if (!r.metadata().isEmpty()) {
        m.put("metadata", r.metadata());
      }
      relations.add(m);
    }
    out.put("relations", relations);
    if (!policy.constraints().isEmpty()) {
      List<Object> constraints = new ArrayList<>();
      for (Constraint c : policy.constraints()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("condition", c.condition());
        m.put("action", c.action());
        putIfPresent(m, "justification", c.justification());
        constraints.add(m);
      }
      out.put("constraints", constraints);
    }
    if (!policy.lists().isEmpty()) {
      out.put("lists", policy.lists());
    }
    policy.extensions().forEach(out::putIfAbsent);
    return out;
  }

  private static void putIfPresent(Map<String, Object> m, String key, @Nullable String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}

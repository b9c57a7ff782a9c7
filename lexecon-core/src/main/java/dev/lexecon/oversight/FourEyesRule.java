package dev.lexecon.oversight;

import dev.lexecon.api.Decision;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.api.policy.Constraint;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.policy.Obligations;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How many distinct persons must confirm an escalated decision, and in what role (EU AI Act Art.
 * 14(5)). A policy demands it with a four-eyes obligation ({@code dual_authorization} or {@code
 * four_eyes}) on a {@code requires} relation, or a constraint whose action is {@code
 * require_dual_authorization} or {@code require_four_eyes}. The number and role come from {@code
 * "four_eyes": {"persons": N, "role": "name"}} in the relation's metadata, or else in the policy's
 * top-level {@code metadata} (the only place for constraints); the number defaults to the engine's
 * (2), the role to anyone with APPROVE_REQUESTS.
 */
record FourEyesRule(int persons, @Nullable Role role) {

  /** The rule an escalated decision falls under, or null when it needs no four-eyes confirmation. */
  static @Nullable FourEyesRule of(Decision decision, Policy policy, int defaultPersons) {
    boolean demanded = false;
    for (String o : decision.obligations()) {
      demanded |= Obligations.isFourEyes(o);
    }
    if (!demanded) {
      return null;
    }
    FourEyesRule policyWide = read(policyMetadata(policy), defaultPersons, null);
    FourEyesRule rule = null;
    for (Reason r : decision.reasons()) {
      FourEyesRule found = null;
      if (r.code() == ReasonCode.HUMAN_CONFIRMATION_REQUIRED && r.ruleId() != null) {
        Relation rel = relation(policy, r.ruleId());
        if (rel != null && rel.obligations().stream().anyMatch(Obligations::isFourEyes)) {
          found = read(rel.metadata().get("four_eyes"), defaultPersons, policyWide);
        }
      } else if (r.code() == ReasonCode.CONSTRAINT && r.ruleId() != null) {
        Constraint c = constraint(policy, r.ruleId());
        if (c != null && (c.action().equals("require_dual_authorization")
            || c.action().equals("require_four_eyes"))) {
          found = policyWide;
        }
      }
      rule = merge(rule, found);
    }
    return rule != null ? rule : policyWide;
  }

  /** The stricter of two rules: more persons, and the first role named. */
  private static @Nullable FourEyesRule merge(@Nullable FourEyesRule a, @Nullable FourEyesRule b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return new FourEyesRule(Math.max(a.persons, b.persons), a.role != null ? a.role : b.role);
  }

  private static FourEyesRule read(
      @Nullable Object json, int defaultPersons, @Nullable FourEyesRule fallback) {
    int persons = fallback != null ? fallback.persons : defaultPersons;
    Role role = fallback != null ? fallback.role : null;
    if (json instanceof Map<?, ?> m) {
      if (m.get("persons") instanceof Number n && n.intValue() >= 2 && n.intValue() <= 10) {
        persons = n.intValue();
      }
      if (m.get("role") instanceof String s) {
        role = Role.of(s);
      }
    }
    return new FourEyesRule(persons, role);
  }

  private static @Nullable Object policyMetadata(Policy policy) {
    return policy.extensions().get("metadata") instanceof Map<?, ?> m ? m.get("four_eyes") : null;
  }

  private static @Nullable Relation relation(Policy policy, String id) {
    for (Relation r : policy.relations()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    return null;
  }

  private static @Nullable Constraint constraint(Policy policy, String name) {
    for (Constraint c : policy.constraints()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}

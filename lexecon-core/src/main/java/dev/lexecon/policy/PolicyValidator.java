package dev.lexecon.policy;

import dev.lexecon.internal.Glob;
import dev.lexecon.api.policy.Constraint;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.PolicyIssue;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import dev.lexecon.policy.condition.Condition;
import dev.lexecon.policy.condition.ConditionSyntaxException;
import dev.lexecon.policy.condition.NamedLists;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whole-policy static checks, with JSON paths: duplicate and dangling ids, impossible relations,
 * conditions that fail closed, shadowed and contradictory relations.
 */
final class PolicyValidator {
  /** Single-valued request attributes: one request carries exactly one of each. */
  private static final Set<TermType> SINGLE_VALUED =
      EnumSet.of(TermType.ACTOR, TermType.ACTION, TermType.TOOL, TermType.RESOURCE);

  private PolicyValidator() {}

  static List<PolicyIssue> validate(Policy policy) {
    List<PolicyIssue> issues = new ArrayList<>();
    Map<String, Term> terms = new HashMap<>();
    Map<String, Integer> termIndex = new HashMap<>();
    for (int i = 0; i < policy.terms().size(); i++) {
      Term t = policy.terms().get(i);
      String path = "$.terms[" + i + "]";
      Integer first = termIndex.putIfAbsent(t.id(), i);
      if (first != null) {
        issues.add(PolicyIssue.error(path + ".term_id",
            "duplicate term id '" + t.id() + "' (first declared at $.terms[" + first + "])"));
        continue;
      }
      terms.put(t.id(), t);
      if (t.value() != null) {
        if (t.value().isBlank()) {
          issues.add(PolicyIssue.error(path + ".value", "must not be blank; omit it to match by id"));
        } else if (t.value().contains("?") || t.value().contains("[") || t.value().contains("{")) {
          issues.add(PolicyIssue.warning(path + ".value",
              "only * is a wildcard; ?, [ and { in '" + t.value() + "' match themselves"));
        }
      }
    }

    NamedLists lists = NamedLists.of(policy.lists());
    Map<String, Integer> relationIndex = new HashMap<>();
    for (int i = 0; i < policy.relations().size(); i++) {
      Relation r = policy.relations().get(i);
      String path = "$.relations[" + i + "]";
      Integer first = relationIndex.putIfAbsent(r.id(), i);
      if (first != null) {
        issues.add(PolicyIssue.error(path + ".relation_id",
            "duplicate relation id '" + r.id() + "' (first used at $.relations[" + first + "])"));
      }
      Term source = reference(issues, terms, r.sourceTermId(), path + ".source_term_id");
      Term target = reference(issues, terms, r.targetTermId(), path + ".target_term_id");
      Term object = reference(issues, terms, r.objectTermId(), path + ".object_term_id");
      if (object != null && object.type() != TermType.DATA_CLASS) {
        issues.add(PolicyIssue.error(path + ".object_term_id", "'" + object.id()
            + "' is a " + object.type().jsonName() + " term; a relation can only be bound to a data_class"));
      }
      if (source != null && target != null && canNeverBothMatch(source, target)) {
        issues.add(PolicyIssue.error(path, "can never apply: source '" + source.id()
            + "' and target '" + target.id() + "' are different exact " + source.type().jsonName()
            + " values, and a request has only one " + source.type().jsonName()));
      }
      for (int k = 0; k < r.conditions().size(); k++) {
        checkCondition(issues, r.conditions().get(k), lists, path + ".conditions[" + k + "]",
            r.type() == RelationType.PERMITS
                ? "the permit never applies"
                : "the relation always applies");
      }
    }
    shadowedAndContradictory(policy, issues);

    for (int i = 0; i < policy.constraints().size(); i++) {
      Constraint c = policy.constraints().get(i);
      checkCondition(issues, c.condition(), lists, "$.constraints[" + i + "].condition",
          "the constraint is advisory and never fires");
    }
    return issues;
  }

  private static @org.jspecify.annotations.Nullable Term reference(
      List<PolicyIssue> issues, Map<String, Term> terms, @org.jspecify.annotations.Nullable String id, String path) {
    if (id == null) {
      return null;
    }
    Term t = terms.get(id);
    if (t == null) {
      issues.add(PolicyIssue.error(path, "refers to undeclared term '" + id + "'"));
    }
    return t;
  }

  private static boolean canNeverBothMatch(Term source, Term target) {
    if (source.type() != target.type() || !SINGLE_VALUED.contains(source.type())
        || source.id().equals(target.id())) {
      return false;
    }
    // Two exact terms of one single-valued attribute match together only if some value matches
    // both; with no globs that means their match keys (id, unprefixed id, label, value) overlap.
    if (isGlobTerm(source) || isGlobTerm(target)) {
      return false;
    }
    Set<String> keys = new java.util.HashSet<>(TermMatchKeys.of(source));
    keys.retainAll(TermMatchKeys.of(target));
    return keys.isEmpty();
  }

  private static boolean isGlobTerm(Term t) {
    return t.value() != null && Glob.isGlob(t.value());
  }

  private static void checkCondition(
      List<PolicyIssue> issues, String source, NamedLists lists, String path, String consequence) {
    try {
      Condition condition = Condition.compile(source, lists);
      if (condition.isFlag()) {
        return;
      }
      for (String p : condition.paths()) {
        String root = p.contains(".") ? p.substring(0, p.indexOf('.')) : p;
        if (!RequestConditionInput.isKnownRoot(root)) {
          issues.add(PolicyIssue.warning(path, "'" + p + "' is not a request field, args.* or "
              + "context.*; it is read from the request context and the condition is unknown "
              + "(fails closed) when the context lacks it"));
        }
      }
    } catch (ConditionSyntaxException e) {
      issues.add(PolicyIssue.warning(path, "cannot be evaluated (" + e.getMessage() + "); "
          + consequence));
    }
  }

  private static void shadowedAndContradictory(Policy policy, List<PolicyIssue> issues) {
    List<Relation> rs = policy.relations();
    for (int i = 0; i < rs.size(); i++) {
      Relation a = rs.get(i);
      for (int j = 0; j < i; j++) {
        Relation b = rs.get(j);
        if (!sameTerms(a, b)) {
          continue;
        }
        String path = "$.relations[" + i + "]";
        if (a.type() == b.type() && a.conditions().equals(b.conditions())
            && a.obligations().equals(b.obligations())) {
          issues.add(PolicyIssue.warning(path, "shadowed: repeats '" + b.id() + "' at $.relations["
              + j + "]"));
        } else if (isPermitForbidPair(a, b)) {
          Relation forbid = a.type() == RelationType.FORBIDS ? a : b;
          Relation permit = a.type() == RelationType.FORBIDS ? b : a;
          String effect = forbid.conditions().isEmpty()
              ? "'" + permit.id() + "' never takes effect: forbid overrides permit"
              : "'" + permit.id() + "' is overridden whenever the conditions of '" + forbid.id()
                  + "' hold or are unknown";
          issues.add(PolicyIssue.warning(path, "contradicts '" + b.id() + "' on the same terms; "
              + effect));
        }
      }
    }
  }

  private static boolean sameTerms(Relation a, Relation b) {
    return Objects.equals(a.sourceTermId(), b.sourceTermId())
        && a.targetTermId().equals(b.targetTermId())
        && Objects.equals(a.objectTermId(), b.objectTermId());
  }

  private static boolean isPermitForbidPair(Relation a, Relation b) {
    return (a.type() == RelationType.PERMITS && b.type() == RelationType.FORBIDS)
        || (a.type() == RelationType.FORBIDS && b.type() == RelationType.PERMITS);
  }
}

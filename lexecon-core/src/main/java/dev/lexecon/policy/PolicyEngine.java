package dev.lexecon.policy;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.policy.Constraint;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.PolicyIssue;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import dev.lexecon.json.Jcs;
import dev.lexecon.policy.condition.Condition;
import dev.lexecon.policy.condition.ConditionInput;
import dev.lexecon.policy.condition.ConditionSyntaxException;
import dev.lexecon.policy.condition.NamedLists;
import dev.lexecon.policy.condition.Truth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One policy compiled for evaluation: immutable, thread-safe and lock-free to read.
 *
 * <p>Compilation builds, per term type, a hash index of exact match keys and a prefix index of
 * globs, and lists relations by target term. Evaluating a request therefore touches only the
 * terms that match it and the relations that target those terms; relations elsewhere in the
 * policy cost nothing.
 *
 * <p>Combining, in order (see {@code docs/policy-language.md}): any applicable {@code forbids}
 * denies; else an applicable {@code permits} approves (or, with none, the mode decides: STRICT and
 * PARANOID deny, PERMISSIVE approves); unmet {@code requires} obligations turn an approval
 * CONDITIONAL, or ESCALATED when only a human can meet them; constraints can then only tighten;
 * PARANOID escalates requests of risk level 4 or 5. The result is the most restrictive of all.
 *
 * @since 0.1
 */
public final class PolicyEngine {
  private static final TermType[] TYPES = TermType.values();
  private static final Reason DEFAULT_PERMIT = new Reason(ReasonCode.DEFAULT_PERMIT, null, List.of(),
      "no relation permits or forbids this request; PERMISSIVE mode approves by default");
  private static final Reason DEFAULT_DENY_STRICT = new Reason(ReasonCode.DEFAULT_DENY, null,
      List.of(), "no relation permits this request; STRICT mode denies by default");
  private static final Reason DEFAULT_DENY_PARANOID = new Reason(ReasonCode.DEFAULT_DENY, null,
      List.of(), "no relation permits this request; PARANOID mode denies by default");

  private final Policy policy;
  private final String policyHash;
  private final PolicyMode defaultMode;
  private final List<PolicyIssue> warnings;
  private final Term[] terms;
  private final TermIndex[] indexes; // by TermType ordinal
  private final int[] contextTerms;
  private final String[] contextKeys; // by position in contextTerms
  private final CompiledRelation[] relations;
  private final int[][] relationsByTarget; // by term index
  private final CompiledConstraint[] constraints;

  private PolicyEngine(Policy policy, @Nullable PolicyMode modeOverride, List<PolicyIssue> warnings) {
    this.policy = policy;
    this.warnings = List.copyOf(warnings);
    this.policyHash = hash(policy);
    this.defaultMode =
        modeOverride != null ? modeOverride : policy.mode() != null ? policy.mode() : PolicyMode.STRICT;
    this.terms = policy.terms().toArray(new Term[0]);

    Map<String, Integer> termIndex = new HashMap<>();
    List<List<Integer>> byType = new ArrayList<>();
    for (int t = 0; t < TYPES.length; t++) {
      byType.add(new ArrayList<>());
    }
    for (int i = 0; i < terms.length; i++) {
      termIndex.put(terms[i].id(), i);
      byType.get(terms[i].type().ordinal()).add(i);
    }
    indexes = new TermIndex[TYPES.length];
    for (TermType type : TYPES) {
      indexes[type.ordinal()] = new TermIndex(policy.terms(), byType.get(type.ordinal()));
    }
    List<Integer> ctx = byType.get(TermType.CONTEXT.ordinal());
    contextTerms = ctx.stream().mapToInt(Integer::intValue).toArray();
    contextKeys = new String[contextTerms.length];
    for (int i = 0; i < contextTerms.length; i++) {
      Term t = terms[contextTerms[i]];
      String bare = TermIds.withoutTypePrefix(t.id());
      contextKeys[i] = t.value() != null ? t.value() : bare != null ? bare : t.id();
    }

    NamedLists lists = NamedLists.of(policy.lists());
    relations = new CompiledRelation[policy.relations().size()];
    List<List<Integer>> byTarget = new ArrayList<>(terms.length);
    for (int i = 0; i < terms.length; i++) {
      byTarget.add(new ArrayList<>(0));
    }
    for (int i = 0; i < relations.length; i++) {
      Relation r = policy.relations().get(i);
      relations[i] = new CompiledRelation(i, r, termIndex, lists);
      boolean inert = r.type() == RelationType.IMPLIES || r.type() == RelationType.CONFLICTS;
      if (!inert) {
        byTarget.get(relations[i].target).add(i);
      }
    }
    relationsByTarget = new int[terms.length][];
    for (int i = 0; i < terms.length; i++) {
      relationsByTarget[i] = byTarget.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    constraints = new CompiledConstraint[policy.constraints().size()];
    for (int i = 0; i < constraints.length; i++) {
      constraints[i] = new CompiledConstraint(policy.constraints().get(i), lists);
    }
  }

  /**
   * Validates and compiles a policy; the default mode is the policy's own (STRICT if it has none).
   *
   * @throws dev.lexecon.api.InvalidPolicyException listing every error
   */
  public static PolicyEngine compile(Policy policy) {
    return compile(policy, null);
  }

  /**
   * Validates and compiles a policy with an engine-level mode that overrides the policy's own
   * (requests may still override both).
   *
   * @throws dev.lexecon.api.InvalidPolicyException listing every error
   */
  public static PolicyEngine compile(Policy policy, @Nullable PolicyMode modeOverride) {
    LoadedPolicy loaded = PolicyLoader.validate(policy);
    return new PolicyEngine(policy, modeOverride, loaded.warnings());
  }

  /** Compiles a policy already loaded (and so validated) by {@link PolicyLoader}. */
  public static PolicyEngine compile(LoadedPolicy loaded, @Nullable PolicyMode modeOverride) {
    return new PolicyEngine(loaded.policy(), modeOverride, loaded.warnings());
  }

  /** Returns an engine for the same policy with a different engine-level mode. */
  public PolicyEngine withMode(@Nullable PolicyMode modeOverride) {
    return new PolicyEngine(policy, modeOverride, warnings);
  }

  /** The policy this engine evaluates. */
  public Policy policy() {
    return policy;
  }

  /** Lowercase hex SHA-256 of the policy's RFC 8785 canonical JSON. */
  public String policyHash() {
    return policyHash;
  }

  /** The mode used when a request does not set one. */
  public PolicyMode defaultMode() {
    return defaultMode;
  }

  /** Warnings found when the policy was validated. */
  public List<PolicyIssue> warnings() {
    return warnings;
  }

  /** The policy's canonical JSON tree, as hashed and as recorded in the ledger. */
  public Map<String, Object> canonicalJson() {
    return PolicyJson.toMap(policy);
  }

  static String hash(Policy policy) {
    return Jcs.sha256Hex(Jcs.normalizeNumbers(PolicyJson.toMap(policy)));
  }

  /**
   * Evaluates a request against this policy. Pure: no clock, no I/O, no shared mutable state; the
   * same policy and request always give an equal result.
   */
  public PolicyEvaluation evaluate(DecisionRequest request) {
    PolicyMode mode = request.mode() != null ? request.mode() : defaultMode;
    Evaluation ev = new Evaluation(request);
    ev.matchTerms();
    IntList applicable = ev.applicableRelations();

    List<Reason> reasons = new ArrayList<>(4);
    // Small and usually empty: an ArrayList with set semantics beats a LinkedHashSet here.
    List<String> obligations = new ArrayList<>(0);
    List<String> advisories = new ArrayList<>(0);
    Outcome outcome;
    boolean forbidden = false;
    boolean permitted = false;
    for (int i = 0; i < applicable.size(); i++) {
      CompiledRelation r = relations[applicable.get(i)];
      if (r.type == RelationType.FORBIDS) {
        forbidden = true;
        reasons.add(r.verdictReason);
      }
    }
    if (forbidden) {
      outcome = Outcome.DENIED;
    } else {
      for (int i = 0; i < applicable.size(); i++) {
        CompiledRelation r = relations[applicable.get(i)];
        if (r.type == RelationType.PERMITS) {
          permitted = true;
          reasons.add(r.verdictReason);
        }
      }
      if (permitted) {
        outcome = Outcome.APPROVED;
      } else if (mode == PolicyMode.PERMISSIVE) {
        outcome = Outcome.APPROVED;
        reasons.add(DEFAULT_PERMIT);
      } else {
        outcome = Outcome.DENIED;
        reasons.add(mode == PolicyMode.PARANOID ? DEFAULT_DENY_PARANOID : DEFAULT_DENY_STRICT);
      }
      if (outcome == Outcome.APPROVED) {
        outcome = applyRequires(ev, applicable, request, reasons, obligations);
      }
    }
    for (CompiledConstraint c : constraints) {
      if (c.condition != null && c.condition.evaluate(ev.input()) == Truth.TRUE) {
        outcome = c.apply(outcome, request, reasons, obligations, advisories);
      }
    }
    if (mode == PolicyMode.PARANOID && request.riskLevel() >= 4 && outcome != Outcome.DENIED) {
      outcome = Outcome.ESCALATED;
      addOnce(obligations, "human_confirmation");
      reasons.add(new Reason(ReasonCode.RISK_ESCALATION, null, List.of(),
          "request risk level " + request.riskLevel()
              + " is 4 or higher; PARANOID mode escalates it to a human"));
    }
    List<String> owed =
        outcome == Outcome.CONDITIONAL || outcome == Outcome.ESCALATED ? obligations : List.of();
    return new PolicyEvaluation(outcome, reasons, owed, advisories, mode, RiskAssessment.none());
  }

  private static void addOnce(List<String> list, String value) {
    if (!list.contains(value)) {
      list.add(value);
    }
  }

  private Outcome applyRequires(
      Evaluation ev,
      IntList applicable,
      DecisionRequest request,
      List<Reason> reasons,
      List<String> obligations) {
    Outcome outcome = Outcome.APPROVED;
    for (int i = 0; i < applicable.size(); i++) {
      CompiledRelation r = relations[applicable.get(i)];
      if (r.type != RelationType.REQUIRES) {
        continue;
      }
      for (String obligation : r.relation.obligations()) {
        boolean human = Obligations.needsHuman(obligation);
        if (!human && Boolean.TRUE.equals(request.context().get(obligation))) {
          continue;
        }
        addOnce(obligations, obligation);
        reasons.add(r.obligationReason(obligation, human));
        outcome = outcome.mostRestrictive(human ? Outcome.ESCALATED : Outcome.CONDITIONAL);
      }
    }
    return outcome;
  }

  /** Per-call state: which terms matched and the lazily created condition input. */
  private final class Evaluation {
    private final DecisionRequest request;
    private final @Nullable IntList[] matched = new IntList[TYPES.length];
    private @Nullable ConditionInput input;

    Evaluation(DecisionRequest request) {
      this.request = request;
    }

    ConditionInput input() {
      if (input == null) {
        input = new RequestConditionInput(request);
      }
      return input;
    }

    void matchTerms() {
      // Lists are created only for attributes the request carries: most requests have no
      // resource, data class or context flag, and an absent list matches nothing.
      collect(TermType.ACTOR, request.actor());
      collect(TermType.ACTION, request.action());
      collect(TermType.TOOL, request.tool());
      if (request.resource() != null) {
        collect(TermType.RESOURCE, request.resource());
      }
      List<String> dataClasses = request.dataClasses();
      for (int i = 0; i < dataClasses.size(); i++) {
        collect(TermType.DATA_CLASS, dataClasses.get(i));
      }
      if (contextTerms.length > 0 && !request.context().isEmpty()) {
        for (int i = 0; i < contextTerms.length; i++) {
          if (Boolean.TRUE.equals(request.context().get(contextKeys[i]))) {
            list(TermType.CONTEXT).addAbsent(contextTerms[i]);
          }
        }
      }
    }

    private void collect(TermType type, String value) {
      indexes[type.ordinal()].collect(value, list(type));
    }

    private IntList list(TermType type) {
      IntList list = matched[type.ordinal()];
      if (list == null) {
        list = new IntList(4);
        matched[type.ordinal()] = list;
      }
      return list;
    }

    private boolean isMatched(int type, int term) {
      IntList list = matched[type];
      return list != null && list.contains(term);
    }

    IntList applicableRelations() {
      IntList applicable = new IntList(4);
      for (IntList list : matched) {
        if (list == null) {
          continue;
        }
        for (int i = 0; i < list.size(); i++) {
          for (int r : relationsByTarget[list.get(i)]) {
            if (applies(relations[r])) {
              applicable.addAbsent(r);
            }
          }
        }
      }
      applicable.sort();
      return applicable;
    }

    private boolean applies(CompiledRelation r) {
      if (r.source >= 0 && !isMatched(r.sourceType, r.source)) {
        return false;
      }
      if (r.object >= 0 && !isMatched(TermType.DATA_CLASS.ordinal(), r.object)) {
        return false;
      }
      if (r.conditions.length == 0) {
        return true;
      }
      Truth truth = Truth.TRUE;
      for (Condition c : r.conditions) {
        // An uncompilable condition is unknown: it can never be shown to hold or to fail.
        truth = truth.and(c == null ? Truth.UNKNOWN : c.evaluate(input()));
        if (truth == Truth.FALSE) {
          return false;
        }
      }
      // Fail closed: an unknown guard lets a forbid or an obligation apply, never a permit.
      return truth == Truth.TRUE || r.type != RelationType.PERMITS;
    }
  }

  /** A relation with its term references resolved to indexes and its conditions compiled. */
  private final class CompiledRelation {
    final Relation relation;
    final RelationType type;
    final int source;
    final int sourceType;
    final int target;
    final int object;
    final @Nullable Condition[] conditions;
    final List<String> termIds;
    final Reason verdictReason; // FORBIDDEN or PERMITTED; the same object for every request

    CompiledRelation(int index, Relation r, Map<String, Integer> termIndex, NamedLists lists) {
      this.relation = r;
      this.type = r.type();
      this.source = r.sourceTermId() == null ? -1 : termIndex.get(r.sourceTermId());
      this.sourceType = source < 0 ? -1 : terms[source].type().ordinal();
      this.target = termIndex.get(r.targetTermId());
      this.object = r.objectTermId() == null ? -1 : termIndex.get(r.objectTermId());
      this.conditions = new Condition[r.conditions().size()];
      for (int i = 0; i < conditions.length; i++) {
        conditions[i] = compileOrNull(r.conditions().get(i), lists);
      }
      List<String> ids = new ArrayList<>(3);
      if (r.sourceTermId() != null) {
        ids.add(r.sourceTermId());
      }
      ids.add(r.targetTermId());
      if (r.objectTermId() != null) {
        ids.add(r.objectTermId());
      }
      this.termIds = List.copyOf(ids);
      this.verdictReason = reason(type == RelationType.FORBIDS ? ReasonCode.FORBIDDEN : ReasonCode.PERMITTED);
    }

    private Reason reason(ReasonCode code) {
      String text = relation.justification();
      if (text == null) {
        String who = relation.sourceTermId() == null ? "every actor" : relation.sourceTermId();
        String verb = type == RelationType.FORBIDS ? " must not " : " may ";
        text = relation.id() + ": " + who + verb + relation.targetTermId()
            + (relation.objectTermId() == null ? "" : " on " + relation.objectTermId());
      }
      return new Reason(code, relation.id(), termIds, text);
    }

    Reason obligationReason(String obligation, boolean human) {
      String text = relation.id() + ": " + relation.targetTermId() + " requires " + obligation
          + (human ? ", which only a human can give" : ", which the request does not carry");
      if (relation.justification() != null) {
        text = relation.justification() + " (" + text + ")";
      }
      return new Reason(
          human ? ReasonCode.HUMAN_CONFIRMATION_REQUIRED : ReasonCode.OBLIGATION_UNMET,
          relation.id(), termIds, text);
    }
  }

  private static @Nullable Condition compileOrNull(String source, NamedLists lists) {
    try {
      return Condition.compile(source, lists);
    } catch (ConditionSyntaxException e) {
      return null; // reported as a warning by validation; evaluates as unknown
    }
  }

  /** A constraint with its condition compiled and its action classified once. */
  private static final class CompiledConstraint {
    final Constraint constraint;
    final @Nullable Condition condition;
    final Outcome effect; // APPROVED means "advisory only"
    final @Nullable String obligation;

    CompiledConstraint(Constraint constraint, NamedLists lists) {
      this.constraint = constraint;
      this.condition = compileOrNull(constraint.condition(), lists);
      String action = constraint.action();
      if (action.startsWith("require_") && action.length() > "require_".length()) {
        obligation = action.substring("require_".length());
        // require_human_confirmation, require_dual_authorization, require_*_approval and
        // require_*_review call for a person; any other require_X is an obligation the caller meets.
        effect = Obligations.needsHuman(obligation) ? Outcome.ESCALATED : Outcome.CONDITIONAL;
      } else if (action.startsWith("block") || action.startsWith("deny")) {
        effect = Outcome.DENIED;
        obligation = null;
      } else {
        effect = Outcome.APPROVED;
        obligation = null;
      }
    }

    Outcome apply(
        Outcome outcome,
        DecisionRequest request,
        List<Reason> reasons,
        List<String> obligations,
        List<String> advisories) {
      String because = constraint.justification() != null
          ? constraint.justification()
          : "condition '" + constraint.condition() + "' holds";
      if (effect == Outcome.APPROVED) {
        advisories.add("constraint " + constraint.name() + " (" + constraint.action() + "): " + because);
        return outcome;
      }
      if (effect.compareTo(outcome) < 0) {
        // Constraints only tighten: an obligation on an already escalated or denied decision
        // would be noise in the explanation.
        return outcome;
      }
      if (effect == Outcome.CONDITIONAL && obligation != null
          && !Obligations.needsHuman(obligation)
          && Boolean.TRUE.equals(request.context().get(obligation))) {
        return outcome; // the obligation is already met by the request
      }
      if (obligation != null) {
        addOnce(obligations, obligation);
      }
      reasons.add(new Reason(ReasonCode.CONSTRAINT, constraint.name(), List.of(),
          "constraint " + constraint.name() + " (" + constraint.action() + "): " + because));
      return outcome.mostRestrictive(effect);
    }
  }
}

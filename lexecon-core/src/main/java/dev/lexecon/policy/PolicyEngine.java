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
  private static final RiskAssessment NO_RISK = RiskAssessment.none();
  private static final Reason DEFAULT_PERMIT = new Reason(ReasonCode.DEFAULT_PERMIT, null, List.of(),
      "no relation permits or forbids this request; PERMISSIVE mode approves by default");
  private static final Reason DEFAULT_DENY_STRICT = new Reason(ReasonCode.DEFAULT_DENY, null,
      List.of(), "no relation permits this request; STRICT mode denies by default");
  private static final Reason DEFAULT_DENY_PARANOID = new Reason(ReasonCode.DEFAULT_DENY, null,
      List.of(), "no relation permits this request; PARANOID mode denies by default");
  private static final Reason[] RISK_ESCALATION = {riskEscalation(4), riskEscalation(5)};
  /** Context terms up to which each is looked up in the request; beyond, each context entry is. */
  static final int CONTEXT_SCAN_LIMIT = 8;

  // How a relation acts, packed with its index into the applicable list (index << 2 | kind).
  private static final int FORBIDS = 0;
  private static final int PERMITS = 1;
  private static final int REQUIRES = 2;
  private static final int INERT = 3;
  // Row layout of relationRows: four ints per relation, grouped by target term.
  private static final int ROW = 4;
  private static final int NO_TERM = -1;
  private static final int NEVER = -2; // an object term that is not a data class: nothing matches it
  private static final int GUARDED = 4; // flag bit in a row's kind column: the relation has conditions

  private final Policy policy;
  private final String policyHash;
  private final PolicyMode defaultMode;
  private final List<PolicyIssue> warnings;
  private final TermIndex[] indexes; // by TermType ordinal
  private final int[] contextTerms;
  private final String[] contextKeys; // by position in contextTerms
  private final Map<String, int[]> contextTermsByKey; // used beyond CONTEXT_SCAN_LIMIT
  private final CompiledRelation[] relations;
  private final Reason[] verdictReasons; // by relation: FORBIDDEN or PERMITTED
  /**
   * The relations by target term, flat: the rows of term {@code t} are {@code
   * relationStart[t]..relationStart[t + 1]}, each {@link #ROW} ints (relation index, source term or
   * NO_TERM, object term or NO_TERM or NEVER, kind with the GUARDED bit). Deciding whether a
   * relation applies reads one contiguous row rather than a relation object per candidate, which
   * on large policies is the difference between one cache miss and several.
   */
  private final int[] relationStart;
  private final int[] relationRows;
  private final CompiledConstraint[] constraints;

  private PolicyEngine(Policy policy, @Nullable PolicyMode modeOverride, List<PolicyIssue> warnings) {
    this.policy = policy;
    this.warnings = List.copyOf(warnings);
    this.policyHash = hash(policy);
    this.defaultMode =
        modeOverride != null ? modeOverride : policy.mode() != null ? policy.mode() : PolicyMode.STRICT;
    Term[] terms = policy.terms().toArray(new Term[0]);

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
    Map<String, List<Integer>> byKey = new HashMap<>();
    for (int i = 0; i < contextTerms.length; i++) {
      Term t = terms[contextTerms[i]];
      String bare = TermIds.withoutTypePrefix(t.id());
      contextKeys[i] = t.value() != null ? t.value() : bare != null ? bare : t.id();
      byKey.computeIfAbsent(contextKeys[i], k -> new ArrayList<>(1)).add(contextTerms[i]);
    }
    contextTermsByKey = new HashMap<>();
    byKey.forEach((k, v) -> contextTermsByKey.put(k, v.stream().mapToInt(Integer::intValue).toArray()));

    NamedLists lists = NamedLists.of(policy.lists());
    relations = new CompiledRelation[policy.relations().size()];
    int[] rowsPerTarget = new int[terms.length];
    for (int i = 0; i < relations.length; i++) {
      relations[i] = new CompiledRelation(policy.relations().get(i), termIndex, terms, lists);
      if (relations[i].kind != INERT) {
        rowsPerTarget[relations[i].target]++;
      }
    }
    verdictReasons = new Reason[relations.length];
    for (int i = 0; i < relations.length; i++) {
      verdictReasons[i] = relations[i].verdictReason;
    }
    relationStart = new int[terms.length + 1];
    for (int t = 0; t < terms.length; t++) {
      relationStart[t + 1] = relationStart[t] + rowsPerTarget[t] * ROW;
    }
    relationRows = new int[relationStart[terms.length]];
    int[] fill = java.util.Arrays.copyOf(relationStart, terms.length);
    for (int i = 0; i < relations.length; i++) {
      CompiledRelation r = relations[i];
      if (r.kind == INERT) {
        continue;
      }
      int at = fill[r.target];
      fill[r.target] += ROW;
      relationRows[at] = i;
      relationRows[at + 1] = r.source;
      relationRows[at + 2] = r.object;
      relationRows[at + 3] = r.kind | (r.conditions.length > 0 ? GUARDED : 0);
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
    EvaluationScratch scratch = EvaluationScratch.acquire();
    try {
      return evaluate(request, scratch);
    } finally {
      scratch.release();
    }
  }

  private PolicyEvaluation evaluate(DecisionRequest request, EvaluationScratch scratch) {
    PolicyMode mode = request.mode() != null ? request.mode() : defaultMode;
    matchTerms(request, scratch.matched);
    int kinds = collectApplicable(request, scratch);
    IntList applicable = scratch.applicable;

    Outcome outcome;
    if ((kinds & (1 << FORBIDS)) != 0) {
      outcome = Outcome.DENIED;
      addReasons(applicable, FORBIDS, scratch);
    } else {
      if ((kinds & (1 << PERMITS)) != 0) {
        outcome = Outcome.APPROVED;
        addReasons(applicable, PERMITS, scratch);
      } else if (mode == PolicyMode.PERMISSIVE) {
        outcome = Outcome.APPROVED;
        scratch.addReason(DEFAULT_PERMIT);
      } else {
        outcome = Outcome.DENIED;
        scratch.addReason(mode == PolicyMode.PARANOID ? DEFAULT_DENY_PARANOID : DEFAULT_DENY_STRICT);
      }
      if (outcome == Outcome.APPROVED && (kinds & (1 << REQUIRES)) != 0) {
        outcome = applyRequires(applicable, request, scratch);
      }
    }
    for (CompiledConstraint c : constraints) {
      if (c.condition != null && c.condition.evaluate(scratch.input(request)) == Truth.TRUE) {
        outcome = c.apply(outcome, request, scratch);
      }
    }
    if (mode == PolicyMode.PARANOID && request.riskLevel() >= 4 && outcome != Outcome.DENIED) {
      outcome = Outcome.ESCALATED;
      scratch.addObligation("human_confirmation");
      scratch.addReason(RISK_ESCALATION[request.riskLevel() - 4]);
    }
    List<String> owed = outcome == Outcome.CONDITIONAL || outcome == Outcome.ESCALATED
        ? scratch.obligations()
        : List.of();
    return new PolicyEvaluation(
        outcome, scratch.reasons(), owed, scratch.advisories(), mode, NO_RISK);
  }

  private static Reason riskEscalation(int riskLevel) {
    return new Reason(ReasonCode.RISK_ESCALATION, null, List.of(),
        "request risk level " + riskLevel + " is 4 or higher; PARANOID mode escalates it to a human");
  }

  /** Collects every term the request matches, of every type, without duplicates. */
  private void matchTerms(DecisionRequest request, IntList matched) {
    // Each term has one type, so one list serves all types: a term index says which it is.
    indexes[TermType.ACTOR.ordinal()].collect(request.actor(), matched);
    indexes[TermType.ACTION.ordinal()].collect(request.action(), matched);
    indexes[TermType.TOOL.ordinal()].collect(request.tool(), matched);
    if (request.resource() != null) {
      indexes[TermType.RESOURCE.ordinal()].collect(request.resource(), matched);
    }
    List<String> dataClasses = request.dataClasses();
    for (int i = 0; i < dataClasses.size(); i++) {
      indexes[TermType.DATA_CLASS.ordinal()].collect(dataClasses.get(i), matched);
    }
    Map<String, @Nullable Object> context = request.context();
    if (contextTerms.length == 0 || context.isEmpty()) {
      return;
    }
    if (contextTerms.length <= CONTEXT_SCAN_LIMIT) {
      for (int i = 0; i < contextTerms.length; i++) {
        if (Boolean.TRUE.equals(context.get(contextKeys[i]))) {
          matched.addAbsent(contextTerms[i]);
        }
      }
    } else {
      // Many context terms: the request's context is the smaller side, so walk it instead.
      for (Map.Entry<String, @Nullable Object> e : context.entrySet()) {
        int[] found = Boolean.TRUE.equals(e.getValue()) ? contextTermsByKey.get(e.getKey()) : null;
        if (found != null) {
          for (int term : found) {
            matched.addAbsent(term);
          }
        }
      }
    }
  }

  /**
   * Fills {@code scratch.applicable} with the relations that apply, in declaration order, and
   * returns a bit per kind present.
   */
  private int collectApplicable(DecisionRequest request, EvaluationScratch scratch) {
    IntList matched = scratch.matched;
    IntList applicable = scratch.applicable;
    int[] rows = relationRows;
    int kinds = 0;
    // A relation has one target and matched holds no duplicates, so each is visited at most once.
    for (int m = 0, n = matched.size(); m < n; m++) {
      int term = matched.get(m);
      for (int at = relationStart[term], end = relationStart[term + 1]; at < end; at += ROW) {
        int source = rows[at + 1];
        if (source != NO_TERM && !matched.contains(source)) {
          continue;
        }
        int object = rows[at + 2];
        if (object != NO_TERM && (object == NEVER || !matched.contains(object))) {
          continue;
        }
        int flags = rows[at + 3];
        int kind = flags & 3;
        if ((flags & GUARDED) != 0 && !guardsAllow(relations[rows[at]], kind, request, scratch)) {
          continue;
        }
        applicable.insertSorted(rows[at] << 2 | kind);
        kinds |= 1 << kind;
      }
    }
    return kinds;
  }

  private static boolean guardsAllow(
      CompiledRelation r, int kind, DecisionRequest request, EvaluationScratch scratch) {
    Truth truth = Truth.TRUE;
    for (Condition c : r.conditions) {
      // An uncompilable condition is unknown: it can never be shown to hold or to fail.
      truth = truth.and(c == null ? Truth.UNKNOWN : c.evaluate(scratch.input(request)));
      if (truth == Truth.FALSE) {
        return false;
      }
    }
    // Fail closed: an unknown guard lets a forbid or an obligation apply, never a permit.
    return truth == Truth.TRUE || kind != PERMITS;
  }

  private void addReasons(IntList applicable, int kind, EvaluationScratch scratch) {
    for (int i = 0; i < applicable.size(); i++) {
      int entry = applicable.get(i);
      if ((entry & 3) == kind) {
        scratch.addReason(verdictReasons[entry >>> 2]);
      }
    }
  }

  private Outcome applyRequires(
      IntList applicable, DecisionRequest request, EvaluationScratch scratch) {
    Outcome outcome = Outcome.APPROVED;
    for (int i = 0; i < applicable.size(); i++) {
      int entry = applicable.get(i);
      if ((entry & 3) != REQUIRES) {
        continue;
      }
      CompiledRelation r = relations[entry >>> 2];
      for (int k = 0; k < r.obligations.length; k++) {
        String obligation = r.obligations[k];
        boolean human = r.human[k];
        if (!human && Boolean.TRUE.equals(request.context().get(obligation))) {
          continue;
        }
        scratch.addObligation(obligation);
        scratch.addReason(r.obligationReasons[k]);
        outcome = outcome.mostRestrictive(human ? Outcome.ESCALATED : Outcome.CONDITIONAL);
      }
    }
    return outcome;
  }

  /**
   * A relation with its term references resolved to indexes, its conditions compiled, and every
   * reason it can give built once: reasons are the same text for every request, and building them
   * per request was a large share of evaluation time.
   */
  private static final class CompiledRelation {
    final Relation relation;
    final int kind;
    final int source;
    final int target;
    final int object;
    final @Nullable Condition[] conditions;
    final List<String> termIds;
    final Reason verdictReason; // FORBIDDEN or PERMITTED; the same object for every request
    final String[] obligations;
    final boolean[] human; // by obligation: only a human can meet it
    final Reason[] obligationReasons; // by obligation: the reason given when it is unmet

    CompiledRelation(Relation r, Map<String, Integer> termIndex, Term[] terms, NamedLists lists) {
      this.relation = r;
      this.kind = kindOf(r.type());
      this.source = r.sourceTermId() == null ? NO_TERM : termIndex.get(r.sourceTermId());
      this.target = termIndex.get(r.targetTermId());
      if (r.objectTermId() == null) {
        this.object = NO_TERM;
      } else {
        int o = termIndex.get(r.objectTermId());
        // Only data class terms are matched against the request's data classes; validation
        // rejects any other binding, but a policy compiled without it must still never match.
        this.object = terms[o].type() == TermType.DATA_CLASS ? o : NEVER;
      }
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
      this.verdictReason =
          reason(r.type() == RelationType.FORBIDS ? ReasonCode.FORBIDDEN : ReasonCode.PERMITTED);
      this.obligations = r.obligations().toArray(new String[0]);
      this.human = new boolean[obligations.length];
      this.obligationReasons = new Reason[obligations.length];
      for (int i = 0; i < obligations.length; i++) {
        human[i] = Obligations.needsHuman(obligations[i]);
        obligationReasons[i] = obligationReason(obligations[i], human[i]);
      }
    }

    private static int kindOf(RelationType type) {
      switch (type) {
        case FORBIDS:
          return FORBIDS;
        case PERMITS:
          return PERMITS;
        case REQUIRES:
          return REQUIRES;
        default:
          return INERT; // implies and conflicts are parsed and validated, but decide nothing
      }
    }

    private Reason reason(ReasonCode code) {
      String text = relation.justification();
      if (text == null) {
        String who = relation.sourceTermId() == null ? "every actor" : relation.sourceTermId();
        String verb = relation.type() == RelationType.FORBIDS ? " must not " : " may ";
        text = relation.id() + ": " + who + verb + relation.targetTermId()
            + (relation.objectTermId() == null ? "" : " on " + relation.objectTermId());
      }
      return new Reason(code, relation.id(), termIds, text);
    }

    private Reason obligationReason(String obligation, boolean human) {
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

  /** A constraint with its condition compiled, its action classified and its texts built once. */
  private static final class CompiledConstraint {
    final @Nullable Condition condition;
    final Outcome effect; // APPROVED means "advisory only"
    final @Nullable String obligation;
    final String note; // the advisory, or the reason's message
    final Reason reason;

    CompiledConstraint(Constraint constraint, NamedLists lists) {
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
      String because = constraint.justification() != null
          ? constraint.justification()
          : "condition '" + constraint.condition() + "' holds";
      note = "constraint " + constraint.name() + " (" + constraint.action() + "): " + because;
      reason = new Reason(ReasonCode.CONSTRAINT, constraint.name(), List.of(), note);
    }

    Outcome apply(Outcome outcome, DecisionRequest request, EvaluationScratch scratch) {
      if (effect == Outcome.APPROVED) {
        scratch.addAdvisory(note);
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
        scratch.addObligation(obligation);
      }
      scratch.addReason(reason);
      return outcome.mostRestrictive(effect);
    }
  }
}

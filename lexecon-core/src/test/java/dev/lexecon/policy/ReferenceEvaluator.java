package dev.lexecon.policy;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.policy.Constraint;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.internal.Glob;
import dev.lexecon.policy.condition.Condition;
import dev.lexecon.policy.condition.ConditionSyntaxException;
import dev.lexecon.policy.condition.NamedLists;
import dev.lexecon.policy.condition.Truth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The policy semantics written as plainly as possible, for tests to hold {@link PolicyEngine} to:
 * no index, no precomputation, every term matched against the request by brute force, every
 * relation visited in declaration order, every reason built from scratch for each request. Slow
 * on purpose; what it computes is what the engine must compute.
 */
final class ReferenceEvaluator {
  private final Policy policy;
  private final PolicyMode defaultMode;
  private final NamedLists lists;
  private final Map<String, Term> terms = new HashMap<>();

  ReferenceEvaluator(Policy policy, @Nullable PolicyMode modeOverride) {
    this.policy = policy;
    this.defaultMode =
        modeOverride != null ? modeOverride : policy.mode() != null ? policy.mode() : PolicyMode.STRICT;
    this.lists = NamedLists.of(policy.lists());
    for (Term t : policy.terms()) {
      terms.put(t.id(), t);
    }
  }

  PolicyEvaluation evaluate(DecisionRequest request) {
    PolicyMode mode = request.mode() != null ? request.mode() : defaultMode;
    List<Relation> applicable = new ArrayList<>();
    for (Relation r : policy.relations()) {
      if (applies(r, request)) {
        applicable.add(r);
      }
    }
    List<Reason> reasons = new ArrayList<>();
    List<String> obligations = new ArrayList<>();
    List<String> advisories = new ArrayList<>();
    Outcome outcome;
    for (Relation r : applicable) {
      if (r.type() == RelationType.FORBIDS) {
        reasons.add(verdictReason(r));
      }
    }
    if (!reasons.isEmpty()) {
      outcome = Outcome.DENIED;
    } else {
      for (Relation r : applicable) {
        if (r.type() == RelationType.PERMITS) {
          reasons.add(verdictReason(r));
        }
      }
      if (!reasons.isEmpty()) {
        outcome = Outcome.APPROVED;
      } else if (mode == PolicyMode.PERMISSIVE) {
        outcome = Outcome.APPROVED;
        reasons.add(new Reason(ReasonCode.DEFAULT_PERMIT, null, List.of(),
            "no relation permits or forbids this request; PERMISSIVE mode approves by default"));
      } else {
        outcome = Outcome.DENIED;
        reasons.add(new Reason(ReasonCode.DEFAULT_DENY, null, List.of(),
            "no relation permits this request; " + mode + " mode denies by default"));
      }
      if (outcome == Outcome.APPROVED) {
        for (Relation r : applicable) {
          if (r.type() != RelationType.REQUIRES) {
            continue;
          }
          for (String obligation : r.obligations()) {
            boolean human = Obligations.needsHuman(obligation);
            if (!human && Boolean.TRUE.equals(request.context().get(obligation))) {
              continue;
            }
            if (!obligations.contains(obligation)) {
              obligations.add(obligation);
            }
            String text = r.id() + ": " + r.targetTermId() + " requires " + obligation
                + (human ? ", which only a human can give" : ", which the request does not carry");
            if (r.justification() != null) {
              text = r.justification() + " (" + text + ")";
            }
            reasons.add(new Reason(
                human ? ReasonCode.HUMAN_CONFIRMATION_REQUIRED : ReasonCode.OBLIGATION_UNMET,
                r.id(), termIds(r), text));
            outcome = outcome.mostRestrictive(human ? Outcome.ESCALATED : Outcome.CONDITIONAL);
          }
        }
      }
    }
    for (Constraint c : policy.constraints()) {
      if (truth(c.condition(), request) == Truth.TRUE) {
        outcome = applyConstraint(c, outcome, request, reasons, obligations, advisories);
      }
    }
    if (mode == PolicyMode.PARANOID && request.riskLevel() >= 4 && outcome != Outcome.DENIED) {
      outcome = Outcome.ESCALATED;
      if (!obligations.contains("human_confirmation")) {
        obligations.add("human_confirmation");
      }
      reasons.add(new Reason(ReasonCode.RISK_ESCALATION, null, List.of(),
          "request risk level " + request.riskLevel()
              + " is 4 or higher; PARANOID mode escalates it to a human"));
    }
    List<String> owed =
        outcome == Outcome.CONDITIONAL || outcome == Outcome.ESCALATED ? obligations : List.of();
    return new PolicyEvaluation(outcome, reasons, owed, advisories, mode, RiskAssessment.none());
  }

  private boolean applies(Relation r, DecisionRequest request) {
    if (r.type() == RelationType.IMPLIES || r.type() == RelationType.CONFLICTS) {
      return false;
    }
    if (r.sourceTermId() != null && !matches(terms.get(r.sourceTermId()), request)) {
      return false;
    }
    if (!matches(terms.get(r.targetTermId()), request)) {
      return false;
    }
    if (r.objectTermId() != null) {
      Term object = terms.get(r.objectTermId());
      if (object.type() != TermType.DATA_CLASS || !matches(object, request)) {
        return false;
      }
    }
    Truth truth = Truth.TRUE;
    for (String c : r.conditions()) {
      truth = truth.and(truth(c, request));
    }
    return truth == Truth.TRUE || (truth == Truth.UNKNOWN && r.type() != RelationType.PERMITS);
  }

  private Truth truth(String condition, DecisionRequest request) {
    try {
      return Condition.compile(condition, lists).evaluate(new RequestConditionInput(request));
    } catch (ConditionSyntaxException e) {
      return Truth.UNKNOWN;
    }
  }

  /** Whether the request carries a value that matches the term. */
  static boolean matches(Term term, DecisionRequest request) {
    switch (term.type()) {
      case ACTOR:
        return matches(term, request.actor());
      case ACTION:
        return matches(term, request.action());
      case TOOL:
        return matches(term, request.tool());
      case RESOURCE:
        return request.resource() != null && matches(term, request.resource());
      case DATA_CLASS:
        return request.dataClasses().stream().anyMatch(v -> matches(term, v));
      case CONTEXT:
        String bare = TermIds.withoutTypePrefix(term.id());
        String key = term.value() != null ? term.value() : bare != null ? bare : term.id();
        return Boolean.TRUE.equals(request.context().get(key));
      default:
        throw new AssertionError(term.type());
    }
  }

  /** Equal to the id, the id without its type prefix, the label or the value; or the value's glob. */
  static boolean matches(Term term, String value) {
    if (value.isEmpty()) {
      return false;
    }
    if (value.equals(term.id()) || value.equals(TermIds.withoutTypePrefix(term.id()))) {
      return true;
    }
    if (term.label() != null && value.equals(term.label())) {
      return true;
    }
    return term.value() != null
        && (Glob.isGlob(term.value()) ? Glob.compile(term.value()).matches(value) : value.equals(term.value()));
  }

  private static List<String> termIds(Relation r) {
    List<String> ids = new ArrayList<>();
    if (r.sourceTermId() != null) {
      ids.add(r.sourceTermId());
    }
    ids.add(r.targetTermId());
    if (r.objectTermId() != null) {
      ids.add(r.objectTermId());
    }
    return ids;
  }

  private static Reason verdictReason(Relation r) {
    boolean forbids = r.type() == RelationType.FORBIDS;
    String text = r.justification();
    if (text == null) {
      String who = r.sourceTermId() == null ? "every actor" : r.sourceTermId();
      text = r.id() + ": " + who + (forbids ? " must not " : " may ") + r.targetTermId()
          + (r.objectTermId() == null ? "" : " on " + r.objectTermId());
    }
    return new Reason(forbids ? ReasonCode.FORBIDDEN : ReasonCode.PERMITTED, r.id(), termIds(r), text);
  }

  private static Outcome applyConstraint(
      Constraint c,
      Outcome outcome,
      DecisionRequest request,
      List<Reason> reasons,
      List<String> obligations,
      List<String> advisories) {
    String action = c.action();
    String obligation = null;
    Outcome effect;
    if (action.startsWith("require_") && action.length() > "require_".length()) {
      obligation = action.substring("require_".length());
      effect = Obligations.needsHuman(obligation) ? Outcome.ESCALATED : Outcome.CONDITIONAL;
    } else if (action.startsWith("block") || action.startsWith("deny")) {
      effect = Outcome.DENIED;
    } else {
      effect = Outcome.APPROVED;
    }
    String because =
        c.justification() != null ? c.justification() : "condition '" + c.condition() + "' holds";
    String text = "constraint " + c.name() + " (" + c.action() + "): " + because;
    if (effect == Outcome.APPROVED) {
      advisories.add(text);
      return outcome;
    }
    if (effect.compareTo(outcome) < 0) {
      return outcome;
    }
    if (effect == Outcome.CONDITIONAL && Boolean.TRUE.equals(request.context().get(obligation))) {
      return outcome;
    }
    if (obligation != null && !obligations.contains(obligation)) {
      obligations.add(obligation);
    }
    reasons.add(new Reason(ReasonCode.CONSTRAINT, c.name(), List.of(), text));
    return outcome.mostRestrictive(effect);
  }
}

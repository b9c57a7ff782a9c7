package dev.lexecon.benchmarks.peers;

import com.googlecode.aviator.runtime.function.FunctionUtils;
import com.googlecode.aviator.runtime.type.AviatorBoolean;
import com.googlecode.aviator.runtime.type.AviatorObject;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.util.function.CustomFunction;

/**
 * The generated policy as a jCasbin model with allow and deny effects: one policy line per
 * relation, {@code some(allow) && !some(deny)} as the effect, so forbid overrides permit and
 * anything not permitted is denied, as in Lexecon's STRICT mode.
 *
 * <p>Semantic bridges, each checked by {@code PeerEquivalenceTest} on every request of the stream:
 *
 * <ul>
 *   <li>Wildcards: jCasbin's {@code keyMatch} ignores what follows a {@code *} and its {@code
 *       globMatch} stops {@code *} at {@code /}, so neither matches Lexecon's globs ({@code
 *       *_bulk}, {@code db://tenant_3/*}). The model registers {@code wildcard(value, pattern)},
 *       a custom function with Lexecon's semantics, as a jCasbin user would.
 *   <li>Conditions: {@code args.amount <= n} and {@code > n} become {@code amount(r.amount, op,
 *       n)}, another custom function; policy fields are strings in jCasbin.
 *   <li>{@code requires}: the stream never carries an obligation, so an applicable {@code
 *       requires} can only make Lexecon's answer CONDITIONAL or ESCALATED (not allowed); it is a
 *       deny line here.
 *   <li>A relation bound to a data class tests {@code r.dcs}, the request's data classes joined as
 *       {@code |pii|phi|}.
 * </ul>
 *
 * <p>Thread-safety is jCasbin's (its enforcer is not documented as thread-safe); the benchmark
 * uses one thread.
 */
public final class CasbinPeer implements PeerEngine<Object[]> {
  private static final String MODEL = String.join("\n",
      "[request_definition]",
      "r = sub, act, tool, res, dcs, amount",
      "",
      "[policy_definition]",
      "p = sub, attr, target, obj, op, limit, eft",
      "",
      "[policy_effect]",
      "e = some(where (p.eft == allow)) && !some(where (p.eft == deny))",
      "",
      "[matchers]",
      "m = wildcard(r.sub, p.sub)"
          + " && (p.attr == \"act\" && wildcard(r.act, p.target)"
          + " || p.attr == \"tool\" && wildcard(r.tool, p.target)"
          + " || p.attr == \"res\" && wildcard(r.res, p.target))"
          + " && (p.obj == \"\" || string.contains(r.dcs, p.obj))"
          + " && amount(r.amount, p.op, p.limit)");

  private final Enforcer enforcer;

  public CasbinPeer(Policy policy) {
    Map<String, Term> terms = new HashMap<>();
    for (Term t : policy.terms()) {
      terms.put(t.id(), t);
    }
    enforcer = new Enforcer(Model.newModelFromString(MODEL));
    enforcer.enableLog(false);
    enforcer.addFunction("wildcard", new WildcardFunction());
    enforcer.addFunction("amount", new AmountFunction());
    List<List<String>> lines = new ArrayList<>();
    for (Relation r : policy.relations()) {
      Term target = terms.get(r.targetTermId());
      String sub = r.sourceTermId() == null ? "*" : matchValue(terms.get(r.sourceTermId()));
      String attr = target.type() == TermType.ACTION ? "act"
          : target.type() == TermType.TOOL ? "tool" : "res";
      String obj = r.objectTermId() == null ? "" : "|" + matchValue(terms.get(r.objectTermId())) + "|";
      String op = "";
      String limit = "0";
      if (!r.conditions().isEmpty()) {
        String[] parts = r.conditions().get(0).split(" ");
        op = parts[1];
        limit = parts[2];
      }
      String eft = r.type() == RelationType.PERMITS ? "allow" : "deny";
      lines.add(List.of(sub, attr, matchValue(target), obj, op, limit, eft));
    }
    enforcer.addPolicies(lines);
  }

  /** The request value a term matches: its value (exact or glob), or its id without prefix. */
  static String matchValue(Term term) {
    if (term.value() != null) {
      return term.value();
    }
    return term.id().substring(term.id().indexOf(':') + 1);
  }

  @Override
  public String name() {
    return "jcasbin";
  }

  @Override
  public Object[] prepare(DecisionRequest r) {
    StringBuilder dcs = new StringBuilder("|");
    for (String dc : r.dataClasses()) {
      dcs.append(dc).append('|');
    }
    Object amount = r.arguments().get("amount");
    return new Object[] {
      r.actor(), r.action(), r.tool(), r.resource() == null ? "" : r.resource(), dcs.toString(),
      amount == null ? 0 : amount
    };
  }

  @Override
  public boolean allowed(Object[] request) {
    return enforcer.enforce(request);
  }

  /** {@code wildcard(value, pattern)}: Lexecon's glob. */
  private static final class WildcardFunction extends CustomFunction {
    @Override
    public String getName() {
      return "wildcard";
    }

    @Override
    public AviatorObject call(Map<String, Object> env, AviatorObject value, AviatorObject pattern) {
      return AviatorBoolean.valueOf(Wildcard.matches(
          FunctionUtils.getStringValue(value, env), FunctionUtils.getStringValue(pattern, env)));
    }
  }

  /** {@code amount(value, op, limit)}: true without an op, else {@code value op limit}. */
  private static final class AmountFunction extends CustomFunction {
    @Override
    public String getName() {
      return "amount";
    }

    @Override
    public AviatorObject call(
        Map<String, Object> env, AviatorObject value, AviatorObject op, AviatorObject limit) {
      String operator = FunctionUtils.getStringValue(op, env);
      if (operator.isEmpty()) {
        return AviatorBoolean.TRUE;
      }
      long amount = FunctionUtils.getNumberValue(value, env).longValue();
      long bound = Long.parseLong(FunctionUtils.getStringValue(limit, env));
      switch (operator) {
        case "<=":
          return AviatorBoolean.valueOf(amount <= bound);
        case ">":
          return AviatorBoolean.valueOf(amount > bound);
        default:
          throw new IllegalArgumentException("unsupported operator " + operator);
      }
    }
  }
}

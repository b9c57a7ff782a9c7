package dev.lexecon.benchmarks.peers;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
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
import java.util.Set;

/**
 * The generated policy as Cedar policies, evaluated by cedar-java's native engine: one {@code
 * permit} or {@code forbid} per relation over the request's attributes carried in the context.
 * Cedar already has Lexecon's semantics here: forbid overrides permit, default deny, and {@code
 * like} with {@code *} matches any run of characters over the whole string.
 *
 * <p>Semantic bridges, each checked by {@code PeerEquivalenceTest}: the request's actor, action,
 * tool, resource ({@code ""} when absent), data classes (a set) and {@code args.amount} are
 * context attributes, principal, action and resource are fixed entities; a {@code requires}
 * (whose obligation the stream never meets) is a {@code forbid}. The policy set is cached in the
 * native library before timing ({@link PolicySet#cache()}); without it cedar-java serialises the
 * whole policy set to JSON on every call.
 */
public final class CedarPeer implements PeerEngine<AuthorizationRequest> {
  private static final EntityUID PRINCIPAL =
      EntityTypeName.parse("Agent").orElseThrow().of("agent");
  private static final EntityUID ACTION = EntityTypeName.parse("Action").orElseThrow().of("decide");
  private static final EntityUID RESOURCE =
      EntityTypeName.parse("Resource").orElseThrow().of("tool_call");

  private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
  private final PolicySet policySet;

  public CedarPeer(Policy policy) {
    Map<String, Term> terms = new HashMap<>();
    for (Term t : policy.terms()) {
      terms.put(t.id(), t);
    }
    StringBuilder text = new StringBuilder();
    for (Relation r : policy.relations()) {
      List<String> when = new ArrayList<>(4);
      if (r.sourceTermId() != null) {
        when.add(test("context.actor", CasbinPeer.matchValue(terms.get(r.sourceTermId()))));
      }
      Term target = terms.get(r.targetTermId());
      String attribute = target.type() == TermType.ACTION ? "context.action"
          : target.type() == TermType.TOOL ? "context.tool" : "context.resource";
      when.add(test(attribute, CasbinPeer.matchValue(target)));
      if (r.objectTermId() != null) {
        when.add("context.data_classes.contains(\""
            + CasbinPeer.matchValue(terms.get(r.objectTermId())) + "\")");
      }
      for (String condition : r.conditions()) {
        when.add(condition.replace("args.amount", "context.amount"));
      }
      text.append(r.type() == RelationType.PERMITS ? "permit" : "forbid")
          .append("(principal, action, resource) when { ")
          .append(String.join(" && ", when))
          .append(" };\n");
    }
    try {
      policySet = PolicySet.parsePolicies(text.toString());
      policySet.cache();
    } catch (InternalException | CacheException e) {
      throw new IllegalStateException("Cedar rejected the generated policies: " + e.getMessage(), e);
    }
  }

  /** {@code ==} for an exact value, {@code like} for a glob (Cedar's * has Lexecon's meaning). */
  private static String test(String attribute, String value) {
    if (value.indexOf('*') < 0) {
      return attribute + " == \"" + value + "\"";
    }
    // The empty string matches nothing in Lexecon; Cedar's "*..." patterns could match "".
    return attribute + " != \"\" && " + attribute + " like \"" + value + "\"";
  }

  @Override
  public String name() {
    return "cedar";
  }

  @Override
  public AuthorizationRequest prepare(DecisionRequest r) {
    Map<String, Value> context = new HashMap<>();
    context.put("actor", new PrimString(r.actor()));
    context.put("action", new PrimString(r.action()));
    context.put("tool", new PrimString(r.tool()));
    context.put("resource", new PrimString(r.resource() == null ? "" : r.resource()));
    List<Value> dataClasses = new ArrayList<>();
    for (String dc : r.dataClasses()) {
      dataClasses.add(new PrimString(dc));
    }
    context.put("data_classes", new CedarList(dataClasses));
    Object amount = r.arguments().get("amount");
    context.put("amount", new PrimLong(amount == null ? 0 : ((Number) amount).longValue()));
    return new AuthorizationRequest(PRINCIPAL, ACTION, RESOURCE, context);
  }

  @Override
  public boolean allowed(AuthorizationRequest request) {
    try {
      AuthorizationResponse response = engine.isAuthorized(request, policySet, Set.of());
      return response.success.orElseThrow(
          () -> new IllegalStateException("Cedar failed: " + response)).isAllowed();
    } catch (AuthException e) {
      throw new IllegalStateException("Cedar failed: " + e.getMessage(), e);
    }
  }
}

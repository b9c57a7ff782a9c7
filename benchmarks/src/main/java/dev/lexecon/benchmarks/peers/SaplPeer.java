package dev.lexecon.benchmarks.peers;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import io.sapl.api.pdp.AuthorizationDecision;
import io.sapl.api.pdp.AuthorizationSubscription;
import io.sapl.api.pdp.Decision;
import io.sapl.interpreter.DefaultSAPLInterpreter;
import io.sapl.interpreter.SAPLInterpreter;
import io.sapl.interpreter.combinators.PolicyDocumentCombiningAlgorithm;
import io.sapl.interpreter.functions.AnnotationFunctionContext;
import io.sapl.interpreter.pip.AnnotationAttributeContext;
import io.sapl.pdp.EmbeddedPolicyDecisionPoint;
import io.sapl.pdp.config.PDPConfiguration;
import io.sapl.prp.Document;
import io.sapl.prp.PrpUpdateEvent;
import io.sapl.prp.index.UpdateEventDrivenPolicyRetrievalPoint;
import io.sapl.prp.index.canonical.CanonicalImmutableParsedDocumentIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;

/**
 * The generated policy as SAPL 3.0.0 documents in an embedded PDP with SAPL's canonical index:
 * one policy per relation, everything in the target expression (which is what the canonical index
 * indexes), combined with DENY_OVERRIDES; {@code allowed} is a PERMIT decision, so NOT_APPLICABLE
 * is Lexecon's default deny.
 *
 * <p>Semantic bridges, each checked by {@code PeerEquivalenceTest}: globs become anchored regular
 * expressions ({@code =~ "^ai_agent:team_0:.*$"}, with {@code .} written {@code [.]}); data
 * classes are an array tested with {@code in}; a {@code requires} (whose obligation the stream
 * never meets) is a {@code deny} policy. The subscription is subject {@code {actor}}, action
 * {@code {name, tool}}, resource {@code {name, data_classes, amount}}.
 *
 * <p>SAPL's factory builds in-memory PDPs with its naive index only, so this class assembles the
 * PDP around {@link CanonicalImmutableParsedDocumentIndex} itself. Parsing thousands of documents
 * recurses deeply, so construction runs on a thread with a large stack; deciding at 10,000
 * policies also recurses (a Reactor operator chain that grows with the policy count) and needs a
 * caller thread stack of a few hundred MB ({@code -Xss256m} in the benchmark).
 */
public final class SaplPeer implements PeerEngine<AuthorizationSubscription> {
  private static final long SETUP_STACK_BYTES = 1L << 30;

  private final EmbeddedPolicyDecisionPoint pdp;

  public SaplPeer(Policy policy) {
    List<String> documents = documents(policy);
    AtomicReference<Object> result = new AtomicReference<>();
    Thread setup = new Thread(null, () -> {
      try {
        result.set(build(documents));
      } catch (Exception | StackOverflowError e) {
        result.set(e);
      }
    }, "sapl-setup", SETUP_STACK_BYTES);
    setup.start();
    try {
      setup.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the SAPL PDP", e);
    }
    if (result.get() instanceof Throwable) {
      throw new IllegalStateException("SAPL setup failed", (Throwable) result.get());
    }
    pdp = (EmbeddedPolicyDecisionPoint) result.get();
  }

  private static EmbeddedPolicyDecisionPoint build(List<String> documents) throws Exception {
    SAPLInterpreter interpreter = new DefaultSAPLInterpreter();
    AnnotationAttributeContext attributes = new AnnotationAttributeContext();
    AnnotationFunctionContext functions = new AnnotationFunctionContext();
    List<PrpUpdateEvent.Update> updates = new ArrayList<>(documents.size());
    for (String source : documents) {
      Document document = interpreter.parseDocument(source);
      if (document.isInvalid()) {
        throw new IllegalStateException("SAPL rejected " + source + ": " + document);
      }
      updates.add(new PrpUpdateEvent.Update(PrpUpdateEvent.Type.PUBLISH, document));
    }
    UpdateEventDrivenPolicyRetrievalPoint index =
        new CanonicalImmutableParsedDocumentIndex(attributes, functions)
            .apply(new PrpUpdateEvent(updates));
    PDPConfiguration configuration = new PDPConfiguration("lexecon-bench", attributes, functions,
        Map.of(), PolicyDocumentCombiningAlgorithm.DENY_OVERRIDES, UnaryOperator.identity(),
        UnaryOperator.identity(), index);
    return new EmbeddedPolicyDecisionPoint(() -> Flux.just(configuration));
  }

  static List<String> documents(Policy policy) {
    Map<String, Term> terms = new HashMap<>();
    for (Term t : policy.terms()) {
      terms.put(t.id(), t);
    }
    List<String> documents = new ArrayList<>(policy.relations().size());
    for (Relation r : policy.relations()) {
      List<String> target = new ArrayList<>(4);
      if (r.sourceTermId() != null) {
        target.add(test("subject.actor", CasbinPeer.matchValue(terms.get(r.sourceTermId()))));
      }
      Term t = terms.get(r.targetTermId());
      String attribute = t.type() == TermType.ACTION ? "action.name"
          : t.type() == TermType.TOOL ? "action.tool" : "resource.name";
      target.add(test(attribute, CasbinPeer.matchValue(t)));
      if (r.objectTermId() != null) {
        target.add("\"" + CasbinPeer.matchValue(terms.get(r.objectTermId()))
            + "\" in resource.data_classes");
      }
      for (String condition : r.conditions()) {
        target.add(condition.replace("args.amount", "resource.amount"));
      }
      documents.add("policy \"" + r.id() + "\" "
          + (r.type() == RelationType.PERMITS ? "permit " : "deny ")
          + String.join(" & ", target));
    }
    return documents;
  }

  private static String test(String attribute, String value) {
    if (value.indexOf('*') < 0) {
      return attribute + " == \"" + value + "\"";
    }
    // Anchored, whole-string; '.' is the only regex metacharacter in the generated values.
    return attribute + " =~ \"^" + value.replace(".", "[.]").replace("*", ".*") + "$\"";
  }

  @Override
  public String name() {
    return "sapl3";
  }

  @Override
  public AuthorizationSubscription prepare(DecisionRequest r) {
    Map<String, Object> subject = Map.of("actor", r.actor());
    Map<String, Object> action = Map.of("name", r.action(), "tool", r.tool());
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("name", r.resource() == null ? "" : r.resource());
    resource.put("data_classes", r.dataClasses());
    Object amount = r.arguments().get("amount");
    resource.put("amount", amount == null ? 0 : amount);
    return AuthorizationSubscription.of(subject, action, resource);
  }

  @Override
  public boolean allowed(AuthorizationSubscription subscription) {
    AuthorizationDecision decision = pdp.decide(subscription).blockFirst();
    return decision != null && decision.getDecision() == Decision.PERMIT;
  }
}

package dev.lexecon.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Constraint;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Holds the compiled engine (indexes, precomputed reasons, reused scratch space) to the plain
 * {@link ReferenceEvaluator} on seeded random policies and requests. The vocabulary is tiny on
 * purpose, so that ids, unprefixed ids, labels, values and globs collide often, leading-star and
 * multi-star globs are common, and the same term is reached through several keys at once.
 */
@DisplayName("Policy engine agrees with the reference evaluator")
class PolicyEngineEquivalenceTest {
  private static final String[] ATOMS = {"a", "b", "Aa", "BB", "_", ":"};
  private static final String[] PREFIXES = {
    "actor:", "action:", "tool:", "resource:", "data:", "data_class:", "context:", "ai_agent:", "x:", ""
  };
  private static final String[] CONDITIONS = {
    "args.amount <= 100",
    "args.amount > 50",
    "flag_a",
    "context.flag_b",
    "context.region in [\"EU\", \"EEA\"]",
    "region in allowed",
    "threshold > 3",
    "args.to matches \"a*\"",
    "risk_level >= 3",
    "exists(args.to) && !(args.amount > 70)",
    "args.amount > 10 || flag_a",
    "actor == \"a\"",
    "((", // does not compile: unknown
  };
  private static final String[] OBLIGATIONS = {
    "manager_approval", "human_confirmation", "audit_log", "consent", "dual_authorization",
    "four_eyes", "ticket_reference"
  };
  private static final String[] CONSTRAINT_ACTIONS = {
    "require_human_confirmation", "require_audit_log", "require_security_review", "block_all",
    "deny_transfer", "notify_ops", "require_dual_authorization", "require_"
  };
  private static final TermType[] TYPES = TermType.values();
  private static final PolicyMode[] MODES = PolicyMode.values();
  private static final RelationType[] RELATION_TYPES = RelationType.values();

  @Test
  @DisplayName("gives equal evaluations (outcome, reasons, obligations, advisories, mode) on generated policies")
  void agreesOnGeneratedPolicies() {
    Random random = new Random(20261127L);
    int applied = 0;
    int manyContextTerms = 0;
    for (int round = 0; round < 600; round++) {
      Policy policy = policy(random, round);
      if (policy.terms().stream().filter(t -> t.type() == TermType.CONTEXT).count()
          > PolicyEngine.CONTEXT_SCAN_LIMIT) {
        manyContextTerms++;
      }
      PolicyMode override = random.nextInt(3) == 0 ? MODES[random.nextInt(MODES.length)] : null;
      // Skips validation on purpose: the engine must agree on every policy it can be given.
      PolicyEngine engine = PolicyEngine.compile(new LoadedPolicy(policy, List.of()), override);
      ReferenceEvaluator reference = new ReferenceEvaluator(policy, override);
      List<String> values = candidateValues(policy, random);
      for (int q = 0; q < 60; q++) {
        DecisionRequest request = request(random, policy, values);
        PolicyEvaluation expected = reference.evaluate(request);
        assertThat(engine.evaluate(request))
            .as("round %d request %d: %s%nunder %s", round, q, request, policy)
            .isEqualTo(expected);
        if (expected.reasons().stream().anyMatch(r -> r.ruleId() != null)) {
          applied++;
        }
      }
    }
    // Guards the generator: many requests must reach some rule, and both ways of matching
    // context terms must be exercised, or the test proves little.
    assertThat(applied).isGreaterThan(600 * 60 / 4);
    assertThat(manyContextTerms).isGreaterThan(50);
  }

  @Test
  @DisplayName("gives equal evaluations when the same engine is used from many threads at once")
  void agreesUnderConcurrency() throws Exception {
    Random random = new Random(7);
    Policy policy = policy(random, 0);
    while (policy.relations().size() < 20) {
      policy = policy(random, 0);
    }
    PolicyEngine engine = PolicyEngine.compile(new LoadedPolicy(policy, List.of()), null);
    ReferenceEvaluator reference = new ReferenceEvaluator(policy, null);
    List<String> values = candidateValues(policy, random);
    List<DecisionRequest> requests = new ArrayList<>();
    List<PolicyEvaluation> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      DecisionRequest request = request(random, policy, values);
      requests.add(request);
      expected.add(reference.evaluate(request));
    }
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int offset = t;
      threads.add(new Thread(() -> {
        try {
          for (int round = 0; round < 20; round++) {
            for (int i = 0; i < requests.size(); i++) {
              int k = (i * 7 + offset) % requests.size();
              assertThat(engine.evaluate(requests.get(k))).isEqualTo(expected.get(k));
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
  }

  private static Policy policy(Random random, int round) {
    Policy.Builder b = Policy.builder("p" + round, "1");
    if (random.nextBoolean()) {
      b.mode(MODES[random.nextInt(MODES.length)]);
    }
    List<Term> terms = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int n = 1 + random.nextInt(round % 4 == 0 ? 40 : 30);
    for (int i = 0; i < n; i++) {
      // Every fourth policy is mostly context terms, so that the engine's lookup by context entry
      // (beyond CONTEXT_SCAN_LIMIT context terms) is compared too, not only its scan.
      TermType type = round % 4 == 0 && random.nextInt(3) != 0
          ? TermType.CONTEXT
          : TYPES[random.nextInt(TYPES.length)];
      String id;
      do {
        id = PREFIXES[random.nextInt(PREFIXES.length)] + word(random, 1 + random.nextInt(3));
      } while (id.isEmpty() || !ids.add(id));
      String value = null;
      switch (random.nextInt(4)) {
        case 0:
          break;
        case 1:
          value = word(random, 1 + random.nextInt(3));
          break;
        default:
          value = glob(random);
          break;
      }
      String label = random.nextInt(5) == 0 ? word(random, 2) : null;
      Term term = new Term(id, type, value, label, null, Map.of());
      terms.add(term);
      b.term(term);
    }
    List<Term> dataClasses = terms.stream().filter(t -> t.type() == TermType.DATA_CLASS).toList();
    int m = random.nextInt(40);
    for (int i = 0; i < m; i++) {
      RelationType type = RELATION_TYPES[random.nextInt(RELATION_TYPES.length)];
      String source = random.nextInt(5) == 0 ? null : pick(random, terms).id();
      String target = pick(random, terms).id();
      String object = null;
      if (random.nextInt(4) == 0) {
        // Now and then a term of another type, which the validator rejects: it can never match.
        object = !dataClasses.isEmpty() && random.nextInt(6) != 0
            ? pick(random, dataClasses).id()
            : pick(random, terms).id();
      }
      List<String> conditions = new ArrayList<>();
      for (int k = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; k > 0; k--) {
        conditions.add(CONDITIONS[random.nextInt(CONDITIONS.length)]);
      }
      List<String> obligations = new ArrayList<>();
      if (type == RelationType.REQUIRES) {
        for (int k = 1 + random.nextInt(2); k > 0; k--) {
          obligations.add(OBLIGATIONS[random.nextInt(OBLIGATIONS.length)]);
        }
      }
      String justification = random.nextInt(4) == 0 ? "because " + i : null;
      b.relation(new Relation("rel_" + i, type, source, target, object, conditions, obligations,
          justification, Map.of()));
    }
    List<Constraint> constraints = new ArrayList<>();
    for (int i = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0; i > 0; i--) {
      constraints.add(new Constraint("c" + i, CONDITIONS[random.nextInt(CONDITIONS.length)],
          CONSTRAINT_ACTIONS[random.nextInt(CONSTRAINT_ACTIONS.length)],
          random.nextBoolean() ? null : "why " + i));
    }
    b.list("allowed", List.of("EU", "US"));
    Policy p = b.build(); // the builder takes no justification, so constraints go in directly
    return new Policy(p.policyId(), p.version(), p.mode(), p.description(), p.terms(),
        p.relations(), constraints, p.lists(), p.extensions());
  }

  /** Ids, unprefixed ids, labels, values with their stars filled in, and a few strangers. */
  private static List<String> candidateValues(Policy policy, Random random) {
    List<String> values = new ArrayList<>();
    for (Term t : policy.terms()) {
      values.add(t.id());
      int colon = t.id().indexOf(':');
      if (colon >= 0 && colon < t.id().length() - 1) {
        values.add(t.id().substring(colon + 1));
      }
      if (t.label() != null) {
        values.add(t.label());
      }
      if (t.value() != null) {
        values.add(t.value().replace("*", ""));
        values.add(t.value().replace("*", word(random, 1)));
        values.add(t.value().replace("*", ":"));
      }
    }
    for (int i = 0; i < 5; i++) {
      values.add(word(random, 1 + random.nextInt(3)));
    }
    values.removeIf(v -> v.isEmpty() || v.length() > 100);
    return values;
  }

  /**
   * A random request; half the time aimed at a random relation, carrying values that match its
   * source, target and data class, so that rules apply often enough to be compared.
   */
  private static DecisionRequest request(Random random, Policy policy, List<String> values) {
    String[] single = new String[TYPES.length];
    List<String> dataClasses = new ArrayList<>();
    Map<String, Object> context = new java.util.LinkedHashMap<>();
    if (!policy.relations().isEmpty() && random.nextBoolean()) {
      Relation r = pick(random, policy.relations());
      for (String id : new String[] {r.sourceTermId(), r.targetTermId(), r.objectTermId()}) {
        Term t = id == null ? null : term(policy, id);
        if (t == null) {
          continue;
        }
        if (t.type() == TermType.DATA_CLASS) {
          dataClasses.add(matchingValue(random, t));
        } else if (t.type() == TermType.CONTEXT) {
          String bare = TermIds.withoutTypePrefix(t.id());
          context.put(t.value() != null ? t.value() : bare != null ? bare : t.id(), true);
        } else {
          single[t.type().ordinal()] = matchingValue(random, t);
        }
      }
    }
    String actor = orPick(random, single[TermType.ACTOR.ordinal()], values);
    String action = orPick(random, single[TermType.ACTION.ordinal()], values);
    DecisionRequest.Builder b = DecisionRequest.builder(actor, action);
    String tool = single[TermType.TOOL.ordinal()];
    if (tool != null || random.nextBoolean()) {
      b.tool(orPick(random, tool, values));
    }
    String resource = single[TermType.RESOURCE.ordinal()];
    if (resource != null || random.nextBoolean()) {
      b.resource(orPick(random, resource, values));
    }
    for (int k = random.nextInt(3); k > 0; k--) {
      dataClasses.add(pick(random, values));
    }
    if (dataClasses.size() > 10) {
      dataClasses = dataClasses.subList(0, 10);
    }
    b.dataClasses(dataClasses);
    b.riskLevel(1 + random.nextInt(5));
    if (random.nextInt(3) == 0) {
      b.mode(MODES[random.nextInt(MODES.length)]);
    }
    for (int k = random.nextInt(4); k > 0; k--) {
      Object flag = random.nextInt(4) == 0 ? "yes" : random.nextInt(3) != 0;
      context.put(random.nextBoolean() ? pick(random, values) : "flag_" + word(random, 1), flag);
    }
    for (int k = random.nextInt(3); k > 0; k--) {
      context.put(OBLIGATIONS[random.nextInt(OBLIGATIONS.length)], random.nextBoolean());
    }
    if (random.nextBoolean()) {
      context.put("region", random.nextBoolean() ? "EU" : "US");
    }
    b.context(context);
    int amount = random.nextInt(5);
    if (amount < 4) {
      b.argument("amount", new int[] {10, 60, 100, 150}[amount]);
    } else if (random.nextBoolean()) {
      b.argument("amount", null);
    }
    if (random.nextBoolean()) {
      b.argument("to", pick(random, values));
    }
    return b.build();
  }

  private static String orPick(Random random, String value, List<String> values) {
    return value != null ? value : pick(random, values);
  }

  private static Term term(Policy policy, String id) {
    return policy.terms().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
  }

  /** A value the term matches: its id, unprefixed id, label or value (stars filled in). */
  private static String matchingValue(Random random, Term t) {
    List<String> options = new ArrayList<>();
    options.add(t.id());
    String bare = TermIds.withoutTypePrefix(t.id());
    if (bare != null) {
      options.add(bare);
    }
    if (t.label() != null && !t.label().isEmpty()) {
      options.add(t.label());
    }
    if (t.value() != null) {
      String filled = t.value().replace("*", random.nextBoolean() ? "" : word(random, 1));
      if (!filled.isEmpty()) {
        options.add(filled);
        options.add(filled);
      }
    }
    return pick(random, options);
  }

  private static String glob(Random random) {
    StringBuilder sb = new StringBuilder();
    int pieces = 1 + random.nextInt(3);
    boolean star = random.nextInt(3) == 0;
    if (star) {
      sb.append('*');
    }
    for (int i = 0; i < pieces; i++) {
      sb.append(word(random, 1 + random.nextInt(2)));
      if (i < pieces - 1 || random.nextBoolean()) {
        sb.append('*');
      }
    }
    String glob = sb.toString();
    return glob.indexOf('*') < 0 ? glob + "*" : glob;
  }

  private static String word(Random random, int atoms) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < atoms; i++) {
      sb.append(ATOMS[random.nextInt(ATOMS.length)]);
    }
    return sb.toString();
  }

  private static <T> T pick(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}

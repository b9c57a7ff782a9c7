package dev.lexecon.benchmarks;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Requests for a {@link Workload}, reproducible from a seed, with a chosen share of hits.
 *
 * <p>A <em>hit</em> is built from a random relation of the policy: its actor matches the
 * relation's source (an exact value, or a glob with each {@code *} filled in), the action, tool or
 * resource its target, and a data class it is bound to is carried. Whether the relation then
 * applies still depends on its condition, because every request carries an {@code args.amount}
 * drawn from {@link #AMOUNTS}; so hits end approved, denied, conditional or escalated. A
 * <em>miss</em> touches no permit or forbid: half come from an unknown actor doing a known
 * action, half from a known actor doing an unknown action, and STRICT mode denies them by default.
 *
 * <p>Stateless; every method is thread-safe.
 */
public final class RequestStream {
  /** The share of hits in the standard suite's streams. */
  public static final double STANDARD_HIT_RATIO = 0.8;

  /** The standard stream's length: a power of two, so a benchmark can cycle with a mask. */
  public static final int STANDARD_LENGTH = 1024;

  static final int[] AMOUNTS = {50, 750, 2_500, 20_000, 80_000};

  private RequestStream() {}

  /**
   * Generates {@code count} requests for {@code workload}.
   *
   * @param hitRatio share of requests built from a relation, 0 to 1
   * @throws IllegalArgumentException for a negative count or a ratio outside [0, 1]
   */
  public static DecisionRequest[] generate(Workload workload, long seed, int count, double hitRatio) {
    if (count < 0) {
      throw new IllegalArgumentException("count was " + count + "; must not be negative");
    }
    if (!(hitRatio >= 0 && hitRatio <= 1)) {
      throw new IllegalArgumentException("hitRatio was " + hitRatio + "; must be between 0 and 1");
    }
    Random random = new Random(seed);
    DecisionRequest[] requests = new DecisionRequest[count];
    for (int i = 0; i < count; i++) {
      requests[i] = random.nextDouble() < hitRatio ? hit(workload, random) : miss(workload, random);
    }
    return requests;
  }

  /** The standard stream: {@link #STANDARD_LENGTH} requests, {@link #STANDARD_HIT_RATIO} hits. */
  public static DecisionRequest[] standard(Workload workload) {
    return generate(workload, workload.seed() + 1, STANDARD_LENGTH, STANDARD_HIT_RATIO);
  }

  private static DecisionRequest hit(Workload w, Random random) {
    List<Relation> relations = w.policy().relations();
    Relation r = relations.get(random.nextInt(relations.size()));
    Term target = w.term(r.targetTermId());
    String actor =
        r.sourceTermId() == null
            ? instance(any(w, TermType.ACTOR, random), random)
            : instance(w.term(r.sourceTermId()), random);
    String action = null;
    String tool = null;
    String resource = null;
    switch (target.type()) {
      case ACTION:
        action = instance(target, random);
        break;
      case TOOL:
        tool = instance(target, random);
        break;
      case RESOURCE:
        resource = instance(target, random);
        break;
      default:
        throw new IllegalStateException("generated relations target actions, tools or resources");
    }
    if (action == null) {
      action = instance(any(w, TermType.ACTION, random), random);
    }
    if (tool == null && random.nextBoolean()) {
      tool = instance(any(w, TermType.TOOL, random), random);
    }
    if (resource == null && random.nextBoolean()) {
      resource = instance(any(w, TermType.RESOURCE, random), random);
    }
    List<String> dataClasses = new ArrayList<>(2);
    if (r.objectTermId() != null) {
      dataClasses.add(instance(w.term(r.objectTermId()), random));
    }
    if (random.nextInt(4) == 0) {
      String extra = instance(any(w, TermType.DATA_CLASS, random), random);
      if (!dataClasses.contains(extra)) {
        dataClasses.add(extra);
      }
    }
    return request(actor, action, tool, resource, dataClasses, random);
  }

  private static DecisionRequest miss(Workload w, Random random) {
    if (random.nextBoolean()) {
      String actor = "ai_agent:guest:visitor_" + random.nextInt(1000);
      return request(actor, instance(any(w, TermType.ACTION, random), random), null, null,
          List.of(), random);
    }
    String actor = instance(any(w, TermType.ACTOR, random), random);
    return request(actor, "noop_" + random.nextInt(1000), null, null, List.of(), random);
  }

  private static DecisionRequest request(
      String actor,
      String action,
      String tool,
      String resource,
      List<String> dataClasses,
      Random random) {
    DecisionRequest.Builder b =
        DecisionRequest.builder(actor, action)
            .resource(resource)
            .dataClasses(dataClasses)
            .argument("amount", AMOUNTS[random.nextInt(AMOUNTS.length)]);
    if (tool != null) {
      b.tool(tool);
    }
    return b.build();
  }

  private static Term any(Workload w, TermType type, Random random) {
    List<Term> terms = w.terms(type);
    return terms.get(random.nextInt(terms.size()));
  }

  /** A request value matching the term: its value with each {@code *} filled in, or its bare id. */
  static String instance(Term term, Random random) {
    if (term.value() == null) {
      String id = term.id();
      return id.substring(id.indexOf(':') + 1);
    }
    if (!Workload.isGlob(term)) {
      return term.value();
    }
    StringBuilder out = new StringBuilder(term.value().length() + 8);
    for (int i = 0; i < term.value().length(); i++) {
      char c = term.value().charAt(i);
      if (c == '*') {
        out.append('x').append(random.nextInt(1000));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}

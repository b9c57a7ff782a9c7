package dev.lexecon.benchmarks;

import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A generated policy, reproducible from its seed and size, with the terms kept by type so {@link
 * RequestStream} can build requests that hit or miss it.
 *
 * <p>The shape imitates an agent platform's policy rather than a worst case:
 *
 * <ul>
 *   <li>Terms: 10% actors, 30% actions, 25% tools, 30% resources, 5% data classes (at least one
 *       of each). Actors live in teams ({@code ai_agent:team_7:agent_123}), actions are {@code
 *       verb_noun_n}, tools {@code system.op_n}, resources {@code db://tenant_k/table_n}.
 *   <li>Wildcards: about 15% of actor and resource terms and 10% of action and tool terms are
 *       prefix globs ({@code ai_agent:team_7:*}, {@code db://tenant_3/*}, {@code crm.*}); from 100
 *       terms on, two globs start with {@code *} ({@code *_bulk}, {@code *secrets*}) as the
 *       catch-all forbids real policies carry. Leading-star globs stay few at every size because
 *       real policies have few of them; each costs a match attempt on every request.
 *   <li>Relations: as many as terms. Source an actor (a {@code requires} has no source one time in
 *       five, so it binds every actor), target an action, tool or resource. 65% permits (one in
 *       five guarded by {@code args.amount <= limit}), 25% forbids (one in five guarded by {@code
 *       args.amount > limit}, about one in seven bound to a data class), 10% requires (an
 *       obligation such as {@code manager_approval}, a third guarded by an amount condition).
 *   <li>Mode STRICT: what no relation permits is denied.
 * </ul>
 *
 * <p>Only {@link java.util.Random} is used, whose algorithm the JDK specifies, so a seed gives the
 * same policy on every JDK. Immutable.
 */
public final class Workload {
  /** The seed of the standard suite; changing it changes every published number. */
  public static final long STANDARD_SEED = 20_260_101L;

  static final String[] VERBS = {
    "read", "write", "update", "delete", "export", "send", "approve", "transfer", "search", "summarize"
  };
  static final String[] NOUNS = {
    "invoice", "customer", "order", "ticket", "report", "contract", "payment", "record", "email",
    "document", "account", "patient", "trade", "shipment", "asset"
  };
  static final String[] SYSTEMS = {
    "crm", "erp", "mail", "bank", "ehr", "github", "slack", "jira", "s3", "sql", "browser", "shell"
  };
  static final String[] DATA_CLASSES = {
    "pii", "phi", "financial", "credentials", "public", "internal", "confidential", "biometric",
    "location", "trade_secret"
  };
  static final String[] OBLIGATIONS = {
    "manager_approval", "human_confirmation", "audit_log", "patient_consent", "dual_authorization",
    "security_review", "ticket_reference"
  };
  static final int[] PERMIT_LIMITS = {100, 500, 1000, 5000};
  static final int[] FORBID_LIMITS = {1000, 10_000, 50_000};

  private final long seed;
  private final int size;
  private final Policy policy;
  private final Map<TermType, List<Term>> termsByType;
  private final Map<String, Term> termsById = new HashMap<>();

  private Workload(long seed, int size, Policy policy, Map<TermType, List<Term>> termsByType) {
    this.seed = seed;
    this.size = size;
    this.policy = policy;
    this.termsByType = termsByType;
    for (Term t : policy.terms()) {
      termsById.put(t.id(), t);
    }
  }

  /**
   * Generates the policy of {@code terms} terms for {@code seed}.
   *
   * @throws IllegalArgumentException when {@code terms} is below 5 (one of each type)
   */
  public static Workload generate(long seed, int terms) {
    if (terms < 5) {
      throw new IllegalArgumentException("terms was " + terms + "; at least 5 (one per type) needed");
    }
    return new Generator(seed, terms).run();
  }

  /** The seed this workload was generated from. */
  public long seed() {
    return seed;
  }

  /** The number of terms in the policy. */
  public int size() {
    return size;
  }

  /** The generated policy. */
  public Policy policy() {
    return policy;
  }

  /** The policy's terms of one type, in declaration order. */
  public List<Term> terms(TermType type) {
    return termsByType.getOrDefault(type, List.of());
  }

  /** Whether a term's value is a glob. */
  static boolean isGlob(Term term) {
    return term.value() != null && term.value().indexOf('*') >= 0;
  }

  /** Builds the policy; one instance per generation, not thread-safe. */
  private static final class Generator {
    private final long seed;
    private final int size;
    private final Random random;
    private final Policy.Builder builder;
    private final Map<TermType, List<Term>> byType = new EnumMap<>(TermType.class);

    Generator(long seed, int size) {
      this.seed = seed;
      this.size = size;
      this.random = new Random(seed);
      this.builder =
          Policy.builder("bench-" + size, "seed-" + seed)
              .mode(PolicyMode.STRICT)
              .description("Generated benchmark policy: " + size + " terms, seed " + seed);
    }

    Workload run() {
      int actors = Math.max(1, size / 10);
      int actions = Math.max(1, size * 3 / 10);
      int tools = Math.max(1, size / 4);
      int dataClasses = Math.max(1, size / 20);
      int resources = size - actors - actions - tools - dataClasses;
      boolean catchAlls = size >= 100;

      int teams = Math.max(1, actors / 8);
      addTerms(TermType.ACTOR, actors, 0.15, 0, i -> {
        int team = random.nextInt(teams);
        return new String[] {"actor:agent_" + i, "ai_agent:team_" + team + ":agent_" + i};
      }, i -> {
        int team = random.nextInt(teams);
        return new String[] {"actor:team_" + team + "_g" + i, "ai_agent:team_" + team + ":*"};
      });

      int nouns = Math.max(1, Math.min(NOUNS.length * 8, actions / 12));
      addTerms(TermType.ACTION, actions, 0.10, catchAlls ? 1 : 0, i -> {
        String value = VERBS[random.nextInt(VERBS.length)] + "_" + noun(nouns) + "_" + i;
        return new String[] {"action:" + value, value};
      }, i -> {
        String value = VERBS[random.nextInt(VERBS.length)] + "_" + noun(nouns) + "_*";
        return new String[] {"action:g" + i, value};
      }, i -> new String[] {"action:any_bulk_" + i, "*_bulk"});

      int systems = Math.max(1, Math.min(SYSTEMS.length * 10, tools / 10));
      addTerms(TermType.TOOL, tools, 0.10, 0, i -> {
        String value = system(systems) + ".op_" + i;
        return new String[] {"tool:op_" + i, value};
      }, i -> new String[] {"tool:g" + i, system(systems) + ".*"});

      int tenants = Math.max(1, resources / 10);
      addTerms(TermType.RESOURCE, resources, 0.15, catchAlls ? 1 : 0, i -> {
        String value = "db://tenant_" + random.nextInt(tenants) + "/table_" + i;
        return new String[] {"resource:table_" + i, value};
      }, i -> new String[] {"resource:g" + i, "db://tenant_" + random.nextInt(tenants) + "/*"},
          i -> new String[] {"resource:any_secrets_" + i, "*secrets*"});

      addTerms(TermType.DATA_CLASS, dataClasses, 0, 0, i -> {
        String value = i < DATA_CLASSES.length ? DATA_CLASSES[i] : "dc_" + i;
        return new String[] {"data:" + value, null};
      }, i -> {
        throw new AssertionError("data classes are exact");
      });

      addRelations(size);
      Map<TermType, List<Term>> frozen = new EnumMap<>(TermType.class);
      byType.forEach((type, list) -> frozen.put(type, Collections.unmodifiableList(list)));
      return new Workload(seed, size, builder.build(), Collections.unmodifiableMap(frozen));
    }

    private String noun(int nouns) {
      int n = random.nextInt(nouns);
      return NOUNS[n % NOUNS.length] + (n < NOUNS.length ? "" : String.valueOf(n / NOUNS.length));
    }

    private String system(int systems) {
      int s = random.nextInt(systems);
      return SYSTEMS[s % SYSTEMS.length] + (s < SYSTEMS.length ? "" : String.valueOf(s / SYSTEMS.length));
    }

    @SafeVarargs
    private void addTerms(
        TermType type,
        int count,
        double globShare,
        int leadingStarGlobs,
        java.util.function.IntFunction<String[]> exact,
        java.util.function.IntFunction<String[]> glob,
        java.util.function.IntFunction<String[]>... leadingStar) {
      List<Term> list = byType.computeIfAbsent(type, t -> new ArrayList<>());
      int globs = (int) Math.round(count * globShare);
      for (int i = 0; i < count; i++) {
        String[] idAndValue;
        if (i < leadingStarGlobs) {
          idAndValue = leadingStar[i % leadingStar.length].apply(i);
        } else if (random.nextInt(count) < globs) {
          idAndValue = glob.apply(i);
        } else {
          idAndValue = exact.apply(i);
        }
        Term term = Term.of(type, idAndValue[0], idAndValue[1]);
        list.add(term);
        builder.term(term);
      }
    }

    private void addRelations(int count) {
      List<Term> actors = byType.get(TermType.ACTOR);
      List<Term> targets = new ArrayList<>();
      targets.addAll(byType.get(TermType.ACTION));
      targets.addAll(byType.get(TermType.TOOL));
      targets.addAll(byType.get(TermType.RESOURCE));
      List<Term> dataClasses = byType.get(TermType.DATA_CLASS);
      for (int i = 0; i < count; i++) {
        int roll = random.nextInt(100);
        RelationType type =
            roll < 65 ? RelationType.PERMITS : roll < 90 ? RelationType.FORBIDS : RelationType.REQUIRES;
        String source = actors.get(random.nextInt(actors.size())).id();
        String target = targets.get(random.nextInt(targets.size())).id();
        String object = null;
        List<String> conditions = List.of();
        List<String> obligations = List.of();
        switch (type) {
          case PERMITS:
            if (random.nextInt(5) == 0) {
              conditions = List.of("args.amount <= " + pick(PERMIT_LIMITS));
            }
            break;
          case FORBIDS:
            if (random.nextInt(5) == 0) {
              conditions = List.of("args.amount > " + pick(FORBID_LIMITS));
            }
            if (random.nextInt(7) == 0) {
              object = dataClasses.get(random.nextInt(dataClasses.size())).id();
            }
            break;
          default:
            obligations = List.of(OBLIGATIONS[random.nextInt(OBLIGATIONS.length)]);
            if (random.nextInt(3) == 0) {
              conditions = List.of("args.amount > " + pick(PERMIT_LIMITS));
            }
            if (random.nextInt(5) == 0) {
              source = null;
            }
            break;
        }
        builder.relation(new Relation(
            "rel_" + i, type, source, target, object, conditions, obligations, null, Map.of()));
      }
    }

    private int pick(int[] values) {
      return values[random.nextInt(values.length)];
    }
  }

  @Override
  public String toString() {
    return "Workload[size=" + size + ", seed=" + seed + ", relations=" + policy.relations().size() + "]";
  }

  /** The term with this id, or {@code null}. */
  @Nullable Term term(String id) {
    return termsById.get(id);
  }
}

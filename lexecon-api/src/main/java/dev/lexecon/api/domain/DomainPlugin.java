package dev.lexecon.api.domain;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.risk.RiskFactor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rules of one regulated domain, plugged into the decide pipeline. Register a plugin
 * explicitly with {@code Lexecon.builder().domain(plugin)}, or opt in to {@code ServiceLoader}
 * discovery with {@code discoverDomains()} (then the implementation needs a public no-argument
 * constructor and a {@code META-INF/services/dev.lexecon.api.domain.DomainPlugin} entry).
 *
 * <h2>Where the hooks run</h2>
 *
 * For every request that a plugin {@linkplain #appliesTo applies to}, the engine calls, in order:
 *
 * <ol>
 *   <li>{@link #validate}: malformed domain input (an order quantity that is a string, a consent
 *       flag that is not a boolean). Violations of all plugins are collected and thrown together
 *       as an {@link dev.lexecon.api.InvalidRequestException}; nothing is decided or recorded.
 *   <li>{@link #enrich}: facts derived from the request and the clock reading, published to
 *       policies as {@code context.<name>} (for example {@code finance.order_value_usd}). The
 *       plugin owns that key: a value the caller put there is replaced, so an agent cannot forge
 *       domain facts. The request's risk level is also raised to its {@linkplain
 *       DomainConfiguration.ActionType action type's} level.
 *   <li>the policy evaluates the enriched request;
 *   <li>{@link #check}: the domain's own rules, as {@link DomainRuling}s that deny, escalate or
 *       condition the decision. A denial is a value: it becomes a reason of the decision, never an
 *       exception. Rulings only tighten the policy's outcome.
 *   <li>{@link #afterDecision}, once the decision is final ({@code decide} only, not dry-run
 *       {@code evaluate}).
 * </ol>
 *
 * {@link #riskFactors} feeds the risk scorer, {@link #templates()} and {@link
 * #complianceMappings()} are published as data.
 *
 * <h2>Contract</h2>
 *
 * Implementations must be thread-safe, and every hook but {@link #afterDecision} must be a pure,
 * deterministic function of its arguments and the plugin's configuration: no I/O, no system clock
 * (time arrives as the engine clock's reading, {@code now}), no randomness. The same request and
 * instant must give equal results, which is what lets a decision be replayed byte for byte. Hooks
 * run on the decide hot path and should finish in microseconds: precompile patterns and sets in
 * the constructor, never per call. Hooks other than {@code afterDecision} should not throw for any
 * valid request; an exception escapes {@code decide} unchanged.
 *
 * @since 0.1
 */
public interface DomainPlugin {

  /** What this plugin governs; must return an equal value on every call. */
  DomainConfiguration configuration();

  /**
   * Whether this plugin's hooks run for {@code request}. The default applies the plugin to the
   * actions listed in its {@linkplain DomainConfiguration#actionTypes() configuration}; override
   * to widen it (healthcare also governs any request that carries the {@code phi} data class).
   */
  default boolean appliesTo(DecisionRequest request) {
    return configuration().actionType(request.action()) != null;
  }

  /**
   * Reports malformed domain input. A request that is merely not allowed is not malformed: report
   * that from {@link #check}. Field paths follow the request's ({@code args.quantity}, {@code
   * context.patient_consent}).
   *
   * @return the violations, empty when the request is well-formed for this domain
   */
  default List<FieldViolation> validate(DecisionRequest request) {
    return List.of();
  }

  /**
   * Derives facts that policies may test, published as {@code context.<name>}. Values must be
   * JSON-like: maps with string keys, lists, strings, numbers, booleans or {@code null}.
   *
   * @param request the request, already {@linkplain #validate validated}
   * @param now the engine clock's reading for this decision (the decision's own timestamp)
   * @return the facts, or an empty map to publish nothing
   */
  default Map<String, @Nullable Object> enrich(DecisionRequest request, Instant now) {
    return Map.of();
  }

  /**
   * Applies the domain's rules.
   *
   * @param request the enriched request ({@code context.<name>} holds what {@link #enrich}
   *     returned)
   * @param now the engine clock's reading for this decision
   * @return a ruling for each rule that held, in a stable order; empty when none did
   */
  default List<DomainRuling> check(DecisionRequest request, Instant now) {
    return List.of();
  }

  /**
   * Risk factors this domain adds to the request's assessment. Use the source {@code
   * domain:<name>}.
   */
  default List<RiskFactor> riskFactors(DecisionRequest request) {
    return List.of();
  }

  /**
   * Called once a decision is final, for side effects such as metrics or notifications. This is
   * the one hook allowed to have side effects; it must not block for long. An exception it throws
   * is logged and does not change or lose the decision.
   *
   * @param request the request as the caller sent it
   * @param decision the final decision
   */
  default void afterDecision(DecisionRequest request, Decision decision) {}

  /** Named policies this plugin ships, ready to load. */
  default List<PolicyTemplate> templates() {
    return List.of();
  }

  /** The controls of each compliance framework this plugin's rules and templates address. */
  default List<ComplianceMapping> complianceMappings() {
    return List.of();
  }
}

package dev.lexecon.api;

import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.token.CapabilityToken;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Lexecon's answer to a {@link DecisionRequest}: the outcome, the reasons an auditor can follow
 * back to policy relations, the obligations still to meet, and the policy it was made under.
 *
 * <p>A denial is a value, not an exception. Only {@link Outcome#APPROVED} is {@linkplain
 * #allowed() allowed}; a CONDITIONAL decision lists {@link #obligations()} the caller must meet
 * first, and an ESCALATED one waits for a human.
 *
 * @param decisionId {@code dec_} followed by a ULID
 * @param requestId the caller's request id, or the one minted for it ({@code req_<ULID>})
 * @param outcome what was decided
 * @param reasons why, in the order the rules were applied; never empty
 * @param obligations obligations the caller must meet (CONDITIONAL) or a human must confirm
 *     (ESCALATED)
 * @param advisories notes from policy constraints whose actions do not change the outcome
 * @param policyId id of the policy the decision was made under
 * @param policyVersion version of that policy
 * @param policyHash lowercase hex SHA-256 of the policy's RFC 8785 canonical JSON
 * @param mode the mode that applied (request, then engine, then policy)
 * @param evaluatedAt when the decision was made, from the engine's clock
 * @param ledgerEntryId the id ({@code entry_<seq>}) of the ledger entry that records this decision,
 *     or {@code null} when nothing was recorded ({@code evaluate()} dry runs)
 * @param risk the risk assessment of the request; CRITICAL risk escalates in every mode
 * @param token the capability token proving the decision to a tool executor, or {@code null} when
 *     none was issued (DENIED and ESCALATED decisions, dry runs)
 * @since 0.1
 */
public record Decision(
    String decisionId,
    String requestId,
    Outcome outcome,
    List<Reason> reasons,
    List<String> obligations,
    List<String> advisories,
    String policyId,
    String policyVersion,
    String policyHash,
    PolicyMode mode,
    Instant evaluatedAt,
    @Nullable String ledgerEntryId,
    RiskAssessment risk,
    @Nullable CapabilityToken token) {

  public Decision {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a decision needs at least one reason");
    }
    obligations = List.copyOf(obligations);
    advisories = List.copyOf(advisories);
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(policyHash, "policyHash");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    Objects.requireNonNull(risk, "risk");
  }

  /** This decision carrying {@code token}. */
  public Decision withToken(CapabilityToken token) {
    return new Decision(decisionId, requestId, outcome, reasons, obligations, advisories, policyId,
        policyVersion, policyHash, mode, evaluatedAt, ledgerEntryId, risk,
        Objects.requireNonNull(token, "token"));
  }

  /** True only for {@link Outcome#APPROVED}: the action may run now, as requested. */
  public boolean allowed() {
    return outcome == Outcome.APPROVED;
  }
}

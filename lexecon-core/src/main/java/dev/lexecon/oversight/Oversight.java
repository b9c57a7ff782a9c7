package dev.lexecon.oversight;

import dev.lexecon.api.Outcome;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.AccountabilityReport;
import dev.lexecon.api.oversight.Contest;
import dev.lexecon.api.oversight.DecisionOverride;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.EscalationPriority;
import dev.lexecon.api.oversight.EscalationTrigger;
import dev.lexecon.api.oversight.Explanation;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.oversight.HaltScope;
import dev.lexecon.api.oversight.Incident;
import dev.lexecon.api.oversight.IncidentCategory;
import dev.lexecon.api.oversight.IncidentReport;
import dev.lexecon.api.oversight.Intervention;
import dev.lexecon.api.oversight.InterventionMetrics;
import dev.lexecon.api.oversight.InterventionRole;
import dev.lexecon.api.oversight.InterventionType;
import dev.lexecon.api.oversight.OverrideType;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.oversight.ResponsibilityChain;
import dev.lexecon.token.VerificationKey;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Human oversight of a {@code Lexecon} engine: escalations, four-eyes confirmation, overrides, EU
 * AI Act Art. 14 interventions, the stop switch, legal holds, serious incidents, contestation,
 * explanations and accountability. Obtain it from {@code Lexecon.oversight()}.
 *
 * <p><b>Records.</b> Every operation that changes something appends a ledger event and nothing
 * else; the state read back here (open escalations, active overrides, halts, holds, incidents) is
 * a projection of those events, rebuilt exactly when an engine is opened over an existing ledger.
 * Payloads are specified in {@code docs/oversight.md}; principal ids and free texts typed by people
 * are recorded as erasable commitments.
 *
 * <p><b>Authorisation.</b> Operations that take a {@link Principal} check it against the RBAC
 * matrix ({@link #accessPolicy()}) and, where the operation says so, configured roles or the
 * escalation's assignees. A refusal appends an {@code access_denied} event and throws {@link
 * dev.lexecon.api.oversight.PermissionDeniedException}. Argument errors throw {@link
 * IllegalArgumentException} before anything is checked or recorded; an operation that the state
 * forbids (resolving twice, resuming a halt that is not in force) throws {@link
 * IllegalStateException} and records nothing.
 *
 * <p>Thread-safe. Changes are serialised, so two people resolving the same escalation at once
 * cannot both succeed; reads take no lock.
 *
 * @since 0.1
 */
public interface Oversight {

  // ---- escalations ----

  /**
   * Opens an escalation by hand. Needs {@link Permission#VIEW_DASHBOARD}: anyone who can see the
   * system may ask for a human decision.
   *
   * @param decisionId the decision concerned, or {@code null}
   * @param assignees principal ids or {@code role:<name>}; at least one
   * @throws IllegalArgumentException if {@code decisionId} names no recorded decision
   */
  Escalation openEscalation(Principal by, @Nullable String decisionId, EscalationTrigger trigger,
      EscalationPriority priority, List<String> assignees, String contextSummary);

  /**
   * Takes an open escalation (pending to acknowledged); the acknowledger may then resolve it even
   * if not an assignee. Needs {@link Permission#APPROVE_REQUESTS}.
   *
   * @throws IllegalStateException if it is not pending (acknowledged, resolved or expired)
   */
  Escalation acknowledge(String escalationId, Principal by);

  /**
   * Resolves an open escalation. Needs {@link Permission#APPROVE_REQUESTS} and being an assignee
   * or the acknowledger. Resolving as approved lets the caller obtain a capability token for the
   * decision ({@code Lexecon.tokenFor}); a four-eyes escalation is approved only through {@link
   * #confirm}. Denying a decision that was approved revokes its tokens; resolving a contest's
   * escalation records the contest's outcome.
   *
   * @throws IllegalStateException if it was already resolved, has expired, or needs four-eyes
   *     confirmation to be approved
   */
  Escalation resolve(String escalationId, Principal by, Resolution resolution, @Nullable String notes);

  /**
   * Confirms the decision an escalation holds, as one of the distinct persons four-eyes
   * confirmation needs (EU AI Act Art. 14(5)); recorded as a signed {@code confirmation} event.
   * When enough distinct persons have confirmed, the escalation is resolved as approved and the
   * resolution links every confirmation. Needs {@link Permission#APPROVE_REQUESTS}, being an
   * assignee or the acknowledger, the escalation's confirmer role if it names one, and not being
   * the decision's own actor.
   *
   * @throws IllegalStateException if it is resolved or expired, has no decision, or this person
   *     already gave a verdict (the same person counts once)
   */
  Escalation confirm(String escalationId, Principal by, @Nullable String note);

  /**
   * Rejects the decision an escalation holds; one rejection denies it. Recorded as a signed {@code
   * confirmation} event with verdict rejected, followed by the denying resolution. Same
   * requirements as {@link #confirm}.
   */
  Escalation reject(String escalationId, Principal by, String reason);

  /** The escalation with this id. */
  Optional<Escalation> escalation(String escalationId);

  /** The escalations of a decision, oldest first. */
  List<Escalation> escalationsOf(String decisionId);

  /** Pending and acknowledged escalations whose deadline has not passed, oldest first. */
  List<Escalation> openEscalations();

  /** Escalations whose deadline passed unresolved (status expired), oldest first. */
  List<Escalation> overdueEscalations();

  /** Resolved escalations, oldest first. */
  List<Escalation> resolvedEscalations();

  /**
   * Whether a {@code confirmation} entry's signature verifies against the confirmation keys the
   * ledger announces; false for any other entry, or once the confirmer's id was erased.
   */
  boolean verifyConfirmation(LedgerEntry entry);

  /** The public key this engine signs confirmations with (its id is the {@code kid}). */
  VerificationKey confirmationKey();

  // ---- overrides and interventions ----

  /**
   * Overrides a DENIED or ESCALATED decision to APPROVED or CONDITIONAL. Needs {@link
   * Permission#APPROVE_REQUESTS} and one of the configured override roles, by exact role
   * membership. While the override is active, {@code Lexecon.tokenFor} issues tokens for the
   * decision.
   *
   * @param justification at least 20 characters once trimmed
   * @param validity how long it applies; {@code null} for 24 hours for a time-limited exception and
   *     no expiry otherwise; at most 90 days
   * @throws IllegalArgumentException for a short justification, a new outcome other than APPROVED
   *     or CONDITIONAL, a validity outside (0, 90 days], or an unknown decision
   * @throws IllegalStateException if the decision was not DENIED or ESCALATED
   */
  DecisionOverride override(String decisionId, Principal by, OverrideType type, Outcome newOutcome,
      String justification, @Nullable Duration validity);

  /** The override in force for a decision now, if any (the latest one recorded). */
  Optional<DecisionOverride> activeOverride(String decisionId);

  /** Every override in force now, oldest first. */
  List<DecisionOverride> activeOverrides();

  /**
   * Records a human intervention in a decision (EU AI Act Art. 14(4)(d)). Needs {@link
   * Permission#APPROVE_REQUESTS} and the role of the capacity acted in ({@code operator}, {@code
   * manager}, {@code supervisor}). A rejection revokes the decision's tokens and stops {@code
   * tokenFor} from issuing more.
   *
   * @throws IllegalArgumentException for an unknown decision
   */
  Intervention intervene(String decisionId, Principal by, InterventionRole role,
      InterventionType type, String reason, @Nullable String notes);

  /** The interventions in a decision, oldest first. */
  List<Intervention> interventions(String decisionId);

  /** Response times from decision to intervention, per capacity (every capacity listed). */
  List<InterventionMetrics> interventionMetrics();

  // ---- accountability and explanation ----

  /** Who took responsibility for a decision, engine first, then each human who acted on it. */
  ResponsibilityChain responsibility(String decisionId);

  /**
   * Who is accountable for the decisions made in {@code [from, to)}, by level and by party. Reads
   * every decision entry of the ledger; meant for reports, not hot paths.
   */
  AccountabilityReport accountability(Instant from, Instant to);

  /**
   * Explains a decision in plain language from its ledger record (and the human records linked to
   * it), for the person it affects.
   *
   * @throws IllegalArgumentException for an unknown decision
   */
  Explanation explain(String decisionId);

  /**
   * Contests a decision on behalf of the person it affects (GDPR Art. 22(3)): opens an escalation
   * for human review and links it to the contest; resolving the escalation records the outcome.
   * No permission is needed: contesting is the affected person's right.
   *
   * @param contestant who contests (recorded as an erasable commitment)
   * @throws IllegalArgumentException for an unknown decision
   * @throws IllegalStateException while another contest of the decision is under review (its
   *     escalation open; one whose escalation expired unresolved no longer blocks a new contest)
   */
  Contest contest(String decisionId, String contestant, String grounds);

  /** The contests of a decision, oldest first. */
  List<Contest> contests(String decisionId);

  // ---- stop switch ----

  /**
   * Stops decisions in {@code scope} (EU AI Act Art. 14(4)(e); MiFID II RTS 6 Art. 12): from the
   * moment this returns, every {@code decide()} in scope returns DENIED naming the halt, and the
   * capability tokens in scope that were issued before it are revoked. Needs {@link
   * Permission#APPROVE_REQUESTS}. Survives restarts.
   */
  Halt halt(HaltScope scope, Principal by, String reason);

  /**
   * Lifts a halt. Needs one of the configured resume roles (the "designated staff" of RTS 6).
   * Tokens revoked by the halt stay revoked.
   *
   * @throws IllegalArgumentException for an unknown halt
   * @throws IllegalStateException if the halt was already lifted
   */
  Halt resume(String haltId, Principal by, String reason);

  /** Halts in force, in the order they were pressed. */
  List<Halt> activeHalts();

  /** Every halt, lifted or not, in order. */
  List<Halt> halts();

  // ---- legal holds and incidents ----

  /**
   * Places a legal hold on decisions' records (through {@code Lexecon.compliance()}, which keeps
   * erasure and retention from deleting them), recording who placed it. Needs {@link
   * Permission#GENERATE_AUDIT}.
   *
   * @param reason why; recorded in the clear, so no personal data
   * @throws IllegalArgumentException if {@code decisionIds} is empty or names a decision the
   *     ledger does not hold; nothing is recorded
   */
  LegalHold placeLegalHold(Principal by, String reason, Set<String> decisionIds);

  /**
   * Releases a legal hold. Needs {@link Permission#GENERATE_AUDIT}.
   *
   * @throws IllegalArgumentException for an unknown hold
   * @throws IllegalStateException if it was already released
   */
  LegalHold releaseLegalHold(String holdId, Principal by);

  /** Legal holds in force now. */
  List<LegalHold> legalHolds();

  /**
   * Records a serious incident (EU AI Act Art. 73) and legal-holds the linked decisions' records.
   * Needs {@link Permission#GENERATE_AUDIT}.
   *
   * @param awareAt when the organisation became aware of it; not in the future
   * @param evidenceIds ids of evidence artifacts registered through {@code Lexecon.evidence()}
   * @throws IllegalArgumentException for a future awareness time, an unknown decision or an
   *     evidence id no registered artifact has; nothing is recorded
   */
  Incident openIncident(Principal by, IncidentCategory category, Instant awareAt,
      String description, List<String> decisionIds, List<String> evidenceIds);

  /**
   * Records the initial or final report of an incident; either one meets the deadline. Needs
   * {@link Permission#GENERATE_AUDIT}.
   *
   * @throws IllegalStateException if a report of that kind was already recorded
   */
  Incident reportIncident(String incidentId, Principal by, IncidentReport.Kind kind, String summary);

  /** The incident with this id. */
  Optional<Incident> incident(String incidentId);

  /** Every incident, oldest first. */
  List<Incident> incidents();

  /** Unreported incidents whose deadline falls within {@code window} from now. */
  List<Incident> incidentsApproachingDeadline(Duration window);

  /** Unreported incidents whose deadline has passed. */
  List<Incident> incidentsPastDeadline();

  // ---- RBAC and export ----

  /** The RBAC matrix in force. */
  AccessPolicy accessPolicy();

  /**
   * Checks that {@code principal} has {@code permission}; records and throws the refusal otherwise.
   * For host applications guarding their own operations with the same matrix and ledger.
   */
  void authorize(Principal principal, Permission permission, String operation);

  /**
   * Exports the ledger (see {@code Ledger.export}). Needs {@link Permission#EXPORT_DATA}, and
   * {@link Permission#VIEW_SENSITIVE} to include personal data.
   */
  void export(Principal by, OutputStream out, boolean includePersonalData);

  /** How many {@code decide()} calls the rate limit refused since the engine started. */
  long rateLimitedCount();
}

package dev.lexecon.domain.healthcare;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.domain.ComplianceMapping;
import dev.lexecon.api.domain.DomainConfiguration;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.domain.DomainRuling;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.risk.RiskDimension;
import dev.lexecon.api.risk.RiskFactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Governs clinical AI: protected health information (PHI) needs the patient's consent, and
 * treatment recommendations and prescriptions need the id of a responsible physician.
 *
 * <h2>Scope</h2>
 *
 * The plugin applies to the actions {@code access_phi} (risk level 2), {@code recommend_treatment}
 * (3) and {@code prescribe_medication} (4), and to any other request that carries the {@code phi}
 * data class (case-insensitive): reading PHI through some other tool is still reading PHI.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>{@code healthcare.patient_consent}, for {@code access_phi} and any request with {@code
 *       phi}: met only when {@code context.patient_consent} is {@code true}. Absent (or JSON
 *       {@code null}) means no consent is on record yet: the decision is CONDITIONAL with
 *       obligation {@code patient_consent} (go and ask, then decide again with it). {@code false}
 *       means the patient declined: the decision is DENIED, so no capability token is issued for
 *       the access (a CONDITIONAL decision would carry one); a patient who changes their mind is
 *       decided again with {@code true}. Any other type, such as the string {@code "yes"}, is
 *       malformed input and rejected as an invalid request.
 *   <li>{@code healthcare.physician_id}, for {@code recommend_treatment} and {@code
 *       prescribe_medication}: met only when {@code context.physician_id} is a string that is not
 *       blank. Absent, {@code null}, empty or whitespace-only is unmet (CONDITIONAL with obligation
 *       {@code physician_id}, the reason saying which); a non-string is malformed input.
 * </ul>
 *
 * This consent rule is deliberately stricter than HIPAA, which permits use of PHI for treatment
 * without authorization: an AI agent reading PHI is exactly the case where an explicit record of
 * consent is wanted. Facts published as {@code context.healthcare}: {@code phi_involved}, {@code
 * consent} ({@code given}, {@code declined} or {@code missing}) and {@code physician_assigned}.
 *
 * <p>Immutable and thread-safe; it has no settings.
 *
 * @since 0.1
 */
public final class HealthcarePlugin implements DomainPlugin {
  /** The plugin's name: rule id prefix and context key. */
  public static final String NAME = "healthcare";
  /** Reads protected health information. */
  public static final String ACCESS_PHI = "access_phi";
  /** Recommends a treatment to a clinician. */
  public static final String RECOMMEND_TREATMENT = "recommend_treatment";
  /** Prescribes a medication. */
  public static final String PRESCRIBE_MEDICATION = "prescribe_medication";
  /** The data class of protected health information. */
  public static final String PHI = "phi";
  /** Context key and obligation: the patient's consent, a boolean. */
  public static final String PATIENT_CONSENT = "patient_consent";
  /** Context key and obligation: the responsible physician's id, a non-blank string. */
  public static final String PHYSICIAN_ID = "physician_id";
  /** Rule: PHI needs patient consent. */
  public static final String RULE_PATIENT_CONSENT = "healthcare.patient_consent";
  /** Rule: treatment and prescriptions need a physician id. */
  public static final String RULE_PHYSICIAN_ID = "healthcare.physician_id";

  static final String CLINICAL_DECISION_SUPPORT = "clinical_decision_support";

  private static final DomainConfiguration CONFIGURATION =
      DomainConfiguration.builder(NAME, GovernanceDomain.HEALTHCARE)
          .description("Clinical AI: patient consent for protected health information, a"
              + " responsible physician for treatment recommendations and prescriptions.")
          .actorTypes("clinical_decision_support", "physician")
          .actionType(ACCESS_PHI, 2, "Read protected health information; needs patient consent.")
          .actionType(RECOMMEND_TREATMENT, 3, "Recommend a treatment; needs a physician id.")
          .actionType(PRESCRIBE_MEDICATION, 4, "Prescribe a medication; needs a physician id.")
          .resourceTypes("patient_record", "prescription")
          .complianceFrameworks("HIPAA", "FDA 21 CFR Part 11", "GDPR", "ISO 13485")
          .riskWeight(RiskDimension.PRIVACY, 0.30)
          .riskWeight(RiskDimension.COMPLIANCE, 0.30)
          .riskWeight(RiskDimension.SECURITY, 0.15)
          .riskWeight(RiskDimension.OPERATIONAL, 0.15)
          .riskWeight(RiskDimension.REPUTATIONAL, 0.05)
          .riskWeight(RiskDimension.FINANCIAL, 0.05)
          .build();

  private static final List<PolicyTemplate> TEMPLATES = List.of(clinicalDecisionSupport());

  private static final List<ComplianceMapping> COMPLIANCE = List.of(
      new ComplianceMapping("HIPAA", "45 CFR 164.508",
          "Uses and disclosures of PHI for which an authorization is required",
          List.of(RULE_PATIENT_CONSENT)),
      new ComplianceMapping("HIPAA", "45 CFR 164.312(a)(1)",
          "Access control: access to ePHI only for authorized persons or software",
          List.of(RULE_PATIENT_CONSENT, CLINICAL_DECISION_SUPPORT)),
      new ComplianceMapping("HIPAA", "45 CFR 164.312(b)",
          "Audit controls: record and examine activity in systems that contain ePHI",
          List.of("lexecon:ledger")),
      new ComplianceMapping("FDA 21 CFR Part 11", "21 CFR 11.10(e)",
          "Secure, computer-generated, time-stamped audit trails",
          List.of("lexecon:ledger")),
      new ComplianceMapping("FDA 21 CFR Part 11", "21 CFR 11.10(g)",
          "Authority checks: only authorized individuals perform the operation",
          List.of(RULE_PHYSICIAN_ID, CLINICAL_DECISION_SUPPORT)),
      new ComplianceMapping("GDPR", "Art. 9(2)(a)",
          "Explicit consent to process data concerning health",
          List.of(RULE_PATIENT_CONSENT)),
      new ComplianceMapping("GDPR", "Art. 7(3)",
          "Consent can be withdrawn, and processing must then stop",
          List.of(RULE_PATIENT_CONSENT)),
      new ComplianceMapping("GDPR", "Art. 22",
          "Decisions based solely on automated processing: right to human intervention",
          List.of(RULE_PHYSICIAN_ID)),
      new ComplianceMapping("ISO 13485", "4.2.5",
          "Control of records",
          List.of("lexecon:ledger")));

  /** The plugin; it has no settings. */
  public HealthcarePlugin() {}

  @Override
  public DomainConfiguration configuration() {
    return CONFIGURATION;
  }

  @Override
  public boolean appliesTo(DecisionRequest request) {
    return CONFIGURATION.actionType(request.action()) != null || hasPhi(request);
  }

  @Override
  public List<FieldViolation> validate(DecisionRequest request) {
    Object consent = request.context().get(PATIENT_CONSENT);
    Object physician = request.context().get(PHYSICIAN_ID);
    if ((consent == null || consent instanceof Boolean)
        && (physician == null || physician instanceof String)) {
      return List.of();
    }
    List<FieldViolation> out = new ArrayList<>(2);
    if (consent != null && !(consent instanceof Boolean)) {
      out.add(new FieldViolation("context." + PATIENT_CONSENT,
          "must be true or false, was " + typeOf(consent)));
    }
    if (physician != null && !(physician instanceof String)) {
      out.add(new FieldViolation("context." + PHYSICIAN_ID,
          "must be a string, was " + typeOf(physician)));
    }
    return out;
  }

  @Override
  public Map<String, @Nullable Object> enrich(DecisionRequest request, Instant now) {
    Map<String, @Nullable Object> facts = new LinkedHashMap<>(4);
    facts.put("phi_involved", needsConsent(request));
    Object consent = request.context().get(PATIENT_CONSENT);
    facts.put("consent", Boolean.TRUE.equals(consent) ? "given"
        : Boolean.FALSE.equals(consent) ? "declined" : "missing");
    facts.put("physician_assigned", hasPhysician(request));
    return facts;
  }

  @Override
  public List<DomainRuling> check(DecisionRequest request, Instant now) {
    DomainRuling consent = needsConsent(request) ? consentRuling(request) : null;
    DomainRuling physician = needsPhysician(request) ? physicianRuling(request) : null;
    if (consent == null) {
      return physician == null ? List.of() : List.of(physician);
    }
    return physician == null ? List.of(consent) : List.of(consent, physician);
  }

  @Override
  public List<RiskFactor> riskFactors(DecisionRequest request) {
    String action = request.action();
    if (PRESCRIBE_MEDICATION.equals(action)) {
      return List.of(
          new RiskFactor(RiskDimension.OPERATIONAL, 30, "domain:healthcare",
              "a prescription acts on a patient's body"),
          new RiskFactor(RiskDimension.COMPLIANCE, 30, "domain:healthcare",
              "prescribing is regulated and must be attributable to a physician"));
    }
    if (RECOMMEND_TREATMENT.equals(action)) {
      return List.of(new RiskFactor(RiskDimension.OPERATIONAL, 20, "domain:healthcare",
          "a treatment recommendation influences patient care"));
    }
    return List.of();
  }

  @Override
  public List<PolicyTemplate> templates() {
    return TEMPLATES;
  }

  @Override
  public List<ComplianceMapping> complianceMappings() {
    return COMPLIANCE;
  }

  private static @Nullable DomainRuling consentRuling(DecisionRequest request) {
    Object consent = request.context().get(PATIENT_CONSENT);
    if (Boolean.TRUE.equals(consent)) {
      return null;
    }
    if (Boolean.FALSE.equals(consent)) {
      // Denied, not conditional: a CONDITIONAL decision carries a capability token, and a refusal
      // must not leave a token for the very access the patient refused (GDPR Art. 7(3)).
      return DomainRuling.deny(RULE_PATIENT_CONSENT, "the patient has declined consent"
          + " (context.patient_consent is false): protected health information must not be"
          + " accessed; decide again only once the patient has given consent");
    }
    return DomainRuling.condition(RULE_PATIENT_CONSENT, "no patient consent is on record"
        + " (context.patient_consent is " + (request.context().containsKey(PATIENT_CONSENT)
            ? "null" : "absent") + "): obtain and record the patient's consent before accessing"
        + " protected health information", PATIENT_CONSENT);
  }

  private static @Nullable DomainRuling physicianRuling(DecisionRequest request) {
    Object id = request.context().get(PHYSICIAN_ID);
    if (id instanceof String s && !s.isBlank()) {
      return null;
    }
    String state = id instanceof String s ? (s.isEmpty() ? "empty" : "blank")
        : request.context().containsKey(PHYSICIAN_ID) ? "null" : "absent";
    return DomainRuling.condition(RULE_PHYSICIAN_ID, request.action()
        + " needs the id of the responsible physician (context.physician_id is " + state + ")",
        PHYSICIAN_ID);
  }

  private static boolean needsConsent(DecisionRequest request) {
    return ACCESS_PHI.equals(request.action()) || hasPhi(request);
  }

  private static boolean needsPhysician(DecisionRequest request) {
    String action = request.action();
    return RECOMMEND_TREATMENT.equals(action) || PRESCRIBE_MEDICATION.equals(action);
  }

  private static boolean hasPhysician(DecisionRequest request) {
    return request.context().get(PHYSICIAN_ID) instanceof String s && !s.isBlank();
  }

  private static boolean hasPhi(DecisionRequest request) {
    List<String> classes = request.dataClasses();
    for (int i = 0; i < classes.size(); i++) {
      if (PHI.equalsIgnoreCase(classes.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static String typeOf(Object value) {
    return value instanceof String ? "a string"
        : value instanceof Number ? "a number"
        : value instanceof List<?> ? "a list"
        : value instanceof Map<?, ?> ? "an object"
        : value.getClass().getSimpleName();
  }

  /** Who may do what; the consent and physician rules stay with the plugin. */
  private static PolicyTemplate clinicalDecisionSupport() {
    Policy policy = Policy.builder("healthcare.clinical_decision_support", "1")
        .mode(PolicyMode.STRICT)
        .extension("domain", NAME)
        .extension("compliance_frameworks", List.of("HIPAA", "FDA 21 CFR Part 11", "GDPR"))
        .description("Clinical decision support reads PHI and recommends treatments; only"
            + " physicians prescribe. Use with the healthcare plugin, which enforces patient"
            + " consent and the physician id.")
        .actor("actor:clinical_decision_support", "clinical_decision_support:*")
        .actor("actor:physician", "physician:*")
        .action("action:access_phi", ACCESS_PHI)
        .action("action:recommend_treatment", RECOMMEND_TREATMENT)
        .action("action:prescribe_medication", PRESCRIBE_MEDICATION)
        .relation(rel("cds_reads_phi", RelationType.PERMITS, "actor:clinical_decision_support",
            "action:access_phi", "Decision support may read PHI for the patient in care."))
        .relation(rel("physician_reads_phi", RelationType.PERMITS, "actor:physician",
            "action:access_phi", "Physicians may read their patients' PHI."))
        .relation(rel("cds_recommends", RelationType.PERMITS, "actor:clinical_decision_support",
            "action:recommend_treatment", "Decision support may recommend treatments to a"
                + " physician."))
        .relation(rel("physician_prescribes", RelationType.PERMITS, "actor:physician",
            "action:prescribe_medication", "Physicians prescribe."))
        .relation(rel("cds_never_prescribes", RelationType.FORBIDS,
            "actor:clinical_decision_support", "action:prescribe_medication",
            "Decision support recommends; only a physician prescribes."))
        .build();
    return new PolicyTemplate(CLINICAL_DECISION_SUPPORT,
        "Decision support reads PHI and recommends treatments, physicians prescribe; decision"
            + " support never prescribes.",
        List.of(PATIENT_CONSENT, PHYSICIAN_ID), policy);
  }

  private static Relation rel(
      String id, RelationType type, String source, String target, String justification) {
    return new Relation(id, type, source, target, null, List.of(), List.of(), justification, Map.of());
  }
}

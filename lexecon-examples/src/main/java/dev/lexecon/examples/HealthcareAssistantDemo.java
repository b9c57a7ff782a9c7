package dev.lexecon.examples;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Reason;
import dev.lexecon.api.domain.PolicyTemplate;
import dev.lexecon.domain.Domains;
import dev.lexecon.domain.healthcare.HealthcarePlugin;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A clinical decision-support assistant and a physician, governed by the healthcare plugin: reading
 * a chart needs the patient's consent (missing consent is asked for, declined consent is respected), treatment
 * recommendations need the physician in charge, and the assistant never prescribes.
 *
 * <p>Run it with
 * {@code ./mvnw -q -B -Pdemo -pl lexecon-examples -am verify -Ddemo.mainClass=dev.lexecon.examples.HealthcareAssistantDemo}.
 *
 * <p>A program, not an API: run one at a time; nothing here is thread-safe or stable.
 *
 * @since 0.1
 */
public final class HealthcareAssistantDemo {
  private HealthcareAssistantDemo() {}

  static final String ASSISTANT = "clinical_decision_support:triage-1";
  static final String PHYSICIAN = "physician:dr-okafor";

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    HealthcarePlugin healthcare = new HealthcarePlugin();
    PolicyTemplate template =
        Domains.template(List.of(healthcare), "clinical_decision_support").orElseThrow();
    try (Lexecon clinic = Lexecon.builder().policy(template.policy()).domain(healthcare).build()) {
      out.println("Lexecon demo: a clinical assistant under the healthcare plugin");
      out.println("policy " + clinic.policy().policyId() + ": " + template.description());
      out.println("healthcare plugin rules: reading protected health information (PHI) needs"
          + " context.patient_consent = true; recommending a treatment or prescribing needs"
          + " context.physician_id.");
      out.println("CONDITIONAL means: allowed once the listed obligation is met, so the caller asks"
          + " again with it. A patient's refusal is DENIED: no token is issued for it.");

      step(out, clinic, "the assistant reads Mrs Novak's allergy list; no consent is on record",
          chart(Map.of()));
      step(out, clinic, "the same read; Mrs Novak declined consent at admission",
          chart(Map.of("patient_consent", false)));
      step(out, clinic, "the same read, after Mrs Novak gave her consent",
          chart(Map.of("patient_consent", true)));
      step(out, clinic, "the assistant recommends a treatment, with no physician in charge named",
          DecisionRequest.builder(ASSISTANT, HealthcarePlugin.RECOMMEND_TREATMENT)
              .arguments(Map.of("patient", "P-1001", "treatment", "amoxicillin 500 mg")).build());
      step(out, clinic, "the same recommendation, for the physician in charge",
          DecisionRequest.builder(ASSISTANT, HealthcarePlugin.RECOMMEND_TREATMENT)
              .arguments(Map.of("patient", "P-1001", "treatment", "amoxicillin 500 mg"))
              .context(Map.of("physician_id", "dr-okafor")).build());
      step(out, clinic, "the assistant tries to prescribe the medication itself",
          DecisionRequest.builder(ASSISTANT, HealthcarePlugin.PRESCRIBE_MEDICATION)
              .arguments(Map.of("patient", "P-1001", "medication", "amoxicillin 500 mg"))
              .context(Map.of("physician_id", "dr-okafor")).build());
      step(out, clinic, "Dr Okafor prescribes it",
          DecisionRequest.builder(PHYSICIAN, HealthcarePlugin.PRESCRIBE_MEDICATION)
              .arguments(Map.of("patient", "P-1001", "medication", "amoxicillin 500 mg"))
              .context(Map.of("physician_id", "dr-okafor")).build());

      out.println();
      out.println("In short: no chart was read without consent, and the reasons say whether to ask"
          + " for it or respect a refusal; recommendations name their physician; only the"
          + " physician prescribed.");
      out.println("ledger: " + clinic.ledger().report().countsByEventType() + "; " + clinic.ledger().verify());
      out.println("(arguments and context, which name the patient, are in the ledger only as salted"
          + " commitments: erasable under GDPR without breaking verification)");
    }
  }

  static DecisionRequest chart(Map<String, Object> context) {
    return DecisionRequest.builder(ASSISTANT, HealthcarePlugin.ACCESS_PHI)
        .tool("read_chart")
        .dataClasses("phi")
        .arguments(Map.of("patient", "P-1001", "section", "allergies"))
        .context(context)
        .build();
  }

  private static void step(PrintStream out, Lexecon clinic, String story, DecisionRequest request) {
    Decision d = clinic.decide(request);
    out.println();
    out.println(request.actor() + " -> " + request.action() + "  context " + request.context());
    out.printf("%-11s %s%n", d.outcome(), story);
    for (Reason reason : d.reasons()) {
      out.println("            because " + reason.message()
          + (reason.ruleId() == null ? "" : "  [" + reason.ruleId() + "]"));
    }
    if (!d.obligations().isEmpty()) {
      out.println("            obligations: " + d.obligations());
    }
  }
}

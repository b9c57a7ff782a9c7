package dev.lexecon.domain.healthcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.policy.Policy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Healthcare plugin")
class HealthcarePluginTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  static final String CDS = "clinical_decision_support:sepsis_v2";
  static final String DOCTOR = "physician:dr_okafor";
  static final Lexecon PERMISSIVE = Lexecon.builder().policy(Policy.builder("all", "1").build())
      .mode(PolicyMode.PERMISSIVE).clock(CLOCK).domain(new HealthcarePlugin()).build();

  static DecisionRequest request(String actor, String action, Map<String, ?> context, String... dataClasses) {
    return DecisionRequest.builder(actor, action).context(context).dataClasses(dataClasses).build();
  }

  /** A context map that may hold a null value (Map.of cannot). */
  static Map<String, Object> ctx(String key, Object value) {
    Map<String, Object> m = new HashMap<>();
    m.put(key, value);
    return m;
  }

  static List<Reason> domainReasons(Decision d) {
    return d.reasons().stream().filter(r -> r.code() == ReasonCode.DOMAIN_RULE).toList();
  }

  @Nested
  @DisplayName("patient consent for PHI")
  class Consent {
    static Stream<Arguments> consent() {
      return Stream.of(
          Arguments.of("absent", Map.of(), Outcome.CONDITIONAL, "no patient consent is on record (context.patient_consent is absent)"),
          Arguments.of("null", ctx("patient_consent", null), Outcome.CONDITIONAL, "no patient consent is on record (context.patient_consent is null)"),
          Arguments.of("false", Map.of("patient_consent", false), Outcome.DENIED, "the patient has declined consent (context.patient_consent is false)"),
          Arguments.of("true", Map.of("patient_consent", true), Outcome.APPROVED, null));
    }

    @ParameterizedTest(name = "consent {0}: {2}")
    @MethodSource("consent")
    @DisplayName("missing consent is an obligation to meet; false consent is a refusal that denies")
    void table(String label, Map<String, Object> context, Outcome expected, String why) {
      Decision d = PERMISSIVE.decide(request(CDS, "access_phi", context));
      assertThat(d.outcome()).isEqualTo(expected);
      // Only a CONDITIONAL or APPROVED decision carries a token: never one for a refused access.
      assertThat(d.token() != null).isEqualTo(expected != Outcome.DENIED);
      if (why == null) {
        assertThat(domainReasons(d)).isEmpty();
        assertThat(d.obligations()).isEmpty();
      } else {
        if (expected == Outcome.DENIED) {
          assertThat(d.obligations()).isEmpty();
        } else {
          assertThat(d.obligations()).containsExactly("patient_consent");
        }
        assertThat(domainReasons(d)).singleElement().satisfies(r -> {
          assertThat(r.ruleId()).isEqualTo(HealthcarePlugin.RULE_PATIENT_CONSENT);
          assertThat(r.message()).startsWith(why);
        });
      }
    }

    @Test
    @DisplayName("the two unmet reasons really differ in what they ask for")
    void differentAdvice() {
      String missing = domainReasons(PERMISSIVE.decide(request(CDS, "access_phi", Map.of()))).get(0).message();
      String declined = domainReasons(PERMISSIVE.decide(request(CDS, "access_phi",
          Map.of("patient_consent", false)))).get(0).message();
      assertThat(missing).contains("obtain and record").doesNotContain("declined");
      assertThat(declined).contains("declined").contains("must not be accessed").doesNotContain("obtain");
    }

    @ParameterizedTest(name = "data class {0} on another action")
    @ValueSource(strings = {"phi", "PHI", "Phi"})
    @DisplayName("any request that carries PHI needs consent, whatever the action")
    void phiDataClass(String dataClass) {
      Decision d = PERMISSIVE.decide(request(CDS, "summarize_chart", Map.of(), dataClass));
      assertThat(d.outcome()).isEqualTo(Outcome.CONDITIONAL);
      assertThat(d.obligations()).containsExactly("patient_consent");
    }

    @Test
    @DisplayName("requests without PHI outside the healthcare actions are untouched")
    void notApplicable() {
      Decision d = PERMISSIVE.decide(request(CDS, "summarize_chart", Map.of(), "pii"));
      assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(domainReasons(d)).isEmpty();
    }

    @ParameterizedTest(name = "consent {0}")
    @MethodSource("malformed")
    @DisplayName("a consent that is not a boolean is malformed input")
    void malformed(String label, Object value) {
      assertThatThrownBy(() -> PERMISSIVE.decide(request(CDS, "access_phi", Map.of("patient_consent", value))))
          .isInstanceOfSatisfying(InvalidRequestException.class, e ->
              assertThat(e.violations()).extracting(FieldViolation::field)
                  .containsExactly("context.patient_consent"));
    }

    static Stream<Arguments> malformed() {
      return Stream.of(Arguments.of("\"yes\"", "yes"), Arguments.of("\"true\"", "true"),
          Arguments.of("1", 1), Arguments.of("a list", List.of(true)));
    }
  }

  @Nested
  @DisplayName("physician id for treatment and prescriptions")
  class Physician {
    static Stream<Arguments> ids() {
      Stream.Builder<Arguments> b = Stream.builder();
      for (String action : List.of("recommend_treatment", "prescribe_medication")) {
        b.add(Arguments.of(action, "absent", Map.of(), "absent"));
        b.add(Arguments.of(action, "null", ctx("physician_id", null), "null"));
        b.add(Arguments.of(action, "empty", Map.of("physician_id", ""), "empty"));
        b.add(Arguments.of(action, "spaces", Map.of("physician_id", "   "), "blank"));
        b.add(Arguments.of(action, "tab and newline", Map.of("physician_id", "\t\n"), "blank"));
        b.add(Arguments.of(action, "one character", Map.of("physician_id", "7"), null));
        b.add(Arguments.of(action, "an NPI", Map.of("physician_id", "npi:1234567893"), null));
      }
      return b.build();
    }

    @ParameterizedTest(name = "{0} with physician id {1}")
    @MethodSource("ids")
    @DisplayName("needs a non-blank physician_id string in the context")
    void table(String action, String label, Map<String, Object> context, String state) {
      Decision d = PERMISSIVE.decide(request(CDS, action, context));
      if (state == null) {
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(domainReasons(d)).isEmpty();
      } else {
        assertThat(d.outcome()).isEqualTo(Outcome.CONDITIONAL);
        assertThat(d.obligations()).containsExactly("physician_id");
        assertThat(domainReasons(d)).singleElement().satisfies(r -> {
          assertThat(r.ruleId()).isEqualTo(HealthcarePlugin.RULE_PHYSICIAN_ID);
          assertThat(r.message()).isEqualTo(action
              + " needs the id of the responsible physician (context.physician_id is " + state + ")");
        });
      }
    }

    @Test
    @DisplayName("a physician id that is not a string is malformed input")
    void malformed() {
      assertThatThrownBy(() -> PERMISSIVE.decide(request(CDS, "prescribe_medication",
          Map.of("physician_id", 1234567893L, "patient_consent", "sure"))))
          .isInstanceOfSatisfying(InvalidRequestException.class, e ->
              assertThat(e.violations()).extracting(FieldViolation::field)
                  .containsExactly("context.patient_consent", "context.physician_id"));
    }

    @Test
    @DisplayName("access_phi does not need a physician id")
    void accessDoesNot() {
      Decision d = PERMISSIVE.decide(request(CDS, "access_phi", Map.of("patient_consent", true)));
      assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
    }
  }

  @Test
  @DisplayName("a prescription touching PHI with neither consent nor physician owes both")
  void bothRules() {
    Decision d = PERMISSIVE.decide(request(CDS, "prescribe_medication", Map.of(), "phi"));
    assertThat(d.outcome()).isEqualTo(Outcome.CONDITIONAL);
    assertThat(d.obligations()).containsExactly("patient_consent", "physician_id");
    assertThat(domainReasons(d)).extracting(Reason::ruleId)
        .containsExactly(HealthcarePlugin.RULE_PATIENT_CONSENT, HealthcarePlugin.RULE_PHYSICIAN_ID);
  }

  @Nested
  @DisplayName("with the clinical_decision_support template")
  class WithTemplate {
    final Lexecon lexecon = Lexecon.builder()
        .policy(new HealthcarePlugin().templates().get(0).policy())
        .clock(CLOCK).domain(new HealthcarePlugin()).build();

    @Test
    @DisplayName("decision support never prescribes, and the denial is not cluttered with obligations")
    void cdsCannotPrescribe() {
      Decision d = lexecon.decide(request(CDS, "prescribe_medication", Map.of()));
      assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
      assertThat(d.reasons()).extracting(Reason::ruleId).containsExactly("cds_never_prescribes");
      assertThat(d.obligations()).isEmpty();
    }

    @Test
    @DisplayName("a physician with an id prescribes")
    void physicianPrescribes() {
      Decision d = lexecon.decide(request(DOCTOR, "prescribe_medication", Map.of("physician_id", "dr_okafor")));
      assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(d.reasons()).extracting(Reason::ruleId).containsExactly("physician_prescribes");
    }

    @Test
    @DisplayName("decision support reads PHI once consent is recorded")
    void cdsReadsWithConsent() {
      assertThat(lexecon.decide(request(CDS, "access_phi", Map.of(), "phi")).outcome())
          .isEqualTo(Outcome.CONDITIONAL);
      assertThat(lexecon.decide(request(CDS, "access_phi", Map.of("patient_consent", true), "phi")).outcome())
          .isEqualTo(Outcome.APPROVED);
    }

    @Test
    @DisplayName("policies can read the published facts as healthcare.*")
    void facts() {
      Policy p = Policy.builder("facts", "1").mode(PolicyMode.STRICT)
          .actor("actor:cds", "clinical_decision_support:*").action("action:access_phi", "access_phi")
          .permits("actor:cds", "action:access_phi", "healthcare.consent == \"given\"")
          .build();
      Lexecon l = Lexecon.builder().policy(p).clock(CLOCK).domain(new HealthcarePlugin()).build();
      assertThat(l.decide(request(CDS, "access_phi", Map.of("patient_consent", true))).outcome())
          .isEqualTo(Outcome.APPROVED);
      assertThat(l.decide(request(CDS, "access_phi", Map.of("patient_consent", false))).outcome())
          .isEqualTo(Outcome.DENIED);
    }
  }

  @Test
  @DisplayName("prescriptions and recommendations add risk factors")
  void risk() {
    HealthcarePlugin plugin = new HealthcarePlugin();
    assertThat(plugin.riskFactors(request(DOCTOR, "prescribe_medication", Map.of()))).hasSize(2);
    assertThat(plugin.riskFactors(request(CDS, "recommend_treatment", Map.of()))).hasSize(1);
    assertThat(plugin.riskFactors(request(CDS, "access_phi", Map.of()))).isEmpty();
  }
}

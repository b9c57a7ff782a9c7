package dev.lexecon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Healthcare assistant demo")
class HealthcareAssistantDemoTest {
  @Test
  @DisplayName("tells missing from declined consent, asks for the physician id, and lets only the physician prescribe")
  void runs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    HealthcareAssistantDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("CONDITIONAL the assistant reads Mrs Novak's allergy list; no consent is on record")
        .contains("no patient consent is on record (context.patient_consent is absent)");
    assertThat(out).contains("DENIED      the same read; Mrs Novak declined consent")
        .contains("the patient has declined consent (context.patient_consent is false)");
    assertThat(out).contains("APPROVED    the same read, after Mrs Novak gave her consent");
    assertThat(out).contains("CONDITIONAL the assistant recommends a treatment")
        .contains("obligations: [physician_id]");
    assertThat(out).contains("APPROVED    the same recommendation, for the physician in charge");
    assertThat(out).contains("DENIED      the assistant tries to prescribe").contains("[cds_never_prescribes]");
    assertThat(out).contains("APPROVED    Dr Okafor prescribes it");
  }
}

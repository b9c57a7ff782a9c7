package dev.lexecon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Oversight demo")
class OversightDemoTest {
  @Test
  @DisplayName("halts a burst with nothing approved afterwards, approves a transfer by four eyes, resolves a CRITICAL escalation")
  void runs() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OversightDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).containsPattern("approved before the halt: (\\d+), their tokens now revoked: \\1\\n");
    assertThat(out).containsPattern("calls started after halt\\(\\) returned: [1-9]\\d*, approved: 0\\n");
    assertThat(out).contains("a denied one says: halted: hlt_");
    assertThat(out).contains("next order: APPROVED");
    assertThat(out).contains("transfer_funds 250000 -> ESCALATED [dual_authorization]; needs 2 distinct treasury_officers");
    assertThat(out).contains("Tina again: refused (the same person counts once)");
    assertThat(out).contains("Tom confirms: escalation APPROVED; the resolution links 2 confirmations");
    assertThat(out).doesNotContain("verifies: false");
    assertThat(out).contains("verifier says accepted");
    assertThat(out).contains("read_vault (credentials) -> ESCALATED", "is CRITICAL");
    assertThat(out).contains("risk_threshold, priority critical");
    assertThat(out).contains("responsibility: [automated (lexecon:trading-desk-oversight), human_made (alice@bank.example)]");
    assertThat(out).containsPattern("entries\\): verified \\d+ entries");
  }
}

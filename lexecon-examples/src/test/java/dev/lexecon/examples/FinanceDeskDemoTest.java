package dev.lexecon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Finance trading desk demo")
class FinanceDeskDemoTest {
  @Test
  @DisplayName("approves orders within limits, rejects the $12.5M order and the order after 16:00, escalates the rebalance")
  void runs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FinanceDeskDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("APPROVED    buy 1,000 ACME at 101.25");
    assertThat(out).contains("APPROVED    sell 40,000 GLOBEX at 250.00: exactly USD 10,000,000");
    assertThat(out).contains("DENIED      buy 50,000 INITECH").contains("[finance.order_value_limit]");
    assertThat(out).contains("DENIED      buy 30,000 ACME").contains("[position_limit]");
    assertThat(out).contains("Tue 3 Mar 2026 16:30 EST")
        .contains("DENIED      after the closing bell: buy").contains("[finance.trading_hours]");
    assertThat(out).contains("APPROVED    after the closing bell: cancel");
    assertThat(out).contains("ESCALATED   the portfolio manager rebalances")
        .contains("[finance.rebalance_approval]").contains("waiting for: [human_approval]");
    assertThat(out).contains("decision=7, escalation_opened=1").contains("verified 10 entries");
  }
}

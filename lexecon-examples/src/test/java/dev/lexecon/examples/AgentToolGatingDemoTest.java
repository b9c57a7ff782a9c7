package dev.lexecon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("README demo")
class AgentToolGatingDemoTest {
  @Test
  @DisplayName("prints one decided line per tool call with its reasons")
  void runs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AgentToolGatingDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("APPROVED    search the web");
    assertThat(out).contains("DENIED      INJECTED");
    assertThat(out).contains("ESCALATED   refund 250 EUR");
    assertThat(out).contains("CONDITIONAL look up the customer");
    assertThat(out).contains("DENIED      run a shell command").contains("[no_shell]");
  }
}

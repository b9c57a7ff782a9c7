package dev.lexecon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

@DisplayName("README demo")
class AgentToolGatingDemoTest {
  @Test
  @DisplayName("prints one decided line per tool call with its reasons")
  void runs(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AgentToolGatingDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("demo.db"));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("APPROVED    search the web");
    assertThat(out).contains("DENIED      INJECTED");
    assertThat(out).contains("ESCALATED   refund 250 EUR");
    assertThat(out).contains("CONDITIONAL look up the customer");
    assertThat(out).contains("DENIED      run a shell command").contains("[no_shell]");
    assertThat(out).contains("executor verifies the exact call:      ACCEPTED");
    assertThat(out).contains("same token, arguments changed:         REJECTED WRONG_BINDING");
    assertThat(out).contains("forged signature:                      REJECTED BAD_SIGNATURE");
    assertThat(out).contains("ledger file:").contains("verifies against the signed root: true");
    assertThat(dir.resolve("demo.db")).isNotEmptyFile();
  }
}

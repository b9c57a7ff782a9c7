package dev.lexecon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Offline audit demo")
class OfflineAuditDemoTest {
  @Test
  @DisplayName("verifies the export with the published key, then names the seq of a changed byte, a cut and a foreign key")
  void runs(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OfflineAuditDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("the injected e-mail to an outsider was DENIED (entry_6)");
    assertThat(out).contains("VALID: 13 entries and 1 checkpoint verified");
    assertThat(out).contains("INVALID at seq 6 (HASH_MISMATCH)");
    assertThat(out).contains("INVALID at seq 12 (TRUNCATED)");
    assertThat(out).contains("INVALID at seq 13 (BAD_CHECKPOINT_SIGNATURE)");
    assertThat(dir.resolve("ledger-export.jsonl")).isRegularFile();
  }
}

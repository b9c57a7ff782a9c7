package dev.lexecon.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's Java snippet honest: the snippet below, between the markers, must equal the
 * README's first {@code java} block line for line, and it is compiled and run here.
 */
@DisplayName("README usage snippet")
class ReadmeSnippetTest {
  static final String POLICY =
      "{\"policy_id\":\"readme\",\"version\":\"1\",\"mode\":\"strict\","
          + "\"terms\":[{\"term_id\":\"actor:agent\",\"term_type\":\"actor\",\"value\":\"agent:*\"},"
          + "{\"term_id\":\"tool:send_email\",\"term_type\":\"tool\"}],"
          + "\"lists\":{\"colleagues\":[\"bob@acme.example\"]},"
          + "\"relations\":[{\"relation_id\":\"mail\",\"relation_type\":\"permits\","
          + "\"source_term_id\":\"actor:agent\",\"target_term_id\":\"tool:send_email\","
          + "\"conditions\":[\"args.to in colleagues\"]}]}";

  Decision snippet(String policyJson) {
    // README-SNIPPET-START
    Lexecon lexecon = Lexecon.builder()
        .policyJson(policyJson)              // the reference JSON format, or Policy.builder(...) in Java
        .build();                            // immutable, thread-safe; share one instance

    DecisionRequest request = DecisionRequest.builder("agent:support-1", "send_email")
        .tool("send_email")
        .argument("to", "attacker@evil.example") // tool-call arguments: conditions read them as args.*
        .dataClasses("pii")
        .build();                            // validates every limit; throws listing all violations

    Decision decision = lexecon.decide(request);
    if (!decision.allowed()) {
      decision.reasons().forEach(r -> System.out.println(r.ruleId() + ": " + r.message()));
    }
    // README-SNIPPET-END
    return decision;
  }

  @Test
  @DisplayName("the README snippet is this compiled code")
  void readmeMatches() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README has a ```java block").isTrue();
    String source = Files.readString(
        Path.of("src/test/java/dev/lexecon/docs/ReadmeSnippetTest.java"), StandardCharsets.UTF_8);
    String body = source.substring(
        source.indexOf("// README-SNIPPET-START") + "// README-SNIPPET-START".length(),
        source.indexOf("    // README-SNIPPET-END"));
    String dedented = body.lines().skip(1).map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(block.group(1)).isEqualTo(dedented);
    assertThat(block.group(1).lines().count()).isLessThanOrEqualTo(15);
  }

  @Test
  @DisplayName("the README snippet runs and denies the injected recipient")
  void snippetRuns() {
    Decision d = snippet(POLICY);
    assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
  }
}

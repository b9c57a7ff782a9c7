package dev.lexecon.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the examples in docs/policy-language.md true: they are read from the file and run. */
@DisplayName("Condition documentation")
class ConditionDocumentationTest {
  private static final Path DOC = Path.of("..", "docs", "policy-language.md");

  @Test
  @DisplayName("Every example condition in the Conditions section compiles")
  void examplesCompile() throws IOException {
    List<String> examples = textBlocks().get(0);
    assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
    NamedLists lists = NamedLists.of(Map.of("eu_regions", List.of("EU")));
    for (String example : examples) {
      assertThat(Condition.compile(example, lists).source()).isEqualTo(example);
    }
  }

  @Test
  @DisplayName("Every documented syntax error message is exactly what compile reports")
  void errorMessagesAreExact() throws IOException {
    List<String> messages = textBlocks().get(2);
    assertThat(messages).hasSizeGreaterThanOrEqualTo(5);
    for (String message : messages) {
      String marker = " in \"";
      String source =
          message.substring(message.indexOf(marker) + marker.length(), message.length() - 1);
      assertThatThrownBy(() -> Condition.compile(source))
          .as(source)
          .isInstanceOf(ConditionSyntaxException.class)
          .hasMessage(message);
    }
  }

  /** The lines of each ```text block after the "## Conditions" heading, in order. */
  private static List<List<String>> textBlocks() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String section = doc.substring(doc.indexOf("## Conditions"));
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : section.split("\n", -1)) {
      if (current == null && line.equals("```text")) {
        current = new ArrayList<>();
      } else if (current != null && line.equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }
}

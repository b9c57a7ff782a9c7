package dev.lexecon.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.oversight.AccessPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/oversight.md} true: its snippet compiles and runs, its tables match the code. */
@DisplayName("Oversight document")
class OversightDocTest {
  static final String POLICY = """
      {"policy_id": "vault", "version": "1", "mode": "strict",
       "terms": [{"term_id": "actor:ops", "term_type": "actor", "value": "agent:ops-*"},
                 {"term_id": "tool:read_vault", "term_type": "tool"}],
       "relations": [{"relation_id": "vault", "relation_type": "permits",
                      "source_term_id": "actor:ops", "target_term_id": "tool:read_vault"}]}
      """;

  private static String doc() throws IOException {
    return Files.readString(Path.of("oversight.md"), StandardCharsets.UTF_8);
  }

  CapabilityToken snippet(String json, DecisionRequest request) {
    // OVERSIGHT-SNIPPET-START
    Lexecon lexecon = Lexecon.builder().policyJson(json).build();
    Decision d = lexecon.decide(request);                       // ESCALATED: CRITICAL risk
    Escalation e = lexecon.oversight().escalationsOf(d.decisionId()).get(0);
    Principal alice = Principal.of("alice@bank.example", Role.COMPLIANCE_OFFICER);
    lexecon.oversight().resolve(e.escalationId(), alice, Resolution.APPROVED, "checked with the owner");
    CapabilityToken token = lexecon.tokenFor(d.decisionId());  // bound to the recorded request
    // OVERSIGHT-SNIPPET-END
    assertThat(lexecon.tokenVerifier().verify(token.value(), ExpectedCall.of(request)))
        .isInstanceOf(TokenVerification.Accepted.class);
    lexecon.close();
    return token;
  }

  @Test
  @DisplayName("the snippet in docs/oversight.md is this compiled code, and it runs")
  void snippet() throws IOException {
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc());
    assertThat(block.find()).isTrue();
    String source = Files.readString(
        Path.of("src/test/java/dev/lexecon/docs/OversightDocTest.java"), StandardCharsets.UTF_8);
    String body = source.substring(
        source.indexOf("// OVERSIGHT-SNIPPET-START") + "// OVERSIGHT-SNIPPET-START".length(),
        source.indexOf("    // OVERSIGHT-SNIPPET-END"));
    String dedented = body.lines().skip(1).map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(block.group(1)).isEqualTo(dedented);
    DecisionRequest critical = DecisionRequest.builder("agent:ops-1", "read_vault")
        .dataClasses("credentials").build();
    assertThat(snippet(POLICY, critical).claims().tool()).isEqualTo("read_vault");
  }

  @Test
  @DisplayName("the RBAC matrix in docs/oversight.md is AccessPolicy.defaults()")
  void matrix() throws IOException {
    List<String> lines = doc().lines().filter(l -> l.startsWith("| role |")
        || l.matches("\\| (VIEWER|AUDITOR|COMPLIANCE_OFFICER|ADMIN) \\|.*")).toList();
    assertThat(lines).hasSize(5);
    List<String> header = cells(lines.get(0));
    List<Permission> columns = new ArrayList<>();
    for (String h : header.subList(1, header.size())) {
      columns.add(Permission.valueOf(h));
    }
    assertThat(columns).containsExactlyInAnyOrder(Permission.values());
    for (String line : lines.subList(1, 5)) {
      List<String> cells = cells(line);
      Role role = Role.of(cells.get(0).toLowerCase(Locale.ROOT));
      Set<Permission> documented = EnumSet.noneOf(Permission.class);
      for (int i = 1; i < cells.size(); i++) {
        if (cells.get(i).equals("✓")) {
          documented.add(columns.get(i - 1));
        }
      }
      assertThat(documented).as(role.name()).isEqualTo(AccessPolicy.defaults().permissions(role));
    }
  }

  @Test
  @DisplayName("every event type the document's ledger records show exists")
  void eventTypes() throws IOException {
    String doc = doc();
    String records = doc.substring(doc.indexOf("## Ledger records"), doc.indexOf("## Which control"));
    Matcher m = Pattern.compile("(?m)^([a-z_]+) +[({]").matcher(records);
    List<String> shown = new ArrayList<>();
    while (m.find()) {
      shown.add(m.group(1));
    }
    assertThat(shown).contains("halt", "resume", "confirmation", "incident", "contest",
        "access_denied", "escalation_acknowledged");
    for (String type : shown) {
      assertThat(EventType.fromJsonName(type)).as(type).isPresent();
    }
  }

  private static List<String> cells(String row) {
    String[] parts = row.split("\\|", -1);
    List<String> out = new ArrayList<>();
    for (int i = 1; i < parts.length - 1; i++) {
      out.add(parts[i].trim());
    }
    return out;
  }
}

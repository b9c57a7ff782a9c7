package dev.lexecon.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.compliance.ComplianceEvidence;
import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.Control;
import dev.lexecon.api.compliance.ControlStatus;
import dev.lexecon.api.compliance.GapReport;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.compliance.RetainedRecord;
import dev.lexecon.api.compliance.RetentionClass;
import dev.lexecon.api.compliance.RetentionDecision;
import dev.lexecon.compliance.GapAnalysis;
import dev.lexecon.compliance.RetentionPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Java snippet in {@code docs/compliance.md} honest: it must equal the code between the
 * markers below line for line, and it is compiled and run here.
 */
@DisplayName("Compliance document snippet")
class ComplianceDocSnippetTest {
  /** A ledger stand-in: decisions only, nothing verified, nothing linked. */
  static final ComplianceEvidence DECISIONS_ONLY = new ComplianceEvidence() {
    @Override
    public long count(String eventType, Instant from, Instant to) {
      return eventType.equals("decision") ? 42 : 0;
    }

    @Override
    public boolean hasLinkedEvidence(Control control) {
      return false;
    }

    @Override
    public boolean integrityVerified(Instant from, Instant to) {
      return false;
    }
  };

  record Result(GapReport report, RetentionDecision retention) {}

  Result snippet(ComplianceEvidence ledgerEvidence, Instant from, Instant to, Clock clock,
      Instant recordedAt, String decisionId, List<LegalHold> holds) {
    // COMPLIANCE-SNIPPET-START
    GapReport report = GapAnalysis.of(ledgerEvidence)   // the ledger implements ComplianceEvidence
        .analyze(ComplianceFramework.EU_AI_ACT, from, to); // records with from <= time < to
    System.out.printf("%d of %d controls covered (%.1f%%)%n",
        report.covered(), report.total(), report.coveragePercent());
    for (ControlStatus gap : report.gaps()) {
      gap.findings().forEach(f -> System.out.println(gap.control().key() + ": "
          + f.reason().description() + " (" + f.detail() + ")"));
    }

    RetentionPolicy retention = RetentionPolicy.builder()
        .clock(clock)                                   // "now" comes only from here
        .highRiskSystem(true)                           // 10 years instead of 6 months
        .retain("decision", RetentionClass.PCI_DSS_AUDIT_LOGS)
        .build();                                       // immutable, thread-safe
    RetentionDecision decision = retention.evaluate(
        new RetainedRecord("decision", recordedAt, Set.of(decisionId), Set.of()), holds);
    // decision.deletable(): retention over and no legal hold; decision.deletableFrom(): when
    // COMPLIANCE-SNIPPET-END
    return new Result(report, decision);
  }

  @Test
  @DisplayName("the snippet in docs/compliance.md is this compiled code")
  void documentMatches() throws IOException {
    String doc = Files.readString(Path.of("compliance.md"), StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("compliance.md has a ```java block").isTrue();
    String source = Files.readString(
        Path.of("src/test/java/dev/lexecon/docs/ComplianceDocSnippetTest.java"),
        StandardCharsets.UTF_8);
    String body = source.substring(
        source.indexOf("// COMPLIANCE-SNIPPET-START") + "// COMPLIANCE-SNIPPET-START".length(),
        source.indexOf("    // COMPLIANCE-SNIPPET-END"));
    String dedented = body.lines().skip(1).map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(block.group(1)).isEqualTo(dedented);
  }

  @Test
  @DisplayName("the snippet runs: decisions alone cover the AI Act's logging articles, and a fresh record is kept")
  void snippetRuns() {
    Instant recorded = Instant.parse("2026-02-01T09:00:00Z");
    Result r = snippet(DECISIONS_ONLY, Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-04-01T00:00:00Z"), Clock.fixed(recorded, ZoneOffset.UTC), recorded,
        "dec_1", List.of());
    assertThat(r.report().covered()).isPositive().isLessThan(r.report().total());
    assertThat(r.retention().governing()).isEqualTo(RetentionClass.HIGH_RISK);
    assertThat(r.retention().deletable()).isFalse();
    assertThat(r.retention().deletableFrom()).contains(Instant.parse("2036-02-02T00:00:00Z"));
  }
}

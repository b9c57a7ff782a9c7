package dev.lexecon.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.ErasureRequest;
import dev.lexecon.api.compliance.ErasureResult;
import dev.lexecon.api.compliance.GapReport;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.compliance.OversightSummary;
import dev.lexecon.api.compliance.RecordKeepingStatus;
import dev.lexecon.api.evidence.ArtifactType;
import dev.lexecon.api.evidence.ArtifactVerification;
import dev.lexecon.api.evidence.EvidenceArtifact;
import dev.lexecon.api.evidence.NewArtifact;
import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.compliance.RetentionPolicy;
import dev.lexecon.evidence.FileSystemBlobStore;
import dev.lexecon.export.AuditReportVerifier;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the workflow snippet in {@code docs/compliance.md} honest: it must equal the code between
 * the markers below line for line, and it is compiled and run here.
 */
@DisplayName("Compliance workflow snippet")
class ComplianceWorkflowSnippetTest {
  static final String POLICY = """
      {"policy_id":"support","version":"1","mode":"strict",
       "terms":[{"term_id":"actor:customer","term_type":"actor","value":"customer:*"},
                {"term_id":"tool:refund","term_type":"tool"}],
       "relations":[{"relation_id":"refund","relation_type":"permits","source_term_id":"actor:customer",
                     "target_term_id":"tool:refund"}]}
      """;

  record Result(ArtifactVerification check, GapReport gdpr, LegalHold hold, ErasureResult erasure,
      String art11, RecordKeepingStatus art12, OversightSummary art14, VerificationResult entries,
      VerificationResult report) {}

  Result snippet(String policy, Clock clock, NoteSigner auditKey, Path dir, DecisionRequest request,
      Path dpiaFile, Instant from, Instant to) {
    // WORKFLOW-SNIPPET-START
    Lexecon lexecon = Lexecon.builder().policyJson(policy).clock(clock)
        .checkpointSigner(auditKey)                            // a stable key auditors pin
        .evidenceStore(FileSystemBlobStore.open(dir.resolve("evidence")))
        .retention(RetentionPolicy.builder().clock(clock).build())
        .build();
    Decision d = lexecon.decide(request);

    EvidenceArtifact dpia = lexecon.evidence().register(
        NewArtifact.builder(ArtifactType.COMPLIANCE_DOCUMENT).contentFile(dpiaFile)
            .mediaType("application/pdf").controls("GDPR:Art. 35").decisions(d.decisionId())
            .metadata("title", "DPIA support agent").build());
    ArtifactVerification check = lexecon.evidence().verify(dpia.id()); // re-hash, check signature

    lexecon.ledger().checkpoint();                             // sign the period before analysing it
    GapReport gdpr = lexecon.compliance().gapAnalysis(ComplianceFramework.GDPR, from, to);

    LegalHold hold = lexecon.compliance().placeLegalHold("litigation 2026-17",
        "employee:counsel", List.of(d.decisionId()));
    ErasureResult erasure = lexecon.compliance().erase(        // never before retention, never held
        ErasureRequest.forDataSubject("customer:c-1001", "employee:dpo"));

    String art11 = lexecon.compliance().technicalDocumentation().toMarkdown();
    RecordKeepingStatus art12 = lexecon.compliance().recordKeeping();
    OversightSummary art14 = lexecon.compliance().humanOversight(from, to);

    Map<ExportFormat, Path> files = lexecon.compliance().exportFiles(dir, "q1-audit",
        ExportScope.custom(from, to, List.of()), Set.of(), EnumSet.allOf(ExportFormat.class));
    LedgerVerifier auditor = LedgerVerifier.create().trusting(auditKey.verifier());
    VerificationResult entries = auditor.verifyAuditExport(files.get(ExportFormat.CSV)); // any format
    VerificationResult report = AuditReportVerifier.of(auditor)                // the file alone
        .verify(files.get(ExportFormat.HTML));
    // WORKFLOW-SNIPPET-END
    lexecon.close();
    return new Result(check, gdpr, hold, erasure, art11, art12, art14, entries, report);
  }

  @Test
  @DisplayName("the workflow snippet in docs/compliance.md is this compiled code")
  void documentMatches() throws IOException {
    String doc = Files.readString(Path.of("compliance.md"), StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("<!-- snippet: compliance-workflow -->\\n```java\\n(.*?)```",
        Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("compliance.md has the workflow snippet").isTrue();
    String source = Files.readString(
        Path.of("src/test/java/dev/lexecon/docs/ComplianceWorkflowSnippetTest.java"),
        StandardCharsets.UTF_8);
    String body = source.substring(
        source.indexOf("// WORKFLOW-SNIPPET-START") + "// WORKFLOW-SNIPPET-START".length(),
        source.indexOf("    // WORKFLOW-SNIPPET-END"));
    String dedented = body.lines().skip(1).map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(block.group(1)).isEqualTo(dedented);
  }

  @Test
  @DisplayName("the workflow snippet runs: evidence verifies, the erasure waits for retention, the exports verify")
  void snippetRuns(@TempDir Path dir) throws IOException {
    Instant now = Instant.parse("2026-02-01T09:00:00Z");
    Path dpia = Files.writeString(dir.resolve("dpia.pdf"), "%PDF-1.7 a DPIA");
    Result r = snippet(POLICY, Clock.fixed(now, ZoneOffset.UTC), NoteSigner.generate("audit-key"),
        dir, DecisionRequest.builder("customer:c-1001", "refund").tool("refund").build(), dpia,
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(r.check().valid()).isTrue();
    assertThat(r.gdpr().covered()).isPositive();
    assertThat(r.erasure().erasedEntryIds()).isEmpty();
    assertThat(r.erasure().deferred()).singleElement().satisfies(d -> assertThat(d.held()).isTrue());
    assertThat(r.art11()).contains("# Technical documentation");
    assertThat(r.art12().activeLegalHolds()).containsExactly(r.hold());
    assertThat(r.art14().total()).isZero();
    assertThat(r.entries().valid()).as("%s", r.entries()).isTrue();
    assertThat(r.report().valid()).as("%s", r.report()).isTrue();
  }
}

package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.evidence.ArtifactType;
import dev.lexecon.api.evidence.NewArtifact;
import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.export.ExportProgress;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.evidence.EvidenceRegistry;
import dev.lexecon.evidence.InMemoryBlobStore;
import dev.lexecon.export.AuditExporter;
import dev.lexecon.export.AuditReportVerifier;
import dev.lexecon.json.Jcs;
import dev.lexecon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Produces the audit-export test vectors published in {@code docs/vectors/export/} from a fixed
 * clock, ids, salts and key, checks that the published files are exactly what the code produces,
 * and verifies them offline. Run with {@code -Dlexecon.vectors.write=true} to rewrite them after an
 * intended format change.
 */
@DisplayName("Audit export test vectors (docs/vectors/export)")
class ExportVectorsTest {
  static final Path DIR = Path.of("..", "docs", "vectors", "export");
  static final String KEY_NAME = "lexecon.dev/ledger/ledger_EXPORTVECTORS";

  /** The test signer: an Ed25519 seed of 32 bytes 0x21..0x40. Never use it for anything real. */
  static NoteSigner signer() {
    SecureRandom fixed = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) (0x21 + i);
        }
      }
    };
    return NoteSigner.generate(KEY_NAME, fixed);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static Map<String, Object> decision(String id, String actor, String action, String outcome,
      Object intent, Map<String, Object> arguments, String policyHash) {
    Map<String, Object> request = map("actor", actor, "action", action, "tool", action,
        "data_classes", List.of(), "risk_level", 1L, "context", map(), "arguments", arguments);
    if (intent != null) {
      request.put("user_intent", intent);
    }
    return map("decision_id", id, "request_id", "req_" + id.substring(4), "request", request,
        "outcome", outcome, "reasons", List.of(), "obligations", List.of(), "advisories", List.of(),
        "policy", map("policy_id", "vectors", "version", "1", "hash", policyHash), "mode", "strict");
  }

  /** Writes the vector ledger's exports into {@code out} and returns every file by name. */
  static Map<String, String> produce(Path out) throws Exception {
    NoteSigner signer = signer();
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-11-27T09:00:00Z"));
    Map<String, String> files = new TreeMap<>();
    try (LedgerEngine ledger = LedgerEngine.builder(new InMemoryLedgerStorage())
        .clock(clock).idGenerator(() -> "EXPORTVECTORS").checkpointSigner(signer)
        .checkpointEvery(0).checkpointInterval(Duration.ZERO).salts(SaltSource.seeded(1689))
        .build()) {
      String policyHash = Jcs.sha256Hex(map("policy_id", "vectors", "version", "1"));
      ledger.append(EventType.POLICY_LOADED, map("policy_id", "vectors", "version", "1",
          "policy_hash", policyHash, "policy", map("policy_id", "vectors", "version", "1")),
          Instant.parse("2026-11-27T09:00:01Z"));
      ledger.append(EventType.DECISION, decision("dec_V1", "agent:support-1", "send_email",
          "approved", Redactable.of("Tell billing about order 4711"),
          map("to", Redactable.of("billing@acme.example")), policyHash),
          Instant.parse("2026-11-27T09:15:00.000001Z"));
      ledger.append(EventType.DECISION, decision("dec_V2", "agent:x", "exec_shell", "denied",
          null, map(), policyHash), Instant.parse("2026-11-27T09:40:00Z"));
      ledger.append(EventType.DECISION, decision("dec_V3", "agent:support-1", "refund, \"fast\"",
          "escalated", null, map("amount", Redactable.of(900L)), policyHash),
          Instant.parse("2026-11-27T10:05:00Z"));
      ledger.append(EventType.ESCALATION_OPENED, map("escalation_id", "esc_V1", "decision_id",
          "dec_V3", "priority", "high"), Instant.parse("2026-11-27T10:05:00.000001Z"));
      ledger.append(EventType.INTERVENTION, map("intervention_id", "int_V1", "decision_id", "dec_V3",
          "intervention_type", "rejection", "role", "supervisor",
          "by", Redactable.of("user:jo@acme.example"), "requested_at", "2026-11-27T10:05:00.000001Z"),
          Instant.parse("2026-11-27T10:17:30Z"));
      clock.set(Instant.parse("2026-11-27T10:30:00Z"));
      EvidenceRegistry.create(ledger, new InMemoryBlobStore(), clock).register(
          NewArtifact.builder(ArtifactType.COMPLIANCE_DOCUMENT).mediaType("text/plain")
              .content("Human oversight procedure, version 2".getBytes(StandardCharsets.UTF_8))
              .controls("EU_AI_ACT:Art. 14").decisions("dec_V3").metadata("title", "Oversight procedure")
              .build());
      ledger.append(EventType.DECISION, decision("dec_V4", "customer:c-42", "transfer_funds",
          "conditional", null, map("amount", Redactable.of(40L)), policyHash),
          Instant.parse("2026-11-27T11:02:00Z"));
      clock.set(Instant.parse("2026-11-27T11:30:00Z"));
      ledger.checkpoint();
      ledger.flush();

      clock.set(Instant.parse("2026-11-27T12:00:00Z"));
      AuditExporter exporter = AuditExporter.of(ledger, clock);
      exporter.exportFiles(out, "audit-export", ExportScope.all(), Set.of(),
          EnumSet.allOf(ExportFormat.class), ExportProgress.NONE);
      exporter.exportFiles(out, "decisions-with-personal-data",
          ExportScope.custom(null, null, List.of("decision")),
          EnumSet.of(ExportInclude.PERSONAL_DATA, ExportInclude.PAYLOADS),
          EnumSet.of(ExportFormat.CSV), ExportProgress.NONE);
      files.put("signer.txt", "# Test key for the export vectors. Never use it for anything real.\n"
          + signer.encodedPrivateKey() + "\n" + signer.verifier().encoded() + "\n");
      try (var list = Files.list(out)) {
        for (Path p : list.sorted().toList()) {
          files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }

  @Test
  @DisplayName("the published export vectors are exactly what the code produces")
  void vectorsReproduce(@TempDir Path tmp) throws Exception {
    Map<String, String> produced = produce(tmp.resolve("out"));
    if (Boolean.getBoolean("lexecon.vectors.write")) {
      Files.createDirectories(DIR);
      for (var e : produced.entrySet()) {
        Files.writeString(DIR.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
    }
    for (var e : produced.entrySet()) {
      Path published = DIR.resolve(e.getKey());
      assertThat(published).as("published vector %s", e.getKey()).exists();
      assertThat(Files.readString(published, StandardCharsets.UTF_8)).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(produced).containsKeys("audit-export.jsonl", "audit-export.csv", "audit-export.md",
        "audit-export.html", "decisions-with-personal-data.jsonl", "decisions-with-personal-data.csv",
        "signer.txt");
  }

  @Test
  @DisplayName("the published export vectors verify offline with the published key alone")
  void vectorsVerify() throws Exception {
    String key = Files.readAllLines(DIR.resolve("signer.txt")).get(2);
    LedgerVerifier pinned = LedgerVerifier.create().trusting(NoteVerifier.parse(key));
    for (String name : List.of("audit-export", "decisions-with-personal-data")) {
      Path jsonl = DIR.resolve(name + ".jsonl");
      VerificationResult r = pinned.verifyAuditExport(jsonl);
      assertThat(r.valid()).as("%s: %s", name, r).isTrue();
      for (String ext : List.of("csv", "md", "html")) {
        Path report = DIR.resolve(name + "." + ext);
        if (Files.exists(report)) {
          assertThat(pinned.verifyAuditManifest(report).valid()).as(report.toString()).isTrue();
          assertThat(pinned.verifyAuditExport(report).valid()).as(report.toString()).isTrue();
          assertThat(AuditReportVerifier.of(pinned).verify(report).valid()).as(report.toString()).isTrue();
          assertThat(AuditReportVerifier.of(pinned).verify(report, jsonl).valid()).as(report.toString()).isTrue();
        }
      }
    }
    assertThat(Files.readString(DIR.resolve("decisions-with-personal-data.jsonl")))
        .contains("\"side_record\":").contains("\"proof\":[");
    assertThat(Files.readString(DIR.resolve("audit-export.jsonl"))).doesNotContain("side_record")
        .doesNotContain("billing@acme.example");
  }
}

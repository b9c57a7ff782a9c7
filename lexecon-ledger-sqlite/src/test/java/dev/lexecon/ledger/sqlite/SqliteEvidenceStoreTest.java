package dev.lexecon.ledger.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.evidence.ArtifactType;
import dev.lexecon.api.evidence.ArtifactVerification;
import dev.lexecon.api.evidence.EvidenceArtifact;
import dev.lexecon.api.evidence.EvidenceStoreException;
import dev.lexecon.api.evidence.NewArtifact;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.evidence.FileSystemBlobStore;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence artifacts with a durable ledger: their content must outlive the process as the ledger
 * does, so an engine on a SQLite file has no in-memory default store.
 */
@DisplayName("Evidence on a SQLite ledger")
class SqliteEvidenceStoreTest {
  static final String POLICY = """
      {"policy_id":"p","version":"1","mode":"strict","terms":[],"relations":[]}
      """;

  @TempDir Path dir;

  @Test
  @DisplayName("without an evidence store, registration fails naming the fix and records nothing")
  void noStoreRefuses() {
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T00:00:00Z"));
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock)
        .ledger(SqliteLedgerStorage.open(dir.resolve("ledger.db"))).build()) {
      long size = lexecon.ledger().size();
      assertThatThrownBy(() -> lexecon.evidence().register(NewArtifact.builder(ArtifactType.AUDIT_LOG)
              .content("siem extract".getBytes(StandardCharsets.UTF_8)).build()))
          .isInstanceOf(EvidenceStoreException.class)
          .hasMessageContaining("evidenceStore(FileSystemBlobStore.open(dir))");
      assertThat(lexecon.ledger().size()).isEqualTo(size);
      assertThat(lexecon.ledger().report().countsByEventType()).doesNotContainKey(EventType.EVIDENCE.jsonName());
      assertThat(lexecon.compliance().technicalDocumentation().toMarkdown()).contains("registration refused");
    }
  }

  @Test
  @DisplayName("with a file-system store, an artifact registered before a restart still verifies after it")
  void fileSystemStoreSurvivesRestart() throws Exception {
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T00:00:00Z"));
    NoteSigner key = NoteSigner.generate("audit-key");
    Path db = dir.resolve("ledger.db");
    Path blobs = dir.resolve("evidence");
    byte[] content = "oversight procedure v3".getBytes(StandardCharsets.UTF_8);
    EvidenceArtifact artifact;
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock).checkpointSigner(key)
        .ledger(SqliteLedgerStorage.open(db)).evidenceStore(FileSystemBlobStore.open(blobs)).build()) {
      artifact = lexecon.evidence().register(NewArtifact.builder(ArtifactType.COMPLIANCE_DOCUMENT)
          .content(content).controls("EU_AI_ACT:Art. 14(4)(d)").build());
    }
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock).checkpointSigner(key)
        .ledger(SqliteLedgerStorage.open(db)).evidenceStore(FileSystemBlobStore.open(blobs)).build()) {
      ArtifactVerification v = lexecon.evidence().verify(artifact.id());
      assertThat(v.contentHashMatches()).isTrue();
      assertThat(v.signatureValid()).isTrue();
    }
    // the blob is a plain file named by its SHA-256, which anyone can check
    String hex = artifact.id().substring("art_".length());
    assertThat(Files.readAllBytes(blobs.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex)))
        .isEqualTo(content);
  }
}

package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.VerificationFailure.Kind;
import dev.lexecon.api.ledger.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Stand-alone ledger verifier")
class LedgerVerifierTest {

  static LedgerEngine ledger(InMemoryLedgerStorage storage, NoteSigner signer, int entries) {
    LedgerEngine ledger = LedgerTesting.builder(storage).checkpointEvery(10)
        .checkpointSigner(signer).build();
    for (int i = 0; i < entries; i++) {
      ledger.append(EventType.EVIDENCE, Map.of("i", i, "who", Redactable.of("p" + i)));
    }
    ledger.flush();
    return ledger;
  }

  @Test
  @DisplayName("an export verifies from a file with the pinned key, with or without personal data")
  void exportRoundTrip(@TempDir Path dir) throws IOException {
    NoteSigner signer = NoteSigner.generate("audit.example/ledger");
    try (LedgerEngine ledger = ledger(new InMemoryLedgerStorage(), signer, 35)) {
      Path file = dir.resolve("ledger.jsonl");
      try (var out = Files.newOutputStream(file)) {
        ledger.export(out, false);
      }
      List<String> lines = Files.readAllLines(file);
      assertThat(lines).hasSize((int) ledger.size() + 1);
      assertThat(lines.get(0)).startsWith("{\"checkpoint\":").contains("\"format\":\"lexecon-ledger-export\"");
      assertThat(String.join("\n", lines)).doesNotContain("\"p7\"").doesNotContain("side_record");

      VerificationResult r = LedgerVerifier.create().trusting(signer.verifier()).verifyExport(file);
      assertThat(r.valid()).as(r.toString()).isTrue();
      assertThat(r.treeSize()).isEqualTo(ledger.size());
      assertThat(r.rootHash()).isEqualTo(ledger.rootHash());
      assertThat(r.checkpointsVerified()).isEqualTo(3);

      ByteArrayOutputStream withData = new ByteArrayOutputStream();
      ledger.export(withData, true);
      assertThat(withData.toString(StandardCharsets.UTF_8)).contains("\"p7\"");
      assertThat(LedgerVerifier.create().trusting(signer.verifier())
          .verifyExport(new ByteArrayInputStream(withData.toByteArray())).valid()).isTrue();
    }
  }

  @Test
  @DisplayName("an export whose checkpoint a pinned key did not sign fails, naming the checkpoint")
  void untrustedKey() {
    NoteSigner signer = NoteSigner.generate("a");
    try (LedgerEngine ledger = ledger(new InMemoryLedgerStorage(), signer, 5)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ledger.export(out, false);
      VerificationResult selfContained =
          LedgerVerifier.create().verifyExport(new ByteArrayInputStream(out.toByteArray()));
      assertThat(selfContained.valid()).isTrue();
      VerificationResult pinned = LedgerVerifier.create()
          .trusting(NoteSigner.generate("a").verifier())
          .verifyExport(new ByteArrayInputStream(out.toByteArray()));
      assertThat(pinned.valid()).isFalse();
      assertThat(pinned.failure().kind()).isEqualTo(Kind.BAD_CHECKPOINT_SIGNATURE);
      assertThat(pinned.failure().seq()).isEqualTo(ledger.size());
    }
  }

  @Test
  @DisplayName("a whole ledger forged under a key of the forger's own verifies only without pinned keys")
  void forgedLedger() {
    InMemoryLedgerStorage honest = new InMemoryLedgerStorage();
    NoteSigner real = NoteSigner.generate("real");
    ledger(honest, real, 12).close();
    InMemoryLedgerStorage forged = new InMemoryLedgerStorage();
    try (LedgerEngine forgery = ledger(forged, NoteSigner.generate("real"), 12)) {
      forgery.checkpoint();
      assertThat(LedgerVerifier.create().verify(forged).valid()).isTrue();
      VerificationResult pinned = LedgerVerifier.create().trusting(real.verifier()).verify(forged);
      assertThat(pinned.valid()).isFalse();
      assertThat(pinned.failure().kind()).isEqualTo(Kind.BAD_CHECKPOINT_SIGNATURE);
      assertThat(pinned.failure().seq()).isEqualTo(forgery.size() - 1);
    }
  }

  @Test
  @DisplayName("a storage verifies with its own checkpoint key pinned")
  void storagePinned() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    NoteSigner signer = NoteSigner.generate("k");
    try (LedgerEngine ledger = ledger(storage, signer, 25)) {
      ledger.checkpoint();
      VerificationResult r = LedgerVerifier.create().trusting(signer.verifier()).verify(storage);
      assertThat(r.valid()).as(r.toString()).isTrue();
      assertThat(r.entriesVerified()).isEqualTo(storage.size());
    }
  }

  @Test
  @DisplayName("garbage instead of an export is reported, not thrown")
  void garbage() {
    for (String text : List.of("", "not json\n", "{}\n", "{\"format\":\"x\"}\n")) {
      VerificationResult r = LedgerVerifier.create()
          .verifyExport(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      assertThat(r.valid()).as(text).isFalse();
      assertThat(r.failure().kind()).isEqualTo(Kind.MALFORMED_ENTRY);
    }
  }
}

package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.VerificationFailure.Kind;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.json.Jcs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Erasure by design")
class LedgerErasureTest {
  static final String SECRET = "Ada Lovelace, 10 Downing St";

  @Test
  @DisplayName("personal data is hashed only as salted commitments and kept in the side record")
  void commitments() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    try (LedgerEngine ledger = LedgerTesting.builder(storage).build()) {
      LedgerEntry e = ledger.append(EventType.EVIDENCE, Map.of(
          "who", Redactable.of(SECRET),
          "nested", Map.of("a/b~c", Redactable.of(Map.of("n", 1, "big", 9007199254740993L)))));
      LedgerRecord r = storage.read(e.seq()).orElseThrow();
      assertThat(new String(r.entry(), StandardCharsets.UTF_8)).doesNotContain("Lovelace");
      assertThat(new String(r.sideRecord(), StandardCharsets.UTF_8)).contains("Lovelace");

      LedgerEntry read = ledger.entry(e.seq()).orElseThrow();
      String commitment = (String) ((Map<?, ?>) read.payload().get("who")).get("commitment");
      assertThat(commitment).matches("sha256:[0-9a-f]{64}");
      assertThat(read.personalData()).containsEntry("/payload/who", SECRET)
          .containsEntry("/payload/nested/a~1b~0c", Map.of("n", 1L, "big", "9007199254740993"));
      assertThat(read.toString()).doesNotContain("Lovelace");

      // The commitment is SHA-256(salt || JCS(value)), with the salt from the side record.
      Map<?, ?> fields = (Map<?, ?>) ((Map<?, ?>) Jcs.parse(r.sideRecord())).get("fields");
      String salt = (String) ((Map<?, ?>) fields.get("/payload/who")).get("salt");
      assertThat(Commitments.commit(Commitments.unhex(salt), SECRET)).isEqualTo(commitment);

      // Equal values in two entries get unlinkable commitments.
      LedgerEntry again = ledger.append(EventType.EVIDENCE, Map.of("who", Redactable.of(SECRET)));
      assertThat(again.payload().get("who")).isNotEqualTo(read.payload().get("who"));
    }
  }

  @Test
  @DisplayName("deleting a side record keeps the chain, the proofs and the checkpoints valid, and the data is gone")
  void eraseKeepsChainAndProofs() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    try (LedgerEngine ledger = LedgerTesting.builder(storage).checkpointEvery(4).build()) {
      for (int i = 0; i < 10; i++) {
        ledger.append(EventType.DECISION, Map.of("i", i, "who", Redactable.of(SECRET + " " + i)));
      }
      LedgerEntry target = ledger.entries(EventType.DECISION, 3, 1).get(0);
      SignedNote checkpoint = ledger.checkpoint();
      Hash root = ledger.rootHash();
      InclusionProof proof = ledger.inclusionProof(target.seq());
      ByteArrayOutputStream before = new ByteArrayOutputStream();
      ledger.export(before, true);

      assertThat(storage.eraseSideRecord(target.seq())).isTrue();
      assertThat(storage.eraseSideRecord(target.seq())).isFalse();

      LedgerEntry erased = ledger.entry(target.seq()).orElseThrow();
      assertThat(erased.personalData()).isEmpty();
      assertThat(erased.entryHash()).isEqualTo(target.entryHash());
      assertThat(erased.payload()).isEqualTo(target.payload());
      VerificationResult r = ledger.verify();
      assertThat(r.valid()).as(r.toString()).isTrue();
      assertThat(r.rootHash()).isEqualTo(root);
      assertThat(LedgerVerifier.verifyInclusion(erased, proof, root)).isTrue();
      assertThat(ledger.latestCheckpoint()).contains(checkpoint);

      ByteArrayOutputStream after = new ByteArrayOutputStream();
      ledger.export(after, true);
      String text = after.toString(StandardCharsets.UTF_8);
      assertThat(text).doesNotContain(SECRET + " 3").contains(SECRET + " 4");
      assertThat(LedgerVerifier.create().trusting(ledger.checkpointKey())
          .verifyExport(new ByteArrayInputStream(after.toByteArray())).valid()).isTrue();
      // An export taken before the erasure still verifies too: it is the same chain.
      assertThat(LedgerVerifier.create().trusting(ledger.checkpointKey())
          .verifyExport(new ByteArrayInputStream(before.toByteArray())).valid()).isTrue();
      // Nothing in storage holds the erased value any more.
      List<LedgerRecord> all = storage.read(0, Integer.MAX_VALUE);
      for (LedgerRecord rec : all) {
        assertThat(new String(rec.entry(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
        if (rec.sideRecord() != null) {
          assertThat(new String(rec.sideRecord(), StandardCharsets.UTF_8))
              .doesNotContain(SECRET + " 3\"");
        }
      }
    }
  }

  @Test
  @DisplayName("a side record that does not open its commitments fails verification")
  void forgedSideRecord() {
    InMemoryLedgerStorage inner = new InMemoryLedgerStorage();
    LedgerEngine ledger = LedgerTesting.builder(inner).build();
    LedgerEntry e = ledger.append(EventType.EVIDENCE, Map.of("who", Redactable.of(SECRET)));
    ledger.flush();
    ListStorage copy = ListStorage.copyOf(inner);
    LedgerRecord r = copy.records.get((int) e.seq());
    String forged = new String(r.sideRecord(), StandardCharsets.UTF_8).replace("Ada", "Eve");
    copy.records.set((int) e.seq(), new LedgerRecord(r.seq(), r.eventType(), r.timestamp(),
        r.previousHash(), r.entryHash(), r.entry(), forged.getBytes(StandardCharsets.UTF_8)));
    VerificationResult result = LedgerVerifier.create().verify(copy);
    assertThat(result.valid()).isFalse();
    assertThat(result.failure().kind()).isEqualTo(Kind.SIDE_RECORD_MISMATCH);
    assertThat(result.failure().seq()).isEqualTo(e.seq());
    assertThat(result.failure().expected()).startsWith("sha256:");
    assertThat(result.failure().message()).contains("/payload/who").doesNotContain("Eve", "Ada");
    ledger.close();
  }

  @Test
  @DisplayName("a side record may cover only some commitments (a single field erased)")
  void partialSideRecord() {
    InMemoryLedgerStorage inner = new InMemoryLedgerStorage();
    LedgerEngine ledger = LedgerTesting.builder(inner).build();
    LedgerEntry e = ledger.append(EventType.EVIDENCE,
        Map.of("a", Redactable.of("one"), "b", Redactable.of("two")));
    ledger.flush();
    ListStorage copy = ListStorage.copyOf(inner);
    LedgerRecord r = copy.records.get((int) e.seq());
    Map<?, ?> side = (Map<?, ?>) Jcs.parse(r.sideRecord());
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    ((Map<?, ?>) side.get("fields")).forEach((k, v) -> fields.put((String) k, v));
    fields.remove("/payload/a");
    copy.records.set((int) e.seq(), new LedgerRecord(r.seq(), r.eventType(), r.timestamp(),
        r.previousHash(), r.entryHash(), r.entry(), Jcs.canonicalize(Map.of("fields", fields))));
    assertThat(LedgerVerifier.create().verify(copy).valid()).isTrue();
    assertThat(EntryDecoder.decode(copy.records.get((int) e.seq())).personalData())
        .containsOnlyKeys("/payload/b");
    ledger.close();
  }
}

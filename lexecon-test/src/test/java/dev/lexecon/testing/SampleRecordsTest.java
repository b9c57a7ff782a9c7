package dev.lexecon.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.ledger.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SampleRecords")
class SampleRecordsTest {

  @Test
  @DisplayName("a chain starts with genesis, links every previous hash and hashes the canonical bytes")
  void chainIsLinkedAndHashed() {
    List<LedgerRecord> chain = SampleRecords.after(null, 50);
    assertThat(chain.get(0).eventType()).isEqualTo("genesis");
    assertThat(chain.get(0).previousHash()).isEqualTo(SampleRecords.GENESIS_PREVIOUS_HASH);
    for (int i = 0; i < chain.size(); i++) {
      LedgerRecord r = chain.get(i);
      assertThat(r.seq()).isEqualTo(i);
      assertThat(r.entryHash()).isEqualTo(SampleRecords.sha256Hex(r.entry())).hasSize(64);
      if (i > 0) {
        assertThat(r.previousHash()).isEqualTo(chain.get(i - 1).entryHash());
      }
    }
    assertThat(chain).extracting(LedgerRecord::eventType)
        .contains("decision", "risk_assessment", "escalation_opened", "evidence", "override");
    assertThat(chain).filteredOn(r -> r.sideRecord() != null).isNotEmpty()
        .allSatisfy(r -> assertThat(r.eventType()).isEqualTo("decision"));
  }

  @Test
  @DisplayName("generation is deterministic, so another process can regenerate what was written")
  void deterministic() {
    assertThat(SampleRecords.chain(100, "ab".repeat(32), 20)).isEqualTo(SampleRecords.chain(100, "ab".repeat(32), 20));
    assertThat(SampleRecords.after(SampleRecords.after(null, 5).get(4), 3))
        .isEqualTo(SampleRecords.after(null, 8).subList(5, 8));
  }

  @Test
  @DisplayName("entries are RFC 8785 JSON: sorted keys, no whitespace, escaped strings, microsecond timestamps")
  void canonicalShape() {
    byte[] entry = SampleRecords.canonicalEntry(7, "dé\"c\n", "2026-01-01T00:00:00.008638Z", "00",
        Map.of("z", 1, "a", List.of("x", true), "m", Map.of("b", "\u0001")));
    assertThat(new String(entry, StandardCharsets.UTF_8)).isEqualTo(
        "{\"entry_id\":\"entry_7\",\"event_type\":\"dé\\\"c\\n\",\"payload\":{\"a\":[\"x\",true],"
            + "\"m\":{\"b\":\"\\u0001\"},\"z\":1},\"previous_hash\":\"00\",\"seq\":7,"
            + "\"timestamp\":\"2026-01-01T00:00:00.008638Z\"}");
    assertThat(SampleRecords.timestamp(7)).isEqualTo("2026-01-01T00:00:00.008638Z");
    assertThat(SampleRecords.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  @DisplayName("negative seqs and counts are rejected")
  void rejectsNegative() {
    assertThatThrownBy(() -> SampleRecords.chain(-1, "00", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SampleRecords.chain(0, "00", -1)).isInstanceOf(IllegalArgumentException.class);
  }
}

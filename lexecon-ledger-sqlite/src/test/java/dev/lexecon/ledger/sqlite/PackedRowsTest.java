package dev.lexecon.ledger.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.testing.SampleRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Rows read packed into one blob")
class PackedRowsTest {
  @TempDir Path dir;

  /** The record as the storage read it value by value, one getter per column, before packing. */
  private static Optional<LedgerRecord> byGetters(Path file, long seq) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement(
            "SELECT e.seq, e.event_type, e.ts, e.previous_hash, e.entry_hash, e.entry, s.seq, s.record "
                + "FROM ledger_entries e LEFT JOIN ledger_side_records s ON s.seq = e.seq WHERE e.seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        byte[] entry = rs.getBytes(6);
        rs.getLong(7);
        byte @Nullable [] side = null;
        if (!rs.wasNull()) {
          side = rs.getBytes(8);
          if (side == null) {
            side = new byte[0];
          }
        }
        return Optional.of(new LedgerRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), entry == null ? new byte[0] : entry, side));
      }
    }
  }

  private Path ledgerWithSideRecords() {
    Path file = dir.resolve("ledger.db");
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      List<LedgerRecord> chain = SampleRecords.chain(0, SampleRecords.GENESIS_PREVIOUS_HASH, 4);
      LedgerRecord withSide = chain.get(2);
      chain = List.of(chain.get(0), chain.get(1), new LedgerRecord(withSide.seq(), withSide.eventType(),
          withSide.timestamp(), withSide.previousHash(), withSide.entryHash(), withSide.entry(),
          "{\"fields\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), chain.get(3));
      storage.append(0, chain);
    }
    return file;
  }

  private static void edit(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static LedgerRecord readBack(Path file, long seq) {
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      LedgerRecord one = storage.read(seq).orElseThrow();
      assertThat(storage.read(seq, 1)).containsExactly(one);
      List<LedgerRecord> scanned = new java.util.ArrayList<>();
      storage.scan(seq, seq + 1, scanned::add);
      assertThat(scanned).containsExactly(one);
      return one;
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "UPDATE ledger_entries SET event_type = 'décision ☃ 𝄞' WHERE seq = 1",
      "UPDATE ledger_entries SET ts = 20260101 WHERE seq = 1",
      "UPDATE ledger_entries SET ts = 1.5 WHERE seq = 1",
      "UPDATE ledger_entries SET previous_hash = '' WHERE seq = 1",
      "UPDATE ledger_entries SET previous_hash = 'a' || char(0) || 'b,1,2,' WHERE seq = 1",
      "UPDATE ledger_entries SET entry_hash = x'ff00fe' WHERE seq = 1",
      "UPDATE ledger_entries SET entry = x'' WHERE seq = 1",
      "UPDATE ledger_entries SET entry = '{\"text\":\"ü\"}' WHERE seq = 1",
      "UPDATE ledger_entries SET entry = 12345 WHERE seq = 1",
      "UPDATE ledger_side_records SET record = x'' WHERE seq = 2",
      "UPDATE ledger_side_records SET record = 'text, not a blob' WHERE seq = 2",
      "INSERT OR REPLACE INTO ledger_side_records (seq, record) VALUES (0, x'00ff2c2d')",
      "DELETE FROM ledger_side_records WHERE seq = 2",
      "SELECT 1"})
  @DisplayName("a row edited by hand reads back exactly as the per-column getters read it")
  void sameAsGetters(String edit) throws SQLException {
    Path file = ledgerWithSideRecords();
    edit(file, edit);
    for (long seq = 0; seq < 4; seq++) {
      LedgerRecord expected = byGetters(file, seq).orElseThrow();
      LedgerRecord actual = readBack(file, seq);
      assertThat(actual).isEqualTo(expected);
      assertThat(actual.sideRecord() == null).isEqualTo(expected.sideRecord() == null);
    }
  }

  @Test
  @DisplayName("a NULL column, which the schema forbids, is refused as the getters' null was")
  void nullColumn() throws SQLException {
    Path file = ledgerWithSideRecords();
    // the NOT NULL constraint has to go first: rebuild the table without it
    edit(file, "CREATE TABLE loose AS SELECT * FROM ledger_entries");
    edit(file, "DROP TABLE ledger_entries");
    edit(file, "ALTER TABLE loose RENAME TO ledger_entries");
    edit(file, "UPDATE ledger_entries SET ts = NULL WHERE seq = 1");
    assertThatThrownBy(() -> byGetters(file, 1)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("timestamp");
    try (SqliteLedgerStorage storage = SqliteLedgerStorage.open(file)) {
      assertThat(storage.read(0)).isPresent();
      assertThatThrownBy(() -> storage.read(1)).isInstanceOf(NullPointerException.class)
          .hasMessageContaining("timestamp");
    }
  }
}

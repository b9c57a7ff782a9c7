package dev.lexecon.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.compliance.ErasureRequest;
import dev.lexecon.api.compliance.ErasureResult;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.ledger.Checkpoint;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.ledger.SignedNote;
import dev.lexecon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDPR erasure through {@code lexecon.compliance()} on PostgreSQL and MariaDB: after erasure no
 * row of the ledger's tables holds the erased values (read back through SQL, every column of every
 * table of the prefix), the held entry keeps its values until its hold is released, and the chain,
 * inclusion proofs against a checkpoint signed before the erasure, and an audit export all verify,
 * also from a second engine opened on the same tables. What the servers do with the bytes of a
 * deleted row is their business and is documented in {@code docs/storage.md}.
 */
@DisplayName("Erasure on PostgreSQL and MariaDB ledgers")
class JdbcComplianceErasureTest {
  static final String POLICY = """
      {"policy_id":"refunds","version":"1","mode":"strict",
       "terms":[{"term_id":"actor:customer","term_type":"actor","value":"customer:*"},
                {"term_id":"tool:refund","term_type":"tool"}],
       "relations":[{"relation_id":"refund","relation_type":"permits","source_term_id":"actor:customer",
                     "target_term_id":"tool:refund"}]}
      """;

  final List<Runnable> cleanups = new ArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void cleanUp() {
    cleanups.forEach(Runnable::run);
  }

  private JdbcLedgerStorage open(TestDatabase.Login login, String prefix) {
    return JdbcLedgerStorage.builder().url(login.url()).credentials(login.user(), login.password())
        .tablePrefix(prefix).maximumPoolSize(4).open();
  }

  /** How many cells of the prefix's tables (every column, read as text or bytes) contain {@code value}. */
  static int rowsContaining(TestDatabase db, TestDatabase.Login login, String prefix, String value)
      throws SQLException {
    int n = 0;
    for (String table : List.of("ledger_entries", "ledger_side_records", "schema_history")) {
      try (Connection c = login.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM " + prefix + table)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            Object cell = rs.getObject(i);
            String text = cell instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(cell);
            if (text.contains(value)) {
              n++;
            }
          }
        }
      }
    }
    return n;
  }

  /** A new table prefix ending in {@code suffix}, whose tables are dropped after the test. */
  private String tablesDroppedAfter(TestDatabase db, TestDatabase.Login login, String suffix) {
    String prefix = TestDatabase.uniquePrefix() + suffix;
    cleanups.add(() -> {
      try {
        db.dropTables(login, prefix);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    return prefix;
  }

  static long seq(Decision d) {
    return Long.parseLong(d.ledgerEntryId().substring("entry_".length()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  @DisplayName("after erasure no row holds the subject's values, the held one stays until released, and chain, proofs and exports verify from another engine")
  void erasureOnServer(TestDatabase db) throws Exception {
    TestDatabase.Login login = db.require();
    String prefix = tablesDroppedAfter(db, login, "er_");
    String subject = "customer:" + UUID.randomUUID();
    String intent = "refund for parcel " + UUID.randomUUID();
    String other = "customer:" + UUID.randomUUID();
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-02-01T09:00:00Z"));
    NoteSigner key = NoteSigner.generate("audit-key");
    List<Decision> mine = new ArrayList<>();
    List<InclusionProof> proofs = new ArrayList<>();
    SignedNote checkpoint;
    Decision held;
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock).checkpointSigner(key)
        .checkpointInterval(Duration.ZERO).ledger(open(login, prefix)).build()) {
      for (int i = 0; i < 4; i++) {
        clock.advance(Duration.ofMinutes(3));
        mine.add(lexecon.decide(DecisionRequest.builder(subject, "refund").tool("refund")
            .userIntent(intent).argument("amount", 10 + i).build()));
        lexecon.decide(DecisionRequest.builder(other, "refund").tool("refund")
            .userIntent("keep this one").build());
      }
      held = mine.get(1);
      checkpoint = lexecon.ledger().checkpoint();
      long size = Checkpoint.parse(checkpoint.text()).treeSize();
      for (Decision d : mine) {
        proofs.add(lexecon.ledger().inclusionProof(seq(d), size));
      }
      lexecon.compliance().placeLegalHold("chargeback dispute", "employee:counsel", List.of(held.decisionId()));
    }
    assertThat(rowsContaining(db, login, prefix, subject)).as("cells holding the subject before erasure").isEqualTo(4);
    assertThat(rowsContaining(db, login, prefix, intent)).isEqualTo(4);

    clock.set(Instant.parse("2026-09-01T00:00:00Z"));
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock).checkpointSigner(key)
        .checkpointInterval(Duration.ZERO).ledger(open(login, prefix)).build()) {
      assertThat(lexecon.compliance().activeLegalHolds()).singleElement()
          .satisfies(h -> assertThat(h.decisionIds()).containsExactly(held.decisionId()));
      ErasureResult r = lexecon.compliance().erase(ErasureRequest.forDataSubject(subject, "employee:dpo"));
      assertThat(r.erasedEntryIds()).containsExactly(mine.get(0).ledgerEntryId(),
          mine.get(2).ledgerEntryId(), mine.get(3).ledgerEntryId());
      assertThat(r.deferred()).singleElement()
          .satisfies(d -> assertThat(d.entryId()).isEqualTo(held.ledgerEntryId()));
      assertThat(rowsContaining(db, login, prefix, subject)).as("only the held side record").isEqualTo(1);
      assertThat(rowsContaining(db, login, prefix, "keep this one")).isEqualTo(4);
      assertThat(lexecon.ledger().verify().valid()).isTrue();
    }

    // a second engine on the same tables: the hold is rebuilt, proofs from before still verify
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock).checkpointSigner(key)
        .checkpointInterval(Duration.ZERO).ledger(open(login, prefix)).build()) {
      Checkpoint cp = Checkpoint.parse(checkpoint.text());
      for (int i = 0; i < mine.size(); i++) {
        LedgerEntry e = lexecon.ledger().entry(mine.get(i).ledgerEntryId()).orElseThrow();
        assertThat(LedgerVerifier.verifyInclusion(e, proofs.get(i), cp.rootHash())).isTrue();
        assertThat(e.personalData().isEmpty()).isEqualTo(i != 1);
      }
      LegalHold h = lexecon.compliance().activeLegalHolds().get(0);
      lexecon.compliance().releaseLegalHold(h.id(), "employee:counsel");
      assertThat(lexecon.compliance().erase(ErasureRequest.forDataSubject(subject, "employee:dpo"))
          .erasedEntryIds()).containsExactly(held.ledgerEntryId());
      assertThat(rowsContaining(db, login, prefix, subject)).isZero();
      assertThat(rowsContaining(db, login, prefix, intent)).isZero();
      assertThat(rowsContaining(db, login, prefix, "keep this one")).isEqualTo(4);
      assertThat(lexecon.ledger().verify().valid()).isTrue();

      Map<ExportFormat, Path> files = lexecon.compliance().exportFiles(dir, "after-erasure",
          ExportScope.all(), Set.of(ExportInclude.PERSONAL_DATA, ExportInclude.PAYLOADS),
          EnumSet.allOf(ExportFormat.class));
      LedgerVerifier auditor = LedgerVerifier.create().trusting(key.verifier());
      assertThat(auditor.verifyAuditExport(files.get(ExportFormat.JSON)).valid()).isTrue();
      for (Path file : files.values()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(subject).doesNotContain(intent)
            .contains("keep this one");
      }
    }
    try (JdbcLedgerStorage storage = open(login, prefix)) {
      assertThat(LedgerVerifier.create().trusting(key.verifier()).verify(storage).valid()).isTrue();
    }
  }

  /**
   * The table file of the side records, after the server wrote its dirty pages: PostgreSQL's
   * {@code pg_relation_filepath} under its data directory after a {@code CHECKPOINT}, MariaDB's
   * {@code .ibd} file after {@code FLUSH TABLES ... FOR EXPORT}.
   */
  static Path sideRecordFile(TestDatabase db, Connection c, String prefix) throws SQLException {
    String table = prefix + "ledger_side_records";
    try (Statement st = c.createStatement()) {
      if (db == TestDatabase.POSTGRESQL) {
        st.execute("CHECKPOINT");
        try (ResultSet dir = st.executeQuery("SHOW data_directory")) {
          dir.next();
          String base = dir.getString(1);
          try (ResultSet rel = st.executeQuery("SELECT pg_relation_filepath('" + table + "')")) {
            rel.next();
            return Path.of(base, rel.getString(1));
          }
        }
      }
      st.execute("FLUSH TABLES " + table + " FOR EXPORT");
      st.execute("UNLOCK TABLES");
      try (ResultSet dir = st.executeQuery("SELECT @@datadir, DATABASE()")) {
        dir.next();
        return Path.of(dir.getString(1), dir.getString(2), table + ".ibd");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  @DisplayName("after erasure and the table rebuild storage.md prescribes (VACUUM FULL, OPTIMIZE TABLE), the side-record table's file no longer holds the value")
  void rebuildRemovesBytes(TestDatabase db) throws Exception {
    TestDatabase.Login login = db.require();
    String prefix = tablesDroppedAfter(db, login, "ph_");
    String subject = "customer:" + UUID.randomUUID();
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-02-01T09:00:00Z"));
    try (Lexecon lexecon = Lexecon.builder().policyJson(POLICY).clock(clock)
        .ledger(open(login, prefix)).build()) {
      String other = "customer:" + UUID.randomUUID();
      for (int i = 0; i < 3; i++) {
        lexecon.decide(DecisionRequest.builder(subject, "refund").tool("refund").userIntent("refund " + i).build());
      }
      lexecon.decide(DecisionRequest.builder(other, "refund").tool("refund").userIntent("keep").build());
      try (Connection c = login.connect()) {
        Path file = sideRecordFile(db, c, prefix);
        Assumptions.assumeTrue(Files.isReadable(file), "the server's files are not readable here: " + file);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("the table file before erasure")
            .contains(subject);
      }
      clock.set(Instant.parse("2026-09-01T00:00:00Z"));
      assertThat(lexecon.compliance().erase(ErasureRequest.forDataSubject(subject, "employee:dpo"))
          .erasedEntryIds()).hasSize(3);
      try (Connection c = login.connect(); Statement st = c.createStatement()) {
        st.execute((db == TestDatabase.POSTGRESQL ? "VACUUM FULL " : "OPTIMIZE TABLE ") + prefix + "ledger_side_records");
        Path file = sideRecordFile(db, c, prefix);
        // the rows that stay are in the rebuilt file, so it was written out: the erased ones are not
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("the rebuilt table file %s", file)
            .doesNotContain(subject).contains(other);
      }
      assertThat(lexecon.ledger().verify().valid()).isTrue();
    }
  }
}

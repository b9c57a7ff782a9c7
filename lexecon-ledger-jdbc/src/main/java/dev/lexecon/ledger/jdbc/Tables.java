package dev.lexecon.ledger.jdbc;

import java.util.List;

/**
 * Table names of one ledger instance and its schema as an ordered list of migrations. Every
 * statement is idempotent ({@code IF NOT EXISTS}), so several processes starting at once may all
 * run a migration, and it need not be transactional DDL (MariaDB commits DDL implicitly). Append
 * new migrations at the end; never edit a released one.
 */
final class Tables {
  /** Longest accepted table prefix, so that every derived name stays within 63 characters. */
  static final int MAX_PREFIX = 32;

  record Migration(int version, String description, List<String> statements) {}

  final String entries;
  final String sideRecords;
  final String history;
  final String typeIndex;

  /**
   * @param qualifier {@code "schema."} or empty
   * @param prefix table name prefix, may be empty
   */
  Tables(String qualifier, String prefix) {
    this.entries = qualifier + prefix + "ledger_entries";
    this.sideRecords = qualifier + prefix + "ledger_side_records";
    this.history = qualifier + prefix + "schema_history";
    // index names are never schema-qualified: PostgreSQL puts the index in its table's schema
    this.typeIndex = prefix + "ledger_entries_by_type";
  }

  String createHistory(Dialect d) {
    return "CREATE TABLE IF NOT EXISTS " + history + " ("
        + "version INTEGER NOT NULL PRIMARY KEY, "
        + "description VARCHAR(200) NOT NULL, "
        + "applied_at VARCHAR(40) NOT NULL)" + d.tableOptions;
  }

  List<Migration> migrations(Dialect d) {
    return List.of(
        new Migration(1, "ledger entries, side records, event type index", List.of(
            // seq is the primary key: the whole multi-writer argument rests on its uniqueness
            "CREATE TABLE IF NOT EXISTS " + entries + " ("
                + "seq BIGINT NOT NULL PRIMARY KEY, "
                + "event_type VARCHAR(255) NOT NULL, "
                + "ts VARCHAR(255) NOT NULL, "
                + "previous_hash VARCHAR(255) NOT NULL, "
                + "entry_hash VARCHAR(255) NOT NULL, "
                + "entry " + d.blobType + " NOT NULL)" + d.tableOptions,
            "CREATE INDEX IF NOT EXISTS " + typeIndex + " ON " + entries + " (event_type, seq)",
            // separate table: erasure deletes a whole row and never touches the entry
            "CREATE TABLE IF NOT EXISTS " + sideRecords + " ("
                + "seq BIGINT NOT NULL PRIMARY KEY, "
                + "record " + d.blobType + " NOT NULL)" + d.tableOptions)));
  }

  static int latest(Dialect d) {
    List<Migration> all = new Tables("", "").migrations(d);
    return all.get(all.size() - 1).version();
  }
}

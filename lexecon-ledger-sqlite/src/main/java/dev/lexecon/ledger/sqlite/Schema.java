package dev.lexecon.ledger.sqlite;

import java.util.List;

/**
 * The file's schema as an ordered list of migrations. A migration is applied once, inside the
 * write transaction that records it in {@code lexecon_schema_history}; files never go backwards.
 * Append new migrations at the end; never edit a released one.
 */
final class Schema {
  /** {@code PRAGMA application_id} of a Lexecon ledger file: "LXCN". */
  static final int APPLICATION_ID = 0x4C58434E;

  record Migration(int version, String description, List<String> statements) {}

  static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, "ledger entries, side records, event type index", List.of(
          // seq is an alias of the rowid: the b-tree is keyed by seq, so max(seq) and range scans are index walks
          "CREATE TABLE ledger_entries ("
              + "seq INTEGER PRIMARY KEY, "
              + "event_type TEXT NOT NULL, "
              + "ts TEXT NOT NULL, "
              + "previous_hash TEXT NOT NULL, "
              + "entry_hash TEXT NOT NULL, "
              + "entry BLOB NOT NULL)",
          // the rowid is implicitly the last index column, so one type's entries come out in seq order
          "CREATE INDEX ledger_entries_by_type ON ledger_entries (event_type)",
          // separate table: erasure deletes a whole row, and secure_delete zeroes the freed bytes
          "CREATE TABLE ledger_side_records ("
              + "seq INTEGER PRIMARY KEY, "
              + "record BLOB NOT NULL)")));

  static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  private Schema() {}
}

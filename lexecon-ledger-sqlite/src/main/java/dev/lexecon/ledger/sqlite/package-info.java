/**
 * The embedded durable ledger: {@link dev.lexecon.ledger.sqlite.SqliteLedgerStorage} keeps every
 * entry in one SQLite file in WAL mode. See {@code docs/storage.md} for durability modes, schema,
 * multi-process behaviour and how erasure overwrites data.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.ledger.sqlite;

import org.jspecify.annotations.NullMarked;

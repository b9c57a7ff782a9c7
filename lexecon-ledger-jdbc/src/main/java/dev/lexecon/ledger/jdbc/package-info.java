/**
 * The shared ledger: {@link dev.lexecon.ledger.jdbc.JdbcLedgerStorage} keeps entries in PostgreSQL
 * (and PostgreSQL-compatible distributed SQL) or MariaDB, so several application instances can
 * append to one chain. See {@code docs/storage.md} for the multi-writer argument and the
 * assumptions made about the database.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.ledger.jdbc;

import org.jspecify.annotations.NullMarked;

package dev.lexecon.ledger.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the supported databases: column types, table options and how errors are
 * reported. The SQL itself is the same portable subset for all (CREATE ... IF NOT EXISTS, BIGINT
 * primary keys, LIMIT/OFFSET, LEFT JOIN), so PostgreSQL-compatible distributed databases run the
 * PostgreSQL dialect unchanged.
 */
enum Dialect {
  POSTGRESQL("BYTEA", "") {
    @Override
    boolean isDuplicateKey(SQLException e) {
      return "23505".equals(e.getSQLState());
    }
  },
  MARIADB("LONGBLOB", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin") {
    // utf8mb4_nopad_bin: event types compare byte for byte, without case folding, accent folding
    // or the trailing-space padding of PAD SPACE collations, exactly as the contract demands

    @Override
    boolean isDuplicateKey(SQLException e) {
      return e.getErrorCode() == 1062 || e.getErrorCode() == 1586;
    }
  };

  private static final Set<String> CONNECTION_STATES = Set.of("57P01", "57P02", "57P03", "70100");

  final String blobType;
  final String tableOptions;

  Dialect(String blobType, String tableOptions) {
    this.blobType = blobType;
    this.tableOptions = tableOptions;
  }

  /** The dialect for a database product name from {@code DatabaseMetaData}, or null if unsupported. */
  static @Nullable Dialect detect(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgres")) {
      return POSTGRESQL; // also CockroachDB and YugabyteDB, which report themselves as PostgreSQL
    }
    if (name.contains("mariadb")) {
      return MARIADB; // not MySQL: it lacks the utf8mb4_nopad_bin collation the tables use
    }
    return null;
  }

  /** A unique-key violation: another writer holds the seq. */
  abstract boolean isDuplicateKey(SQLException e);

  /** The database aborted the transaction to keep it serialisable; retrying may succeed. */
  boolean isSerializationFailure(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state) || e.getErrorCode() == 1213;
  }

  /** The connection is gone (terminated backend, killed thread, network). */
  boolean isConnectionLoss(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTransientConnectionException
        || e instanceof SQLRecoverableException
        || (state != null && (state.startsWith("08") || CONNECTION_STATES.contains(state)))
        || e.getErrorCode() == 1927;
  }

  /** Every exception in {@code e}'s cause and next-exception chains (drivers nest batch failures). */
  static List<SQLException> chain(SQLException e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<SQLException> out = new ArrayList<>();
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.add(e);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException s) {
        out.add(s);
        if (s.getNextException() != null) {
          todo.add(s.getNextException());
        }
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return out;
  }

  boolean anyDuplicateKey(SQLException e) {
    return chain(e).stream().anyMatch(this::isDuplicateKey);
  }

  boolean anySerializationFailure(SQLException e) {
    return chain(e).stream().anyMatch(this::isSerializationFailure);
  }

  boolean anyConnectionLoss(SQLException e) {
    return chain(e).stream().anyMatch(this::isConnectionLoss);
  }
}

package dev.lexecon.ledger.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.testing.LedgerStorageContract;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcLedgerStorage on PostgreSQL passes the storage contract")
class PostgresLedgerStorageContractTest extends LedgerStorageContract {
  static final String SCHEMA = TestDatabase.RUN + "contract";
  static TestDatabase.Login login;
  static HikariDataSource pool;
  String prefix = "";

  @BeforeAll
  static void createSchema() throws Exception {
    login = TestDatabase.POSTGRESQL.require();
    try (Connection c = login.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + SCHEMA);
    }
    pool = login.pool(12);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    if (pool != null) {
      pool.close();
    }
    if (login != null) {
      try (Connection c = login.connect(); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  @Override
  protected LedgerStorage openStorage() {
    prefix = "t" + TestDatabase.uniquePrefix().replace(TestDatabase.RUN, "");
    return reopenStorage();
  }

  @Override
  protected LedgerStorage reopenStorage() {
    return JdbcLedgerStorage.builder().dataSource(pool).schema(SCHEMA).tablePrefix(prefix).open();
  }
}

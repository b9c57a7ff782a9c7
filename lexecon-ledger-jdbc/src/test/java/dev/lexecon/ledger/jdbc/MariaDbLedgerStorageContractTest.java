package dev.lexecon.ledger.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.testing.LedgerStorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcLedgerStorage on MariaDB passes the storage contract")
class MariaDbLedgerStorageContractTest extends LedgerStorageContract {
  static final String CLASS_PREFIX = TestDatabase.RUN + "c";
  static TestDatabase.Login login;
  static HikariDataSource pool;
  String prefix = "";

  @BeforeAll
  static void connect() {
    login = TestDatabase.MARIADB.require();
    pool = login.pool(12);
  }

  @AfterAll
  static void dropTables() throws Exception {
    if (pool != null) {
      pool.close();
    }
    if (login != null) {
      TestDatabase.MARIADB.dropTables(login, CLASS_PREFIX);
    }
  }

  @Override
  protected LedgerStorage openStorage() {
    prefix = CLASS_PREFIX + TestDatabase.uniquePrefix().replace(TestDatabase.RUN, "");
    return reopenStorage();
  }

  @Override
  protected LedgerStorage reopenStorage() {
    return JdbcLedgerStorage.builder().dataSource(pool).tablePrefix(prefix).open();
  }
}

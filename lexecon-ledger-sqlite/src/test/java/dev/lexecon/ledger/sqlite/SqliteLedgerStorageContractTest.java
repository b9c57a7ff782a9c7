package dev.lexecon.ledger.sqlite;

import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.testing.LedgerStorageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SqliteLedgerStorage passes the storage contract")
class SqliteLedgerStorageContractTest extends LedgerStorageContract {
  @TempDir Path dir;

  @Override
  protected LedgerStorage openStorage() {
    return SqliteLedgerStorage.open(dir.resolve("ledger.db"));
  }

  @Override
  protected LedgerStorage reopenStorage() {
    return SqliteLedgerStorage.open(dir.resolve("ledger.db"));
  }
}

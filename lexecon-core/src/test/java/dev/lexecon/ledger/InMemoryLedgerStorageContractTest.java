package dev.lexecon.ledger;

import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.testing.LedgerStorageContract;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryLedgerStorage passes the storage contract")
class InMemoryLedgerStorageContractTest extends LedgerStorageContract {

  @Override
  protected LedgerStorage openStorage() {
    return new InMemoryLedgerStorage();
  }

  @Override
  protected LedgerStorage reopenStorage() {
    Assumptions.abort("the in-memory storage keeps nothing once closed");
    throw new AssertionError("unreachable");
  }
}

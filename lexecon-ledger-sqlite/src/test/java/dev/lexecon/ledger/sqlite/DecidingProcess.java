package dev.lexecon.ledger.sqlite;

import dev.lexecon.api.ledger.Durability;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.testing.deciding.DecidingLoop;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child-process main for the decide()-level crash and multi-process tests: runs the shared {@link
 * DecidingLoop} over a SQLite ledger file.
 *
 * <p>Arguments: the ledger file, the durability ({@code SYNC} or {@code GROUP}), the number of
 * threads, the number of decisions in all ({@code -1}: until killed), the checkpoint signer's
 * encoded private key, and the number of entries between checkpoints.
 */
public final class DecidingProcess {
  private DecidingProcess() {}

  public static void main(String[] args) throws Exception {
    SqliteLedgerStorage storage = SqliteLedgerStorage.builder(Path.of(args[0]))
        .synchronous(SqliteLedgerStorage.Synchronous.FULL)
        .busyTimeout(Duration.ofSeconds(60)) // three processes share the file and wait for its lock
        .open();
    DecidingLoop.run(storage, Durability.valueOf(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
        NoteSigner.parse(args[4]), Long.parseLong(args[5]), null);
  }
}

package dev.lexecon.ledger.jdbc;

import dev.lexecon.api.ledger.Durability;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.testing.deciding.DecidingLoop;
import java.nio.file.Path;

/**
 * Child-process main for the multi-process decide() test: runs the shared {@link DecidingLoop} over
 * a shared database ledger, starting only once the start file exists so that every process decides
 * at the same time.
 *
 * <p>Arguments: JDBC URL, user, password (may be empty), table prefix, durability, threads,
 * decisions in all, the checkpoint signer's encoded private key, entries between checkpoints, and
 * the start file.
 */
public final class JdbcDecidingProcess {
  private JdbcDecidingProcess() {}

  public static void main(String[] args) throws Exception {
    JdbcLedgerStorage storage = JdbcLedgerStorage.builder()
        .url(args[0]).credentials(args[1], args[2]).tablePrefix(args[3]).maximumPoolSize(3).open();
    DecidingLoop.run(storage, Durability.valueOf(args[4]), Integer.parseInt(args[5]), Long.parseLong(args[6]),
        NoteSigner.parse(args[7]), Long.parseLong(args[8]), Path.of(args[9]));
  }
}

package dev.lexecon.cli;

import dev.lexecon.ledger.sqlite.SqliteLedgerStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tells a SQLite ledger from an export file by its first bytes, and opens only what exists: a read
 * command must never create an empty ledger where the user mistyped a path.
 */
final class LedgerFiles {
  /** Every SQLite 3 database starts with these 16 bytes. */
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private LedgerFiles() {}

  /** Whether {@code file} exists and is a SQLite database; anything else is read as an export. */
  static boolean isSqlite(Path file) {
    requireFile(file);
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(SQLITE_MAGIC.length), SQLITE_MAGIC);
    } catch (IOException e) {
      throw CliException.failure("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Opens the existing SQLite ledger {@code file}. */
  static SqliteLedgerStorage openExisting(Path file) {
    if (!isSqlite(file)) {
      throw CliException.failure(file + " is not a SQLite ledger");
    }
    return SqliteLedgerStorage.open(file);
  }

  static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CliException.failure(file + ": no such file");
    }
  }
}

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
  /** What a file holds, as far as its first bytes tell. */
  enum Kind {
    /** A SQLite ledger database. */
    SQLITE("sqlite"),
    /** The ledger's own signed JSON Lines export (ledger format section 9): a file starting with a JSON object. */
    EXPORT("export"),
    /** A JSON Lines audit export (export format section 3): the manifest and every entry. */
    AUDIT_EXPORT("audit_export"),
    /**
     * Anything else, read as a CSV, Markdown or HTML audit report: a signed manifest, the entries
     * and their rendering, all of which are verified.
     */
    AUDIT_REPORT("audit_report");

    private final String jsonName;

    Kind(String jsonName) {
      this.jsonName = jsonName;
    }

    String jsonName() {
      return jsonName;
    }
  }

  /** How an audit export's first line starts (export format section 7). */
  private static final byte[] AUDIT_EXPORT_START =
      "{\"format\":\"lexecon-audit-export\"".getBytes(StandardCharsets.US_ASCII);
  /** Every SQLite 3 database starts with these 16 bytes. */
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private LedgerFiles() {}

  /** Whether {@code file} exists and is a SQLite database; anything else is read as an export. */
  static boolean isSqlite(Path file) {
    return startsWith(firstBytes(file, SQLITE_MAGIC.length), SQLITE_MAGIC);
  }

  /** Up to {@code n} bytes from the start of the existing {@code file}. */
  private static byte[] firstBytes(Path file, int n) {
    requireFile(file);
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw CliException.failure("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static boolean startsWith(byte[] start, byte[] prefix) {
    return start.length >= prefix.length
        && Arrays.equals(start, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * What {@code file} holds: a SQLite ledger, a JSON Lines audit export, a ledger export (any file
   * starting with a JSON object, so a damaged export is still reported by the export verifier), or
   * else an audit report (CSV, Markdown or HTML), verified with the entries it carries.
   */
  static Kind kind(Path file) {
    byte[] start = firstBytes(file, Math.max(SQLITE_MAGIC.length, AUDIT_EXPORT_START.length));
    if (startsWith(start, SQLITE_MAGIC)) {
      return Kind.SQLITE;
    }
    if (startsWith(start, AUDIT_EXPORT_START)) {
      return Kind.AUDIT_EXPORT;
    }
    int first = 0;
    while (first < start.length && Character.isWhitespace(start[first])) {
      first++;
    }
    return first == start.length || start[first] == '{' ? Kind.EXPORT : Kind.AUDIT_REPORT;
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

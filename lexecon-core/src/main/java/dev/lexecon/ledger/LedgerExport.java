package dev.lexecon.ledger;

import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.json.Jcs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger export file (JSON Lines, UTF-8, one {@code \n} after every line):
 *
 * <pre>{@code
 * {"checkpoint":"<signed note>","checkpoint_key":"<verifier key>","format":"lexecon-ledger-export",
 *  "format_version":1,"ledger_id":"...","origin":"...","root_hash":"<hex>","tree_size":n}
 * {"entry":{...},"entry_hash":"<hex>"}
 * {"entry":{...},"entry_hash":"<hex>","side_record":{"fields":{...}}}
 * ...
 * }</pre>
 *
 * The header is the RFC 8785 form of its object; each entry line is too, because the entry is
 * written as its stored canonical bytes. {@code entry} is exactly the object {@code entry_hash} is
 * the SHA-256 of. See {@code docs/ledger-format.md}, "Export".
 */
final class LedgerExport {
  static final String FORMAT = "lexecon-ledger-export";
  static final long FORMAT_VERSION = 1;
  private static final byte[] ENTRY = "{\"entry\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HASH = ",\"entry_hash\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SIDE = "\",\"side_record\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_HASH = "\"}\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "}\n".getBytes(StandardCharsets.US_ASCII);

  private LedgerExport() {}

  static Map<String, Object> header(
      String ledgerId, String origin, long treeSize, Hash root, SignedNote checkpoint,
      NoteVerifier key) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("format", FORMAT);
    h.put("format_version", FORMAT_VERSION);
    h.put("ledger_id", ledgerId);
    h.put("origin", origin);
    h.put("tree_size", treeSize);
    h.put("root_hash", root.hex());
    h.put("checkpoint", checkpoint.encoded());
    h.put("checkpoint_key", key.encoded());
    return h;
  }

  static void write(
      OutputStream target, LedgerStorage storage, String ledgerId, String origin, long treeSize,
      Hash root, SignedNote checkpoint, NoteVerifier key, boolean includePersonalData) {
    try {
      BufferedOutputStream out = new BufferedOutputStream(target, 1 << 16);
      out.write(Jcs.canonicalize(header(ledgerId, origin, treeSize, root, checkpoint, key)));
      out.write('\n');
      UncheckedIOException[] failure = new UncheckedIOException[1];
      storage.scan(0, treeSize, r -> {
        if (failure[0] == null) {
          try {
            line(out, r, includePersonalData);
          } catch (IOException e) {
            failure[0] = new UncheckedIOException(e);
          }
        }
      });
      if (failure[0] != null) {
        throw failure[0];
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ledger export: " + e.getMessage(), e);
    }
  }

  static void line(OutputStream out, LedgerRecord r, boolean includePersonalData)
      throws IOException {
    out.write(ENTRY);
    out.write(r.entry());
    out.write(HASH);
    out.write(r.entryHash().getBytes(StandardCharsets.US_ASCII));
    byte[] side = includePersonalData ? r.sideRecord() : null;
    if (side == null) {
      out.write(END_HASH);
    } else {
      out.write(SIDE);
      out.write(side);
      out.write(END);
    }
  }
}

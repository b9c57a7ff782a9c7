package dev.lexecon.export;

import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One JSON Lines entry line, {@code {"entry":{...},"entry_hash":"..."[,"proof":[...]][,"side_record":{...}]}}
 * without its newline: RFC 8785 canonical, the entry written as its stored bytes. The JSON Lines
 * export is made of these, and every report embeds them so that it verifies on its own.
 */
final class EntryLine {
  private static final byte[] ENTRY = ascii("{\"entry\":");
  private static final byte[] HASH = ascii(",\"entry_hash\":\"");
  private static final byte[] PROOF = ascii("\",\"proof\":[");
  private static final byte[] SIDE = ascii(",\"side_record\":");

  private EntryLine() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static void write(OutputStream out, LedgerRecord r, @Nullable InclusionProof proof, boolean personalData)
      throws IOException {
    out.write(ENTRY);
    out.write(r.entry());
    out.write(HASH);
    out.write(ascii(r.entryHash()));
    if (proof != null) {
      out.write(PROOF);
      boolean first = true;
      for (Hash h : proof.path()) {
        if (!first) {
          out.write(',');
        }
        first = false;
        out.write('"');
        out.write(ascii(h.hex()));
        out.write('"');
      }
      out.write(']');
    } else {
      out.write('"');
    }
    byte[] side = personalData ? r.sideRecord() : null;
    if (side != null) {
      out.write(SIDE);
      out.write(side);
    }
    out.write('}');
  }

  static String text(LedgerRecord r, @Nullable InclusionProof proof, boolean personalData) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(r.entry().length + 128);
    try {
      write(out, r, proof, personalData);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

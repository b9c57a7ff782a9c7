package dev.lexecon.export;

import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.json.Jcs;
import dev.lexecon.ledger.ExportManifest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON Lines: {@code {"format":"lexecon-audit-export","format_version":1,"manifest":{...}}}, then
 * one {@code {"entry":{...},"entry_hash":"..."[,"proof":[...]][,"side_record":{...}]}} per entry.
 * Every line is RFC 8785 canonical; entries are written as their stored bytes.
 */
final class JsonLinesWriter implements ReportWriter {
  private static final byte[] ENTRY = ascii("{\"entry\":");
  private static final byte[] HASH = ascii(",\"entry_hash\":\"");
  private static final byte[] PROOF = ascii("\",\"proof\":[");
  private static final byte[] SIDE = ascii(",\"side_record\":");

  private final OutputStream out;
  private boolean personalData;

  JsonLinesWriter(OutputStream target) {
    this.out = new BufferedOutputStream(target, 1 << 16);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public boolean wantsProofs(ExportManifest manifest, Selection selection) {
    return !manifest.contiguous() || selection.includes(ExportInclude.ENTRY_PROOFS);
  }

  @Override
  public void begin(ExportManifest manifest, Stats stats, Selection selection) throws IOException {
    personalData = selection.includes(ExportInclude.PERSONAL_DATA);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("format", "lexecon-audit-export");
    header.put("format_version", 1L);
    header.put("manifest", manifest.toJsonTree());
    out.write(Jcs.canonicalize(header));
    out.write('\n');
  }

  @Override
  public void entry(LedgerRecord r, @Nullable InclusionProof proof) throws IOException {
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
    out.write('\n');
  }

  @Override
  public void end() throws IOException {
    out.flush();
  }
}

package dev.lexecon.ledger;

import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerIntegrityException;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.json.Jcs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Decodes stored records into {@link LedgerEntry} values with deeply unmodifiable payloads. */
final class EntryDecoder {
  private EntryDecoder() {}

  /**
   * Decodes {@code r}.
   *
   * @throws LedgerIntegrityException if the stored bytes are not a ledger entry
   */
  static LedgerEntry decode(LedgerRecord r) {
    try {
      EntryCodec.Header h = EntryCodec.parse(r.entry());
      Map<String, @Nullable Object> payload = payload(EntryCodec.payload(r.entry(), h));
      Map<String, @Nullable Object> personal = Map.of();
      byte[] side = r.sideRecord();
      if (side != null) {
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> values =
            (Map<String, @Nullable Object>) freeze(SideRecords.values(side));
        personal = values;
      }
      return new LedgerEntry(
          h.seq(), h.eventType(), Timestamps.parse(h.timestamp()), payload, h.previousHash(),
          r.entryHash(), personal);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new LedgerIntegrityException(r.seq(),
          "stored entry " + r.seq() + " cannot be decoded: " + e.getMessage());
    }
  }

  static List<LedgerEntry> decode(List<LedgerRecord> records) {
    List<LedgerEntry> out = new ArrayList<>(records.size());
    for (LedgerRecord r : records) {
      out.add(decode(r));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * A payload's canonical bytes parsed into a deeply unmodifiable map.
   *
   * @throws IllegalArgumentException if the bytes are not JSON
   * @throws ClassCastException if they are JSON but not an object
   */
  @SuppressWarnings("unchecked")
  static Map<String, @Nullable Object> payload(byte[] payloadBytes) {
    return (Map<String, @Nullable Object>) freeze(Jcs.parse(payloadBytes));
  }

  /** A deeply unmodifiable copy of a parsed JSON tree. */
  static @Nullable Object freeze(@Nullable Object json) {
    if (json instanceof Map<?, ?> m) {
      Map<String, @Nullable Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 4 / 3 + 1));
      m.forEach((k, v) -> out.put((String) k, freeze(v)));
      return Collections.unmodifiableMap(out);
    }
    if (json instanceof List<?> l) {
      List<@Nullable Object> out = new ArrayList<>(l.size());
      for (Object v : l) {
        out.add(freeze(v));
      }
      return Collections.unmodifiableList(out);
    }
    return json;
  }
}

package dev.lexecon.testing;

import dev.lexecon.api.ledger.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Realistic {@link LedgerRecord}s for storage tests and benchmarks: canonical JSON entries shaped
 * like the ledger's (sorted keys, no whitespace, RFC 3339 timestamps with microseconds), real
 * SHA-256 entry hashes, previous hashes that link into a chain, and side records holding the salted
 * personal data that decision entries commit to.
 *
 * <p>Output is a pure function of the arguments, so a test in another process (or after a crash)
 * can regenerate what was written and compare bytes. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class SampleRecords {
  /** The previous hash of entry 0: 64 zeros. */
  public static final String GENESIS_PREVIOUS_HASH = "0".repeat(64);

  /** The timestamp of entry 0; entry {@code n} is {@code n * 1234} microseconds later. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static final DateTimeFormatter RFC3339_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final String[] EVENT_CYCLE = {
    "decision", "decision", "risk_assessment", "decision", "escalation_opened", "decision",
    "evidence", "decision", "override", "escalation_resolved"
  };
  private static final String[] ACTIONS = {"send_email", "read_record", "transfer_funds", "search_web"};
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SampleRecords() {}

  /**
   * {@code count} records that continue the chain after {@code head}: seqs from {@code head.seq()
   * + 1} (or a genesis entry at 0 when {@code head} is null), each linked to the one before.
   */
  public static List<LedgerRecord> after(@Nullable LedgerRecord head, int count) {
    return head == null
        ? chain(0, GENESIS_PREVIOUS_HASH, count)
        : chain(head.seq() + 1, head.entryHash(), count);
  }

  /**
   * {@code count} linked records from {@code fromSeq}, the first linked to {@code previousHash}.
   * Seq 0 is a {@code genesis} entry; the others cycle through decisions, risk assessments,
   * escalations, evidence and overrides, and two decisions in three have a side record.
   */
  public static List<LedgerRecord> chain(long fromSeq, String previousHash, int count) {
    if (fromSeq < 0 || count < 0) {
      throw new IllegalArgumentException("fromSeq and count must be >= 0, were " + fromSeq + ", " + count);
    }
    Objects.requireNonNull(previousHash, "previousHash");
    List<LedgerRecord> out = new ArrayList<>(count);
    String previous = previousHash;
    for (long seq = fromSeq; seq < fromSeq + count; seq++) {
      LedgerRecord r = record(seq, previous);
      out.add(r);
      previous = r.entryHash();
    }
    return out;
  }

  /** The record {@link #chain} generates at {@code seq} when linked to {@code previousHash}. */
  public static LedgerRecord record(long seq, String previousHash) {
    String eventType = seq == 0 ? "genesis" : EVENT_CYCLE[(int) (seq % EVENT_CYCLE.length)];
    Map<String, Object> payload = new TreeMap<>();
    byte @Nullable [] side = null;
    switch (eventType) {
      case "genesis" -> {
        payload.put("ledger_id", "ledger_" + sha256Hex(utf8("ledger")).substring(0, 16));
        payload.put("format", "lexecon-ledger/1");
      }
      case "decision" -> {
        payload.put("decision_id", "dec_" + seq);
        payload.put("actor", "agent:support-" + (seq % 7));
        payload.put("action", ACTIONS[(int) (seq % ACTIONS.length)]);
        payload.put("outcome", seq % 5 == 0 ? "DENIED" : "APPROVED");
        payload.put("policy_hash", sha256Hex(utf8("policy-v" + (seq / 1000))));
        payload.put("risk_score", seq % 100);
        payload.put("reasons", List.of("rule:" + (seq % 13), "constraint:business_hours"));
        if (seq % 3 != 2) {
          String salt = sha256Hex(utf8("salt-" + seq)).substring(0, 32);
          String subject = "patient-" + seq + "@clinic.example";
          payload.put("subject_commitment", sha256Hex(utf8(salt + subject)));
          Map<String, Object> values = new TreeMap<>();
          values.put("subject", subject);
          Map<String, Object> sideRecord = new TreeMap<>();
          sideRecord.put("salt", salt);
          sideRecord.put("values", values);
          side = utf8(canonicalJson(sideRecord));
        }
      }
      case "risk_assessment" -> {
        payload.put("decision_id", "dec_" + (seq - 1));
        payload.put("level", seq % 3 == 0 ? "HIGH" : "LOW");
        payload.put("score", seq % 100);
      }
      default -> {
        payload.put("escalation_id", "esc_" + (seq / 10));
        payload.put("by", "human:reviewer-" + (seq % 3));
        payload.put("note", "reviewed entry " + (seq - 1));
      }
    }
    String timestamp = timestamp(seq);
    return hashed(seq, eventType, timestamp, previousHash, canonicalEntry(seq, eventType, timestamp, previousHash, payload), side);
  }

  /**
   * A record with the given columns and bytes whose {@code entryHash} is the real SHA-256 of {@code
   * entry}. Use it for edge cases: arbitrary bytes, huge payloads, unusual event types.
   */
  public static LedgerRecord hashed(
      long seq, String eventType, String timestamp, String previousHash, byte[] entry, byte @Nullable [] sideRecord) {
    return new LedgerRecord(seq, eventType, timestamp, previousHash, sha256Hex(entry), entry, sideRecord);
  }

  /**
   * The canonical bytes of an entry without {@code entry_hash}: RFC 8785 JSON of {@code entry_id,
   * event_type, payload, previous_hash, seq, timestamp}. Payload values may be strings, integral
   * numbers, booleans, lists and string-keyed maps.
   */
  public static byte[] canonicalEntry(
      long seq, String eventType, String timestamp, String previousHash, Map<String, ?> payload) {
    Map<String, Object> entry = new TreeMap<>();
    entry.put("entry_id", "entry_" + seq);
    entry.put("event_type", eventType);
    entry.put("payload", payload);
    entry.put("previous_hash", previousHash);
    entry.put("seq", seq);
    entry.put("timestamp", timestamp);
    return utf8(canonicalJson(entry));
  }

  /** The timestamp of entry {@code seq}: {@link #START} plus {@code seq * 1234} microseconds. */
  public static String timestamp(long seq) {
    return RFC3339_MICROS.format(START.plus(seq * 1234, ChronoUnit.MICROS));
  }

  /** Lowercase hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    char[] out = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * RFC 8785 for the value kinds used here. Maps must be sorted by UTF-16 code units, which is
   * what {@link TreeMap} over strings does; numbers are integral, so no ECMAScript float formatting.
   */
  private static String canonicalJson(Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, @Nullable Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      writeString(sb, s);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put((String) k, v));
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeString(sb, e.getKey());
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, list.get(i));
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("unsupported JSON value: " + value.getClass().getName());
    }
  }

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}

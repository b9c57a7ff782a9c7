package dev.lexecon.ledger;

import dev.lexecon.api.ledger.LazyPayload;
import dev.lexecon.json.Jcs;
import dev.lexecon.json.JsonPath;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event ready for the writer: its payload with numbers normalized and personal data replaced by
 * commitments, already in canonical bytes, and the side record holding the committed values.
 * Built on the caller's thread so that the single writer thread only sequences and hashes.
 *
 * @param eventType the JSON event type
 * @param timestamp the event time, truncated to microseconds
 * @param timestampText {@code timestamp} in the ledger's RFC 3339 form
 * @param payload the payload as hashed (commitments in place of personal data)
 * @param payloadBytes the RFC 8785 bytes of {@code payload}
 * @param sideRecord the canonical side record, or {@code null} when nothing was committed
 * @param personalData the committed values by JSON Pointer within the entry
 */
record PreparedEvent(
    String eventType,
    Instant timestamp,
    String timestampText,
    Map<String, @Nullable Object> payload,
    byte[] payloadBytes,
    byte @Nullable [] sideRecord,
    Map<String, @Nullable Object> personalData) {

  /**
   * Prepares {@code payload}: writes its canonical bytes, putting a salted commitment in place of
   * every {@link Redactable} and a string of the exact value in place of every number that JCS
   * cannot write exactly ({@link Jcs#normalizeNumbers}), in one pass over the caller's map.
   * {@link #payload()} is decoded from those bytes only if something reads it.
   *
   * @throws IllegalArgumentException if the event type is not a lower-case identifier or the
   *     payload holds something JSON cannot express; the message names the JSON path
   */
  static PreparedEvent prepare(
      String eventType, Map<String, ?> payload, Instant timestamp, SaltSource salts) {
    Objects.requireNonNull(payload, "payload");
    if (!EntryCodec.isValidEventType(eventType)) {
      throw new IllegalArgumentException(
          "event type '" + eventType + "' is not a lower-case identifier [a-z][a-z0-9_]*");
    }
    Instant at = Timestamps.truncate(timestamp);
    String atText = Timestamps.format(at);
    Committer committer = new Committer(salts);
    // The writer's own refusals (a non-string key, a lone surrogate) name the path within the
    // payload, as the committer's do.
    byte[] payloadBytes = Jcs.canonicalize(payload, committer);
    byte[] side = null;
    Map<String, @Nullable Object> personal = Map.of();
    if (committer.fields != null && committer.personal != null) {
      side = Jcs.canonicalize(Map.of("fields", committer.fields));
      personal = committer.personal;
    }
    return new PreparedEvent(
        eventType, at, atText, decodeLater(payloadBytes), payloadBytes, side, personal);
  }

  /** The payload as reading the entry back gives it, decoded from its bytes on first use. */
  static Map<String, @Nullable Object> decodeLater(byte[] payloadBytes) {
    return new LazyPayload(() -> EntryDecoder.payload(payloadBytes));
  }

  /**
   * Supplies, while the payload is written, the commitment for each redactable value and the
   * exact string for each number JCS cannot write; collects the side record as it goes. The
   * writer visits object members in canonical key order, so salts are drawn in that order and
   * the side record's fields come out sorted. Not thread-safe.
   */
  static final class Committer implements Jcs.Substitution {
    private final SaltSource salts;
    // Created at the first redactable value: most events have none.
    private @Nullable Map<String, Object> fields;
    private @Nullable Map<String, @Nullable Object> personal;

    Committer(SaltSource salts) {
      this.salts = salts;
    }

    @Override
    public @Nullable Object substitute(Object value, JsonPath at) {
      if (value instanceof Redactable r) {
        return commit(r, at);
      }
      try {
        return Jcs.normalizeNumbers(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("payload value at " + at + ": " + e.getMessage(), e);
      }
    }

    private Object commit(Redactable r, JsonPath at) {
      Object normalized;
      try {
        normalized = Jcs.normalizeNumbers(r.value());
      } catch (IllegalArgumentException e) {
        // The message names a path inside the value and its type, never the value itself.
        throw new IllegalArgumentException(
            "redactable value at " + at + ": " + e.getMessage(), e);
      }
      byte[] salt = new byte[Commitments.SALT_LENGTH];
      salts.next(salt);
      String commitment = Commitments.commit(salt, normalized);
      Map<String, @Nullable Object> field = new LinkedHashMap<>(4); // two members, no resize
      field.put("salt", Commitments.hex(salt));
      field.put("value", normalized);
      String pointer = "/payload" + at.toPointer();
      if (fields == null || personal == null) {
        fields = new LinkedHashMap<>();
        personal = new LinkedHashMap<>();
      }
      fields.put(pointer, field);
      personal.put(pointer, EntryDecoder.freeze(normalized));
      return Commitments.marker(commitment);
    }
  }
}

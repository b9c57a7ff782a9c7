package dev.lexecon.ledger;

import dev.lexecon.api.ledger.LazyPayload;
import dev.lexecon.json.Jcs;
import dev.lexecon.json.JsonPath;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event ready for the writer: its payload with numbers normalized and personal data replaced by
 * commitments, already in canonical bytes, and the side record holding the committed values.
 * Built on the caller's thread so that whoever writes the batch only sequences and hashes.
 *
 * <p>The payload's bytes are written straight into an array as long as the whole entry will be,
 * at the offset the entry puts them, sized for the number of digits the entry's seq is expected
 * to have; {@link #entry} then writes the fixed members around them instead of copying the
 * payload (about a kilobyte per decision) into a second array.
 */
final class PreparedEvent {
  private final String eventType;
  private final Instant timestamp;
  private final String timestampText;
  private final Map<String, @Nullable Object> payload;
  private final byte @Nullable [] sideRecord;
  private final Map<String, @Nullable Object> personalData;
  /** The entry's bytes with only the payload written yet; see {@link #entry}. */
  private final byte[] draft;
  private final int draftSeqDigits;
  private final int payloadOffset;
  private final int payloadLength;
  /**
   * Whether {@link #entry} has handed {@link #draft} out. Only the thread building the event's
   * batch touches it: whoever holds the writer's turn, or the opening thread before the writer
   * thread starts ({@code commitNow}); the turn's lock and {@code Thread.start} order them.
   */
  private boolean draftTaken;

  private PreparedEvent(
      String eventType,
      Instant timestamp,
      String timestampText,
      byte[] draft,
      int draftSeqDigits,
      int payloadOffset,
      int payloadLength,
      byte @Nullable [] sideRecord,
      Map<String, @Nullable Object> personalData) {
    this.eventType = eventType;
    this.timestamp = timestamp;
    this.timestampText = timestampText;
    this.draft = draft;
    this.draftSeqDigits = draftSeqDigits;
    this.payloadOffset = payloadOffset;
    this.payloadLength = payloadLength;
    this.sideRecord = sideRecord;
    this.personalData = personalData;
    // The decoder holds the entry's bytes and the payload's place in them, not this event (its
    // side record would stay reachable from every entry an append returns).
    this.payload = new LazyPayload(() -> EntryDecoder.payload(
        Arrays.copyOfRange(draft, payloadOffset, payloadOffset + payloadLength)));
  }

  /**
   * Prepares {@code payload} for an entry at an unknown position; see {@link #prepare(String, Map,
   * Instant, SaltSource, long)}.
   */
  static PreparedEvent prepare(
      String eventType, Map<String, ?> payload, Instant timestamp, SaltSource salts) {
    return prepare(eventType, payload, timestamp, salts, 0);
  }

  /**
   * Prepares {@code payload}: writes its canonical bytes, putting a salted commitment in place of
   * every {@link Redactable} and a string of the exact value in place of every number that JCS
   * cannot write exactly ({@link Jcs#normalizeNumbers}), in one pass over the caller's map.
   * {@link #payload()} is decoded from those bytes only if something reads it.
   *
   * @param expectedSeq where the entry will probably land (the ledger's size now): the bytes are
   *     laid out for a seq with as many digits, and an entry that lands elsewhere costs a copy
   * @throws IllegalArgumentException if the event type is not a lower-case identifier or the
   *     payload holds something JSON cannot express; the message names the JSON path
   */
  static PreparedEvent prepare(
      String eventType, Map<String, ?> payload, Instant timestamp, SaltSource salts,
      long expectedSeq) {
    Objects.requireNonNull(payload, "payload");
    if (!EntryCodec.isValidEventType(eventType)) {
      throw new IllegalArgumentException(
          "event type '" + eventType + "' is not a lower-case identifier [a-z][a-z0-9_]*");
    }
    Instant at = Timestamps.truncate(timestamp);
    String atText = Timestamps.format(at);
    Committer committer = new Committer(salts);
    int seqDigits = EntryCodec.decimalDigits(Math.max(0, expectedSeq));
    int front = EntryCodec.frontLength(seqDigits, eventType);
    int back = EntryCodec.backLength(seqDigits);
    // The writer's own refusals (a non-string key, a lone surrogate) name the path within the
    // payload, as the committer's do.
    byte[] draft = Jcs.canonicalizeFramed(payload, committer, front, back);
    byte[] side = null;
    Map<String, @Nullable Object> personal = Map.of();
    if (committer.fields != null && committer.personal != null) {
      side = Jcs.canonicalize(Map.of("fields", committer.fields));
      personal = committer.personal;
    }
    return new PreparedEvent(
        eventType, at, atText, draft, seqDigits, front, draft.length - front - back, side, personal);
  }

  /**
   * The canonical entry bytes of this event at {@code seq} after {@code previousHash}. The first
   * call for a seq with the expected number of digits writes the fixed members around the payload
   * where it lies and returns that array; any later or other call returns a new array (a batch
   * built again on a moved head after a failed commit gets its own bytes), so that an array once
   * handed out is never written again. Called only by whoever holds the writer's turn.
   */
  byte[] entry(long seq, String previousHash) {
    if (!draftTaken && EntryCodec.decimalDigits(seq) == draftSeqDigits) {
      draftTaken = true;
      EntryCodec.frame(draft, seq, eventType, payloadLength, previousHash, timestampText);
      return draft;
    }
    return EntryCodec.encode(
        seq, eventType, draft, payloadOffset, payloadLength, previousHash, timestampText);
  }

  /** The JSON event type. */
  String eventType() {
    return eventType;
  }

  /** The event time, truncated to microseconds. */
  Instant timestamp() {
    return timestamp;
  }

  /** {@link #timestamp()} in the ledger's RFC 3339 form. */
  String timestampText() {
    return timestampText;
  }

  /** The payload as hashed (commitments in place of personal data), decoded on first use. */
  Map<String, @Nullable Object> payload() {
    return payload;
  }

  /** A copy of the RFC 8785 bytes of {@link #payload()}. */
  byte[] payloadBytes() {
    return Arrays.copyOfRange(draft, payloadOffset, payloadOffset + payloadLength);
  }

  /** The canonical side record, or {@code null} when nothing was committed. */
  byte @Nullable [] sideRecord() {
    return sideRecord;
  }

  /** The committed values by JSON Pointer within the entry. */
  Map<String, @Nullable Object> personalData() {
    return personalData;
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

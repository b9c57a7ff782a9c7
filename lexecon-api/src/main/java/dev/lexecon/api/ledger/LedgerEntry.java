package dev.lexecon.api.ledger;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One ledger entry, decoded for reading: {@code {seq, entry_id, event_type, timestamp, payload,
 * previous_hash, entry_hash}} as specified in {@code docs/ledger-format.md}.
 *
 * <p>{@link #payload()} is the payload exactly as hashed: personal data appears there only as
 * salted commitments ({@code {"commitment":"sha256:..."}}). While the entry's side record exists,
 * the committed values are in {@link #personalData()}, keyed by the RFC 6901 JSON Pointer of the
 * commitment within the entry (for example {@code /payload/request/user_intent}); after erasure
 * that map is empty and the entry, its hash and every proof stay the same.
 *
 * <p>Immutable and thread-safe when built by Lexecon (the maps are unmodifiable views of JSON trees
 * nobody else holds). The constructor copies the top level of {@code payload}, unless it is a
 * {@link LazyPayload}, which it keeps: the payload of an entry an append returns is decoded from
 * the entry's canonical bytes only when something reads it.
 *
 * @param seq the 0-based position in the chain
 * @param eventType the {@code event_type}; usually one of {@link EventType}'s JSON names
 * @param timestamp the event time, microsecond precision
 * @param payload the payload as hashed, a JSON object tree
 * @param previousHash lowercase hex SHA-256 of the previous entry (64 zeros for genesis)
 * @param entryHash lowercase hex SHA-256 of this entry's canonical bytes
 * @param personalData the committed values still present, by JSON Pointer; empty when none or erased
 * @since 0.1
 */
public record LedgerEntry(
    long seq,
    String eventType,
    Instant timestamp,
    Map<String, @Nullable Object> payload,
    String previousHash,
    String entryHash,
    Map<String, @Nullable Object> personalData) {

  /**
   * @throws IllegalArgumentException if {@code seq} is negative
   */
  public LedgerEntry {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0, was " + seq);
    }
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(timestamp, "timestamp");
    // A LazyPayload is unmodifiable already, and copying it would decode it: keep it as it is.
    payload = payload instanceof LazyPayload
        ? payload
        : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(entryHash, "entryHash");
    // Most entries carry no personal data: share the empty map (which, unlike Map.of(), answers
    // get(null) like the copy did) instead of copying nothing into a new one.
    personalData = personalData.isEmpty()
        ? Collections.emptyMap()
        : Collections.unmodifiableMap(new LinkedHashMap<>(personalData));
  }

  /** {@code entry_<seq>}, the id decisions and tokens refer to. */
  public String entryId() {
    return "entry_" + seq;
  }

  /**
   * Shows everything but the values of {@link #personalData()}, which are personal data and must
   * not reach logs; their pointers are shown.
   */
  @Override
  public String toString() {
    return "LedgerEntry[seq=" + seq + ", eventType=" + eventType + ", timestamp=" + timestamp
        + ", payload=" + payload + ", previousHash=" + previousHash + ", entryHash=" + entryHash
        + ", personalData=" + personalData.keySet() + "]";
  }

  /** The event type as an enum, or {@code null} for a type this version does not know. */
  public @Nullable EventType type() {
    return EventType.fromJsonName(eventType).orElse(null);
  }
}

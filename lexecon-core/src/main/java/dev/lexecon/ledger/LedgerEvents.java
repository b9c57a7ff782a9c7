package dev.lexecon.ledger;

import dev.lexecon.api.ledger.Hash;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Payloads of the events the ledger writes and reads itself: {@code genesis}, {@code key_rotated}
 * and {@code checkpoint}. Their layout is part of the format ({@code docs/ledger-format.md}).
 */
final class LedgerEvents {
  static final String FORMAT = "lexecon-ledger";
  static final long FORMAT_VERSION = 1;
  static final String ORIGIN_PREFIX = "lexecon.dev/ledger/";
  static final String PURPOSE_CHECKPOINT = "checkpoint";

  private LedgerEvents() {}

  static Map<String, Object> genesis(
      String ledgerId, String createdAt, String origin, NoteVerifier checkpointKey) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("format", FORMAT);
    p.put("format_version", FORMAT_VERSION);
    p.put("ledger_id", ledgerId);
    p.put("created_at", createdAt);
    p.put("origin", origin);
    p.put("checkpoint_key", checkpointKey.encoded());
    return p;
  }

  static Map<String, Object> keyRotated(NoteVerifier key) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("purpose", PURPOSE_CHECKPOINT);
    p.put("key", key.encoded());
    return p;
  }

  static Map<String, Object> checkpoint(Checkpoint checkpoint, SignedNote note) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("origin", checkpoint.origin());
    p.put("tree_size", checkpoint.treeSize());
    p.put("root_hash", checkpoint.rootHash().hex());
    p.put("note", note.encoded());
    return p;
  }

  /** What a genesis payload says; throws IllegalArgumentException naming the bad member. */
  record Genesis(String ledgerId, String origin, NoteVerifier checkpointKey) {
    static Genesis read(Map<?, ?> payload) {
      Object format = payload.get("format");
      Object version = payload.get("format_version");
      if (!FORMAT.equals(format) || !(version instanceof Long v) || v != FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "genesis names format " + format + " version " + version
                + "; this version reads " + FORMAT + " version " + FORMAT_VERSION);
      }
      String ledgerId = string(payload, "ledger_id");
      string(payload, "created_at");
      String origin = string(payload, "origin");
      NoteVerifier key = NoteVerifier.parse(string(payload, "checkpoint_key"));
      return new Genesis(ledgerId, origin, key);
    }
  }

  /** The checkpoint key a key_rotated payload introduces, or null for another purpose. */
  static @Nullable NoteVerifier rotatedCheckpointKey(Map<?, ?> payload) {
    if (!PURPOSE_CHECKPOINT.equals(payload.get("purpose"))) {
      return null;
    }
    return NoteVerifier.parse(string(payload, "key"));
  }

  /** What a checkpoint payload says. */
  record CheckpointEvent(String origin, long treeSize, Hash rootHash, SignedNote note) {
    static CheckpointEvent read(Map<?, ?> payload) {
      String origin = string(payload, "origin");
      if (!(payload.get("tree_size") instanceof Long size) || size < 0) {
        throw new IllegalArgumentException("checkpoint tree_size is not a non-negative integer");
      }
      Hash root;
      try {
        root = Hash.fromHex(string(payload, "root_hash"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("checkpoint root_hash is not 64 hex digits", e);
      }
      SignedNote note = SignedNote.parse(string(payload, "note"));
      return new CheckpointEvent(origin, size, root, note);
    }
  }

  static String string(Map<?, ?> payload, String member) {
    if (payload.get(member) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("payload member " + member + " is missing or not a string");
  }
}

package dev.lexecon.ledger;

import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.json.Jcs;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The verification manifest every audit export carries: which ledger, which entries (the scope
 * and the range they fell in, counts per event type, a digest of their hashes), the ledger's size,
 * root and head when the export was made, a checkpoint signed for exactly that size, inclusion
 * proofs of the first and last exported entries and of the head, the public keys, and the
 * exporter's signature over all of it. With nothing else, {@link LedgerVerifier#verifyManifest}
 * (or any RFC 9162 and C2SP signed-note tool) checks that the proofs lead to the signed root; with
 * the export's entries, {@link LedgerVerifier#verifyAuditExport} checks every entry.
 *
 * <p>Its JSON form ({@link #toJsonTree()}) is specified in {@code docs/export-format.md}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ledgerId the ledger's id
 * @param origin the ledger's checkpoint origin
 * @param generatedAt when the export was made
 * @param exportFormat the format of the file carrying this manifest ({@code json}, {@code csv},
 *     {@code markdown}, {@code html})
 * @param scope what was asked for: {@code kind} ({@code all}, {@code recent}, {@code custom}), the
 *     resolved {@code from} and {@code to} bounds, {@code window}, {@code event_types} and {@code
 *     include} flags, as JSON
 * @param entries how many entries the export holds
 * @param countsByEventType entries per event type, sorted
 * @param first the first exported entry with its proof, or {@code null} when none was exported
 * @param last the last exported entry with its proof, or {@code null} when none was exported
 * @param firstTimestamp the earliest timestamp among the exported entries, or {@code null}
 * @param lastTimestamp the latest timestamp among the exported entries, or {@code null}
 * @param contiguous whether the exported entries are consecutive seqs, so that their {@code
 *     previous_hash} links chain them to the last one's proof; otherwise every entry line carries
 *     its own proof
 * @param entriesDigest SHA-256 over the 32-byte hashes of the exported entries, in seq order
 * @param treeSize the ledger's size the export describes
 * @param rootHash the Merkle root at that size
 * @param head the ledger's last entry at that size with its proof
 * @param checkpoint a checkpoint of exactly {@code treeSize} entries, signed at export time
 * @param checkpointKey the key that signed the checkpoint and this manifest
 * @param publicKeys every checkpoint key the ledger announces
 * @param signature the exporter's signed note over this manifest without the signature, or {@code
 *     null} before signing
 * @since 0.1
 */
public record ExportManifest(
    String ledgerId,
    String origin,
    Instant generatedAt,
    String exportFormat,
    Map<String, Object> scope,
    long entries,
    Map<String, Long> countsByEventType,
    @Nullable EntryProof first,
    @Nullable EntryProof last,
    @Nullable String firstTimestamp,
    @Nullable String lastTimestamp,
    boolean contiguous,
    Hash entriesDigest,
    long treeSize,
    Hash rootHash,
    EntryProof head,
    SignedNote checkpoint,
    NoteVerifier checkpointKey,
    List<NoteVerifier> publicKeys,
    @Nullable SignedNote signature) {

  /** The {@code format} member of every manifest. */
  public static final String FORMAT = "lexecon-audit-manifest";
  /** The manifest format version this library writes and reads. */
  public static final long FORMAT_VERSION = 1;
  /** The first line of the exporter's signed note over a manifest. */
  public static final String SIGNATURE_ORIGIN = "lexecon.dev/audit-export/v1";

  private static final Set<String> MEMBERS = Set.of("format", "format_version", "ledger_id",
      "origin", "generated_at", "export_format", "scope", "counts", "range", "first", "last",
      "contiguous", "entries_digest", "tree_size", "root_hash", "head", "checkpoint",
      "checkpoint_key", "public_keys", "signature");

  public ExportManifest {
    Objects.requireNonNull(ledgerId, "ledgerId");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(exportFormat, "exportFormat");
    scope = Collections.unmodifiableMap(new TreeMap<>(scope));
    countsByEventType = Collections.unmodifiableMap(new TreeMap<>(countsByEventType));
    if (entries < 0 || treeSize < 1) {
      throw new IllegalArgumentException("entries must be >= 0 and tree size >= 1");
    }
    if ((first == null) != (entries == 0) || (last == null) != (entries == 0)
        || (firstTimestamp == null) != (entries == 0) || (lastTimestamp == null) != (entries == 0)) {
      throw new IllegalArgumentException("first, last and their timestamps are present exactly when"
          + " entries were exported");
    }
    Objects.requireNonNull(entriesDigest, "entriesDigest");
    Objects.requireNonNull(rootHash, "rootHash");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(checkpointKey, "checkpointKey");
    publicKeys = List.copyOf(publicKeys);
  }

  /**
   * An exported (or the head) entry's seq and hash with its inclusion proof at the manifest's size.
   *
   * @param seq the entry's seq
   * @param entryHash its hash, 64 lowercase hex digits
   * @param proof its RFC 9162 inclusion proof in the tree of the manifest's size
   * @since 0.1
   */
  public record EntryProof(long seq, String entryHash, InclusionProof proof) {
    public EntryProof {
      Objects.requireNonNull(entryHash, "entryHash");
      Objects.requireNonNull(proof, "proof");
      if (proof.leafIndex() != seq) {
        throw new IllegalArgumentException("the proof is for leaf " + proof.leafIndex() + ", not " + seq);
      }
    }
  }

  /** The head hash: the hash of entry {@code treeSize - 1}. */
  public String headHash() {
    return head.entryHash();
  }

  /** This manifest with {@code signature}. */
  public ExportManifest withSignature(SignedNote signature) {
    return new ExportManifest(ledgerId, origin, generatedAt, exportFormat, scope, entries,
        countsByEventType, first, last, firstTimestamp, lastTimestamp, contiguous, entriesDigest,
        treeSize, rootHash, head, checkpoint, checkpointKey, publicKeys,
        Objects.requireNonNull(signature, "signature"));
  }

  /** The text the exporter signs: the origin line and the SHA-256 of the unsigned manifest. */
  public String signedText() {
    Map<String, Object> unsigned = toJsonTree();
    unsigned.remove("signature");
    return SIGNATURE_ORIGIN + "\n" + Jcs.sha256Hex(unsigned) + "\n";
  }

  /** The manifest as a JSON object tree (members in RFC 8785 order once canonicalized). */
  public Map<String, Object> toJsonTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("format_version", FORMAT_VERSION);
    m.put("ledger_id", ledgerId);
    m.put("origin", origin);
    m.put("generated_at", Timestamps.format(generatedAt));
    m.put("export_format", exportFormat);
    m.put("scope", scope);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("entries", entries);
    counts.put("by_event_type", countsByEventType);
    m.put("counts", counts);
    if (first != null && last != null) {
      Map<String, Object> range = new LinkedHashMap<>();
      range.put("first_seq", first.seq());
      range.put("last_seq", last.seq());
      range.put("from", firstTimestamp);
      range.put("to", lastTimestamp);
      m.put("range", range);
      m.put("first", proof(first));
      m.put("last", proof(last));
    }
    m.put("contiguous", contiguous);
    m.put("entries_digest", entriesDigest.hex());
    m.put("tree_size", treeSize);
    m.put("root_hash", rootHash.hex());
    m.put("head", proof(head));
    m.put("checkpoint", checkpoint.encoded());
    m.put("checkpoint_key", checkpointKey.encoded());
    m.put("public_keys", publicKeys.stream().map(NoteVerifier::encoded).toList());
    if (signature != null) {
      m.put("signature", signature.encoded());
    }
    return m;
  }

  /** The RFC 8785 canonical JSON of the manifest. */
  public String toJson() {
    return Jcs.canonicalString(toJsonTree());
  }

  private static Map<String, Object> proof(EntryProof p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", p.seq());
    m.put("entry_hash", p.entryHash());
    m.put("proof", p.proof().path().stream().map(Hash::hex).toList());
    return m;
  }

  /**
   * Reads a manifest from its JSON tree, strictly: unknown members, wrong types, malformed keys,
   * notes or hashes are errors.
   *
   * @throws IllegalArgumentException naming the member that is wrong
   */
  public static ExportManifest fromJsonTree(@Nullable Object json) {
    if (!(json instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("the manifest is not a JSON object");
    }
    for (Object k : m.keySet()) {
      if (!MEMBERS.contains(k)) {
        throw new IllegalArgumentException("unknown manifest member " + k);
      }
    }
    if (!FORMAT.equals(m.get("format")) || !Long.valueOf(FORMAT_VERSION).equals(m.get("format_version"))) {
      throw new IllegalArgumentException("not a " + FORMAT + " version " + FORMAT_VERSION);
    }
    try {
      long treeSize = number(m, "tree_size");
      Map<?, ?> counts = object(m, "counts");
      long entries = number(counts, "entries");
      Map<String, Long> byType = new TreeMap<>();
      object(counts, "by_event_type").forEach((k, v) -> {
        if (!(v instanceof Long n) || n < 0) {
          throw new IllegalArgumentException("counts.by_event_type." + k + " is not a count");
        }
        byType.put(String.valueOf(k), n);
      });
      EntryProof first = null;
      EntryProof last = null;
      String from = null;
      String to = null;
      if (m.containsKey("range") || m.containsKey("first") || m.containsKey("last")) {
        Map<?, ?> range = object(m, "range");
        first = entryProof(object(m, "first"), treeSize, "first");
        last = entryProof(object(m, "last"), treeSize, "last");
        if (number(range, "first_seq") != first.seq() || number(range, "last_seq") != last.seq()) {
          throw new IllegalArgumentException("range disagrees with first and last");
        }
        from = timestamp(range, "from");
        to = timestamp(range, "to");
      }
      Map<String, Object> scope = new TreeMap<>();
      object(m, "scope").forEach((k, v) -> scope.put(String.valueOf(k), v));
      List<NoteVerifier> keys = new ArrayList<>();
      if (!(m.get("public_keys") instanceof List<?> list)) {
        throw new IllegalArgumentException("public_keys is not a list");
      }
      for (Object k : list) {
        keys.add(NoteVerifier.parse(String.valueOf(k)));
      }
      if (!(m.get("contiguous") instanceof Boolean contiguous)) {
        throw new IllegalArgumentException("contiguous is not a boolean");
      }
      String generated = string(m, "generated_at");
      if (!Timestamps.isValid(generated)) {
        throw new IllegalArgumentException("generated_at is not a ledger timestamp");
      }
      return new ExportManifest(
          string(m, "ledger_id"),
          string(m, "origin"),
          Timestamps.parse(generated),
          string(m, "export_format"),
          scope,
          entries,
          byType,
          first,
          last,
          from,
          to,
          contiguous,
          Hash.fromHex(string(m, "entries_digest")),
          treeSize,
          Hash.fromHex(string(m, "root_hash")),
          entryProof(object(m, "head"), treeSize, "head"),
          SignedNote.parse(string(m, "checkpoint")),
          NoteVerifier.parse(string(m, "checkpoint_key")),
          keys,
          m.containsKey("signature") ? SignedNote.parse(string(m, "signature")) : null);
    } catch (MalformedNoteException | DateTimeParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Reads a manifest from its JSON text.
   *
   * @throws IllegalArgumentException if the text is not JSON or not a manifest
   */
  public static ExportManifest parse(String json) {
    return fromJsonTree(Jcs.parse(json));
  }

  /**
   * Finds and reads the manifest in an audit export of any format: the JSON Lines header, the CSV
   * {@code manifest} row, or the line after the {@code lexecon-audit-manifest} marker in Markdown
   * and HTML. Does not verify it. The stream is read up to the manifest and not closed.
   *
   * @throws IllegalArgumentException when no manifest is found or it does not parse
   * @throws java.io.UncheckedIOException if reading fails
   */
  public static ExportManifest extract(java.io.InputStream in) {
    Objects.requireNonNull(in, "in");
    try {
      return AuditExportCheck.extract(in);
    } catch (MalformedNoteException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static EntryProof entryProof(Map<?, ?> m, long treeSize, String name) {
    long seq = number(m, "seq");
    String hash = string(m, "entry_hash");
    if (!EntryCodec.isHexHash(hash)) {
      throw new IllegalArgumentException(name + ".entry_hash is not 64 lowercase hex digits");
    }
    if (!(m.get("proof") instanceof List<?> path)) {
      throw new IllegalArgumentException(name + ".proof is not a list");
    }
    List<Hash> hashes = new ArrayList<>();
    for (Object o : path) {
      hashes.add(Hash.fromHex(String.valueOf(o)));
    }
    if (seq >= treeSize) {
      throw new IllegalArgumentException(name + ".seq " + seq + " is not below tree size " + treeSize);
    }
    return new EntryProof(seq, hash, new InclusionProof(seq, treeSize, hashes));
  }

  private static String timestamp(Map<?, ?> m, String member) {
    String s = string(m, member);
    if (!Timestamps.isValid(s)) {
      throw new IllegalArgumentException(member + " is not a ledger timestamp");
    }
    return s;
  }

  private static Map<?, ?> object(Map<?, ?> m, String member) {
    if (m.get(member) instanceof Map<?, ?> o) {
      return o;
    }
    throw new IllegalArgumentException(member + " is missing or not an object");
  }

  private static long number(Map<?, ?> m, String member) {
    if (m.get(member) instanceof Long n && n >= 0) {
      return n;
    }
    throw new IllegalArgumentException(member + " is missing or not a non-negative integer");
  }

  private static String string(Map<?, ?> m, String member) {
    if (m.get(member) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(member + " is missing or not a string");
  }
}

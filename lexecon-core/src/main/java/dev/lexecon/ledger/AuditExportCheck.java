package dev.lexecon.ledger;

import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.VerificationFailure;
import dev.lexecon.api.ledger.VerificationFailure.Kind;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.json.Jcs;
import dev.lexecon.internal.AuditReportLines;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Verifies audit-export manifests and the JSON Lines entries that go with them (see {@code
 * docs/export-format.md}); {@link LedgerVerifier} is its public face.
 *
 * <p>The entries are read in windows of {@value #WINDOW} lines; parsing, re-canonicalizing,
 * hashing and proof checks run in parallel per window, the checks that link lines run in order.
 * Memory is bounded by one window.
 */
final class AuditExportCheck {
  static final String EXPORT_FORMAT = "lexecon-audit-export";
  static final long EXPORT_FORMAT_VERSION = 1;
  static final int WINDOW = 4096;
  private static final Set<String> LINE_MEMBERS = Set.of("entry", "entry_hash", "proof", "side_record");
  private static final Set<String> ENTRY_MEMBERS =
      Set.of("seq", "entry_id", "event_type", "timestamp", "payload", "previous_hash");

  private AuditExportCheck() {}

  // ------------------------------------------------------------------------------- manifests

  /** Checks a manifest on its own: keys, signatures, proofs, internal consistency. */
  static VerificationResult manifest(ExportManifest m, Collection<NoteVerifier> trusted) {
    VerificationFailure f = manifestProblem(m, trusted);
    return result(m, 0, f);
  }

  private static @Nullable VerificationFailure manifestProblem(
      ExportManifest m, Collection<NoteVerifier> trusted) {
    long at = m.treeSize();
    Checkpoint cp;
    try {
      cp = Checkpoint.parse(m.checkpoint().text());
    } catch (MalformedNoteException e) {
      return fail(at, Kind.MALFORMED_ENTRY, null, null, "the manifest's checkpoint is malformed: "
          + e.getMessage());
    }
    if (cp.treeSize() != m.treeSize() || !cp.rootHash().equals(m.rootHash())
        || !cp.origin().equals(m.origin())) {
      return fail(at, Kind.CHECKPOINT_MISMATCH, m.treeSize() + " " + m.rootHash(),
          cp.treeSize() + " " + cp.rootHash(), "the manifest's checkpoint signs tree size "
              + cp.treeSize() + " and root " + cp.rootHash() + " of origin " + cp.origin()
              + ", the manifest says " + m.treeSize() + ", " + m.rootHash() + ", " + m.origin());
    }
    NoteVerifier key = m.checkpointKey();
    if (trusted.isEmpty() ? !m.publicKeys().contains(key) : !trusted.contains(key)) {
      return fail(at, Kind.BAD_CHECKPOINT_SIGNATURE, trusted.isEmpty() ? "a key the manifest lists"
          : "a trusted key", key.encoded(), "the manifest is signed by " + key.name() + ", which is not "
          + (trusted.isEmpty() ? "among the manifest's public keys" : "a trusted key"));
    }
    if (!verifiedBy(m.checkpoint(), key)) {
      return fail(at, Kind.BAD_CHECKPOINT_SIGNATURE, "signed by " + key.name(), null,
          "the manifest's checkpoint (tree size " + m.treeSize() + ") is not signed by "
              + key.name());
    }
    SignedNote signature = m.signature();
    if (signature == null) {
      return fail(at, Kind.MANIFEST_MISMATCH, "a signature", null, "the manifest is not signed");
    }
    String expected = m.signedText();
    if (!signature.text().equals(expected)) {
      return fail(at, Kind.MANIFEST_MISMATCH, expected.strip(), signature.text().strip(),
          "the manifest's signature covers other contents: a member was changed after signing");
    }
    if (!verifiedBy(signature, key)) {
      return fail(at, Kind.MANIFEST_MISMATCH, "signed by " + key.name(), null,
          "the manifest's signature does not verify with " + key.name());
    }
    if (m.head().seq() != m.treeSize() - 1) {
      return fail(at, Kind.MANIFEST_MISMATCH, String.valueOf(m.treeSize() - 1),
          String.valueOf(m.head().seq()), "the head is not the last entry of the tree");
    }
    for (ExportManifest.EntryProof p : proofs(m)) {
      if (!included(p.entryHash(), p.proof(), m.rootHash())) {
        return fail(p.seq(), Kind.ROOT_MISMATCH, m.rootHash().hex(), p.entryHash(),
            "the inclusion proof of entry " + p.seq() + " does not lead to the signed root "
                + m.rootHash());
      }
    }
    long sum = m.countsByEventType().values().stream().mapToLong(Long::longValue).sum();
    if (sum != m.entries()) {
      return fail(at, Kind.MANIFEST_MISMATCH, String.valueOf(m.entries()), String.valueOf(sum),
          "the counts per event type add up to " + sum + ", not " + m.entries());
    }
    ExportManifest.EntryProof first = m.first();
    ExportManifest.EntryProof last = m.last();
    if (first != null && last != null) {
      if (first.seq() > last.seq() || last.seq() - first.seq() + 1 < m.entries()) {
        return fail(first.seq(), Kind.MANIFEST_MISMATCH, null, null, "entries " + first.seq()
            + " to " + last.seq() + " cannot hold " + m.entries() + " exported entries");
      }
      if (m.contiguous() && last.seq() - first.seq() + 1 != m.entries()) {
        return fail(first.seq(), Kind.MANIFEST_MISMATCH, null, null, "a contiguous export of entries "
            + first.seq() + " to " + last.seq() + " holds " + (last.seq() - first.seq() + 1)
            + " entries, not " + m.entries());
      }
    }
    return null;
  }

  private static List<ExportManifest.EntryProof> proofs(ExportManifest m) {
    List<ExportManifest.EntryProof> out = new ArrayList<>(3);
    out.add(m.head());
    if (m.first() != null) {
      out.add(m.first());
    }
    if (m.last() != null) {
      out.add(m.last());
    }
    return out;
  }

  private static boolean verifiedBy(SignedNote note, NoteVerifier key) {
    try {
      return note.verify(key).isVerifiedBy(key);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean included(String entryHash, InclusionProof proof, Hash root) {
    return MerkleProofs.verifyInclusion(MerkleTree.hashLeaf(Hash.fromHex(entryHash).bytes()), proof, root);
  }

  /**
   * Finds the manifest in any audit-export format: the JSON Lines header, the CSV {@code manifest}
   * row, or the line after the {@code lexecon-audit-manifest} marker in Markdown and HTML.
   *
   * @throws IllegalArgumentException when no manifest is found or it does not parse
   */
  static ExportManifest extract(InputStream in) {
    AuditReportLines file = AuditReportLines.open(in);
    return file.kind() == AuditReportLines.Kind.JSON_LINES
        ? header(file.manifestJson()) : ExportManifest.parse(file.manifestJson());
  }

  static ExportManifest header(String line) {
    if (!(Jcs.parse(line) instanceof Map<?, ?> h) || !h.keySet().equals(Set.of("format", "format_version", "manifest"))
        || !EXPORT_FORMAT.equals(h.get("format")) || !Long.valueOf(EXPORT_FORMAT_VERSION).equals(h.get("format_version"))) {
      throw new IllegalArgumentException("the first line is not a " + EXPORT_FORMAT + " version "
          + EXPORT_FORMAT_VERSION + " header");
    }
    return ExportManifest.fromJsonTree(h.get("manifest"));
  }

  // ---------------------------------------------------------------------------- JSON Lines

  /** One entry line, decoded on its own (the parallel phase). */
  private static final class Line {
    long seq = -1;
    String eventType = "";
    String timestamp = "";
    String previousHash = "";
    String hash = "";
    @Nullable String problem;
    Kind problemKind = Kind.MALFORMED_ENTRY;
    boolean hasProof;
    boolean proofOk;
  }

  /** The entry lines of an export, in file order, with the file line each starts on. */
  private interface Source {
    byte @Nullable [] next();

    long lineNumber();
  }

  /**
   * Verifies an export of any format: the manifest, then the entry lines the file carries (JSON
   * Lines: its lines; CSV, Markdown, HTML: the embedded entry lines, docs/export-format.md §8).
   */
  static VerificationResult export(InputStream stream, Collection<NoteVerifier> trusted) {
    BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
    byte[] prefix = ("{\"format\":\"" + EXPORT_FORMAT + "\"").getBytes(StandardCharsets.US_ASCII);
    boolean jsonLines;
    try {
      in.mark(prefix.length);
      byte[] start = in.readNBytes(prefix.length);
      in.reset();
      jsonLines = Arrays.equals(start, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the export: " + e.getMessage(), e);
    }
    return jsonLines ? jsonLines(in, trusted) : report(in, trusted);
  }

  private static VerificationResult report(InputStream in, Collection<NoteVerifier> trusted) {
    AuditReportLines file;
    ExportManifest m;
    try {
      file = AuditReportLines.open(in);
      m = ExportManifest.parse(file.manifestJson());
    } catch (IllegalArgumentException | MalformedNoteException e) {
      return new VerificationResult(0, 0, 0, 0, MerkleTree.emptyRoot(), null,
          new VerificationFailure(0, Kind.MALFORMED_ENTRY, null, null,
              "the export's manifest is malformed or missing: " + e.getMessage()));
    }
    String expected = switch (file.kind()) {
      case CSV -> "csv";
      case MARKDOWN -> "markdown";
      case HTML -> "html";
      case JSON_LINES -> "json";
    };
    Source source = new Source() {
      @Override
      public byte @Nullable [] next() {
        String line = file.next();
        return line == null ? null : line.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public long lineNumber() {
        return file.entryLineNumber();
      }
    };
    return entries(m, source, trusted, expected);
  }

  static VerificationResult jsonLines(InputStream in, Collection<NoteVerifier> trusted) {
    LedgerVerifier.LineReader reader = new LedgerVerifier.LineReader(in);
    ExportManifest m;
    try {
      byte[] first = reader.next();
      if (first == null) {
        throw new IllegalArgumentException("the file is empty");
      }
      m = header(new String(first, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | MalformedNoteException e) {
      return new VerificationResult(0, 0, 0, 0, MerkleTree.emptyRoot(), null,
          new VerificationFailure(0, Kind.MALFORMED_ENTRY, null, null,
              "the export header is malformed: " + e.getMessage()));
    }
    Source source = new Source() {
      long line = 1;

      @Override
      public byte @Nullable [] next() {
        byte[] l = reader.next();
        if (l != null) {
          line++;
        }
        return l;
      }

      @Override
      public long lineNumber() {
        return line;
      }
    };
    return entries(m, source, trusted, "json");
  }

  private static VerificationResult entries(ExportManifest m, Source source,
      Collection<NoteVerifier> trusted, String exportFormat) {
    VerificationFailure f = manifestProblem(m, trusted);
    if (f != null) {
      return result(m, 0, f);
    }
    if (!exportFormat.equals(m.exportFormat())) {
      return result(m, 0, fail(0, Kind.MANIFEST_MISMATCH, exportFormat, m.exportFormat(),
          "the file is " + exportFormat + ", its manifest names export format " + m.exportFormat()));
    }
    Scope scope;
    try {
      scope = Scope.of(m.scope());
    } catch (IllegalArgumentException e) {
      return result(m, 0, fail(0, Kind.MANIFEST_MISMATCH, null, null, "the manifest's scope is"
          + " malformed: " + e.getMessage()));
    }
    MessageDigest digest = Commitments.sha256();
    Map<String, Long> counts = new HashMap<>();
    long count = 0;
    long previousSeq = -1;
    String previousHash = null;
    String lastHash = null;
    while (true) {
      List<byte[]> lines = new ArrayList<>(WINDOW);
      long[] lineNumbers = new long[WINDOW];
      try {
        for (byte[] l; lines.size() < WINDOW && (l = source.next()) != null; ) {
          lineNumbers[lines.size()] = source.lineNumber();
          lines.add(l);
        }
      } catch (IllegalArgumentException e) {
        return result(m, count, fail(previousSeq + 1, Kind.MALFORMED_ENTRY, null, null,
            "the export's entries are malformed: " + e.getMessage()));
      }
      if (lines.isEmpty()) {
        break;
      }
      Line[] decoded = new Line[lines.size()];
      long base = count;
      IntStream.range(0, decoded.length).parallel()
          .forEach(i -> decoded[i] = decode(lines.get(i), m, base + i));
      for (int i = 0; i < decoded.length; i++) {
        Line l = decoded[i];
        long lineNo = lineNumbers[i];
        if (l.problem != null) {
          return result(m, count, fail(l.seq >= 0 ? l.seq : count, l.problemKind, null, null,
              "line " + lineNo + ": " + l.problem));
        }
        if (count >= m.entries()) {
          return result(m, count, fail(l.seq, Kind.MANIFEST_MISMATCH, String.valueOf(m.entries()),
              "more", "the export holds more entries than the " + m.entries() + " its manifest counts"));
        }
        if (l.seq <= previousSeq) {
          return result(m, count, fail(l.seq, Kind.GAP, "a seq above " + previousSeq,
              String.valueOf(l.seq), "line " + lineNo + ": entry " + l.seq
                  + " is repeated or out of order"));
        }
        if (l.seq >= m.treeSize()) {
          return result(m, count, fail(l.seq, Kind.MANIFEST_MISMATCH, "below " + m.treeSize(),
              String.valueOf(l.seq), "line " + lineNo + ": entry " + l.seq
                  + " is beyond the manifest's tree size " + m.treeSize()));
        }
        if (m.contiguous() && previousHash != null) {
          if (l.seq != previousSeq + 1) {
            return result(m, count, fail(previousSeq + 1, Kind.GAP, String.valueOf(previousSeq + 1),
                String.valueOf(l.seq), "line " + lineNo + ": entry " + (previousSeq + 1)
                    + " is missing from a contiguous export"));
          }
          if (!l.previousHash.equals(previousHash)) {
            return result(m, count, fail(l.seq, Kind.BROKEN_LINK, previousHash, l.previousHash,
                "line " + lineNo + ": entry " + l.seq + " does not link to entry " + previousSeq));
          }
        }
        if (!m.contiguous() && !l.hasProof) {
          return result(m, count, fail(l.seq, Kind.MANIFEST_MISMATCH, "an inclusion proof", null,
              "line " + lineNo + ": entry " + l.seq + " of a non-contiguous export has no proof"));
        }
        if (l.hasProof && !l.proofOk) {
          return result(m, count, fail(l.seq, Kind.ROOT_MISMATCH, m.rootHash().hex(), l.hash,
              "line " + lineNo + ": the inclusion proof of entry " + l.seq
                  + " does not lead to the signed root"));
        }
        String outside = scope.outside(l.eventType, l.timestamp);
        if (outside != null) {
          return result(m, count, fail(l.seq, Kind.MANIFEST_MISMATCH, null, null,
              "line " + lineNo + ": entry " + l.seq + " is outside the export's scope: " + outside));
        }
        if (count == 0) {
          ExportManifest.EntryProof first = Objects.requireNonNull(m.first());
          if (first.seq() != l.seq || !first.entryHash().equals(l.hash)) {
            return result(m, count, fail(l.seq, Kind.MANIFEST_MISMATCH, first.seq() + " " + first.entryHash(),
                l.seq + " " + l.hash, "the first entry is not the one the manifest proves"));
          }
        }
        digest.update(Hash.fromHex(l.hash).bytes());
        counts.merge(l.eventType, 1L, Long::sum);
        previousSeq = l.seq;
        previousHash = l.hash;
        lastHash = l.hash;
        count++;
      }
    }
    if (count < m.entries()) {
      return result(m, count, fail(previousSeq + 1, Kind.TRUNCATED, m.entries() + " entries",
          count + " entries", "the export ends after " + count + " of the " + m.entries()
              + " entries its manifest counts"));
    }
    ExportManifest.EntryProof last = m.last();
    if (last != null && (last.seq() != previousSeq || !last.entryHash().equals(lastHash))) {
      return result(m, count, fail(previousSeq, Kind.MANIFEST_MISMATCH, last.seq() + " " + last.entryHash(),
          previousSeq + " " + lastHash, "the last entry is not the one the manifest proves"));
    }
    if (!counts.equals(new HashMap<>(m.countsByEventType()))) {
      return result(m, count, fail(previousSeq, Kind.MANIFEST_MISMATCH, m.countsByEventType().toString(),
          counts.toString(), "the entries per event type differ from the manifest's counts"));
    }
    Hash d = Hash.of(digest.digest());
    if (!d.equals(m.entriesDigest())) {
      return result(m, count, fail(previousSeq, Kind.MANIFEST_MISMATCH, m.entriesDigest().hex(), d.hex(),
          "the digest of the exported entry hashes differs from the manifest's"));
    }
    return result(m, count, null);
  }

  private static Line decode(byte[] bytes, ExportManifest m, long position) {
    Line l = new Line();
    try {
      if (!(Jcs.parse(bytes) instanceof Map<?, ?> line) || !LINE_MEMBERS.containsAll(line.keySet())
          || !(line.get("entry") instanceof Map<?, ?> entry)
          || !(line.get("entry_hash") instanceof String claimed)) {
        throw new IllegalArgumentException(
            "not {\"entry\":{...},\"entry_hash\":\"...\"[,\"proof\":[...]][,\"side_record\":{...}]}");
      }
      if (!entry.keySet().equals(ENTRY_MEMBERS)) {
        throw new IllegalArgumentException("the entry does not have exactly the members " + ENTRY_MEMBERS);
      }
      byte[] canonical = Jcs.canonicalize(entry);
      EntryCodec.Header h = EntryCodec.parse(canonical);
      l.seq = h.seq();
      l.eventType = h.eventType();
      l.timestamp = h.timestamp();
      l.previousHash = h.previousHash();
      l.hash = Commitments.hex(Commitments.sha256().digest(canonical));
      if (!("entry_" + h.seq()).equals(entry.get("entry_id"))) {
        throw new IllegalArgumentException("entry_id is not entry_" + h.seq());
      }
      if (!claimed.equals(l.hash)) {
        l.problemKind = Kind.HASH_MISMATCH;
        l.problem = "entry " + h.seq() + " hashes to " + l.hash + ", the line says " + claimed;
        return l;
      }
      Object side = line.get("side_record");
      if (side != null) {
        SideRecords.Problem p = SideRecords.check(EntryCodec.payload(canonical, h), Jcs.canonicalize(side));
        if (p != null) {
          l.problemKind = Kind.SIDE_RECORD_MISMATCH;
          l.problem = "the side record of entry " + h.seq() + " does not open its commitments: " + p.message();
          return l;
        }
      }
      Object proof = line.get("proof");
      if (proof != null) {
        if (!(proof instanceof List<?> path)) {
          throw new IllegalArgumentException("proof is not a list of hashes");
        }
        List<Hash> hashes = new ArrayList<>(path.size());
        for (Object o : path) {
          hashes.add(Hash.fromHex(String.valueOf(o)));
        }
        l.hasProof = true;
        l.proofOk = h.seq() < m.treeSize()
            && included(l.hash, new InclusionProof(h.seq(), m.treeSize(), hashes), m.rootHash());
      }
    } catch (IllegalArgumentException e) {
      l.problemKind = Kind.MALFORMED_ENTRY;
      l.problem = e.getMessage();
    }
    return l;
  }

  /** The scope's filters as the verifier checks them. */
  private record Scope(@Nullable Set<String> eventTypes, @Nullable String from, @Nullable String to) {
    static Scope of(Map<String, Object> scope) {
      Set<String> types = null;
      if (scope.get("event_types") instanceof List<?> list) {
        types = new HashSet<>();
        for (Object o : list) {
          types.add(String.valueOf(o));
        }
      } else if (scope.containsKey("event_types")) {
        throw new IllegalArgumentException("event_types is not a list");
      }
      return new Scope(types, bound(scope, "from"), bound(scope, "to"));
    }

    private static @Nullable String bound(Map<String, Object> scope, String member) {
      Object v = scope.get(member);
      if (v == null) {
        return null;
      }
      if (!(v instanceof String s) || !Timestamps.isValid(s)) {
        throw new IllegalArgumentException(member + " is not a ledger timestamp");
      }
      return s;
    }

    @Nullable String outside(String eventType, String timestamp) {
      if (eventTypes != null && !eventTypes.contains(eventType)) {
        return "event type " + eventType + " is not among " + eventTypes;
      }
      if (from != null && timestamp.compareTo(from) < 0) {
        return "timestamp " + timestamp + " is before " + from;
      }
      if (to != null && timestamp.compareTo(to) >= 0) {
        return "timestamp " + timestamp + " is not before " + to;
      }
      return null;
    }
  }

  private static VerificationResult result(ExportManifest m, long verified, @Nullable VerificationFailure f) {
    return new VerificationResult(m.first() != null ? m.first().seq() : 0, verified, 1, m.treeSize(),
        m.rootHash(), m.headHash(), f);
  }

  private static VerificationFailure fail(long seq, Kind kind, @Nullable String expected,
      @Nullable String actual, String message) {
    return new VerificationFailure(seq, kind, expected, actual, message);
  }
}

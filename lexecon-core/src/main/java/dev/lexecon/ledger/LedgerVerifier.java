package dev.lexecon.ledger;

import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.VerificationFailure;
import dev.lexecon.api.ledger.VerificationFailure.Kind;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.json.Jcs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a ledger without a {@code Lexecon} instance, the application, or anything it says: an
 * export file written by {@link Ledger#export}, or a {@link LedgerStorage} opened directly.
 *
 * <p>It checks everything {@link Ledger#verify()} checks (every entry hash and link, sequence
 * numbers, side records against commitments, every checkpoint entry's signature and root), and for
 * an export also the file's own checkpoint: the entries must reproduce its root at its tree size.
 *
 * <p><b>Trust.</b> Checkpoint entries inside a ledger are checked against the checkpoint keys the
 * ledger itself announces (its genesis entry and {@code key_rotated} entries before them). That
 * proves the ledger consistent, but a forger who rewrites a whole ledger can announce a key of his
 * own. Pin the keys you trust with {@link #trusting}: then the <em>last</em> checkpoint (the
 * export's, or the storage's last checkpoint entry) must be signed by one of them, and because a
 * checkpoint commits to every entry before it, that anchors the whole ledger.
 *
 * <p>Immutable and thread-safe; {@link #trusting} returns a new verifier.
 *
 * @since 0.1
 */
public final class LedgerVerifier {
  private final List<NoteVerifier> trusted;

  private LedgerVerifier(List<NoteVerifier> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /** A verifier that accepts the checkpoint keys a ledger announces itself. */
  public static LedgerVerifier create() {
    return new LedgerVerifier(List.of());
  }

  /** A verifier that also requires the last checkpoint to be signed by one of {@code keys}. */
  public LedgerVerifier trusting(NoteVerifier... keys) {
    return trusting(Arrays.asList(keys));
  }

  /** A verifier that also requires the last checkpoint to be signed by one of {@code keys}. */
  public LedgerVerifier trusting(Collection<NoteVerifier> keys) {
    List<NoteVerifier> all = new ArrayList<>(trusted);
    for (NoteVerifier k : keys) {
      all.add(Objects.requireNonNull(k, "key"));
    }
    return new LedgerVerifier(all);
  }

  /**
   * Returns whether {@code proof} shows that the entry whose {@code entry_hash} is {@code
   * entryHash} (64 hex digits) is in the tree with root {@code root}: the RFC 9162 leaf is the 32
   * bytes of the entry hash.
   */
  public static boolean verifyInclusion(String entryHash, InclusionProof proof, Hash root) {
    Hash leaf = MerkleTree.hashLeaf(Hash.fromHex(entryHash).bytes());
    return MerkleProofs.verifyInclusion(leaf, proof, root);
  }

  /** Returns whether {@code proof} shows that {@code entry} is in the tree with root {@code root}. */
  public static boolean verifyInclusion(LedgerEntry entry, InclusionProof proof, Hash root) {
    return proof.leafIndex() == entry.seq() && verifyInclusion(entry.entryHash(), proof, root);
  }

  /** Verifies every entry of a storage, in one streaming pass. */
  public VerificationResult verify(LedgerStorage storage) {
    Objects.requireNonNull(storage, "storage");
    ChainVerifier.Outcome o = new ChainVerifier(storage::read, new ChainVerifier.State(), null).run();
    VerificationResult r = o.result();
    if (!r.valid() || trusted.isEmpty()) {
      return r;
    }
    SignedNote last = o.lastCheckpointNote();
    long at = o.lastCheckpoint() == null ? r.treeSize() : o.lastCheckpoint().next;
    if (last == null || !last.verify(trusted).accepted()) {
      return withFailure(r, new VerificationFailure(at, Kind.BAD_CHECKPOINT_SIGNATURE,
          "signed by a trusted key", last == null ? "no checkpoint" : signers(last),
          last == null ? "the ledger has no checkpoint a trusted key could have signed"
              : "the last checkpoint (seq " + at + ") is not signed by a trusted key"));
    }
    return r;
  }

  /**
   * Verifies an export file.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public VerificationResult verifyExport(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return verifyExport(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ledger export " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Verifies an export read from {@code in}, which is not closed.
   *
   * @throws UncheckedIOException if reading fails
   */
  public VerificationResult verifyExport(InputStream in) {
    Objects.requireNonNull(in, "in");
    LineReader reader = new LineReader(in);
    Header header;
    try {
      header = Header.read(reader.next());
    } catch (IllegalArgumentException | MalformedNoteException e) {
      return new VerificationResult(0, 0, 0, 0, MerkleTree.emptyRoot(), null,
          new VerificationFailure(0, Kind.MALFORMED_ENTRY, null, null,
              "the export header is malformed: " + e.getMessage()));
    }
    ExportSource source = new ExportSource(reader);
    ChainVerifier.Outcome o =
        new ChainVerifier(
                source,
                new ChainVerifier.State(),
                new ChainVerifier.Expectation(header.treeSize, header.checkpoint.rootHash(), null))
            .run();
    VerificationResult r = o.result();
    if (!r.valid()) {
      return r;
    }
    long at = header.treeSize;
    if (!header.ledgerId.equals(o.end().ledgerId)) {
      return withFailure(r, new VerificationFailure(at, Kind.CHECKPOINT_MISMATCH, o.end().ledgerId,
          header.ledgerId, "the export names ledger " + header.ledgerId + ", its genesis entry "
              + o.end().ledgerId));
    }
    if (!header.checkpoint.origin().equals(o.end().origin)) {
      return withFailure(r, new VerificationFailure(at, Kind.CHECKPOINT_MISMATCH, o.end().origin,
          header.checkpoint.origin(), "the export's checkpoint names origin "
              + header.checkpoint.origin() + ", the ledger's is " + o.end().origin));
    }
    Collection<NoteVerifier> keys = trusted.isEmpty() ? o.end().keys : trusted;
    SignedNote.Verification v;
    try {
      v = header.note.verify(keys);
    } catch (IllegalArgumentException e) {
      v = new SignedNote.Verification(List.of(), List.of(), header.note.signatures());
    }
    if (!v.accepted() || !v.isVerifiedBy(header.key)) {
      return withFailure(r, new VerificationFailure(at, Kind.BAD_CHECKPOINT_SIGNATURE,
          trusted.isEmpty() ? "signed by a checkpoint key the ledger announces"
              : "signed by a trusted key",
          signers(header.note),
          "the export's checkpoint (tree size " + at + ") is not signed by "
              + (trusted.isEmpty() ? "a checkpoint key the ledger announces" : "a trusted key")));
    }
    return r;
  }

  /**
   * Verifies an audit-export manifest on its own: the checkpoint it carries is signed for exactly
   * its tree size and root by its checkpoint key, which must be a pinned key (or, without pinned
   * keys, one of the manifest's public keys); the manifest's own signature covers every member; the
   * inclusion proofs of the head and of the first and last exported entries lead to the signed
   * root; and counts and range agree. It says nothing about entries the manifest does not prove:
   * check those with {@link #verifyAuditExport}.
   */
  public VerificationResult verifyManifest(ExportManifest manifest) {
    Objects.requireNonNull(manifest, "manifest");
    return AuditExportCheck.manifest(manifest, trusted);
  }

  /**
   * Finds the manifest in an audit export of any format (JSON Lines, CSV, Markdown, HTML) and
   * verifies it as {@link #verifyManifest} does.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public VerificationResult verifyAuditManifest(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return verifyAuditManifest(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit export " + file + ": " + e.getMessage(), e);
    }
  }

  /** Verifies the manifest found in {@code in}, which is not closed; see {@link #verifyAuditManifest(Path)}. */
  public VerificationResult verifyAuditManifest(InputStream in) {
    Objects.requireNonNull(in, "in");
    ExportManifest m;
    try {
      m = AuditExportCheck.extract(in);
    } catch (IllegalArgumentException | MalformedNoteException e) {
      return new VerificationResult(0, 0, 0, 0, MerkleTree.emptyRoot(), null,
          new VerificationFailure(0, Kind.MALFORMED_ENTRY, null, null,
              "no readable audit-export manifest: " + e.getMessage()));
    }
    return verifyManifest(m);
  }

  /**
   * Verifies an audit export of any format, with nothing but the file and the pinned keys: its
   * manifest as {@link #verifyManifest} does, then every entry line the file carries (JSON Lines:
   * its lines; CSV, Markdown and HTML reports: the entry lines embedded in them, see {@code
   * docs/export-format.md} §8). It re-canonicalizes and hashes each entry, checks that the entries are the ones the
   * manifest counts, proves and digests (first and last, counts per event type, digest of their
   * hashes, all within the scope), that consecutive entries link by {@code previous_hash} (a
   * contiguous export, whose last entry's proof then anchors every one before it) or that each
   * carries an inclusion proof to the signed root (a filtered export), and that side records open
   * their commitments. That a report's tables and chart say what these entries say is {@code
   * AuditReportVerifier}'s check.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public VerificationResult verifyAuditExport(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return verifyAuditExport(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit export " + file + ": " + e.getMessage(), e);
    }
  }

  /** Verifies an audit export of any format read from {@code in}, which is not closed. */
  public VerificationResult verifyAuditExport(InputStream in) {
    Objects.requireNonNull(in, "in");
    return AuditExportCheck.export(in, trusted);
  }

  private static String signers(SignedNote note) {
    return "signatures by " + note.signatures().stream()
        .map(s -> s.keyName() + "+" + String.format("%08x", s.keyHash())).toList();
  }

  private static VerificationResult withFailure(VerificationResult r, VerificationFailure f) {
    return new VerificationResult(r.fromSeq(), r.entriesVerified(), r.checkpointsVerified(),
        r.treeSize(), r.rootHash(), r.headHash(), f);
  }

  /** The export's first line. */
  private record Header(
      long treeSize, String ledgerId, SignedNote note, Checkpoint checkpoint, NoteVerifier key) {
    private static final Set<String> MEMBERS = Set.of("format", "format_version", "ledger_id",
        "origin", "tree_size", "root_hash", "checkpoint", "checkpoint_key");

    static Header read(byte @Nullable [] line) {
      if (line == null) {
        throw new IllegalArgumentException("the file is empty");
      }
      if (!(Jcs.parse(line) instanceof Map<?, ?> h) || !h.keySet().equals(MEMBERS)) {
        throw new IllegalArgumentException("it is not an object with members " + MEMBERS);
      }
      if (!LedgerExport.FORMAT.equals(h.get("format"))
          || !Long.valueOf(LedgerExport.FORMAT_VERSION).equals(h.get("format_version"))) {
        throw new IllegalArgumentException("it is not a " + LedgerExport.FORMAT + " version "
            + LedgerExport.FORMAT_VERSION + " file");
      }
      if (!(h.get("tree_size") instanceof Long size) || size < 0) {
        throw new IllegalArgumentException("tree_size is not a non-negative integer");
      }
      SignedNote note = SignedNote.parse(LedgerEvents.string(h, "checkpoint"));
      Checkpoint cp = Checkpoint.parse(note.text());
      if (cp.treeSize() != size
          || !cp.rootHash().hex().equals(h.get("root_hash"))
          || !cp.origin().equals(h.get("origin"))) {
        throw new IllegalArgumentException(
            "tree_size, root_hash or origin disagree with the checkpoint");
      }
      NoteVerifier key = NoteVerifier.parse(LedgerEvents.string(h, "checkpoint_key"));
      return new Header(size, LedgerEvents.string(h, "ledger_id"), note, cp, key);
    }
  }

  /**
   * Splits a stream into lines at {@code \n} bytes, without decoding: each line is parsed as
   * UTF-8 JSON on its own, so a malformed byte is reported at its own line, not wherever a
   * decoder's read-ahead happens to meet it.
   */
  static final class LineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;

    LineReader(InputStream in) {
      this.in = in;
    }

    /** The next line without its newline, or null at the end. */
    byte @Nullable [] next() {
      java.io.ByteArrayOutputStream line = null;
      while (true) {
        if (pos == limit) {
          if (eof || !fill()) {
            return line == null ? null : line.toByteArray();
          }
        }
        int start = pos;
        while (pos < limit && buffer[pos] != '\n') {
          pos++;
        }
        if (line == null) {
          line = new java.io.ByteArrayOutputStream(Math.max(64, pos - start));
        }
        line.write(buffer, start, pos - start);
        if (pos < limit) {
          pos++; // the newline
          return line.toByteArray();
        }
      }
    }

    private boolean fill() {
      try {
        int n = in.read(buffer);
        if (n <= 0) {
          eof = true;
          return false;
        }
        pos = 0;
        limit = n;
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the ledger export: " + e.getMessage(), e);
      }
    }
  }

  /** Export lines as records, decoded in parallel a window at a time. */
  private static final class ExportSource implements ChainVerifier.Source {
    private static final Set<String> MEMBERS = Set.of("entry", "entry_hash", "side_record");
    private final LineReader reader;
    private final Map<Long, String> problems = new ConcurrentHashMap<>();
    private long position;
    private boolean ended;

    ExportSource(LineReader reader) {
      this.reader = reader;
    }

    @Override
    public List<LedgerRecord> read(long from, int max) {
      if (from != position) {
        throw new IllegalStateException("an export is read in order");
      }
      List<byte[]> lines = new ArrayList<>(Math.min(max, 4096));
      while (!ended && lines.size() < max) {
        byte[] line = reader.next();
        if (line == null) {
          ended = true;
        } else {
          lines.add(line);
        }
      }
      LedgerRecord[] out = new LedgerRecord[lines.size()];
      IntStream.range(0, out.length).parallel()
          .forEach(i -> out[i] = decode(lines.get(i), from + i));
      position += out.length;
      return Arrays.asList(out);
    }

    @Override
    public @Nullable String problem(long position) {
      return problems.get(position);
    }

    @Override
    public int readers() {
      return 1; // a stream is read in order; its lines are decoded on all cores instead
    }

    private LedgerRecord decode(byte[] line, long position) {
      try {
        if (!(Jcs.parse(line) instanceof Map<?, ?> m) || !MEMBERS.containsAll(m.keySet())
            || !(m.get("entry") instanceof Map<?, ?> entry)
            || !(m.get("entry_hash") instanceof String hash)) {
          throw new IllegalArgumentException(
              "the line is not {\"entry\":{...},\"entry_hash\":\"...\"[,\"side_record\":{...}]}");
        }
        Object side = m.get("side_record");
        if (side != null && !(side instanceof Map)) {
          throw new IllegalArgumentException("side_record is not an object");
        }
        long seq = entry.get("seq") instanceof Long s && s >= 0 ? s : position;
        return new LedgerRecord(
            seq,
            entry.get("event_type") instanceof String t ? t : "",
            entry.get("timestamp") instanceof String ts ? ts : "",
            entry.get("previous_hash") instanceof String p ? p : "",
            hash,
            Jcs.canonicalize(entry),
            side == null ? null : Jcs.canonicalize(side));
      } catch (IllegalArgumentException e) {
        problems.putIfAbsent(position, "line " + (position + 2) + " of the export: " + e.getMessage());
        return new LedgerRecord(position, "", "", "", "", line, null);
      }
    }
  }
}

package dev.lexecon.evidence;

import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.evidence.ArtifactType;
import dev.lexecon.api.evidence.ArtifactVerification;
import dev.lexecon.api.evidence.BlobStore;
import dev.lexecon.api.evidence.EvidenceArtifact;
import dev.lexecon.api.evidence.EvidenceStoreException;
import dev.lexecon.api.evidence.NewArtifact;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.compliance.ControlCatalog;
import dev.lexecon.internal.Rfc3339;
import dev.lexecon.json.Jcs;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.MalformedNoteException;
import dev.lexecon.ledger.NoteVerifier;
import dev.lexecon.ledger.SignedNote;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Registers evidence artifacts in the ledger and verifies them.
 *
 * <p>{@link #register} stores the content in the {@link BlobStore} (which names it by its
 * SHA-256), signs a statement about it with the ledger's checkpoint key, and appends one {@code
 * evidence} entry holding the statement and the signature:
 *
 * <pre>{@code
 * {"artifact_id":"art_<hex>","artifact_type":"compliance_document","content_hash":"sha256:<hex>",
 *  "size":1234,"media_type":"application/pdf","decision_ids":[...],"control_keys":["GDPR:Art. 35"],
 *  "metadata":{"title":"DPIA"},"registered_at":"<timestamp>","ledger_id":"ledger_...",
 *  "signature":{"key":"<C2SP verifier key>","note":"<signed note>"}}
 * }</pre>
 *
 * The signed note's text is {@code lexecon.dev/evidence/v1}, the artifact id and the SHA-256 of the
 * RFC 8785 form of every other member, one per line; any C2SP signed-note tool checks it. {@link
 * #verify} re-hashes the stored content and checks the signature with the recorded key, which must
 * be one the ledger announces.
 *
 * <p>Thread-safe. Registering content that is already registered returns the existing artifact when
 * everything else is equal too, and is refused otherwise: an artifact's links are fixed when it is
 * registered.
 *
 * @since 0.1
 */
public final class EvidenceRegistry {
  /** The first line of every evidence statement note. */
  static final String STATEMENT_ORIGIN = "lexecon.dev/evidence/v1";

  private final LedgerEngine ledger;
  private final BlobStore store;
  private final Clock clock;
  private final ControlCatalog catalog;
  private final ReentrantLock registerLock = new ReentrantLock();

  private EvidenceRegistry(LedgerEngine ledger, BlobStore store, Clock clock, ControlCatalog catalog) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * A registry over {@code ledger} that keeps content in {@code store}, timestamps with {@code
   * clock} and checks control keys against the bundled catalog. {@code Lexecon.evidence()} is one.
   */
  public static EvidenceRegistry create(LedgerEngine ledger, BlobStore store, Clock clock) {
    return new EvidenceRegistry(ledger, store, clock, ControlCatalog.bundled());
  }

  /** The store the content is kept in. */
  public BlobStore store() {
    return store;
  }

  /**
   * Registers an artifact: stores its content, then records it, signed, in one {@code evidence}
   * ledger entry.
   *
   * @throws IllegalArgumentException if a control key names no control in the catalog
   * @throws IllegalStateException if the same content is already registered with other links,
   *     type, media type or metadata
   * @throws EvidenceStoreException if the content could not be stored; nothing was recorded
   * @throws UncheckedIOException if a content file cannot be read
   */
  public EvidenceArtifact register(NewArtifact artifact) {
    Objects.requireNonNull(artifact, "artifact");
    for (String key : artifact.controlKeys()) {
      checkControl(key);
    }
    long[] size = {0};
    Hash hash;
    try (InputStream content = artifact.openContent()) {
      hash = store.put(new FilterInputStream(content) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            size[0]++;
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = super.read(buffer, offset, length);
          if (n > 0) {
            size[0] += n;
          }
          return n;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact content: " + e.getMessage(), e);
    }
    String id = EvidenceArtifact.idOf(hash);
    registerLock.lock();
    try {
      Optional<EvidenceArtifact> existing = artifact(id);
      if (existing.isPresent()) {
        EvidenceArtifact a = existing.get();
        if (a.type() == artifact.type() && a.mediaType().equals(artifact.mediaType())
            && a.decisionIds().equals(artifact.decisionIds())
            && a.controlKeys().equals(artifact.controlKeys())
            && a.metadata().equals(artifact.metadata())) {
          return a;
        }
        throw new IllegalStateException("artifact " + id + " is already registered (" + a.entryId()
            + ") with other links, type or metadata; an artifact's links are fixed at registration");
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      Map<String, Object> statement = new LinkedHashMap<>();
      statement.put("artifact_id", id);
      statement.put("artifact_type", artifact.type().jsonName());
      statement.put("content_hash", "sha256:" + hash.hex());
      statement.put("size", size[0]);
      statement.put("media_type", artifact.mediaType());
      statement.put("decision_ids", artifact.decisionIds());
      statement.put("control_keys", artifact.controlKeys());
      statement.put("metadata", artifact.metadata());
      statement.put("registered_at", Rfc3339.micros(now));
      statement.put("ledger_id", ledger.ledgerId());
      SignedNote note = ledger.signNote(statementText(id, statement));
      Map<String, Object> payload = new LinkedHashMap<>(statement);
      payload.put("signature", Map.of("key", ledger.checkpointKey().encoded(), "note", note.encoded()));
      LedgerEntry entry = ledger.append(EventType.EVIDENCE, payload, now);
      return read(entry).orElseThrow();
    } finally {
      registerLock.unlock();
    }
  }

  private void checkControl(String key) {
    int colon = key.indexOf(':');
    ComplianceFramework framework;
    try {
      framework = ComplianceFramework.valueOf(key.substring(0, Math.max(colon, 0)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("control key '" + key + "' names no framework of "
          + List.of(ComplianceFramework.values()));
    }
    if (catalog.control(framework, key.substring(colon + 1)).isEmpty()) {
      throw new IllegalArgumentException("control key '" + key + "' names no control in catalog "
          + catalog.version());
    }
  }

  /** The registered artifact with this id, if any. */
  public Optional<EvidenceArtifact> artifact(String artifactId) {
    Objects.requireNonNull(artifactId, "artifactId");
    List<EvidenceArtifact> found = find(a -> a.id().equals(artifactId), 1);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * Checks that every id names a registered artifact, reading the evidence entries at most once
   * (it stops when the last one is found); for human operations that link evidence, not hot paths.
   *
   * @throws IllegalArgumentException naming every id no registered artifact has
   */
  public void requireRegistered(Collection<String> artifactIds) {
    Set<String> missing = new LinkedHashSet<>(artifactIds);
    if (!missing.isEmpty()) {
      // find stops at its first match, which is the artifact that removes the last missing id
      find(a -> missing.remove(a.id()) && missing.isEmpty(), 1);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no evidence artifact registered as " + missing
          + "; register it with Lexecon.evidence() first");
    }
  }

  /** Every registered artifact, in registration order. */
  public List<EvidenceArtifact> artifacts() {
    return find(a -> true, Integer.MAX_VALUE);
  }

  /** The artifacts linked to {@code decisionId}, in registration order. */
  public List<EvidenceArtifact> forDecision(String decisionId) {
    Objects.requireNonNull(decisionId, "decisionId");
    return find(a -> a.decisionIds().contains(decisionId), Integer.MAX_VALUE);
  }

  /** The artifacts linked to the control with key {@code controlKey}, in registration order. */
  public List<EvidenceArtifact> forControl(String controlKey) {
    Objects.requireNonNull(controlKey, "controlKey");
    return find(a -> a.controlKeys().contains(controlKey), Integer.MAX_VALUE);
  }

  /**
   * Opens the content of an artifact, or returns empty when the store no longer holds it. The caller
   * closes the stream.
   */
  public Optional<InputStream> content(String artifactId) {
    EvidenceArtifact a = artifact(artifactId).orElse(null);
    return a == null ? Optional.empty() : store.open(a.contentHash());
  }

  /**
   * Re-hashes the artifact's content from the store and checks its ledger entry's signature.
   *
   * @throws IllegalArgumentException if no artifact with this id is registered
   * @throws EvidenceStoreException if the store fails (a missing blob is a finding, not a failure)
   */
  public ArtifactVerification verify(String artifactId) {
    Objects.requireNonNull(artifactId, "artifactId");
    LedgerEntry entry = findEntry(artifactId);
    EvidenceArtifact a = read(entry).orElseThrow();
    Hash actual = null;
    Optional<InputStream> content = store.open(a.contentHash());
    if (content.isPresent()) {
      try (InputStream in = content.get()) {
        actual = Sha256.of(in);
      } catch (IOException e) {
        throw new EvidenceStoreException(
            "cannot read evidence blob " + a.contentHash() + ": " + e.getMessage(), e);
      }
    }
    boolean matches = a.contentHash().equals(actual);
    String signatureProblem = signatureProblem(entry);
    boolean signed = signatureProblem == null;
    String message;
    if (actual == null) {
      message = "the content of " + artifactId + " is missing from the evidence store";
    } else if (!matches) {
      message = "the stored content of " + artifactId + " hashes to " + actual.hex()
          + ", not to the recorded " + a.contentHash().hex();
    } else {
      message = "the stored content matches the recorded hash";
    }
    message += signed ? "; the signature is valid" : "; " + signatureProblem;
    return new ArtifactVerification(artifactId, entry.entryId(), a.contentHash(), actual, matches,
        signed, message);
  }

  private @Nullable String signatureProblem(LedgerEntry entry) {
    Map<String, @Nullable Object> payload = entry.payload();
    if (!(payload.get("signature") instanceof Map<?, ?> sig)
        || !(sig.get("key") instanceof String keyText)
        || !(sig.get("note") instanceof String noteText)) {
      return "the entry carries no signature";
    }
    NoteVerifier key;
    SignedNote note;
    try {
      key = NoteVerifier.parse(keyText);
      note = SignedNote.parse(noteText);
    } catch (IllegalArgumentException | MalformedNoteException e) {
      return "the signature is malformed: " + e.getMessage();
    }
    if (!ledger.checkpointKeys().contains(key)) {
      return "the signing key " + key.name() + " is not a key the ledger announces";
    }
    Map<String, @Nullable Object> statement = new LinkedHashMap<>(payload);
    statement.remove("signature");
    String expected = statementText(String.valueOf(payload.get("artifact_id")), statement);
    if (!note.text().equals(expected)) {
      return "the signed statement does not match the recorded artifact";
    }
    if (!note.verify(key).isVerifiedBy(key)) {
      return "the signature does not verify with the recorded key";
    }
    return null;
  }

  /** The text of the signed note: origin line, artifact id, hash of the statement's JCS form. */
  static String statementText(String artifactId, Map<String, ?> statement) {
    return STATEMENT_ORIGIN + "\n" + artifactId + "\n" + Jcs.sha256Hex(statement) + "\n";
  }

  private LedgerEntry findEntry(String artifactId) {
    for (long offset = 0; ; offset += 256) {
      List<LedgerEntry> page = ledger.entries(EventType.EVIDENCE, offset, 256);
      for (LedgerEntry e : page) {
        if (artifactId.equals(e.payload().get("artifact_id"))) {
          return e;
        }
      }
      if (page.size() < 256) {
        throw new IllegalArgumentException("no evidence artifact " + artifactId + " is registered");
      }
    }
  }

  private List<EvidenceArtifact> find(Predicate<EvidenceArtifact> filter, int max) {
    List<EvidenceArtifact> out = new ArrayList<>();
    for (long offset = 0; ; offset += 256) {
      List<LedgerEntry> page = ledger.entries(EventType.EVIDENCE, offset, 256);
      for (LedgerEntry e : page) {
        Optional<EvidenceArtifact> a = read(e);
        if (a.isPresent() && filter.test(a.get())) {
          out.add(a.get());
          if (out.size() >= max) {
            return out;
          }
        }
      }
      if (page.size() < 256) {
        return out;
      }
    }
  }

  /** The artifact an evidence entry records, or empty for an entry of another shape. */
  static Optional<EvidenceArtifact> read(LedgerEntry e) {
    Map<String, @Nullable Object> p = e.payload();
    try {
      if (!(p.get("artifact_id") instanceof String id)
          || !(p.get("artifact_type") instanceof String type)
          || !(p.get("content_hash") instanceof String hash) || !hash.startsWith("sha256:")
          || !(p.get("size") instanceof Long size)
          || !(p.get("media_type") instanceof String mediaType)
          || !(p.get("decision_ids") instanceof List<?> decisions)
          || !(p.get("control_keys") instanceof List<?> controls)
          || !(p.get("metadata") instanceof Map<?, ?> metadata)
          || !(p.get("signature") instanceof Map<?, ?> sig)
          || !(sig.get("key") instanceof String key)) {
        return Optional.empty();
      }
      Optional<ArtifactType> artifactType = ArtifactType.fromJsonName(type);
      if (artifactType.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> meta = new LinkedHashMap<>();
      metadata.forEach((k, v) -> meta.put(String.valueOf(k), String.valueOf(v)));
      return Optional.of(new EvidenceArtifact(id, artifactType.get(),
          Hash.fromHex(hash.substring("sha256:".length())), size, mediaType,
          decisions.stream().map(String::valueOf).toList(),
          controls.stream().map(String::valueOf).toList(), meta, e.timestamp(), e.entryId(), key));
    } catch (IllegalArgumentException ex) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "EvidenceRegistry[" + store + "]";
  }
}

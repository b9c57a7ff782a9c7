package dev.lexecon.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.evidence.ArtifactType;
import dev.lexecon.api.evidence.ArtifactVerification;
import dev.lexecon.api.evidence.EvidenceArtifact;
import dev.lexecon.api.evidence.NewArtifact;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.json.Jcs;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.ledger.SignedNote;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Evidence artifacts")
class EvidenceRegistryTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00.123456789Z"), ZoneOffset.UTC);
  static final byte[] DPIA = "DPIA for the support agent, version 3".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  LedgerEngine ledger;
  FileSystemBlobStore store;
  EvidenceRegistry registry;

  @BeforeEach
  void open() {
    ledger = LedgerEngine.builder(new InMemoryLedgerStorage()).clock(CLOCK)
        .checkpointInterval(Duration.ZERO).build();
    store = FileSystemBlobStore.open(dir.resolve("evidence"));
    registry = EvidenceRegistry.create(ledger, store, CLOCK);
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static NewArtifact dpia() {
    return NewArtifact.builder(ArtifactType.COMPLIANCE_DOCUMENT).content(DPIA)
        .mediaType("text/plain").decisions("dec_2", "dec_1").controls("GDPR:Art. 35", "EU_AI_ACT:Art. 11")
        .metadata("title", "DPIA support agent").metadata("version", "3").build();
  }

  @Test
  @DisplayName("a registered artifact is named art_<sha256 of its content> and recorded, signed, in one evidence entry")
  void registerRecordsOneSignedEntry() throws Exception {
    long before = ledger.size();
    EvidenceArtifact a = registry.register(dpia());

    assertThat(a.id()).isEqualTo("art_" + sha256(DPIA));
    assertThat(a.contentHash().hex()).isEqualTo(sha256(DPIA));
    assertThat(a.size()).isEqualTo(DPIA.length);
    assertThat(a.type()).isEqualTo(ArtifactType.COMPLIANCE_DOCUMENT);
    assertThat(a.decisionIds()).containsExactly("dec_1", "dec_2");
    assertThat(a.controlKeys()).containsExactly("EU_AI_ACT:Art. 11", "GDPR:Art. 35");
    assertThat(a.metadata()).containsExactly(Map.entry("title", "DPIA support agent"), Map.entry("version", "3"));
    assertThat(a.registeredAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00.123456Z"));
    assertThat(a.signingKey()).isEqualTo(ledger.checkpointKey().encoded());
    assertThat(ledger.size()).isEqualTo(before + 1);

    LedgerEntry entry = ledger.entry(a.entryId()).orElseThrow();
    assertThat(entry.type()).isEqualTo(EventType.EVIDENCE);
    assertThat(entry.payload()).containsEntry("artifact_id", a.id())
        .containsEntry("content_hash", "sha256:" + sha256(DPIA))
        .containsEntry("registered_at", "2026-11-27T10:00:00.123456Z")
        .containsEntry("ledger_id", ledger.ledgerId());
    assertThat(entry.personalData()).isEmpty();
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  @DisplayName("the signature is a C2SP signed note over the statement that any note verifier checks with the ledger's key")
  void signatureIsAnIndependentlyCheckableNote() {
    EvidenceArtifact a = registry.register(dpia());
    Map<String, Object> payload = new LinkedHashMap<>(ledger.entry(a.entryId()).orElseThrow().payload());
    Map<?, ?> signature = (Map<?, ?>) payload.remove("signature");
    SignedNote note = SignedNote.parse((String) signature.get("note"));

    assertThat(note.text()).isEqualTo("lexecon.dev/evidence/v1\n" + a.id() + "\n" + Jcs.sha256Hex(payload) + "\n");
    assertThat(note.verify(ledger.checkpointKey()).isVerifiedBy(ledger.checkpointKey())).isTrue();
    assertThat(signature.get("key")).isEqualTo(ledger.checkpointKey().encoded());
  }

  @Test
  @DisplayName("verify reports a content-hash match and a valid signature for an untouched artifact")
  void verifyUntouched() {
    EvidenceArtifact a = registry.register(dpia());
    ArtifactVerification v = registry.verify(a.id());
    assertThat(v.valid()).isTrue();
    assertThat(v.contentPresent()).isTrue();
    assertThat(v.contentHashMatches()).isTrue();
    assertThat(v.signatureValid()).isTrue();
    assertThat(v.actualHash()).isEqualTo(a.contentHash());
    assertThat(v.entryId()).isEqualTo(a.entryId());
  }

  @Test
  @DisplayName("verify reports a mismatch when a byte of the stored content changes, and missing content when it is deleted")
  void verifyTamperedAndMissingContent() throws Exception {
    EvidenceArtifact a = registry.register(dpia());
    Path blob = store.pathOf(a.contentHash());
    byte[] bytes = Files.readAllBytes(blob);
    bytes[5] ^= 1;
    Files.write(blob, bytes);

    ArtifactVerification tampered = registry.verify(a.id());
    assertThat(tampered.valid()).isFalse();
    assertThat(tampered.contentHashMatches()).isFalse();
    assertThat(tampered.signatureValid()).isTrue();
    assertThat(tampered.actualHash()).isEqualTo(Hash.fromHex(sha256(bytes)));
    assertThat(tampered.message()).contains("hashes to " + sha256(bytes));

    assertThat(store.delete(a.contentHash())).isTrue();
    ArtifactVerification missing = registry.verify(a.id());
    assertThat(missing.contentPresent()).isFalse();
    assertThat(missing.valid()).isFalse();
    assertThat(missing.message()).contains("missing");
  }

  @Test
  @DisplayName("an evidence entry signed by a key the ledger never announced fails signature verification")
  void foreignKeyRejected() {
    EvidenceArtifact genuine = registry.register(dpia());
    Map<String, Object> forged = new LinkedHashMap<>(ledger.entry(genuine.entryId()).orElseThrow().payload());
    byte[] other = "another document".getBytes(StandardCharsets.UTF_8);
    Hash otherHash = store.put(new java.io.ByteArrayInputStream(other));
    forged.put("artifact_id", EvidenceArtifact.idOf(otherHash));
    forged.put("content_hash", "sha256:" + otherHash.hex());
    forged.put("size", (long) other.length);
    forged.remove("signature");
    NoteSigner mallory = NoteSigner.generate("mallory");
    String text = EvidenceRegistry.statementText(EvidenceArtifact.idOf(otherHash), forged);
    forged.put("signature", Map.of("key", mallory.verifier().encoded(),
        "note", SignedNote.sign(text, mallory).encoded()));
    ledger.append(EventType.EVIDENCE, forged);

    ArtifactVerification v = registry.verify(EvidenceArtifact.idOf(otherHash));
    assertThat(v.contentHashMatches()).isTrue();
    assertThat(v.signatureValid()).isFalse();
    assertThat(v.message()).contains("not a key the ledger announces");
  }

  @Test
  @DisplayName("a statement whose recorded members differ from what was signed fails signature verification")
  void alteredStatementRejected() {
    EvidenceArtifact genuine = registry.register(dpia());
    Map<String, Object> copy = new LinkedHashMap<>(ledger.entry(genuine.entryId()).orElseThrow().payload());
    byte[] other = "a different audit log".getBytes(StandardCharsets.UTF_8);
    Hash otherHash = store.put(new java.io.ByteArrayInputStream(other));
    copy.put("artifact_id", EvidenceArtifact.idOf(otherHash));
    copy.put("content_hash", "sha256:" + otherHash.hex());
    copy.put("size", (long) other.length);
    ledger.append(EventType.EVIDENCE, copy); // the genuine signature, over another statement

    ArtifactVerification v = registry.verify(EvidenceArtifact.idOf(otherHash));
    assertThat(v.signatureValid()).isFalse();
    assertThat(v.message()).contains("does not match the recorded artifact");
  }

  @Test
  @DisplayName("registering the same content again returns the artifact when nothing differs and is refused when its links differ")
  void reRegistration() {
    EvidenceArtifact first = registry.register(dpia());
    long size = ledger.size();
    assertThat(registry.register(dpia())).isEqualTo(first);
    assertThat(ledger.size()).isEqualTo(size);
    NewArtifact relinked = NewArtifact.builder(ArtifactType.COMPLIANCE_DOCUMENT).content(DPIA)
        .mediaType("text/plain").decisions("dec_3").build();
    assertThatThrownBy(() -> registry.register(relinked))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(first.id());
  }

  @Test
  @DisplayName("control keys are checked against the catalog: unknown frameworks and ids are refused before anything is stored")
  void unknownControlsRefused() {
    NewArtifact badFramework = NewArtifact.builder(ArtifactType.AUDIT_LOG).content(new byte[] {1})
        .controls("SOX:404").build();
    NewArtifact badId = NewArtifact.builder(ArtifactType.AUDIT_LOG).content(new byte[] {2})
        .controls("ISO_27001:A.12.4.1").build();
    assertThatThrownBy(() -> registry.register(badFramework))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no framework");
    assertThatThrownBy(() -> registry.register(badId))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no control");
    assertThat(registry.artifacts()).isEmpty();
    assertThatThrownBy(() -> NewArtifact.builder(ArtifactType.AUDIT_LOG).controls("no-colon"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("artifacts are found by id, decision and control, and their content reads back byte for byte")
  void queries() throws Exception {
    EvidenceArtifact a = registry.register(dpia());
    EvidenceArtifact log = registry.register(NewArtifact.builder(ArtifactType.AUDIT_LOG)
        .content("siem export".getBytes(StandardCharsets.UTF_8)).decisions("dec_1").build());
    assertThat(registry.artifacts()).containsExactly(a, log);
    assertThat(registry.forDecision("dec_1")).containsExactly(a, log);
    assertThat(registry.forDecision("dec_2")).containsExactly(a);
    assertThat(registry.forControl("GDPR:Art. 35")).containsExactly(a);
    assertThat(registry.artifact("art_" + "0".repeat(64))).isEmpty();
    try (InputStream in = registry.content(a.id()).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(DPIA);
    }
    assertThatThrownBy(() -> registry.verify("art_nothing")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("content given as a file is streamed into the store and hashed on the way")
  void contentFromFile() throws Exception {
    Path file = dir.resolve("big.bin");
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(7).nextBytes(big);
    Files.write(file, big);
    EvidenceArtifact a = registry.register(NewArtifact.builder(ArtifactType.AUDIT_LOG).contentFile(file).build());
    assertThat(a.id()).isEqualTo("art_" + sha256(big));
    assertThat(a.size()).isEqualTo(big.length);
    assertThat(Files.readAllBytes(store.pathOf(a.contentHash()))).isEqualTo(big);
    assertThat(registry.verify(a.id()).valid()).isTrue();
  }

  @Test
  @DisplayName("the registry over an engine reopened on the same storage still verifies artifacts signed by the earlier key")
  void verifiesAcrossReopen() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    LedgerEngine first = LedgerEngine.builder(storage).clock(CLOCK).checkpointInterval(Duration.ZERO).build();
    EvidenceArtifact a = EvidenceRegistry.create(first, store, CLOCK).register(dpia());
    first.flush();
    // a second engine on the same storage generates a new key and announces it
    LedgerEngine second = LedgerEngine.builder(new SharedStorage(storage)).clock(CLOCK)
        .checkpointInterval(Duration.ZERO).build();
    assertThat(second.checkpointKey()).isNotEqualTo(first.checkpointKey());
    assertThat(EvidenceRegistry.create(second, store, CLOCK).verify(a.id()).valid()).isTrue();
    assertThat(second.checkpointKeys()).contains(first.checkpointKey(), second.checkpointKey());
    second.close();
    first.close();
  }

  @Test
  @DisplayName("the file-system store names blobs by hash, stores equal content once and leaves no temporary files")
  void fileSystemLayout() throws Exception {
    Hash h1 = store.put(new java.io.ByteArrayInputStream(DPIA));
    Hash h2 = store.put(new java.io.ByteArrayInputStream(DPIA));
    assertThat(h1).isEqualTo(h2);
    assertThat(store.pathOf(h1)).isEqualTo(dir.resolve("evidence").toAbsolutePath()
        .resolve("sha256").resolve(h1.hex().substring(0, 2)).resolve(h1.hex()));
    assertThat(Files.readAllBytes(store.pathOf(h1))).isEqualTo(DPIA);
    try (var tmp = Files.list(dir.resolve("evidence").resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
    assertThat(store.contains(h1)).isTrue();
    assertThat(FileSystemBlobStore.open(dir.resolve("evidence")).open(h1)).isPresent();
    assertThat(store.delete(h1)).isTrue();
    assertThat(store.delete(h1)).isFalse();
    assertThat(store.open(h1)).isEmpty();
  }

  @Test
  @DisplayName("a failed read of the content stores nothing: no blob, no temporary file, no ledger entry")
  void failedPutLeavesNothing() throws Exception {
    long size = ledger.size();
    InputStream failing = new InputStream() {
      int n;

      @Override
      public int read() throws java.io.IOException {
        if (n++ > 1000) {
          throw new java.io.IOException("disk unplugged");
        }
        return 'x';
      }
    };
    assertThatThrownBy(() -> store.put(failing))
        .isInstanceOf(dev.lexecon.api.evidence.EvidenceStoreException.class).hasMessageContaining("disk unplugged");
    try (var tmp = Files.list(dir.resolve("evidence").resolve("tmp"));
        var blobs = Files.walk(dir.resolve("evidence").resolve("sha256"))) {
      assertThat(tmp).isEmpty();
      assertThat(blobs.filter(Files::isRegularFile)).isEmpty();
    }
    assertThat(ledger.size()).isEqualTo(size);
  }

  @Test
  @DisplayName("the in-memory store behaves like the file-system one")
  void inMemoryStore() {
    InMemoryBlobStore memory = new InMemoryBlobStore();
    EvidenceRegistry r = EvidenceRegistry.create(ledger, memory, CLOCK);
    EvidenceArtifact a = r.register(dpia());
    assertThat(r.verify(a.id()).valid()).isTrue();
    memory.tamper(a.contentHash(), "forged".getBytes(StandardCharsets.UTF_8));
    assertThat(r.verify(a.id()).contentHashMatches()).isFalse();
    assertThat(List.of(memory.delete(a.contentHash()), memory.contains(a.contentHash()))).containsExactly(true, false);
  }

  /** A second view of one in-memory storage whose close does not close the first. */
  static final class SharedStorage implements dev.lexecon.api.ledger.LedgerStorage {
    private final InMemoryLedgerStorage d;

    SharedStorage(InMemoryLedgerStorage d) {
      this.d = d;
    }

    @Override
    public void append(long expectedNextSeq, List<dev.lexecon.api.ledger.LedgerRecord> records) {
      d.append(expectedNextSeq, records);
    }

    @Override
    public java.util.Optional<dev.lexecon.api.ledger.LedgerRecord> head() {
      return d.head();
    }

    @Override
    public long size() {
      return d.size();
    }

    @Override
    public java.util.Optional<dev.lexecon.api.ledger.LedgerRecord> read(long seq) {
      return d.read(seq);
    }

    @Override
    public List<dev.lexecon.api.ledger.LedgerRecord> read(long fromSeq, int maxCount) {
      return d.read(fromSeq, maxCount);
    }

    @Override
    public void scan(long from, long to, java.util.function.Consumer<dev.lexecon.api.ledger.LedgerRecord> c) {
      d.scan(from, to, c);
    }

    @Override
    public List<dev.lexecon.api.ledger.LedgerRecord> findByType(String type, long offset, int limit) {
      return d.findByType(type, offset, limit);
    }

    @Override
    public boolean eraseSideRecord(long seq) {
      return d.eraseSideRecord(seq);
    }

    @Override
    public void close() {}
  }
}

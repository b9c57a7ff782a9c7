package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.export.ExportProgress;
import dev.lexecon.api.export.ExportRequest;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.api.export.ExportSummary;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.VerificationFailure.Kind;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.export.AuditReportVerifier;
import dev.lexecon.json.Jcs;
import dev.lexecon.ledger.ExportManifest;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audit exports of a real ledger in every format and scope, verified offline from the files alone
 * with a pinned key, and tampered with in every way a forger might try.
 */
@DisplayName("Audit export")
class ExportAuditTest {
  static final Instant Q_START = GovernedLedger.Q_START;
  static final Instant Q_END = GovernedLedger.Q_END;
  static final NoteSigner KEY = NoteSigner.generate("audit.example/ledger");

  @TempDir Path dir;
  MutableClock clock;
  Lexecon lexecon;
  List<Decision> decisions;
  LedgerVerifier pinned;

  @BeforeEach
  void open() {
    clock = MutableClock.startingAt(Q_START);
    lexecon = GovernedLedger.builder(clock).checkpointSigner(KEY).build();
    decisions = GovernedLedger.populate(lexecon, clock);
    clock.set(Q_START.plus(Duration.ofDays(70)));
    pinned = LedgerVerifier.create().trusting(KEY.verifier());
  }

  @AfterEach
  void close() {
    lexecon.close();
  }

  Map<ExportFormat, Path> files(ExportScope scope, ExportInclude... includes) {
    Set<ExportInclude> inc = includes.length == 0 ? Set.of() : EnumSet.copyOf(List.of(includes));
    return lexecon.compliance().exportFiles(dir, "audit", scope, inc, EnumSet.allOf(ExportFormat.class));
  }

  static String text(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  static List<String> lines(Path p) throws Exception {
    return Files.readAllLines(p, StandardCharsets.UTF_8);
  }

  static Path write(Path p, List<String> lines) throws Exception {
    Path out = p.resolveSibling("tampered-" + p.getFileName());
    Files.writeString(out, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExportFormat.class)
  @DisplayName("every format carries a signed manifest that verifies offline with the pinned key alone")
  void everyFormatsManifestVerifies(ExportFormat format) throws Exception {
    Path file = files(ExportScope.all()).get(format);
    VerificationResult r = pinned.verifyAuditManifest(file);
    assertThat(r.valid()).as("%s", r).isTrue();
    assertThat(r.treeSize()).isEqualTo(lexecon.ledger().size());
    ExportManifest m = ExportManifest.extract(Files.newInputStream(file));
    assertThat(m.exportFormat()).isEqualTo(format.jsonName());
    assertThat(m.entries()).isEqualTo(lexecon.ledger().size());
    assertThat(m.headHash()).isEqualTo(lexecon.ledger().head().orElseThrow().entryHash());
    assertThat(m.rootHash()).isEqualTo(lexecon.ledger().rootHash());
    assertThat(m.first().seq()).isZero();
    assertThat(m.last().seq()).isEqualTo(lexecon.ledger().size() - 1);
    assertThat(m.contiguous()).isTrue();
    assertThat(m.countsByEventType()).isEqualTo(lexecon.ledger().report().countsByEventType());
    assertThat(m.publicKeys()).contains(KEY.verifier());
    // a key nobody pinned does not verify it
    assertThat(LedgerVerifier.create().trusting(NoteSigner.generate("other").verifier())
        .verifyAuditManifest(file).firstFailure().orElseThrow().kind()).isEqualTo(Kind.BAD_CHECKPOINT_SIGNATURE);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ExportFormat.class, names = {"CSV", "MARKDOWN", "HTML"})
  @DisplayName("every report is exactly the rendering of the verified JSON Lines entries")
  void reportsMatchTheirEntries(ExportFormat format) throws Exception {
    Map<ExportFormat, Path> f = files(ExportScope.all(), ExportInclude.PAYLOADS);
    VerificationResult r = AuditReportVerifier.of(pinned).verify(f.get(format), f.get(ExportFormat.JSON));
    assertThat(r.valid()).as("%s", r).isTrue();
    assertThat(r.entriesVerified()).isEqualTo(lexecon.ledger().size());
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("formatsAndScopes")
  @DisplayName("every format, written alone to a stream, verifies offline with nothing but the file and the pinned key")
  void everyFormatVerifiesAlone(ExportFormat format, String scopeName) throws Exception {
    ExportScope scope = scopeName.equals("all") ? ExportScope.all()
        : ExportScope.custom(null, null, List.of("decision"));
    Set<ExportInclude> includes = scopeName.equals("all") ? Set.of()
        : EnumSet.of(ExportInclude.PERSONAL_DATA, ExportInclude.PAYLOADS);
    Path alone = Files.createDirectories(dir.resolve("alone-" + scopeName)).resolve("export." + format.fileExtension());
    ExportSummary s;
    try (var out = Files.newOutputStream(alone)) {
      s = lexecon.compliance().export(new ExportRequest(format, scope, includes), out);
    }
    try (var listing = Files.list(alone.getParent())) {
      assertThat(listing).containsExactly(alone); // no JSON Lines companion to lean on
    }
    VerificationResult entries = pinned.verifyAuditExport(alone);
    assertThat(entries.valid()).as("%s", entries).isTrue();
    assertThat(entries.entriesVerified()).isEqualTo(s.entries()).isPositive();
    VerificationResult report = AuditReportVerifier.of(pinned).verify(alone);
    assertThat(report.valid()).as("%s", report).isTrue();
    assertThat(report.entriesVerified()).isEqualTo(s.entries());
    // another key does not verify it
    assertThat(LedgerVerifier.create().trusting(NoteSigner.generate("other").verifier())
        .verifyAuditExport(alone).valid()).isFalse();
  }

  static Stream<Arguments> formatsAndScopes() {
    return Stream.of(ExportFormat.values()).flatMap(f -> Stream.of(Arguments.of(f, "all"),
        Arguments.of(f, "decisions with personal data")));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ExportFormat.class, names = {"CSV", "MARKDOWN", "HTML"})
  @DisplayName("a report whose embedded entries were changed, dropped or swapped fails on its own, saying where")
  void tamperEmbeddedEntries(ExportFormat format) throws Exception {
    Path report = files(ExportScope.all()).get(format);
    List<String> original = lines(report);
    String eol = format == ExportFormat.CSV ? "\r\n" : "\n";
    List<Integer> embedded = new ArrayList<>();
    for (int i = 0; i < original.size(); i++) {
      String l = original.get(i);
      if (format == ExportFormat.CSV ? l.startsWith("entry,") : l.startsWith("{\"entry\":")) {
        embedded.add(i);
      }
    }
    assertThat(embedded).hasSize((int) lexecon.ledger().size());
    int target = embedded.get(3);

    List<String> changed = new ArrayList<>(original);
    changed.set(target, original.get(target).replaceFirst("\"timestamp\":\"2026", "\"timestamp\":\"2025")
        .replaceFirst("\"\"timestamp\"\":\"\"2026", "\"\"timestamp\"\":\"\"2025"));
    assertThat(changed.get(target)).isNotEqualTo(original.get(target));
    VerificationResult r = pinned.verifyAuditExport(write(report, changed, eol));
    assertThat(r.firstFailure().orElseThrow().kind()).isEqualTo(Kind.HASH_MISMATCH);
    assertThat(r.firstFailure().orElseThrow().message()).contains("line " + (target + 1));

    List<String> dropped = new ArrayList<>(original);
    dropped.remove(target);
    assertThat(pinned.verifyAuditExport(write(report, dropped, eol)).firstFailure().orElseThrow().kind())
        .isEqualTo(Kind.GAP);

    List<String> swapped = new ArrayList<>(original);
    swapped.set(target, original.get(target + 1));
    swapped.set(target + 1, original.get(target));
    assertThat(pinned.verifyAuditExport(write(report, swapped, eol)).firstFailure().orElseThrow().kind())
        .isEqualTo(Kind.GAP);

    List<String> cut = new ArrayList<>(original.subList(0, embedded.get(embedded.size() - 1)));
    assertThat(pinned.verifyAuditExport(write(report, cut, eol)).firstFailure().orElseThrow().kind())
        .isIn(Kind.TRUNCATED, Kind.MALFORMED_ENTRY);
    assertThat(AuditReportVerifier.of(pinned).verify(write(report, original, eol)).valid()).isTrue();
  }

  static Path write(Path p, List<String> lines, String eol) throws Exception {
    Path out = p.resolveSibling("tampered-" + p.getFileName());
    Files.writeString(out, String.join(eol, lines) + eol, StandardCharsets.UTF_8);
    return out;
  }

  @Test
  @DisplayName("the JSON Lines export verifies entry by entry: hashes, links, counts and digest")
  void jsonLinesVerify() throws Exception {
    Path jsonl = files(ExportScope.all()).get(ExportFormat.JSON);
    VerificationResult r = pinned.verifyAuditExport(jsonl);
    assertThat(r.valid()).as("%s", r).isTrue();
    assertThat(r.entriesVerified()).isEqualTo(lexecon.ledger().size());
    List<String> lines = lines(jsonl);
    assertThat(lines).hasSize((int) lexecon.ledger().size() + 1);
    for (String line : lines) {
      assertThat(Jcs.canonicalString(Jcs.parse(line))).isEqualTo(line);
    }
    // a contiguous export needs no per-entry proofs
    assertThat(lines.get(1)).doesNotContain("\"proof\"");
    assertThat(text(jsonl)).doesNotContain("side_record");
  }

  @Test
  @DisplayName("a filtered export carries an inclusion proof on every line and verifies")
  void filteredExport() throws Exception {
    Map<ExportFormat, Path> f = files(ExportScope.custom(null, null, List.of("decision", "intervention")));
    Path jsonl = f.get(ExportFormat.JSON);
    VerificationResult r = pinned.verifyAuditExport(jsonl);
    assertThat(r.valid()).as("%s", r).isTrue();
    ExportManifest m = ExportManifest.extract(Files.newInputStream(jsonl));
    assertThat(m.contiguous()).isFalse();
    assertThat(m.countsByEventType()).containsOnlyKeys("decision", "intervention")
        .containsEntry("decision", (long) decisions.size()).containsEntry("intervention", 5L);
    assertThat(m.scope()).containsEntry("kind", "custom")
        .containsEntry("event_types", List.of("decision", "intervention"));
    lines(jsonl).stream().skip(1).forEach(l -> assertThat(l).contains("\"proof\":["));
    for (ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.MARKDOWN, ExportFormat.HTML)) {
      assertThat(AuditReportVerifier.of(pinned).verify(f.get(format), jsonl).valid()).isTrue();
    }
  }

  @Test
  @DisplayName("recent and date-range scopes select by timestamp, and the manifest records the resolved bounds")
  void timeScopes() throws Exception {
    Instant from = Q_START.plus(Duration.ofDays(12));
    Instant to = Q_START.plus(Duration.ofDays(21));
    Path custom = files(ExportScope.custom(from, to, List.of())).get(ExportFormat.JSON);
    assertThat(pinned.verifyAuditExport(custom).valid()).isTrue();
    long expected = lexecon.ledger().entries(0, 1000).stream()
        .filter(e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to)).count();
    ExportManifest m = ExportManifest.extract(Files.newInputStream(custom));
    assertThat(m.entries()).isEqualTo(expected).isPositive();
    assertThat(m.scope()).containsEntry("from", "2026-01-13T00:00:00.000000Z")
        .containsEntry("to", "2026-01-22T00:00:00.000000Z");

    Path recent = files(ExportScope.recent(Duration.ofDays(15))).get(ExportFormat.JSON);
    ExportManifest rm = ExportManifest.extract(Files.newInputStream(recent));
    assertThat(rm.scope()).containsEntry("kind", "recent").containsEntry("window", "PT360H")
        .containsEntry("from", "2026-02-25T00:00:00.000000Z");
    assertThat(rm.entries()).isEqualTo(lexecon.ledger().entries(0, 1000).stream()
        .filter(e -> !e.timestamp().isBefore(Instant.parse("2026-02-25T00:00:00Z"))).count());
    assertThat(pinned.verifyAuditExport(recent).valid()).isTrue();

    Path none = files(ExportScope.custom(Instant.parse("2030-01-01T00:00:00Z"), null, List.of()))
        .get(ExportFormat.JSON);
    assertThat(pinned.verifyAuditExport(none).valid()).isTrue();
    assertThat(ExportManifest.extract(Files.newInputStream(none)).entries()).isZero();
  }

  @Test
  @DisplayName("personal data appears only when asked for: side records in JSON Lines, opened values in reports")
  void personalData() throws Exception {
    DecisionRequest req = DecisionRequest.builder("customer:c-777", "transfer_funds").tool("transfer_funds")
        .argument("amount", 12).userIntent("refund my order 777").build();
    clock.advance(Duration.ofMinutes(1));
    lexecon.decide(req);
    Map<ExportFormat, Path> without = files(ExportScope.all(), ExportInclude.PAYLOADS);
    for (Path p : without.values()) {
      assertThat(text(p)).doesNotContain("c-777").doesNotContain("refund my order");
    }
    assertThat(text(without.get(ExportFormat.CSV))).contains("(personal data) → transfer_funds");

    Path withDir = dir.resolve("with");
    Map<ExportFormat, Path> with = lexecon.compliance().exportFiles(withDir, "audit", ExportScope.all(),
        EnumSet.of(ExportInclude.PERSONAL_DATA, ExportInclude.PAYLOADS), EnumSet.allOf(ExportFormat.class));
    assertThat(text(with.get(ExportFormat.JSON))).contains("\"side_record\":").contains("refund my order 777");
    assertThat(text(with.get(ExportFormat.CSV))).contains("customer:c-777 → transfer_funds");
    assertThat(text(with.get(ExportFormat.HTML))).contains("Contains personal data");
    assertThat(pinned.verifyAuditExport(with.get(ExportFormat.JSON)).valid()).isTrue();
    for (ExportFormat f : List.of(ExportFormat.CSV, ExportFormat.MARKDOWN, ExportFormat.HTML)) {
      assertThat(AuditReportVerifier.of(pinned).verify(with.get(f), with.get(ExportFormat.JSON)).valid()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExportFormat.class)
  @DisplayName("export streams report progress for both passes, ending at the totals (Markdown and HTML write every entry twice)")
  void progress(ExportFormat format) {
    List<long[]> updates = new ArrayList<>();
    ExportSummary s = lexecon.compliance().export(ExportRequest.of(format, ExportScope.all()),
        new ByteArrayOutputStream(), (phase, done, total) -> updates.add(new long[] {phase.ordinal(), done, total}));
    long size = lexecon.ledger().size();
    long writes = format == ExportFormat.MARKDOWN || format == ExportFormat.HTML ? 2 * size : size;
    assertThat(updates).extracting(u -> u[0]).containsExactly(0L, 1L);
    assertThat(updates.get(0)).containsExactly(0, size, size);
    assertThat(updates.get(1)).containsExactly(1, writes, writes);
    assertThat(s.entries()).isEqualTo(size);
    assertThat(s.bytes()).isPositive();
    assertThat(s.headHash()).isEqualTo(lexecon.ledger().head().orElseThrow().entryHash());
    assertThat(ExportProgress.Phase.values()).hasSize(2);
  }

  // ------------------------------------------------------------------------------ tampering

  Path jsonl() {
    return files(ExportScope.all()).get(ExportFormat.JSON);
  }

  Kind failure(Path p) {
    VerificationResult r = pinned.verifyAuditExport(p);
    assertThat(r.valid()).as("tampered export must not verify").isFalse();
    return r.firstFailure().orElseThrow().kind();
  }

  @Test
  @DisplayName("changing a byte of an entry fails with HASH_MISMATCH at that entry")
  void tamperEntryByte() throws Exception {
    List<String> lines = new ArrayList<>(lines(jsonl()));
    int i = 1 + (int) decimalSeq(decisions.get(2));
    lines.set(i, lines.get(i).replace("\"outcome\":\"", "\"outcome\":\"x"));
    Path bad = write(jsonl(), lines);
    VerificationResult r = pinned.verifyAuditExport(bad);
    assertThat(r.firstFailure().orElseThrow().kind()).isEqualTo(Kind.HASH_MISMATCH);
    assertThat(r.firstFailure().orElseThrow().seq()).isEqualTo(decimalSeq(decisions.get(2)));
  }

  static long decimalSeq(Decision d) {
    return Long.parseLong(d.ledgerEntryId().substring(6));
  }

  @Test
  @DisplayName("an entry re-hashed after a change breaks the link of the next entry")
  void tamperRehashed() throws Exception {
    List<String> lines = new ArrayList<>(lines(jsonl()));
    int i = 1 + (int) decimalSeq(decisions.get(2));
    Map<String, Object> line = new java.util.LinkedHashMap<>((Map<String, Object>) Jcs.parse(lines.get(i)));
    Map<String, Object> entry = new java.util.LinkedHashMap<>((Map<String, Object>) line.get("entry"));
    Map<String, Object> payload = new java.util.LinkedHashMap<>((Map<String, Object>) entry.get("payload"));
    payload.put("outcome", "tampered");
    entry.put("payload", payload);
    line.put("entry", entry);
    line.put("entry_hash", Jcs.sha256Hex(entry));
    lines.set(i, Jcs.canonicalString(line));
    VerificationResult r = pinned.verifyAuditExport(write(jsonl(), lines));
    assertThat(r.firstFailure().orElseThrow().kind()).isEqualTo(Kind.BROKEN_LINK);
    assertThat(r.firstFailure().orElseThrow().seq()).isEqualTo(decimalSeq(decisions.get(2)) + 1);
  }

  @Test
  @DisplayName("dropping, repeating or reordering entries fails with GAP; truncating with TRUNCATED")
  void tamperStructure() throws Exception {
    List<String> lines = lines(jsonl());
    List<String> dropped = new ArrayList<>(lines);
    dropped.remove(5);
    assertThat(failure(write(jsonl(), dropped))).isEqualTo(Kind.GAP);
    List<String> repeated = new ArrayList<>(lines);
    repeated.add(5, lines.get(5));
    assertThat(failure(write(jsonl(), repeated))).isEqualTo(Kind.GAP);
    List<String> swapped = new ArrayList<>(lines);
    swapped.set(5, lines.get(6));
    swapped.set(6, lines.get(5));
    assertThat(failure(write(jsonl(), swapped))).isEqualTo(Kind.GAP);
    List<String> truncated = new ArrayList<>(lines.subList(0, lines.size() - 1));
    assertThat(failure(write(jsonl(), truncated))).isEqualTo(Kind.TRUNCATED);
    List<String> appended = new ArrayList<>(lines);
    appended.add(lines.get(lines.size() - 1));
    assertThat(failure(write(jsonl(), appended))).isIn(Kind.GAP, Kind.MANIFEST_MISMATCH);
  }

  @Test
  @DisplayName("changing any manifest member breaks its signature; re-signing with another key fails the pinned key")
  void tamperManifest() throws Exception {
    List<String> lines = new ArrayList<>(lines(jsonl()));
    String header = lines.get(0);
    lines.set(0, header.replaceFirst("\"entries\":(\\d+)", "\"entries\":1$1"));
    assertThat(failure(write(jsonl(), lines))).isEqualTo(Kind.MANIFEST_MISMATCH);

    // a forger re-signs the whole manifest with his own key and lists it as a public key
    NoteSigner mallory = NoteSigner.generate("audit.example/ledger");
    ExportManifest m = ExportManifest.extract(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8)));
    ExportManifest forged = new ExportManifest(m.ledgerId(), m.origin(), m.generatedAt(), m.exportFormat(),
        m.scope(), m.entries(), m.countsByEventType(), m.first(), m.last(), m.firstTimestamp(),
        m.lastTimestamp(), m.contiguous(), m.entriesDigest(), m.treeSize(), m.rootHash(), m.head(),
        dev.lexecon.ledger.Checkpoint.of(m.origin(), m.treeSize(), m.rootHash()).sign(mallory),
        mallory.verifier(), List.of(mallory.verifier()), null);
    forged = forged.withSignature(dev.lexecon.ledger.SignedNote.sign(forged.signedText(), mallory));
    lines.set(0, "{\"format\":\"lexecon-audit-export\",\"format_version\":1,\"manifest\":" + forged.toJson() + "}");
    Path bad = write(jsonl(), lines);
    assertThat(LedgerVerifier.create().verifyAuditExport(bad).valid())
        .as("self-consistent without a pinned key").isTrue();
    assertThat(failure(bad)).isEqualTo(Kind.BAD_CHECKPOINT_SIGNATURE);
  }

  @Test
  @DisplayName("in a filtered export an injected entry or a changed proof fails with ROOT_MISMATCH")
  void tamperFilteredProofs() throws Exception {
    Path f = files(ExportScope.custom(null, null, List.of("decision", "intervention"))).get(ExportFormat.JSON);
    List<String> lines = new ArrayList<>(lines(f));
    String line = lines.get(2);
    int at = line.indexOf("\"proof\":[\"") + 10;
    char c = line.charAt(at);
    lines.set(2, line.substring(0, at) + (c == '0' ? '1' : '0') + line.substring(at + 1));
    assertThat(failure(write(f, lines))).isEqualTo(Kind.ROOT_MISMATCH);

    // an entry from another ledger with a proof for another tree
    try (Lexecon other = GovernedLedger.builder(MutableClock.startingAt(Q_START)).build()) {
      GovernedLedger.decide(other, MutableClock.startingAt(Q_START), 1);
      Path otherFile = other.compliance().exportFiles(dir.resolve("other"), "x",
          ExportScope.custom(null, null, List.of("decision", "intervention")), Set.of(), Set.of()).get(ExportFormat.JSON);
      List<String> injected = new ArrayList<>(lines(f));
      injected.add(2, lines(otherFile).get(1));
      assertThat(failure(write(f, injected))).isIn(Kind.ROOT_MISMATCH, Kind.GAP);
    }
  }

  @Test
  @DisplayName("a changed side record fails with SIDE_RECORD_MISMATCH")
  void tamperSideRecord() throws Exception {
    Map<ExportFormat, Path> with = lexecon.compliance().exportFiles(dir, "pd", ExportScope.all(),
        EnumSet.of(ExportInclude.PERSONAL_DATA), Set.of());
    List<String> lines = new ArrayList<>(lines(with.get(ExportFormat.JSON)));
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).contains("\"side_record\":") && lines.get(i).contains("billing@acme.example")) {
        lines.set(i, lines.get(i).replace("billing@acme.example", "evil@attacker.example"));
        break;
      }
    }
    assertThat(failure(write(with.get(ExportFormat.JSON), lines))).isEqualTo(Kind.SIDE_RECORD_MISMATCH);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ExportFormat.class, names = {"CSV", "MARKDOWN", "HTML"})
  @DisplayName("changing a row of a report fails with REPORT_MISMATCH naming the line")
  void tamperReportRow(ExportFormat format) throws Exception {
    Map<ExportFormat, Path> f = files(ExportScope.all());
    List<String> lines = new ArrayList<>(lines(f.get(format)));
    int row = -1;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains("DENIED") || lines.get(i).contains(">denied<")) {
        row = i;
        break;
      }
    }
    assertThat(row).as("a row with a denied decision").isPositive();
    lines.set(row, lines.get(row).replace("DENIED", "APPROVED").replace(">denied<", ">approved<"));
    Path bad = f.get(format).resolveSibling("bad." + format.fileExtension());
    String eol = format == ExportFormat.CSV ? "\r\n" : "\n"; // readAllLines dropped the CSV's CR
    Files.writeString(bad, String.join(eol, lines) + eol, StandardCharsets.UTF_8);
    VerificationResult r = AuditReportVerifier.of(pinned).verify(bad, f.get(ExportFormat.JSON));
    assertThat(r.firstFailure().orElseThrow().kind()).isEqualTo(Kind.REPORT_MISMATCH);
    assertThat(r.firstFailure().orElseThrow().message()).contains("line " + (row + 1));
    VerificationResult alone = AuditReportVerifier.of(pinned).verify(bad);
    assertThat(alone.firstFailure().orElseThrow().kind()).isEqualTo(Kind.REPORT_MISMATCH);
    assertThat(alone.firstFailure().orElseThrow().message()).contains("line " + (row + 1));
    // the manifest alone still verifies: only the rendering check sees a changed row
    assertThat(pinned.verifyAuditManifest(bad).valid()).isTrue();
  }

  @Test
  @DisplayName("a report's chart changed by hand fails, and so does one paired with entries of another scope")
  void tamperReportChartAndPairing() throws Exception {
    Map<ExportFormat, Path> f = files(ExportScope.all());
    String html = text(f.get(ExportFormat.HTML));
    Path bad = dir.resolve("chart.html");
    Files.writeString(bad, html.replaceFirst("height=\"(\\d)", "height=\"9$1"), StandardCharsets.UTF_8);
    assertThat(AuditReportVerifier.of(pinned).verify(bad, f.get(ExportFormat.JSON)).firstFailure()
        .orElseThrow().kind()).isEqualTo(Kind.REPORT_MISMATCH);
    Path other = lexecon.compliance().exportFiles(dir.resolve("d"), "d",
        ExportScope.custom(null, null, List.of("decision")), Set.of(), Set.of()).get(ExportFormat.JSON);
    assertThat(AuditReportVerifier.of(pinned).verify(f.get(ExportFormat.HTML), other).firstFailure()
        .orElseThrow().kind()).isEqualTo(Kind.MANIFEST_MISMATCH);
  }

  @Test
  @DisplayName("text from agents is escaped in every format: CSV quoting and formula guard, HTML and Markdown markup")
  void escaping() throws Exception {
    clock.advance(Duration.ofMinutes(1));
    lexecon.decide(DecisionRequest.builder("-evil", "say \"hi\", <img src=x onerror=alert(1)> | *x*")
        .tool("send_email").build());
    Map<ExportFormat, Path> f = files(ExportScope.all());
    String csv = text(f.get(ExportFormat.CSV));
    assertThat(csv).contains(",\"'-evil → say \"\"hi\"\", <img src=x onerror=alert(1)> | *x* via send_email: DENIED\",");
    String html = text(f.get(ExportFormat.HTML));
    assertThat(html).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
    String md = text(f.get(ExportFormat.MARKDOWN));
    assertThat(md).contains("&lt;img src=x onerror=alert(1)&gt; \\| \\*x\\*");
    for (ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.MARKDOWN, ExportFormat.HTML)) {
      assertThat(AuditReportVerifier.of(pinned).verify(f.get(format), f.get(ExportFormat.JSON)).valid()).isTrue();
    }
    // every CSV record has the same ten fields
    for (List<String> record : Csv.parse(csv)) {
      assertThat(record).hasSize(10);
    }
    // the embedded entry lines hold the same text, escaped for where they are
    assertThat(html).contains("\\u003cimg src=x onerror=alert(1)\\u003e");
    for (ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.MARKDOWN, ExportFormat.HTML)) {
      assertThat(AuditReportVerifier.of(pinned).verify(f.get(format)).valid()).as("%s alone", format).isTrue();
    }
  }

  @Test
  @DisplayName("the HTML report is self-contained: no scripts to run, nothing to load, a CSP that forbids loading")
  void htmlSelfContained() throws Exception {
    String html = text(files(ExportScope.all()).get(ExportFormat.HTML));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy")
        .contains("default-src 'none'").contains("<svg").contains("</html>");
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
        .doesNotContain("http://").doesNotContain("https://").doesNotContain(" src=")
        .doesNotContain(" href=").doesNotContain("url(").doesNotContain("@import");
    assertThat(html.split("<script", -1)).hasSize(3); // the two JSON data blocks, never run
    assertThat(html).contains("<script type=\"application/json\" id=\"lexecon-audit-manifest\">")
        .contains("<script type=\"application/json\" id=\"lexecon-audit-entries\">");
  }

  @Test
  @DisplayName("the export describes the ledger at one size even while decisions continue")
  void snapshotSize() throws Exception {
    long size = lexecon.ledger().size();
    Path jsonl = jsonl();
    clock.advance(Duration.ofMinutes(1));
    lexecon.decide(LexeconLedgerTest.requests().get(0));
    ExportManifest m = ExportManifest.extract(Files.newInputStream(jsonl));
    assertThat(m.treeSize()).isEqualTo(size);
    assertThat(pinned.verifyAuditExport(jsonl).valid()).isTrue();
    // the export's checkpoint is consistent with the ledger's later root
    assertThat(lexecon.ledger().rootHash(size)).isEqualTo(m.rootHash());
    List<LedgerEntry> all = lexecon.ledger().entries(0, 1000);
    assertThat(all).hasSize((int) size + 1);
  }

  /** A strict RFC 4180 reader for the test. */
  static final class Csv {
    static List<List<String>> parse(String text) {
      List<List<String>> records = new ArrayList<>();
      List<String> record = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          record.add(field.toString());
          field.setLength(0);
        } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          record.add(field.toString());
          field.setLength(0);
          records.add(record);
          record = new ArrayList<>();
          i++;
        } else {
          field.append(c);
        }
      }
      return records;
    }
  }
}

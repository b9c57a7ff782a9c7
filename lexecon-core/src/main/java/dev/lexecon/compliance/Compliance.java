package dev.lexecon.compliance;

import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.ErasureRequest;
import dev.lexecon.api.compliance.ErasureResult;
import dev.lexecon.api.compliance.GapReport;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.compliance.OversightSummary;
import dev.lexecon.api.compliance.RecordKeepingStatus;
import dev.lexecon.api.compliance.RetainedRecord;
import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.export.ExportProgress;
import dev.lexecon.api.export.ExportRequest;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.api.export.ExportSummary;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerReport;
import dev.lexecon.compliance.TechnicalDocumentation.Component;
import dev.lexecon.compliance.TechnicalDocumentation.DataFlow;
import dev.lexecon.compliance.TechnicalDocumentation.PolicyVersion;
import dev.lexecon.export.AuditExporter;
import dev.lexecon.internal.UlidGenerator;
import dev.lexecon.ledger.LedgerEngine;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What an auditor or regulator asks of the ledger, answered from its contents: gap analyses per
 * framework, legal holds, GDPR erasure and retention, and the EU AI Act Art. 11, 12 and 14 records.
 * Obtain it from {@code Lexecon.compliance()}, or build one over a {@link LedgerEngine}.
 *
 * <p>Every answer is computed from the ledger when asked; the holds in force, for example, are
 * rebuilt from {@code legal_hold} entries, so several processes sharing a ledger agree on them.
 *
 * <p>Thread-safe. Placing and releasing holds and erasing are serialised in this process, so an
 * erasure never overlooks a hold placed before it started.
 *
 * @since 0.1
 */
public final class Compliance {
  private final LedgerEngine ledger;
  private final RetentionPolicy retention;
  private final ComplianceMappings mappings;
  private final Clock clock;
  private final IdGenerator ids;
  private final List<Component> components;
  private final Map<String, Object> riskProfile;
  private final ReentrantLock retentionLock = new ReentrantLock();
  private final AuditExporter exporter;

  private Compliance(Builder b) {
    this.ledger = b.ledger;
    this.clock = b.clock;
    this.retention = b.retention != null ? b.retention : RetentionPolicy.builder().clock(clock).build();
    this.mappings = b.mappings != null ? b.mappings : ComplianceMappings.bundled();
    this.ids = b.ids != null ? b.ids : new UlidGenerator(clock);
    this.components = List.copyOf(b.components);
    this.riskProfile = b.riskProfile;
    this.exporter = AuditExporter.of(ledger, clock);
  }

  /** Starts configuring compliance over {@code ledger}. */
  public static Builder builder(LedgerEngine ledger) {
    return new Builder(ledger);
  }

  // ------------------------------------------------------------------------------- gap analysis

  /**
   * The gap analysis of {@code framework} over {@code [from, to)}, from the ledger's contents:
   * record counts per event type, evidence linked to controls, and a verification of the ledger
   * (see {@link LedgerComplianceEvidence} for what "verified" needs).
   *
   * @throws IllegalArgumentException when the period is empty
   */
  public GapReport gapAnalysis(ComplianceFramework framework, Instant from, Instant to) {
    return GapAnalysis.of(mappings, LedgerComplianceEvidence.of(ledger)).analyze(framework, from, to);
  }

  /** The gap analyses of every framework over {@code [from, to)}, sharing one verification. */
  public Map<ComplianceFramework, GapReport> gapAnalysis(Instant from, Instant to) {
    return GapAnalysis.of(mappings, LedgerComplianceEvidence.of(ledger)).analyzeAll(from, to);
  }

  /** The retention policy erasures and the record-keeping status follow. */
  public RetentionPolicy retention() {
    return retention;
  }

  // ------------------------------------------------------------------------------- legal holds

  /**
   * Places a legal hold on the records of {@code decisionIds}: from now until it is released, no
   * erasure or retention sweep deletes their personal data. Recorded as a {@code legal_hold}
   * entry; who placed it is recorded as a salted commitment.
   *
   * <p>This is the record-keeping primitive: it neither checks a principal's permission nor that
   * each id names a recorded decision (an id that names none holds nothing). Human operators place
   * holds through {@code Lexecon.oversight().placeLegalHold}, which checks both before anything is
   * written.
   *
   * @param reason why (litigation, investigation, regulator request); recorded in the clear, so no
   *     personal data
   * @throws IllegalArgumentException if the reason or holder is blank or no decision is named
   */
  public LegalHold placeLegalHold(String reason, String heldBy, Collection<String> decisionIds) {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(heldBy, "heldBy");
    Set<String> decisions = new TreeSet<>(decisionIds);
    String holdId = "hold_" + ids.nextId();
    Instant now = now();
    // validates before anything is written
    LegalHold hold = new LegalHold(holdId, reason, heldBy, decisions, now, null);
    retentionLock.lock();
    try {
      ledger.append(EventType.LEGAL_HOLD, LegalHolds.placed(holdId, reason, heldBy, decisions), now);
    } finally {
      retentionLock.unlock();
    }
    return hold;
  }

  /**
   * Releases a legal hold; from now on the held records follow their retention again.
   *
   * @throws IllegalArgumentException if no hold with this id was placed
   * @throws IllegalStateException if it was already released
   */
  public LegalHold releaseLegalHold(String holdId, String releasedBy) {
    Objects.requireNonNull(holdId, "holdId");
    if (Objects.requireNonNull(releasedBy, "releasedBy").isBlank()) {
      throw new IllegalArgumentException("releasedBy must not be blank");
    }
    retentionLock.lock();
    try {
      LegalHold hold = legalHolds().stream().filter(h -> h.id().equals(holdId)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no legal hold " + holdId + " was placed"));
      if (hold.releasedAt() != null) {
        throw new IllegalStateException("legal hold " + holdId + " was released at " + hold.releasedAt());
      }
      Instant now = now();
      if (now.isBefore(hold.placedAt())) {
        now = hold.placedAt();
      }
      ledger.append(EventType.LEGAL_HOLD, LegalHolds.released(holdId, releasedBy), now);
      return new LegalHold(hold.id(), hold.reason(), hold.heldBy(), hold.decisionIds(),
          hold.placedAt(), now);
    } finally {
      retentionLock.unlock();
    }
  }

  /** Every legal hold the ledger records, released or not, in the order they were placed. */
  public List<LegalHold> legalHolds() {
    return LegalHolds.read(ledger);
  }

  /** The legal holds in force now. */
  public List<LegalHold> activeLegalHolds() {
    Instant now = clock.instant();
    return legalHolds().stream().filter(h -> h.inForceAt(now)).toList();
  }

  // ----------------------------------------------------------------------------------- erasure

  /**
   * Erases personal data for a data subject or for decisions (GDPR Art. 17): deletes the side
   * records of the matching entries whose retention has ended and that no legal hold covers, and
   * records the erasure (and what it deferred, and why) in a {@code retention_redaction} entry. The
   * entries themselves, their hashes, the chain, every proof and checkpoint stay valid.
   *
   * <p>Scans the whole ledger: an offline workflow, not a hot path.
   */
  public ErasureResult erase(ErasureRequest request) {
    Objects.requireNonNull(request, "request");
    retentionLock.lock();
    try {
      return Erasure.run(ledger, retention, request, "red_" + ids.nextId(), now());
    } finally {
      retentionLock.unlock();
    }
  }

  /**
   * The retention sweep: deletes the personal data of every entry whose retention has ended and
   * that no legal hold covers. Records a {@code retention_redaction} entry when it erased something
   * or found held entries that are due; otherwise records nothing.
   *
   * @param requestedBy who runs the sweep (a person or a job name), recorded as a commitment
   */
  public ErasureResult applyRetention(String requestedBy) {
    if (Objects.requireNonNull(requestedBy, "requestedBy").isBlank()) {
      throw new IllegalArgumentException("requestedBy must not be blank");
    }
    retentionLock.lock();
    try {
      return Erasure.sweep(ledger, retention, requestedBy, "red_" + ids.nextId(), now());
    } finally {
      retentionLock.unlock();
    }
  }

  // ------------------------------------------------------------------------------ audit export

  /**
   * Streams an audit export of the ledger to {@code out} (flushed, not closed): JSON Lines, CSV,
   * Markdown or a self-contained HTML report, each with a signed verification manifest. See {@link
   * AuditExporter}.
   *
   * @throws java.io.UncheckedIOException if writing fails
   */
  public ExportSummary export(ExportRequest request, OutputStream out) {
    return exporter.export(request, out);
  }

  /** As {@link #export(ExportRequest, OutputStream)}, reporting progress to {@code progress}. */
  public ExportSummary export(ExportRequest request, OutputStream out, ExportProgress progress) {
    return exporter.export(request, out, progress);
  }

  /**
   * Writes the JSON Lines export and the requested report formats of one scope, at one ledger
   * size, into {@code directory} as {@code <baseName>.<extension>}; see {@link
   * AuditExporter#exportFiles}.
   */
  public Map<ExportFormat, Path> exportFiles(Path directory, String baseName, ExportScope scope,
      Set<ExportInclude> includes, Set<ExportFormat> formats) {
    return exporter.exportFiles(directory, baseName, scope, includes, formats, ExportProgress.NONE);
  }

  // ---------------------------------------------------------------------------- EU AI Act

  /**
   * Art. 11: technical documentation of the governance layer, generated now from the live
   * configuration and the policy versions the ledger records.
   */
  public TechnicalDocumentation technicalDocumentation() {
    List<PolicyVersion> policies = new ArrayList<>();
    for (long offset = 0; ; offset += 256) {
      List<LedgerEntry> page = ledger.entries(EventType.POLICY_LOADED, offset, 256);
      for (LedgerEntry e : page) {
        Map<String, ?> p = e.payload();
        if (p.get("policy_id") instanceof String id && p.get("version") instanceof String v
            && p.get("policy_hash") instanceof String h) {
          policies.add(new PolicyVersion(id, v, h,
              p.get("engine_mode") instanceof String m ? m : null, e.timestamp(), e.entryId(), false));
        }
      }
      if (page.size() < 256) {
        break;
      }
    }
    if (!policies.isEmpty()) {
      PolicyVersion last = policies.remove(policies.size() - 1);
      policies.add(new PolicyVersion(last.policyId(), last.version(), last.policyHash(),
          last.engineMode(), last.loadedAt(), last.entryId(), true));
    }
    List<Component> all = new ArrayList<>(components);
    Map<String, String> ledgerSettings = new LinkedHashMap<>();
    ledgerSettings.put("ledger_id", ledger.ledgerId());
    ledgerSettings.put("storage", ledger.storage().getClass().getName());
    ledgerSettings.put("durability", ledger.durability().name());
    ledgerSettings.put("checkpoint_key", ledger.checkpointKey().encoded());
    ledgerSettings.put("entries", String.valueOf(ledger.size()));
    all.add(new Component("ledger", "Append-only SHA-256 hash chain of every governance event"
        + " with an RFC 9162 Merkle tree and Ed25519-signed C2SP checkpoints; personal data is"
        + " kept as salted commitments with erasable side records.", ledgerSettings));
    return new TechnicalDocumentation(now(), ledger.ledgerId(), version(), all, policies,
        riskProfile, dataFlows(), new TechnicalDocumentation.Retention(retention.defaultClass(),
            retention.eventTypeClasses(), retention.zone().getId()));
  }

  /**
   * Art. 12: the record-keeping status now: retention settings, record counts, records with
   * personal data, records under legal hold and the oldest record. Scans the ledger once.
   */
  public RecordKeepingStatus recordKeeping() {
    ledger.flush();
    Instant now = now();
    LedgerReport report = ledger.report();
    List<LegalHold> active = activeLegalHolds();
    Set<String> held = new TreeSet<>();
    active.forEach(h -> held.addAll(h.decisionIds()));
    long[] personal = {0};
    long[] underHold = {0};
    ledger.storage().scan(0, report.size(), r -> {
      if (r.sideRecord() != null) {
        personal[0]++;
      }
      if (!held.isEmpty()) {
        for (String id : Payloads.decisionIds(r)) {
          if (held.contains(id)) {
            underHold[0]++;
            break;
          }
        }
      }
    });
    Instant oldest = report.firstTimestamp();
    Instant retainUntil = null;
    if (oldest != null) {
      String type = ledger.entry(0).map(LedgerEntry::eventType).orElse(EventType.GENESIS.jsonName());
      retainUntil = retention.evaluate(new RetainedRecord(type, oldest, Set.of(), Set.of()), List.of())
          .retainUntil();
    }
    return new RecordKeepingStatus(now, ledger.ledgerId(), retention.defaultClass(),
        retention.eventTypeClasses(), report.size(), report.countsByEventType(), personal[0],
        underHold[0], active, oldest, retainUntil, report.count(EventType.RETENTION_REDACTION));
  }

  /**
   * Art. 14: the {@code intervention} records with a timestamp in {@code [from, to)}, summarised
   * per role with their response times.
   *
   * @throws IllegalArgumentException if {@code from} is after {@code to}
   */
  public OversightSummary humanOversight(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("period [" + from + ", " + to + ") is inverted");
    }
    return Oversight.summarise(ledger, from, to);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String version() {
    String v = Compliance.class.getPackage().getImplementationVersion();
    return v != null ? v : "development build";
  }

  private List<DataFlow> dataFlows() {
    String storage = ledger.storage().getClass().getSimpleName();
    return List.of(
        new DataFlow("AI agent application", "policy engine and risk assessor",
            "decision request: actor, action, tool, resource, data classes, context, tool arguments,"
                + " user intent",
            "in process memory only; evaluated deterministically, never sent over a network"),
        new DataFlow("policy engine", "ledger (" + storage + ")",
            "decision record: request, outcome, reasons, obligations, policy hash",
            "personal data (user intent, context and argument values, natural-person actors) as"
                + " salted SHA-256 commitments in the hashed entry; the values in side records that"
                + " erasure deletes"),
        new DataFlow("operators", "ledger (" + storage + ")",
            "legal holds, erasure requests, evidence artifacts, human interventions",
            "people recorded as salted commitments; statements signed with Ed25519"),
        new DataFlow("operators", "evidence store", "evidence artifact content",
            "content-addressed by SHA-256; the hash and a signed statement are in the ledger"),
        new DataFlow("ledger", "auditors", "audit exports (JSON Lines, CSV, Markdown, HTML)",
            "signed manifest with a signed checkpoint and inclusion proofs; personal data only"
                + " when the export asks for it"));
  }

  /**
   * Configures {@link Compliance}. Setters check their argument at once. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final LedgerEngine ledger;
    private Clock clock = Clock.systemUTC();
    private @Nullable RetentionPolicy retention;
    private @Nullable ComplianceMappings mappings;
    private @Nullable IdGenerator ids;
    private final List<Component> components = new ArrayList<>();
    private Map<String, Object> riskProfile = Map.of();

    private Builder(LedgerEngine ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** The clock for hold, erasure and report times; the UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The retention policy; standard retention (6 months) on this builder's clock by default. */
    public Builder retention(RetentionPolicy retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /** The catalog and mappings gap analyses use; the bundled ones by default. */
    public Builder mappings(ComplianceMappings mappings) {
      this.mappings = Objects.requireNonNull(mappings, "mappings");
      return this;
    }

    /** The source of hold and erasure ids; monotonic ULIDs by default. */
    public Builder idGenerator(IdGenerator ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Adds a component to the Art. 11 documentation (the ledger describes itself). */
    public Builder component(String name, String description, Map<String, String> settings) {
      components.add(new Component(name, description, settings));
      return this;
    }

    /** The risk profile's description for the Art. 11 documentation. */
    public Builder riskProfile(Map<String, Object> description) {
      this.riskProfile = java.util.Collections.unmodifiableMap(
          new LinkedHashMap<>(Objects.requireNonNull(description, "description")));
      return this;
    }

    /** Builds the facade. */
    public Compliance build() {
      return new Compliance(this);
    }
  }
}

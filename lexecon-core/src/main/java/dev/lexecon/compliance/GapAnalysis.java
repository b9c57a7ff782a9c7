package dev.lexecon.compliance;

import dev.lexecon.api.compliance.ComplianceEvidence;
import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.Control;
import dev.lexecon.api.compliance.ControlMapping;
import dev.lexecon.api.compliance.ControlStatus;
import dev.lexecon.api.compliance.Coverage;
import dev.lexecon.api.compliance.GapFinding;
import dev.lexecon.api.compliance.GapReason;
import dev.lexecon.api.compliance.GapReport;
import dev.lexecon.api.compliance.GovernancePrimitive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Computes, per framework and period, which controls the ledger's contents evidence and which are
 * gaps, and why.
 *
 * <p>A control is <em>covered</em> when the evidence of at least one of its mappings is present:
 * records of the primitive's event types with a timestamp in the period, an evidence artifact
 * linked to the control, or a verified period, as {@code mappings.json} declares per primitive.
 * Its coverage is the best coverage among those mappings. An evidence artifact linked to a control
 * always counts, even where no primitive serves the control: it is how an operator records a
 * measure outside Lexecon (clock synchronisation, say); such a control is covered PARTIAL. Every
 * number comes from {@link ComplianceEvidence}, none is a constant.
 *
 * <p>Immutable, and thread-safe when the {@link ComplianceEvidence} is. One report queries each
 * event type's count and the period's verification at most once.
 *
 * @since 0.1
 */
public final class GapAnalysis {
  private final ComplianceMappings mappings;
  private final ComplianceEvidence evidence;

  private GapAnalysis(ComplianceMappings mappings, ComplianceEvidence evidence) {
    this.mappings = Objects.requireNonNull(mappings, "mappings");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
  }

  /** An analysis of the bundled catalog and mappings over {@code evidence}. */
  public static GapAnalysis of(ComplianceEvidence evidence) {
    return new GapAnalysis(ComplianceMappings.bundled(), evidence);
  }

  /** An analysis of {@code mappings} (and their catalog) over {@code evidence}. */
  public static GapAnalysis of(ComplianceMappings mappings, ComplianceEvidence evidence) {
    return new GapAnalysis(mappings, evidence);
  }

  /**
   * The gap report of {@code framework} over {@code [from, to)}.
   *
   * @throws IllegalArgumentException when the period is empty ({@code from} not before {@code to})
   * @throws IllegalStateException when the evidence reports a negative count
   */
  public GapReport analyze(ComplianceFramework framework, Instant from, Instant to) {
    Objects.requireNonNull(framework, "framework");
    return new Run(from, to).report(framework);
  }

  /** The reports of every framework over {@code [from, to)}, sharing the ledger queries. */
  public Map<ComplianceFramework, GapReport> analyzeAll(Instant from, Instant to) {
    Run run = new Run(from, to);
    Map<ComplianceFramework, GapReport> out = new EnumMap<>(ComplianceFramework.class);
    for (ComplianceFramework f : ComplianceFramework.values()) {
      out.put(f, run.report(f));
    }
    return Collections.unmodifiableMap(out);
  }

  /** One analysis over one period, remembering what it already asked the evidence. */
  private final class Run {
    private final Instant from;
    private final Instant to;
    private final String period;
    private final Map<String, Long> counts = new HashMap<>();
    private @Nullable Boolean verified;

    Run(Instant from, Instant to) {
      this.from = Objects.requireNonNull(from, "from");
      this.to = Objects.requireNonNull(to, "to");
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("period [" + from + ", " + to + ") is empty");
      }
      this.period = "[" + from + ", " + to + ")";
    }

    GapReport report(ComplianceFramework framework) {
      List<ControlStatus> statuses = new ArrayList<>();
      for (Control control : mappings.catalog().controls(framework)) {
        statuses.add(status(control));
      }
      return new GapReport(framework, mappings.catalog().version(), from, to, statuses);
    }

    private ControlStatus status(Control control) {
      List<ControlMapping> mapped = mappings.forControl(control);
      List<ControlMapping> satisfied = new ArrayList<>();
      List<GapFinding> findings = new ArrayList<>();
      boolean linked = evidence.hasLinkedEvidence(control);
      boolean evidenceMapped = false;
      for (ControlMapping m : mapped) {
        PrimitiveEvidence kind = mappings.evidence(m.primitive());
        if (kind instanceof PrimitiveEvidence.Records r) {
          if (anyRecords(r.eventTypes())) {
            satisfied.add(m);
          } else {
            findings.add(new GapFinding(GapReason.NO_RECORDS_IN_PERIOD, m.primitive(),
                "no " + String.join(" or ", r.eventTypes()) + " records in " + period));
          }
        } else if (kind instanceof PrimitiveEvidence.LinkedEvidence) {
          evidenceMapped = true;
          if (linked) {
            satisfied.add(m);
          } else {
            findings.add(new GapFinding(GapReason.NO_EVIDENCE_LINKED, m.primitive(),
                "no evidence artifact is linked to " + control.key()));
          }
        } else {
          if (verified()) {
            satisfied.add(m);
          } else {
            findings.add(new GapFinding(GapReason.NOT_VERIFIED, m.primitive(),
                "the ledger was not verified over " + period));
          }
        }
      }
      if (linked && !evidenceMapped) {
        satisfied.add(new ControlMapping(GovernancePrimitive.EVIDENCE, control, Coverage.PARTIAL,
            "An evidence artifact is linked to this control; Lexecon records the link, an auditor"
                + " judges the artifact."));
      }
      if (mapped.isEmpty() && satisfied.isEmpty()) {
        findings.add(new GapFinding(GapReason.NOT_SERVED, null, "no Lexecon primitive serves "
            + control.key() + "; link an evidence artifact to record how it is met"));
      }
      Coverage coverage = satisfied.stream().map(ControlMapping::coverage).min(Enum::compareTo)
          .orElse(null);
      return new ControlStatus(control, coverage, satisfied, findings);
    }

    private boolean anyRecords(List<String> eventTypes) {
      for (String type : eventTypes) {
        if (count(type) > 0) {
          return true;
        }
      }
      return false;
    }

    private long count(String eventType) {
      Long cached = counts.get(eventType);
      if (cached != null) {
        return cached;
      }
      long n = evidence.count(eventType, from, to);
      if (n < 0) {
        throw new IllegalStateException("compliance evidence counted " + n + " " + eventType
            + " records in " + period);
      }
      counts.put(eventType, n);
      return n;
    }

    private boolean verified() {
      if (verified == null) {
        verified = evidence.integrityVerified(from, to);
      }
      return verified;
    }
  }
}

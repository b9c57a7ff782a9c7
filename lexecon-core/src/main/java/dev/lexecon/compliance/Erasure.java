package dev.lexecon.compliance;

import dev.lexecon.api.compliance.DeferredErasure;
import dev.lexecon.api.compliance.ErasureRequest;
import dev.lexecon.api.compliance.ErasureResult;
import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.compliance.RetainedRecord;
import dev.lexecon.api.compliance.RetentionDecision;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.internal.Rfc3339;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.ledger.Redactable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The erasure workflows: a GDPR request (by data subject or by decisions) and the retention sweep.
 * Both delete side records through {@link dev.lexecon.api.ledger.LedgerStorage#eraseSideRecord},
 * never before the record's retention allows and never while a legal hold covers it (the {@link
 * RetentionPolicy} decides), and record what they did in one {@code retention_redaction} entry:
 *
 * <pre>{@code
 * {"redaction_id":"red_<id>","scope":"data_subject"|"decisions"|"retention_expired",
 *  "basis":"GDPR Art. 17","requested_by":{"commitment":"sha256:..."},"decision_ids":[...],
 *  "erased_count":3,"erased_seq_ranges":[[12,12],[40,41]],
 *  "deferred_count":1,"deferred":[{"entry_id":"entry_7","retain_until":"...","hold_ids":["hold_.."]}]}
 * }</pre>
 *
 * The data subject is never recorded (it is what is being erased); the requester is committed.
 * {@code decision_ids} appears for requests by decisions. {@code deferred} lists at most {@value
 * #MAX_DEFERRED_LISTED} entries; {@code deferred_count} counts them all.
 */
final class Erasure {
  private static final Logger log = LoggerFactory.getLogger(Erasure.class);
  static final int MAX_DEFERRED_LISTED = 1000;

  private Erasure() {}

  static ErasureResult run(LedgerEngine ledger, RetentionPolicy retention, ErasureRequest request,
      String redactionId, Instant now) {
    ledger.flush();
    Predicate<LedgerRecord> matches;
    String scope;
    if (request.dataSubject() != null) {
      String subject = request.dataSubject();
      scope = "data_subject";
      matches = r -> {
        for (Object v : Payloads.sideValues(r.sideRecord())) {
          if (Payloads.containsString(v, subject)) {
            return true;
          }
        }
        return false;
      };
    } else {
      Set<String> ids = request.decisionIds();
      scope = "decisions";
      matches = r -> {
        for (String id : Payloads.decisionIds(r)) {
          if (ids.contains(id)) {
            return true;
          }
        }
        return false;
      };
    }
    Outcome o = erase(ledger, retention, matches, false);
    Map<String, Object> p = payload(redactionId, scope, request.basis(), request.requestedBy(),
        request.dataSubject() == null ? List.copyOf(request.decisionIds()) : null, o);
    LedgerEntry entry = ledger.append(EventType.RETENTION_REDACTION, p, now);
    log.debug("erasure {} ({}): {} side records erased, {} deferred", redactionId, scope,
        o.erased.size(), o.deferred.size());
    return new ErasureResult(redactionId, entry.entryId(), now, ids(o.erased), o.deferred);
  }

  static ErasureResult sweep(LedgerEngine ledger, RetentionPolicy retention, String requestedBy,
      String redactionId, Instant now) {
    ledger.flush();
    Outcome o = erase(ledger, retention, r -> true, true);
    String entryId = null;
    if (!o.erased.isEmpty() || !o.deferred.isEmpty()) {
      Map<String, Object> p = payload(redactionId, "retention_expired",
          "retention period ended", requestedBy, null, o);
      entryId = ledger.append(EventType.RETENTION_REDACTION, p, now).entryId();
    }
    log.debug("retention sweep {}: {} side records erased, {} held", redactionId, o.erased.size(),
        o.deferred.size());
    return new ErasureResult(redactionId, entryId, now, ids(o.erased), o.deferred);
  }

  private record Outcome(List<Long> erased, List<DeferredErasure> deferred) {}

  /**
   * Decides every record with a side record that {@code matches}; erases the deletable ones. A
   * sweep reports only held records as deferred (the others are simply not due yet).
   */
  private static Outcome erase(LedgerEngine ledger, RetentionPolicy retention,
      Predicate<LedgerRecord> matches, boolean sweep) {
    List<LegalHold> holds = LegalHolds.read(ledger);
    List<Long> due = new ArrayList<>();
    List<DeferredErasure> deferred = new ArrayList<>();
    ledger.storage().scan(0, ledger.storage().size(), r -> {
      if (r.sideRecord() == null || !matches.test(r)) {
        return;
      }
      RetentionDecision d = retention.evaluate(new RetainedRecord(r.eventType(),
          Instant.parse(r.timestamp()), Payloads.decisionIds(r), Set.of()), holds);
      if (d.deletable()) {
        due.add(r.seq());
      } else if (!sweep || !d.holds().isEmpty()) {
        deferred.add(new DeferredErasure(r.entryId(), r.eventType(), d.retainUntil(),
            d.holds().stream().map(LegalHold::id).toList()));
      }
    });
    // erase after the scan, so the scan's read snapshot never races with the deletes
    List<Long> erased = new ArrayList<>();
    for (long seq : due) {
      if (ledger.storage().eraseSideRecord(seq)) {
        erased.add(seq);
      }
    }
    return new Outcome(erased, deferred);
  }

  private static Map<String, Object> payload(String redactionId, String scope, String basis,
      String requestedBy, @Nullable List<String> decisionIds, Outcome o) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("redaction_id", redactionId);
    p.put("scope", scope);
    p.put("basis", basis);
    p.put("requested_by", Redactable.of(requestedBy));
    if (decisionIds != null) {
      p.put("decision_ids", decisionIds);
    }
    p.put("erased_count", (long) o.erased.size());
    p.put("erased_seq_ranges", ranges(o.erased));
    p.put("deferred_count", (long) o.deferred.size());
    List<Map<String, Object>> listed = new ArrayList<>();
    for (DeferredErasure d : o.deferred.subList(0, Math.min(MAX_DEFERRED_LISTED, o.deferred.size()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("entry_id", d.entryId());
      m.put("retain_until", Rfc3339.micros(d.retainUntil()));
      m.put("hold_ids", d.holdIds());
      listed.add(m);
    }
    p.put("deferred", listed);
    return p;
  }

  /** Ascending seqs as inclusive ranges {@code [[first, last], ...]}. */
  static List<List<Long>> ranges(List<Long> seqs) {
    List<List<Long>> out = new ArrayList<>();
    long start = -1;
    long end = -1;
    for (long s : seqs) {
      if (start >= 0 && s == end + 1) {
        end = s;
        continue;
      }
      if (start >= 0) {
        out.add(List.of(start, end));
      }
      start = s;
      end = s;
    }
    if (start >= 0) {
      out.add(List.of(start, end));
    }
    return out;
  }

  private static List<String> ids(List<Long> seqs) {
    return seqs.stream().map(s -> "entry_" + s).toList();
  }
}

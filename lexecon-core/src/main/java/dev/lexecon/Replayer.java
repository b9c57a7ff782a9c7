package dev.lexecon;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.InvalidPolicyException;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.ReplayResult;
import dev.lexecon.api.ledger.ReplayResult.Status;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.oversight.OversightEngine;
import dev.lexecon.json.Jcs;
import dev.lexecon.json.JsonPath;
import dev.lexecon.ledger.Ledger;
import dev.lexecon.policy.LoadedPolicy;
import dev.lexecon.policy.PolicyEngine;
import dev.lexecon.risk.RiskAssessor;
import dev.lexecon.risk.RiskOverlay;
import dev.lexecon.policy.PolicyEvaluation;
import dev.lexecon.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Re-evaluates a recorded decision from the ledger alone: the request is rebuilt from the {@code
 * decision} entry (personal data from its side record), the policy from the {@code policy_loaded}
 * entry whose canonical policy hashes to the hash the decision names, and the engine-level mode
 * from that entry too. Nothing of the running engine is used, so a replay also works in a process
 * that never saw the decision.
 */
final class Replayer {
  private static final int PAGE = 512;

  private Replayer() {}

  static ReplayResult replay(
      Ledger ledger, String decisionId, DomainPipeline domains, RiskAssessor risk) {
    Objects.requireNonNull(decisionId, "decisionId");
    LedgerEntry entry = findDecision(ledger, decisionId);
    Map<String, @Nullable Object> p = entry.payload();
    Outcome recordedOutcome = DecisionEvents.readOutcome(p.get("outcome"));
    List<Reason> recordedReasons = DecisionEvents.readReasons(p.get("reasons"));
    String policyHash = (String) ((Map<?, ?>) p.get("policy")).get("hash");

    LedgerEntry policyEntry = findPolicy(ledger, policyHash);
    if (policyEntry == null) {
      return result(entry, decisionId, Status.POLICY_UNAVAILABLE, recordedOutcome, recordedReasons,
          null, policyHash, "no policy_loaded entry carries policy " + policyHash);
    }
    PolicyEngine engine;
    try {
      Map<String, @Nullable Object> pl = policyEntry.payload();
      LoadedPolicy loaded = PolicyLoader.parse(Jcs.canonicalString(pl.get("policy")));
      PolicyMode engineMode =
          pl.get("engine_mode") == null ? null : DecisionEvents.readMode(pl.get("engine_mode"));
      engine = PolicyEngine.compile(loaded, engineMode);
    } catch (InvalidPolicyException | IllegalArgumentException e) {
      return result(entry, decisionId, Status.POLICY_UNAVAILABLE, recordedOutcome, recordedReasons,
          null, policyHash, "the policy recorded in " + policyEntry.entryId()
              + " cannot be loaded again: " + e.getMessage());
    }
    if (!engine.policyHash().equals(policyHash)) {
      return result(entry, decisionId, Status.POLICY_UNAVAILABLE, recordedOutcome, recordedReasons,
          null, policyHash, "the policy recorded in " + policyEntry.entryId() + " hashes to "
              + engine.policyHash() + " once loaded again, not " + policyHash);
    }

    List<String> erased = new ArrayList<>();
    DecisionRequest request;
    try {
      request = rebuildRequest(entry, erased);
    } catch (InvalidRequestException | ClassCastException | IllegalArgumentException e) {
      return result(entry, decisionId, Status.DIVERGED, recordedOutcome, recordedReasons, null,
          policyHash, "the recorded request cannot be rebuilt: " + e.getMessage());
    }
    if (request == null) {
      return result(entry, decisionId, Status.INPUTS_ERASED, recordedOutcome, recordedReasons, null,
          policyHash, "personal data the evaluation needs was erased: " + erased);
    }
    PolicyEvaluation replayed;
    try {
      PolicyEngine recorded = engine;
      replayed = domains.evaluate(request, entry.timestamp(),
          r -> RiskOverlay.apply(recorded.evaluate(r), risk.assess(r)));
      // A halt in force when the decision was recorded denied it; the ledger says which.
      Halt halt = OversightEngine.haltAt(ledger, entry.seq(), request.actor(), request.tool(),
          domains.domainsOf(request));
      if (halt != null) {
        replayed = HaltOverlay.apply(replayed, halt);
      }
    } catch (InvalidRequestException e) {
      return result(entry, decisionId, Status.DIVERGED, recordedOutcome, recordedReasons, null,
          policyHash, "a domain plugin of this engine refuses the recorded request: "
              + e.getMessage());
    }
    String difference = difference(p, recordedOutcome, recordedReasons, replayed);
    return new ReplayResult(decisionId, entry.entryId(),
        difference == null ? Status.REPRODUCED : Status.DIVERGED, recordedOutcome, recordedReasons,
        replayed.outcome(), replayed.reasons(), policyHash,
        difference == null
            ? "outcome, reasons, obligations and advisories reproduced under policy " + policyHash
            : difference);
  }

  private static @Nullable String difference(
      Map<String, @Nullable Object> p, Outcome outcome, List<Reason> reasons, PolicyEvaluation r) {
    if (r.outcome() != outcome) {
      return "the outcome is now " + r.outcome() + ", recorded " + outcome;
    }
    if (!r.reasons().equals(reasons)) {
      for (int i = 0; i < Math.max(reasons.size(), r.reasons().size()); i++) {
        Reason a = i < reasons.size() ? reasons.get(i) : null;
        Reason b = i < r.reasons().size() ? r.reasons().get(i) : null;
        if (!Objects.equals(a, b)) {
          return "reason " + (i + 1) + " is now " + b + ", recorded " + a;
        }
      }
    }
    if (!r.obligations().equals(p.get("obligations"))) {
      return "the obligations are now " + r.obligations() + ", recorded " + p.get("obligations");
    }
    if (!r.advisories().equals(p.get("advisories"))) {
      return "the advisories are now " + r.advisories() + ", recorded " + p.get("advisories");
    }
    if (!DecisionEvents.name(r.mode()).equals(p.get("mode"))) {
      return "the mode is now " + r.mode() + ", recorded " + p.get("mode");
    }
    return null;
  }

  /** The request as recorded, or null when personal data it needs was erased (listed). */
  static @Nullable DecisionRequest rebuildRequest(LedgerEntry entry, List<String> erased) {
    Map<?, ?> req = (Map<?, ?>) entry.payload().get("request");
    Map<String, @Nullable Object> personal = entry.personalData();
    String base = "/payload/request/";
    Object actor = open(req.get("actor"), base + "actor", personal, erased);
    Object intent = req.containsKey("user_intent")
        ? open(req.get("user_intent"), base + "user_intent", personal, erased) : null;
    Map<String, @Nullable Object> context =
        openAll((Map<?, ?>) req.get("context"), base + "context/", personal, erased);
    Map<String, @Nullable Object> arguments =
        openAll((Map<?, ?>) req.get("arguments"), base + "arguments/", personal, erased);
    if (!erased.isEmpty()) {
      return null;
    }
    List<String> dataClasses = new ArrayList<>();
    for (Object o : (List<?>) req.get("data_classes")) {
      dataClasses.add((String) o);
    }
    return DecisionRequest.builder((String) actor, (String) req.get("action"))
        .tool((String) req.get("tool"))
        .userIntent((String) intent)
        .dataClasses(dataClasses)
        .riskLevel(((Number) req.get("risk_level")).intValue())
        .resource((String) req.get("resource"))
        .mode(req.get("mode") == null ? null : DecisionEvents.readMode(req.get("mode")))
        .requestId((String) entry.payload().get("request_id"))
        .context(context)
        .arguments(arguments)
        .build();
  }

  private static Map<String, @Nullable Object> openAll(
      Map<?, ?> values, String prefix, Map<String, @Nullable Object> personal, List<String> erased) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put((String) k, open(v, prefix + JsonPath.escapeToken((String) k), personal, erased)));
    return out;
  }

  /** The value behind a commitment, or the value itself when it was recorded in the clear. */
  private static @Nullable Object open(
      @Nullable Object recorded, String pointer, Map<String, @Nullable Object> personal,
      List<String> erased) {
    boolean committed = recorded instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("commitment");
    if (!committed) {
      return recorded;
    }
    if (!personal.containsKey(pointer)) {
      erased.add(pointer);
      return null;
    }
    return personal.get(pointer);
  }

  private static LedgerEntry findDecision(Ledger ledger, String decisionId) {
    for (long offset = 0; ; offset += PAGE) {
      List<LedgerEntry> page = ledger.entries(EventType.DECISION, offset, PAGE);
      for (LedgerEntry e : page) {
        if (decisionId.equals(e.payload().get("decision_id"))) {
          return e;
        }
      }
      if (page.size() < PAGE) {
        throw new IllegalArgumentException("no decision " + decisionId + " in the ledger");
      }
    }
  }

  private static @Nullable LedgerEntry findPolicy(Ledger ledger, String policyHash) {
    for (long offset = 0; ; offset += PAGE) {
      List<LedgerEntry> page = ledger.entries(EventType.POLICY_LOADED, offset, PAGE);
      for (LedgerEntry e : page) {
        if (policyHash.equals(e.payload().get("policy_hash"))) {
          return e;
        }
      }
      if (page.size() < PAGE) {
        return null;
      }
    }
  }

  private static ReplayResult result(
      LedgerEntry entry, String decisionId, Status status, Outcome outcome, List<Reason> reasons,
      @Nullable Outcome replayed, String policyHash, String message) {
    return new ReplayResult(decisionId, entry.entryId(), status, outcome, reasons, replayed,
        List.of(), policyHash, message);
  }
}

package dev.lexecon;

import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.domain.DomainPlugin;
import dev.lexecon.api.evidence.BlobStore;
import dev.lexecon.compliance.Compliance;
import dev.lexecon.compliance.RetentionPolicy;
import dev.lexecon.ledger.LedgerEngine;
import dev.lexecon.risk.RiskProfile;
import dev.lexecon.token.KeyRing;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link Compliance} facade of an engine, describing the engine's live configuration
 * for the EU AI Act Art. 11 technical documentation. Kept out of {@link Lexecon} so that the facade
 * stays a list of settings and accessors.
 */
final class ComplianceSetup {
  private ComplianceSetup() {}

  static Compliance compliance(LedgerEngine ledger, Clock clock, IdGenerator ids,
      @Nullable RetentionPolicy retention, @Nullable PolicyMode modeOverride, RiskProfile risk,
      List<DomainPlugin> domains, KeyRing tokenKeys, Duration tokenTtl, BlobStore evidenceStore,
      long checkpointEvery, Duration checkpointInterval) {
    Compliance.Builder b = Compliance.builder(ledger).clock(clock).idGenerator(ids)
        .riskProfile(risk.describe());
    if (retention != null) {
      b.retention(retention);
    }
    b.component("policy engine", "Evaluates every agent action against the active policy"
        + " (permits, forbids, requires, constraints) deterministically; forbid overrides permit,"
        + " and no permit means deny in strict and paranoid modes.",
        settings("engine_mode", modeOverride == null ? "as each policy says" : modeOverride.name()
            .toLowerCase(java.util.Locale.ROOT)));
    b.component("risk assessor", "Scores six dimensions (security, privacy, compliance,"
        + " operational, reputational, financial) from the request; CRITICAL risk escalates to a"
        + " human in every mode.", settings());
    Map<String, String> domainSettings = new LinkedHashMap<>();
    for (DomainPlugin p : domains) {
      domainSettings.put(p.configuration().name(), p.configuration().domain().name().toLowerCase(java.util.Locale.ROOT)
          + " (" + p.getClass().getName() + ")");
    }
    b.component("domain plugins", "Domain rules run before and after the policy (validation,"
        + " context enrichment, domain risk factors).", domainSettings);
    b.component("capability tokens", "Short-lived signed tokens (JWS) that prove an allowed action"
        + " to the tool executor, bound to the action, tool and arguments.",
        settings("ttl", tokenTtl.toString(), "signing_keys", String.join(", ", tokenKeys.keyIds())));
    b.component("checkpoints", "Signed tree heads of the ledger, appended periodically and on"
        + " demand.", settings("every_entries", String.valueOf(checkpointEvery),
            "interval", checkpointInterval.toString()));
    b.component("evidence store", "Keeps the content of evidence artifacts, named by SHA-256.",
        settings("store", evidenceStore.toString()));
    return b.build();
  }

  private static Map<String, String> settings(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}

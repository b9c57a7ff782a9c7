package dev.lexecon;

import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.oversight.OversightEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The capability tokens this engine issued that have not yet expired, with what they grant, so a
 * halt can revoke those in its scope by decision id (through the ledgered revocation list, which
 * verifiers in other processes follow). Expired tokens are swept every few thousand issues; tokens
 * live minutes, so the map holds what was issued in the last token lifetime. Thread-safe.
 */
final class IssuedTokens {
  private static final int SWEEP_EVERY = 4096;

  private record Issued(String decisionId, String actor, String tool, Set<GovernanceDomain> domains,
      Instant expiresAt) {}

  private final ConcurrentHashMap<String, Issued> byTokenId = new ConcurrentHashMap<>();
  private final AtomicInteger sinceSweep = new AtomicInteger();
  private final Clock clock;

  IssuedTokens(Clock clock) {
    this.clock = clock;
  }

  void register(CapabilityToken token, Set<GovernanceDomain> domains) {
    TokenClaims c = token.claims();
    byTokenId.put(c.tokenId(),
        new Issued(c.decisionId(), c.subject(), c.tool(), domains, c.expiresAt()));
    if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
      sinceSweep.set(0);
      Instant now = clock.instant();
      byTokenId.values().removeIf(i -> !now.isBefore(i.expiresAt()));
    }
  }

  /** Decision ids of unexpired tokens in the halt's scope. */
  List<String> decisionsIn(Halt halt) {
    Instant now = clock.instant();
    Set<String> out = new LinkedHashSet<>();
    for (Issued i : byTokenId.values()) {
      if (now.isBefore(i.expiresAt())
          && OversightEngine.covers(halt.scope(), i.actor(), i.tool(), i.domains())) {
        out.add(i.decisionId());
      }
    }
    return new ArrayList<>(out);
  }
}

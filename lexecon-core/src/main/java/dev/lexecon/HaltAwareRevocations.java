package dev.lexecon;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.oversight.OversightEngine;
import dev.lexecon.token.InMemoryRevocationList;
import dev.lexecon.token.Revocation;
import dev.lexecon.token.RevocationList;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine's revocation list as its verifier sees it: the ledgered revocations, and any token a
 * halt covers (while it is in force, or issued before it). The second part is what makes a halt
 * revoke tokens issued by an earlier process, whose issue this process never saw; with no halt
 * ever recorded it costs one map-emptiness check.
 */
final class HaltAwareRevocations implements RevocationList {
  private final InMemoryRevocationList recorded;
  private final OversightEngine oversight;
  private final DomainPipeline domains;

  HaltAwareRevocations(InMemoryRevocationList recorded, OversightEngine oversight,
      DomainPipeline domains) {
    this.recorded = recorded;
    this.oversight = oversight;
    this.domains = domains;
  }

  @Override
  public @Nullable Revocation find(String tokenId, String decisionId) {
    return recorded.find(tokenId, decisionId);
  }

  @Override
  public @Nullable Revocation find(TokenClaims claims) {
    Revocation r = recorded.find(claims.tokenId(), claims.decisionId());
    if (r != null || !oversight.haltsRecorded()) {
      return r;
    }
    Set<GovernanceDomain> in = domains.plugins().isEmpty() ? Set.of()
        : domains.domainsOf(DecisionRequest.builder(claims.subject(), claims.action())
            .tool(claims.tool()).resource(claims.resource()).build());
    Halt h = oversight.haltRevoking(claims.subject(), claims.tool(), in, claims.issuedAt(),
        claims.ledgerEntryId());
    return h == null ? null : new Revocation(Revocation.Scope.DECISION, claims.decisionId(),
        h.haltedAt(), "halted by " + h.haltId());
  }
}

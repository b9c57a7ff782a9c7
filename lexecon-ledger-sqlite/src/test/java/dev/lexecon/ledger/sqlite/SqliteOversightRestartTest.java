package dev.lexecon.ledger.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.oversight.HaltScope;
import dev.lexecon.api.oversight.IncidentCategory;
import dev.lexecon.api.oversight.OverrideType;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.oversight.Oversight;
import dev.lexecon.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Oversight state over a SQLite ledger survives closing and reopening the file")
class SqliteOversightRestartTest {
  private static final Policy POLICY = Policy.builder("sqlite-oversight", "1")
      .mode(PolicyMode.STRICT).actor("actor:agent", "agent:*")
      .action("action:read", null).action("action:wipe", null).action("action:transfer", null)
      .permits("actor:agent", "action:read").forbids("actor:agent", "action:wipe")
      .permits("actor:agent", "action:transfer")
      .requires("actor:agent", "action:transfer", "dual_authorization")
      .build();
  private static final Principal ALICE = Principal.of("alice@bank.example", Role.COMPLIANCE_OFFICER);
  private static final Principal BOB = Principal.of("bob@bank.example", Role.COMPLIANCE_OFFICER);
  private static final Principal CEO =
      Principal.of("ceo@bank.example", Role.of("executive"), Role.COMPLIANCE_OFFICER);

  private static List<Object> snapshot(Oversight o) {
    return List.of(o.openEscalations(), o.resolvedEscalations(), o.activeOverrides(),
        o.activeHalts(), o.halts(), o.legalHolds(), o.incidents());
  }

  @Test
  @DisplayName("escalations, confirmations, overrides, halts, holds and incidents are rebuilt from the file")
  void reopen(@TempDir Path dir) {
    Path file = dir.resolve("ledger.db");
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
    List<Object> before;
    String transfer;
    try (Lexecon lexecon = Lexecon.builder().policy(POLICY).clock(clock)
        .ledger(SqliteLedgerStorage.open(file)).build()) {
      Oversight o = lexecon.oversight();
      Decision t = lexecon.decide(DecisionRequest.builder("agent:1", "transfer").build());
      transfer = t.decisionId();
      o.confirm(o.escalationsOf(transfer).get(0).escalationId(), ALICE, "first of two");
      Decision wipe = lexecon.decide(DecisionRequest.builder("agent:1", "wipe").build());
      o.override(wipe.decisionId(), CEO, OverrideType.EXECUTIVE_OVERRIDE, Outcome.APPROVED,
          "decommissioning approved by the board", null);
      o.halt(HaltScope.tools("read"), ALICE, "reads leak data");
      o.placeLegalHold(ALICE, "regulator inquiry", Set.of(wipe.decisionId()));
      o.openIncident(ALICE, IncidentCategory.WIDESPREAD_INFRINGEMENT, clock.instant(),
          "bulk exposure", List.of(t.decisionId()), List.of());
      before = snapshot(o);
    }
    try (Lexecon lexecon = Lexecon.builder().policy(POLICY).clock(clock)
        .ledger(SqliteLedgerStorage.open(file)).build()) {
      Oversight o = lexecon.oversight();
      assertThat(snapshot(o)).isEqualTo(before);
      assertThat(o.verifyConfirmation(
          lexecon.ledger().entries(EventType.CONFIRMATION, 0, 1).get(0))).isTrue();
      assertThat(lexecon.decide(DecisionRequest.builder("agent:1", "read").build()).outcome())
          .isEqualTo(Outcome.DENIED);
      assertThat(o.confirm(o.escalationsOf(transfer).get(0).escalationId(), BOB, null)
          .resolution()).isNotNull();
      assertThat(lexecon.tokenFor(transfer)).isNotNull();
      assertThat(lexecon.ledger().verify().valid()).isTrue();
    }
  }
}

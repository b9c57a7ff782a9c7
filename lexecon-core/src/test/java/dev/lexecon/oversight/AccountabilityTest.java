package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.oversight.AccountabilityReport;
import dev.lexecon.api.oversight.InterventionRole;
import dev.lexecon.api.oversight.InterventionType;
import dev.lexecon.api.oversight.OverrideType;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.oversight.Responsibility;
import dev.lexecon.api.oversight.ResponsibilityChain;
import dev.lexecon.api.oversight.ResponsibilityLevel;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Accountability: responsibility chains and the report")
class AccountabilityTest {
  private final MutableClock clock = clock();

  private static String escalationOf(Lexecon lexecon, Decision d) {
    return lexecon.oversight().escalationsOf(d.decisionId()).get(0).escalationId();
  }

  @Test
  @DisplayName("an automated decision names the engine and its policy, with the policy's reasoning")
  void automated() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(read());
      ResponsibilityChain chain = lexecon.oversight().responsibility(d.decisionId());
      assertThat(chain.links()).singleElement().satisfies(r -> {
        assertThat(r.level()).isEqualTo(ResponsibilityLevel.AUTOMATED);
        assertThat(r.decisionMaker()).isEqualTo("lexecon:oversight");
        assertThat(r.role()).isEqualTo("policy_engine");
        assertThat(r.reasoning()).startsWith("approved: ");
        assertThat(r.ledgerEntryId()).isEqualTo(d.ledgerEntryId());
      });
    }
  }

  @Test
  @DisplayName("humans add links: approving an escalation is human_made, a confirmation reviewed, passing on delegated")
  void humanLinks() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision escalated = lexecon.decide(critical());
      clock.advance(Duration.ofMinutes(1));
      lexecon.oversight().resolve(escalationOf(lexecon, escalated), ALICE, Resolution.APPROVED,
          "test key, harmless");
      lexecon.oversight().intervene(escalated.decisionId(), SUPERVISOR,
          InterventionRole.SUPERVISOR, InterventionType.CONFIRMATION, "agree", null);
      ResponsibilityChain chain = lexecon.oversight().responsibility(escalated.decisionId());
      assertThat(chain.links()).extracting(Responsibility::level).containsExactly(
          ResponsibilityLevel.AUTOMATED, ResponsibilityLevel.HUMAN_MADE,
          ResponsibilityLevel.REVIEWED);
      assertThat(chain.links().get(1).decisionMaker()).isEqualTo(ALICE.id());
      assertThat(chain.links().get(1).reasoning()).isEqualTo("approved: test key, harmless");
      assertThat(chain.accountable().decisionMaker()).isEqualTo(SUPERVISOR.id());
      assertThat(chain.accountable().role()).isEqualTo("supervisor");

      Decision passed = lexecon.decide(deploy());
      lexecon.oversight().resolve(escalationOf(lexecon, passed), BOB,
          Resolution.ESCALATED_FURTHER, "needs the CTO");
      assertThat(lexecon.oversight().responsibility(passed.decisionId()).accountable().level())
          .isEqualTo(ResponsibilityLevel.DELEGATED);

      Decision fourEyes = lexecon.decide(transfer("agent:1"));
      lexecon.oversight().confirm(escalationOf(lexecon, fourEyes), T1, null);
      lexecon.oversight().confirm(escalationOf(lexecon, fourEyes), T2, null);
      assertThat(lexecon.oversight().responsibility(fourEyes.decisionId()).links())
          .extracting(Responsibility::level).containsExactly(ResponsibilityLevel.AUTOMATED,
              ResponsibilityLevel.REVIEWED, ResponsibilityLevel.REVIEWED,
              ResponsibilityLevel.HUMAN_MADE);

      Decision denied = lexecon.decide(wipe());
      lexecon.oversight().override(denied.decisionId(), CEO, OverrideType.EMERGENCY_BYPASS,
          Outcome.APPROVED, "outage: the disk must be wiped now", null);
      Responsibility override = lexecon.oversight().responsibility(denied.decisionId())
          .accountable();
      assertThat(override.level()).isEqualTo(ResponsibilityLevel.HUMAN_MADE);
      assertThat(override.role()).isEqualTo("override:emergency_bypass");
      assertThat(override.reasoning()).isEqualTo("outage: the disk must be wiped now");
    }
  }

  @Test
  @DisplayName("the report counts a period's decisions by accountable level and party")
  void report() {
    try (Lexecon lexecon = lexecon(clock)) {
      lexecon.decide(read());
      lexecon.decide(read());
      Decision escalated = lexecon.decide(critical());
      lexecon.oversight().resolve(escalationOf(lexecon, escalated), ALICE, Resolution.DENIED, null);
      Decision confirmed = lexecon.decide(wipe());
      lexecon.oversight().intervene(confirmed.decisionId(), OPERATOR, InterventionRole.OPERATOR,
          InterventionType.CONFIRMATION, "right call", null);
      clock.advance(Duration.ofDays(1));
      lexecon.decide(read()); // outside the period
      AccountabilityReport report = lexecon.oversight().accountability(START,
          START.plus(Duration.ofHours(1)));
      assertThat(report.decisions()).isEqualTo(4);
      assertThat(report.byLevel()).containsExactly(
          Map.entry(ResponsibilityLevel.AUTOMATED, 2L), Map.entry(ResponsibilityLevel.DELEGATED, 0L),
          Map.entry(ResponsibilityLevel.REVIEWED, 1L), Map.entry(ResponsibilityLevel.HUMAN_MADE, 1L));
      assertThat(report.byParty()).containsExactly(Map.entry("lexecon:oversight", 2L),
          Map.entry(ALICE.id(), 1L), Map.entry(OPERATOR.id(), 1L));
    }
  }
}

package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.DecisionOverride;
import dev.lexecon.api.oversight.OverrideType;
import dev.lexecon.api.oversight.PermissionDeniedException;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Overrides: authorised by exact role, justified, expiring")
class OverrideTest {
  private static final String WHY = "the wipe is the approved decommissioning plan";
  private final MutableClock clock = clock();

  @Test
  @DisplayName("an executive overrides a denial; the override is recorded and a token can be obtained")
  void executiveOverride() {
    try (Lexecon lexecon = lexecon(clock)) {
      DecisionRequest request = wipe();
      Decision d = lexecon.decide(request);
      assertThat(d.outcome()).isEqualTo(Outcome.DENIED);
      DecisionOverride o = lexecon.oversight().override(d.decisionId(), CEO,
          OverrideType.EXECUTIVE_OVERRIDE, Outcome.APPROVED, "   " + WHY + "   ", null);
      assertThat(o.overrideId()).startsWith("ovr_");
      assertThat(o.justification()).isEqualTo(WHY);
      assertThat(o.authorizedBy()).isEqualTo(CEO.id());
      assertThat(o.originalOutcome()).isEqualTo(Outcome.DENIED);
      assertThat(o.newOutcome()).isEqualTo(Outcome.APPROVED);
      assertThat(o.expiresAt()).isNull();
      assertThat(lexecon.oversight().activeOverride(d.decisionId())).contains(o);
      assertThat(lexecon.oversight().activeOverrides()).containsExactly(o);
      LedgerEntry e = entries(lexecon, EventType.OVERRIDE).get(0);
      assertThat(e.payload()).containsEntry("decision_id", d.decisionId())
          .containsEntry("override_type", "executive_override")
          .containsEntry("original_outcome", "denied").containsEntry("new_outcome", "approved")
          .containsEntry("justification", WHY);
      assertThat(committed(e.payload().get("by"))).isTrue();
      assertThat(lexecon.tokenVerifier().verify(lexecon.tokenFor(d.decisionId()).value(),
          ExpectedCall.of(request))).isInstanceOf(TokenVerification.Accepted.class);
    }
  }

  @Test
  @DisplayName("role membership is exact: executive_intern is not an executive, nor is someone named executive")
  void exactRoleMembership() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(wipe());
      assertThatThrownBy(() -> lexecon.oversight().override(d.decisionId(), INTERN,
          OverrideType.EXECUTIVE_OVERRIDE, Outcome.APPROVED, WHY, null))
          .isInstanceOfSatisfying(PermissionDeniedException.class,
              ex -> assertThat(ex.requirement()).isEqualTo("one of the roles admin, executive"));
      Principal named = Principal.of("executive", dev.lexecon.api.oversight.Role.COMPLIANCE_OFFICER);
      assertThatThrownBy(() -> lexecon.oversight().override(d.decisionId(), named,
          OverrideType.EXECUTIVE_OVERRIDE, Outcome.APPROVED, WHY, null))
          .isInstanceOf(PermissionDeniedException.class);
      Principal executiveWithoutApproval = Principal.of("cfo@bank.example", EXECUTIVE);
      assertThatThrownBy(() -> lexecon.oversight().override(d.decisionId(),
          executiveWithoutApproval, OverrideType.EXECUTIVE_OVERRIDE, Outcome.APPROVED, WHY, null))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).hasSize(3);
      assertThat(entries(lexecon, EventType.OVERRIDE)).isEmpty();
      assertThat(lexecon.oversight().override(d.decisionId(), ROOT, OverrideType.RISK_ACCEPTED,
          Outcome.APPROVED, WHY, null)).isNotNull();
    }
  }

  @Test
  @DisplayName("the justification needs 20 characters once trimmed")
  void justification() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(wipe());
      String nineteen = "x".repeat(19);
      assertThatThrownBy(() -> lexecon.oversight().override(d.decisionId(), CEO,
          OverrideType.EMERGENCY_BYPASS, Outcome.APPROVED, "   " + nineteen + "     ", null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("had 19");
      assertThat(lexecon.oversight().override(d.decisionId(), CEO, OverrideType.EMERGENCY_BYPASS,
          Outcome.APPROVED, " " + "x".repeat(20) + " ", null).justification()).hasSize(20);
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).isEmpty();
    }
  }

  @Test
  @DisplayName("only denied or escalated decisions, only to approved or conditional")
  void outcomes() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision approved = lexecon.decide(read());
      assertThatThrownBy(() -> lexecon.oversight().override(approved.decisionId(), CEO,
          OverrideType.EXECUTIVE_OVERRIDE, Outcome.APPROVED, WHY, null))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("was APPROVED");
      Decision denied = lexecon.decide(wipe());
      assertThatThrownBy(() -> lexecon.oversight().override(denied.decisionId(), CEO,
          OverrideType.EXECUTIVE_OVERRIDE, Outcome.DENIED, WHY, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> lexecon.oversight().override("dec_missing", CEO,
          OverrideType.EXECUTIVE_OVERRIDE, Outcome.APPROVED, WHY, null))
          .isInstanceOf(IllegalArgumentException.class);
      Decision escalated = lexecon.decide(DecisionRequest.builder("agent:1", "pay").build());
      DecisionOverride o = lexecon.oversight().override(escalated.decisionId(), CEO,
          OverrideType.RISK_ACCEPTED, Outcome.CONDITIONAL, WHY, null);
      assertThat(o.originalOutcome()).isEqualTo(Outcome.ESCALATED);
      assertThat(lexecon.tokenFor(escalated.decisionId()).claims().obligations())
          .containsExactly("invoice_attached");
    }
  }

  @Test
  @DisplayName("a time-limited exception lasts 24 hours by default; expired overrides stop applying")
  void expiry() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(wipe());
      DecisionOverride o = lexecon.oversight().override(d.decisionId(), CEO,
          OverrideType.TIME_LIMITED_EXCEPTION, Outcome.APPROVED, WHY, null);
      assertThat(o.expiresAt()).isEqualTo(START.plus(Duration.ofHours(24)));
      clock.advance(Duration.ofHours(24).minusNanos(1000));
      assertThat(lexecon.tokenFor(d.decisionId())).isNotNull();
      clock.advance(Duration.ofNanos(1000));
      assertThat(lexecon.oversight().activeOverride(d.decisionId())).isEmpty();
      assertThat(lexecon.oversight().activeOverrides()).isEmpty();
      assertThatThrownBy(() -> lexecon.tokenFor(d.decisionId()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(OverrideType.class)
  @DisplayName("any override may last at most 90 days, and must last some time")
  void validityBounds(OverrideType type) {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(wipe());
      assertThatThrownBy(() -> lexecon.oversight().override(d.decisionId(), CEO, type,
          Outcome.APPROVED, WHY, Duration.ofDays(90).plusSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("90 days");
      assertThatThrownBy(() -> lexecon.oversight().override(d.decisionId(), CEO, type,
          Outcome.APPROVED, WHY, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
      DecisionOverride o = lexecon.oversight().override(d.decisionId(), CEO, type,
          Outcome.APPROVED, WHY, Duration.ofDays(90));
      assertThat(o.expiresAt()).isEqualTo(START.plus(Duration.ofDays(90)));
    }
  }

  @Test
  @DisplayName("override roles are configurable")
  void configuredRoles() {
    OversightConfig config = OversightConfig.builder()
        .overrideRoles(dev.lexecon.api.oversight.Role.of("risk_committee")).build();
    try (Lexecon lexecon = builder(clock).oversight(config).build()) {
      Decision d = lexecon.decide(wipe());
      assertThatThrownBy(() -> lexecon.oversight().override(d.decisionId(), CEO,
          OverrideType.EXECUTIVE_OVERRIDE, Outcome.APPROVED, WHY, null))
          .isInstanceOf(PermissionDeniedException.class);
      Principal member = Principal.of("rc@bank.example",
          dev.lexecon.api.oversight.Role.of("risk_committee"),
          dev.lexecon.api.oversight.Role.COMPLIANCE_OFFICER);
      assertThat(lexecon.oversight().override(d.decisionId(), member, OverrideType.RISK_ACCEPTED,
          Outcome.APPROVED, WHY, null)).isNotNull();
    }
  }
}

package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Intervention;
import dev.lexecon.api.oversight.InterventionMetrics;
import dev.lexecon.api.oversight.InterventionRole;
import dev.lexecon.api.oversight.InterventionType;
import dev.lexecon.api.oversight.PermissionDeniedException;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenRejection;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EU AI Act Art. 14 interventions: rejection, modification, confirmation")
class InterventionTest {
  private final MutableClock clock = clock();

  @Test
  @DisplayName("a rejection is recorded with role, reason and notes, and revokes the decision's tokens")
  void rejection() {
    try (Lexecon lexecon = lexecon(clock)) {
      DecisionRequest request = read();
      Decision d = lexecon.decide(request);
      clock.advance(Duration.ofSeconds(90));
      Intervention i = lexecon.oversight().intervene(d.decisionId(), OPERATOR,
          InterventionRole.OPERATOR, InterventionType.REJECTION, "wrong customer file",
          "caller said they are someone else");
      assertThat(i.interventionId()).startsWith("int_");
      assertThat(i.by()).isEqualTo(OPERATOR.id());
      assertThat(i.responseTime()).isEqualTo(Duration.ofSeconds(90));
      assertThat(i.notes()).isEqualTo("caller said they are someone else");
      assertThat(lexecon.tokenVerifier().verify(d.token().value(), ExpectedCall.of(request)))
          .isInstanceOfSatisfying(TokenVerification.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(TokenRejection.REVOKED));
      LedgerEntry e = entries(lexecon, EventType.INTERVENTION).get(0);
      assertThat(e.payload()).containsEntry("intervention_type", "rejection")
          .containsEntry("role", "operator").containsEntry("reason", "wrong customer file")
          .containsEntry("response_time_ms", 90_000L);
      assertThat(committed(e.payload().get("notes"))).isTrue();
      assertThat(lexecon.oversight().interventions(d.decisionId())).containsExactly(i);
    }
  }

  @Test
  @DisplayName("a rejection also stops tokenFor for a decision a human had approved")
  void rejectionBeatsApproval() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(critical());
      lexecon.oversight().resolve(lexecon.oversight().escalationsOf(d.decisionId()).get(0)
          .escalationId(), ALICE, dev.lexecon.api.oversight.Resolution.APPROVED, null);
      lexecon.oversight().intervene(d.decisionId(), SUPERVISOR, InterventionRole.SUPERVISOR,
          InterventionType.REJECTION, "second look says no", null);
      assertThatThrownBy(() -> lexecon.tokenFor(d.decisionId()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("rejected");
    }
  }

  @Test
  @DisplayName("intervening needs the capacity's role and APPROVE_REQUESTS; refusals are ledgered")
  void roles() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(read());
      assertThatThrownBy(() -> lexecon.oversight().intervene(d.decisionId(), ALICE,
          InterventionRole.OPERATOR, InterventionType.CONFIRMATION, "fine", null))
          .isInstanceOfSatisfying(PermissionDeniedException.class,
              ex -> assertThat(ex.requirement()).isEqualTo("role operator"));
      assertThatThrownBy(() -> lexecon.oversight().intervene(d.decisionId(), OPERATOR,
          InterventionRole.MANAGER, InterventionType.CONFIRMATION, "fine", null))
          .isInstanceOf(PermissionDeniedException.class);
      var viewerOperator = dev.lexecon.api.oversight.Principal.of("v@bank.example",
          dev.lexecon.api.oversight.Role.of("operator"), dev.lexecon.api.oversight.Role.VIEWER);
      assertThatThrownBy(() -> lexecon.oversight().intervene(d.decisionId(), viewerOperator,
          InterventionRole.OPERATOR, InterventionType.CONFIRMATION, "fine", null))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> lexecon.oversight().intervene("dec_none", OPERATOR,
          InterventionRole.OPERATOR, InterventionType.CONFIRMATION, "fine", null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> lexecon.oversight().intervene(d.decisionId(), OPERATOR,
          InterventionRole.OPERATOR, InterventionType.CONFIRMATION, "", null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).hasSize(3);
      assertThat(entries(lexecon, EventType.INTERVENTION)).isEmpty();
    }
  }

  @Test
  @DisplayName("response-time metrics per role: count, mean, median and max")
  void metrics() {
    try (Lexecon lexecon = lexecon(clock)) {
      for (int minutes : List.of(1, 3, 8)) {
        Decision d = lexecon.decide(read());
        clock.advance(Duration.ofMinutes(minutes));
        lexecon.oversight().intervene(d.decisionId(), OPERATOR, InterventionRole.OPERATOR,
            InterventionType.CONFIRMATION, "looks right", null);
      }
      Decision d = lexecon.decide(read());
      clock.advance(Duration.ofMinutes(30));
      lexecon.oversight().intervene(d.decisionId(), MANAGER, InterventionRole.MANAGER,
          InterventionType.MODIFICATION, "reduced the amount", "to 100");
      List<InterventionMetrics> metrics = lexecon.oversight().interventionMetrics();
      assertThat(metrics).extracting(InterventionMetrics::role)
          .containsExactly(InterventionRole.values());
      assertThat(metrics.get(0)).isEqualTo(new InterventionMetrics(InterventionRole.OPERATOR, 3,
          Duration.ofMinutes(4), Duration.ofMinutes(3), Duration.ofMinutes(8)));
      assertThat(metrics.get(1)).isEqualTo(new InterventionMetrics(InterventionRole.MANAGER, 1,
          Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30)));
      assertThat(metrics.get(2).count()).isZero();
    }
  }
}

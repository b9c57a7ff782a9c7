package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Escalation;
import dev.lexecon.api.oversight.EscalationPriority;
import dev.lexecon.api.oversight.EscalationStatus;
import dev.lexecon.api.oversight.EscalationTrigger;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.PermissionDeniedException;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Resolution;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Escalations: opened by decide() or by hand, acknowledged, resolved, expired")
class EscalationTest {
  private final MutableClock clock = clock();

  private Escalation only(Lexecon lexecon, Decision d) {
    List<Escalation> all = lexecon.oversight().escalationsOf(d.decisionId());
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  @DisplayName("a CRITICAL risk decision opens a critical risk_threshold escalation due in one hour")
  void criticalRiskOpensEscalation() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(critical());
      assertThat(d.outcome()).isEqualTo(Outcome.ESCALATED);
      Escalation e = only(lexecon, d);
      assertThat(e.trigger()).isEqualTo(EscalationTrigger.RISK_THRESHOLD);
      assertThat(e.priority()).isEqualTo(EscalationPriority.CRITICAL);
      assertThat(e.deadline()).isEqualTo(START.plus(Duration.ofHours(1)));
      assertThat(e.assignees()).containsExactly("role:compliance_officer", "role:admin");
      assertThat(e.contextSummary()).contains("agent:1 asks to read", "CRITICAL");
      assertThat(e.status(clock.instant())).isEqualTo(EscalationStatus.PENDING);
      assertThat(e.requiredConfirmations()).isEqualTo(1);
      LedgerEntry opened = entries(lexecon, EventType.ESCALATION_OPENED).get(0);
      assertThat(opened.payload()).containsEntry("decision_id", d.decisionId())
          .containsEntry("decision_entry", d.ledgerEntryId()).containsEntry("priority", "critical");
      assertThat(committed(opened.payload().get("context_summary"))).isTrue();
    }
  }

  @Test
  @DisplayName("PARANOID high risk opens a high-priority escalation; an unmet human confirmation a medium explicit_rule one")
  void otherAutomaticEscalations() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision paranoid = lexecon.decide(read("phi").toBuilder().mode(PolicyMode.PARANOID).build());
      Escalation high = only(lexecon, paranoid);
      assertThat(high.trigger()).isEqualTo(EscalationTrigger.RISK_THRESHOLD);
      assertThat(high.priority()).isEqualTo(EscalationPriority.HIGH);
      assertThat(high.deadline()).isEqualTo(START.plus(Duration.ofHours(4)));
      Decision deploy = lexecon.decide(deploy());
      Escalation medium = only(lexecon, deploy);
      assertThat(medium.trigger()).isEqualTo(EscalationTrigger.EXPLICIT_RULE);
      assertThat(medium.priority()).isEqualTo(EscalationPriority.MEDIUM);
      assertThat(medium.deadline()).isEqualTo(START.plus(Duration.ofHours(24)));
    }
  }

  @Test
  @DisplayName("approved and denied decisions open no escalation")
  void noEscalationOtherwise() {
    try (Lexecon lexecon = lexecon(clock)) {
      assertThat(lexecon.oversight().escalationsOf(lexecon.decide(read()).decisionId())).isEmpty();
      assertThat(lexecon.oversight().escalationsOf(lexecon.decide(wipe()).decisionId())).isEmpty();
      assertThat(entries(lexecon, EventType.ESCALATION_OPENED)).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EscalationPriority.class)
  @DisplayName("each priority's SLA sets the deadline: defaults 1 h, 4 h, 24 h, 72 h, and configurable")
  void slaPerPriority(EscalationPriority priority) {
    Duration expected = switch (priority) {
      case CRITICAL -> Duration.ofHours(1);
      case HIGH -> Duration.ofHours(4);
      case MEDIUM -> Duration.ofHours(24);
      case LOW -> Duration.ofHours(72);
    };
    assertThat(priority.defaultSla()).isEqualTo(expected);
    try (Lexecon lexecon = lexecon(clock)) {
      Escalation e = lexecon.oversight().openEscalation(ALICE, null,
          EscalationTrigger.ANOMALY_DETECTED, priority, List.of("role:admin"), "odd traffic");
      assertThat(e.deadline()).isEqualTo(START.plus(expected));
    }
    OversightConfig config = OversightConfig.builder().sla(priority, Duration.ofMinutes(7)).build();
    try (Lexecon lexecon = builder(clock).oversight(config).build()) {
      Escalation e = lexecon.oversight().openEscalation(ALICE, null,
          EscalationTrigger.ANOMALY_DETECTED, priority, List.of("role:admin"), "odd traffic");
      assertThat(e.deadline()).isEqualTo(START.plus(Duration.ofMinutes(7)));
    }
  }

  @Test
  @DisplayName("opening by hand records trigger, priority, assignees and summary, and checks them")
  void openByHand() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(read());
      Escalation e = lexecon.oversight().openEscalation(VERA, d.decisionId(),
          EscalationTrigger.ACTOR_REQUEST, EscalationPriority.LOW,
          List.of("bob@bank.example", "role:auditor"), "customer asked why");
      assertThat(e.decisionId()).isEqualTo(d.decisionId());
      assertThat(e.assignees()).containsExactly("bob@bank.example", "role:auditor");
      assertThat(e.contextSummary()).isEqualTo("customer asked why");
      assertThat(e.trigger()).isEqualTo(EscalationTrigger.ACTOR_REQUEST);
      LedgerEntry opened = entries(lexecon, EventType.ESCALATION_OPENED).get(0);
      List<?> assignees = (List<?>) opened.payload().get("assignees");
      assertThat(committed(assignees.get(0))).isTrue();
      assertThat(assignees.get(1)).isEqualTo("role:auditor");

      Oversight o = lexecon.oversight();
      assertThatThrownBy(() -> o.openEscalation(ALICE, null, EscalationTrigger.ACTOR_REQUEST,
          EscalationPriority.LOW, List.of(), "x")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least one assignee");
      assertThatThrownBy(() -> o.openEscalation(ALICE, null, EscalationTrigger.ACTOR_REQUEST,
          EscalationPriority.LOW, List.of("role:Not A Role"), "x"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> o.openEscalation(ALICE, "dec_unknown",
          EscalationTrigger.ACTOR_REQUEST, EscalationPriority.LOW, List.of("role:admin"), "x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dec_unknown");
      Principal guest = Principal.of("guest@bank.example", Role.of("guest"));
      assertThatThrownBy(() -> o.openEscalation(guest, null, EscalationTrigger.ACTOR_REQUEST,
          EscalationPriority.LOW, List.of("role:admin"), "x"))
          .isInstanceOfSatisfying(PermissionDeniedException.class,
              ex -> assertThat(ex.permission()).isEqualTo(Permission.VIEW_DASHBOARD));
      assertThat(entries(lexecon, EventType.ESCALATION_OPENED)).hasSize(1);
    }
  }

  @Test
  @DisplayName("pending -> acknowledged -> resolved, with who, notes, response time and SLA kept")
  void lifecycle() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(critical());
      Escalation e = only(lexecon, d);
      clock.advance(Duration.ofMinutes(5));
      Escalation ack = lexecon.oversight().acknowledge(e.escalationId(), ALICE);
      assertThat(ack.status(clock.instant())).isEqualTo(EscalationStatus.ACKNOWLEDGED);
      assertThat(ack.acknowledgedBy()).isEqualTo(ALICE.id());
      assertThatThrownBy(() -> lexecon.oversight().acknowledge(e.escalationId(), BOB))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already acknowledged");
      clock.advance(Duration.ofMinutes(10));
      Escalation done = lexecon.oversight().resolve(e.escalationId(), ALICE, Resolution.APPROVED,
          "checked the path, it is a test key");
      assertThat(done.status(clock.instant())).isEqualTo(EscalationStatus.RESOLVED);
      assertThat(done.resolution().resolution()).isEqualTo(Resolution.APPROVED);
      assertThat(done.resolution().resolvedBy()).isEqualTo(ALICE.id());
      assertThat(done.resolution().notes()).isEqualTo("checked the path, it is a test key");
      assertThat(done.resolution().responseTime()).isEqualTo(Duration.ofMinutes(15));
      assertThat(done.resolution().withinSla()).isTrue();
      LedgerEntry resolved = entries(lexecon, EventType.ESCALATION_RESOLVED).get(0);
      assertThat(resolved.payload()).containsEntry("resolution", "approved")
          .containsEntry("within_sla", true);
      assertThat(((Number) resolved.payload().get("response_time_ms")).longValue())
          .isEqualTo(900_000L);
      assertThat(lexecon.ledger().verify().valid()).isTrue();
    }
  }

  @Test
  @DisplayName("only an assignee or whoever acknowledged may resolve; the refusal is ledgered")
  void onlyAssigneesResolve() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(read());
      Escalation e = lexecon.oversight().openEscalation(ALICE, d.decisionId(),
          EscalationTrigger.ACTOR_REQUEST, EscalationPriority.HIGH, List.of(ALICE.id()), "look");
      assertThatThrownBy(() -> lexecon.oversight().resolve(e.escalationId(), BOB,
          Resolution.DENIED, null))
          .isInstanceOfSatisfying(PermissionDeniedException.class, ex -> {
            assertThat(ex.operation()).isEqualTo("resolve_escalation");
            assertThat(ex.permission()).isNull();
            assertThat(ex.principalId()).isEqualTo(BOB.id());
            assertThat(ex.getMessage()).doesNotContain(BOB.id());
          });
      LedgerEntry denied = entries(lexecon, EventType.ACCESS_DENIED).get(0);
      assertThat(denied.payload()).containsEntry("operation", "resolve_escalation")
          .containsEntry("target", e.escalationId())
          .containsEntry("roles", List.of("compliance_officer"));
      assertThat(committed(denied.payload().get("by"))).isTrue();
      lexecon.oversight().acknowledge(e.escalationId(), BOB);
      assertThat(lexecon.oversight().resolve(e.escalationId(), BOB, Resolution.DENIED, null)
          .resolution().resolvedBy()).isEqualTo(BOB.id());
    }
  }

  @Test
  @DisplayName("a role assignee matches by exact role, and a viewer lacks APPROVE_REQUESTS")
  void roleAssigneesAndPermissions() {
    try (Lexecon lexecon = lexecon(clock)) {
      Escalation e = only(lexecon, lexecon.decide(critical()));
      assertThatThrownBy(() -> lexecon.oversight().resolve(e.escalationId(), VERA,
          Resolution.APPROVED, null))
          .isInstanceOfSatisfying(PermissionDeniedException.class,
              ex -> assertThat(ex.permission()).isEqualTo(Permission.APPROVE_REQUESTS));
      assertThatThrownBy(() -> lexecon.oversight().acknowledge(e.escalationId(), VERA))
          .isInstanceOf(PermissionDeniedException.class);
      Principal lookalike = Principal.of("compliance_officer", Role.of("compliance_officer_trainee"),
          Role.ADMIN);
      assertThat(e.isAssignee(lookalike)).isTrue(); // as an admin
      Principal trainee = Principal.of("compliance_officer", Role.of("compliance_officer_trainee"));
      assertThat(e.isAssignee(trainee)).isFalse();
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).hasSize(2);
      assertThat(lexecon.oversight().resolve(e.escalationId(), ROOT, Resolution.DENIED, null)
          .resolution()).isNotNull();
    }
  }

  @Test
  @DisplayName("resolving twice is refused and records nothing")
  void resolvingTwice() {
    try (Lexecon lexecon = lexecon(clock)) {
      Escalation e = only(lexecon, lexecon.decide(critical()));
      lexecon.oversight().resolve(e.escalationId(), ALICE, Resolution.DENIED, null);
      long size = lexecon.ledger().size();
      assertThatThrownBy(() -> lexecon.oversight().resolve(e.escalationId(), BOB,
          Resolution.APPROVED, null))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already resolved");
      assertThat(lexecon.ledger().size()).isEqualTo(size);
      assertThat(entries(lexecon, EventType.ESCALATION_RESOLVED)).hasSize(1);
    }
  }

  @Test
  @DisplayName("past its deadline an unresolved escalation expires: listed overdue, no longer resolvable")
  void expiry() {
    try (Lexecon lexecon = lexecon(clock)) {
      Escalation e = only(lexecon, lexecon.decide(critical()));
      assertThat(lexecon.oversight().openEscalations()).containsExactly(e);
      clock.advance(Duration.ofMinutes(59));
      assertThat(lexecon.oversight().overdueEscalations()).isEmpty();
      clock.advance(Duration.ofMinutes(1));
      assertThat(lexecon.oversight().escalation(e.escalationId()).orElseThrow()
          .status(clock.instant())).isEqualTo(EscalationStatus.EXPIRED);
      assertThat(lexecon.oversight().openEscalations()).isEmpty();
      assertThat(lexecon.oversight().overdueEscalations()).extracting(Escalation::escalationId)
          .containsExactly(e.escalationId());
      assertThatThrownBy(() -> lexecon.oversight().resolve(e.escalationId(), ALICE,
          Resolution.APPROVED, null))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("expired");
      assertThatThrownBy(() -> lexecon.tokenFor(e.decisionId()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  @DisplayName("open, overdue and resolved lists partition the escalations")
  void lists() {
    try (Lexecon lexecon = lexecon(clock)) {
      Escalation critical = only(lexecon, lexecon.decide(critical()));
      Escalation medium = only(lexecon, lexecon.decide(deploy()));
      Escalation low = lexecon.oversight().openEscalation(ALICE, null,
          EscalationTrigger.POLICY_CONFLICT, EscalationPriority.LOW, List.of("role:admin"), "q");
      lexecon.oversight().resolve(low.escalationId(), ROOT, Resolution.DEFERRED, "next week");
      clock.advance(Duration.ofHours(2));
      Oversight o = lexecon.oversight();
      assertThat(o.openEscalations()).extracting(Escalation::escalationId)
          .containsExactly(medium.escalationId());
      assertThat(o.overdueEscalations()).extracting(Escalation::escalationId)
          .containsExactly(critical.escalationId());
      assertThat(o.resolvedEscalations()).extracting(Escalation::escalationId)
          .containsExactly(low.escalationId());
    }
  }

  @Test
  @DisplayName("resolving as approved lets the caller obtain a token bound to the recorded request")
  void approvedEscalationGivesToken() {
    try (Lexecon lexecon = lexecon(clock)) {
      DecisionRequest request = critical();
      Decision d = lexecon.decide(request);
      assertThat(d.token()).isNull();
      assertThatThrownBy(() -> lexecon.tokenFor(d.decisionId()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("no human has approved");
      Escalation e = only(lexecon, d);
      lexecon.oversight().resolve(e.escalationId(), ALICE, Resolution.APPROVED, null);
      CapabilityToken token = lexecon.tokenFor(d.decisionId());
      assertThat(token.claims().decisionId()).isEqualTo(d.decisionId());
      assertThat(token.claims().ledgerEntryId()).isEqualTo(d.ledgerEntryId());
      assertThat(token.claims().obligations()).isEmpty();
      assertThat(lexecon.tokenVerifier().verify(token.value(), ExpectedCall.of(request)))
          .isInstanceOf(TokenVerification.Accepted.class);
      DecisionRequest other = request.toBuilder().argument("path", "/etc/shadow").build();
      assertThat(lexecon.tokenVerifier().verify(token.value(), ExpectedCall.of(other)))
          .isInstanceOf(TokenVerification.Rejected.class);
    }
  }

  @Test
  @DisplayName("an approval still owes the obligations no human had to meet: the token is CONDITIONAL")
  void approvalKeepsCallerObligations() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(DecisionRequest.builder("agent:1", "pay").build());
      assertThat(d.obligations()).containsExactly("invoice_attached", "human_confirmation");
      lexecon.oversight().resolve(only(lexecon, d).escalationId(), ALICE, Resolution.APPROVED, null);
      assertThat(lexecon.tokenFor(d.decisionId()).claims().obligations())
          .containsExactly("invoice_attached");
    }
  }

  @Test
  @DisplayName("no token for a denied escalation, nor through tokenFor for a decision decide() approved")
  void tokenForRefusals() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(critical());
      lexecon.oversight().resolve(only(lexecon, d).escalationId(), ALICE, Resolution.DENIED, "no");
      assertThatThrownBy(() -> lexecon.tokenFor(d.decisionId()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("denied by a human");
      Decision approved = lexecon.decide(read());
      assertThatThrownBy(() -> lexecon.tokenFor(approved.decisionId()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("by decide()");
      assertThatThrownBy(() -> lexecon.tokenFor("dec_nothing"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("denying on review a decision decide() approved revokes its token")
  void denialRevokesApprovedDecision() {
    try (Lexecon lexecon = lexecon(clock)) {
      DecisionRequest request = read();
      Decision d = lexecon.decide(request);
      Escalation e = lexecon.oversight().openEscalation(VERA, d.decisionId(),
          EscalationTrigger.ANOMALY_DETECTED, EscalationPriority.HIGH, List.of("role:admin"), "?");
      lexecon.oversight().resolve(e.escalationId(), ROOT, Resolution.DENIED, null);
      assertThat(lexecon.tokenVerifier().verify(d.token().value(), ExpectedCall.of(request)))
          .isInstanceOf(TokenVerification.Rejected.class);
      assertThat(entries(lexecon, EventType.TOKEN_REVOKED)).hasSize(1);
    }
  }
}

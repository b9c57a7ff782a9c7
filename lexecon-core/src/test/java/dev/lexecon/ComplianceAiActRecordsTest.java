package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.Decision;
import dev.lexecon.api.compliance.OversightSummary;
import dev.lexecon.api.compliance.OversightSummary.RoleSummary;
import dev.lexecon.api.compliance.RecordKeepingStatus;
import dev.lexecon.api.compliance.RetentionClass;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.compliance.RetentionPolicy;
import dev.lexecon.compliance.TechnicalDocumentation;
import dev.lexecon.compliance.TechnicalDocumentation.PolicyVersion;
import dev.lexecon.json.Jcs;
import dev.lexecon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EU AI Act records: Art. 11 documentation, Art. 12 record keeping, Art. 14 oversight")
class ComplianceAiActRecordsTest {
  static final Instant Q_START = GovernedLedger.Q_START;
  static final Instant Q_END = GovernedLedger.Q_END;

  @Test
  @DisplayName("Art. 11 documentation lists every policy version with its hash, the live risk profile, components, data flows and retention")
  void technicalDocumentation() {
    MutableClock clock = MutableClock.startingAt(Q_START);
    RetentionPolicy retention = RetentionPolicy.builder().clock(clock).highRiskSystem(true)
        .retain("decision", RetentionClass.AI_ACT_LOGS).build();
    try (Lexecon lexecon = GovernedLedger.builder(clock).retention(retention).build()) {
      String v1 = lexecon.policyHash();
      clock.advance(Duration.ofDays(2));
      lexecon.swapPolicyJson(LexeconLedgerTest.POLICY.replace("\"version\":\"1\"", "\"version\":\"2\"")
          .replace("<= 500", "<= 300"));
      clock.advance(Duration.ofDays(1));
      TechnicalDocumentation doc = lexecon.compliance().technicalDocumentation();

      assertThat(doc.generatedAt()).isEqualTo(clock.instant());
      assertThat(doc.ledgerId()).isEqualTo(lexecon.ledger().ledgerId());
      assertThat(doc.policies()).extracting(PolicyVersion::version, PolicyVersion::policyHash, PolicyVersion::active)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("1", v1, false),
              org.assertj.core.groups.Tuple.tuple("2", lexecon.policyHash(), true));
      assertThat(doc.policies().get(1).loadedAt()).isEqualTo(Q_START.plus(Duration.ofDays(2)));
      assertThat(doc.riskProfile()).isEqualTo(lexecon.riskAssessor().profile().describe());
      assertThat(doc.components()).extracting(TechnicalDocumentation.Component::name).containsExactly(
          "policy engine", "risk assessor", "domain plugins", "capability tokens", "checkpoints",
          "evidence store", "ledger");
      assertThat(doc.components().get(6).settings()).containsEntry("durability", "GROUP")
          .containsEntry("checkpoint_key", lexecon.ledger().checkpointKey().encoded());
      assertThat(doc.dataFlows()).isNotEmpty();
      assertThat(doc.retention().defaultClass()).isEqualTo(RetentionClass.HIGH_RISK);
      assertThat(doc.retention().eventTypeClasses()).containsEntry("decision", List.of(RetentionClass.AI_ACT_LOGS));

      Map<?, ?> json = (Map<?, ?>) Jcs.parse(doc.toJson());
      assertThat(Jcs.canonicalString(json)).isEqualTo(doc.toJson());
      assertThat(json.keySet().stream().map(String::valueOf).toList())
          .contains("components", "policies", "risk_profile", "data_flows", "retention");
      assertThat(((List<?>) json.get("policies"))).hasSize(2);
      assertThat(((Map<?, ?>) json.get("risk_profile")).get("weights")).isEqualTo(
          Jcs.parse(Jcs.canonicalString(lexecon.riskAssessor().profile().describe().get("weights"))));

      String md = doc.toMarkdown();
      assertThat(md).startsWith("# Technical documentation").contains("## 2. Policy versions")
          .contains("`" + v1 + "`").contains("`" + lexecon.policyHash() + "`")
          .contains("## 3. Risk profile").contains("## 4. Data flows").contains("## 5. Retention")
          .contains("eu\\_ai\\_act\\_logs").contains("Art. 18(1)");
    }
  }

  @Test
  @DisplayName("Art. 12 status counts records, records with personal data and records under legal hold, and names the oldest record")
  void recordKeeping() {
    MutableClock clock = MutableClock.startingAt(Q_START);
    try (Lexecon lexecon = GovernedLedger.builder(clock).build()) {
      List<Decision> ds = GovernedLedger.populate(lexecon, clock);
      RecordKeepingStatus s = lexecon.compliance().recordKeeping();
      var report = lexecon.ledger().report();
      assertThat(s.totalRecords()).isEqualTo(lexecon.ledger().size());
      assertThat(s.recordsByEventType()).isEqualTo(report.countsByEventType());
      assertThat(s.recordsByEventType()).containsEntry("intervention", 5L).containsEntry("legal_hold", 1L);
      assertThat(s.oldestRecord()).isEqualTo(Q_START);
      // a genesis entry written on 1 January is kept for 6 months: deletable from 2 July
      assertThat(s.oldestRecordRetainUntil()).isEqualTo(Instant.parse("2026-07-02T00:00:00Z"));
      assertThat(s.activeLegalHolds()).hasSize(1);
      // the held decision, its risk assessment, one intervention naming it, and the hold itself
      String held = ds.get(2).decisionId();
      long expected = lexecon.ledger().entries(0, (int) lexecon.ledger().size()).stream()
          .filter(e -> held.equals(e.payload().get("decision_id"))
              || e.payload().get("decision_ids") instanceof List<?> l && l.contains(held))
          .count();
      assertThat(s.recordsUnderLegalHold()).isEqualTo(expected).isEqualTo(4);
      long personal = lexecon.ledger().entries(0, (int) lexecon.ledger().size()).stream()
          .filter(e -> !e.personalData().isEmpty()).count();
      assertThat(s.recordsWithPersonalData()).isEqualTo(personal).isPositive();
      assertThat(s.erasures()).isZero();
      assertThat(s.defaultRetention()).isEqualTo(RetentionClass.STANDARD);
      assertThat(s.ledgerId()).isEqualTo(lexecon.ledger().ledgerId());
    }
  }

  @Test
  @DisplayName("Art. 14 summary counts interventions per role and type with mean, median and longest response times")
  void humanOversight() {
    MutableClock clock = MutableClock.startingAt(Q_START);
    try (Lexecon lexecon = GovernedLedger.builder(clock).build()) {
      GovernedLedger.populate(lexecon, clock);
      OversightSummary s = lexecon.compliance().humanOversight(Q_START, Q_END);
      assertThat(s.total()).isEqualTo(5);
      assertThat(s.roles()).extracting(RoleSummary::role).containsExactly("manager", "operator", "supervisor");
      RoleSummary operator = s.roles().get(1);
      assertThat(operator.interventions()).isEqualTo(3);
      assertThat(operator.byType()).containsExactly(Map.entry("confirmation", 1L),
          Map.entry("modification", 1L), Map.entry("rejection", 1L));
      assertThat(operator.timed()).isEqualTo(3);
      assertThat(operator.meanResponse()).isEqualTo(Duration.ofMinutes(5));
      assertThat(operator.medianResponse()).isEqualTo(Duration.ofMinutes(4));
      assertThat(operator.maxResponse()).isEqualTo(Duration.ofMinutes(9));
      RoleSummary manager = s.roles().get(0);
      assertThat(manager.timed()).isZero();
      assertThat(manager.meanResponse()).isNull();
      assertThat(s.roles().get(2).maxResponse()).isEqualTo(Duration.ofMinutes(30));

      OversightSummary none = lexecon.compliance().humanOversight(Q_END, Q_END.plus(Duration.ofDays(1)));
      assertThat(none.total()).isZero();
      assertThat(none.roles()).isEmpty();
      assertThat(lexecon.ledger().report().count(EventType.INTERVENTION)).isEqualTo(5);
    }
  }
}

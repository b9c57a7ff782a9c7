package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.api.ledger.ReplayResult;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.domain.finance.FinancePlugin;
import dev.lexecon.json.Jcs;
import dev.lexecon.ledger.InMemoryLedgerStorage;
import dev.lexecon.ledger.Ledger;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.NoteSigner;
import dev.lexecon.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lexecon and its ledger")
class LexeconLedgerTest {
  static final String POLICY = """
      {"policy_id":"tools","version":"1","mode":"strict",
       "terms":[{"term_id":"actor:assistant","term_type":"actor","value":"agent:*"},
                {"term_id":"actor:customer","term_type":"actor","value":"customer:*"},
                {"term_id":"tool:send_email","term_type":"tool"},
                {"term_id":"tool:transfer_funds","term_type":"tool"},
                {"term_id":"tool:lookup_customer","term_type":"tool"},
                {"term_id":"data:pii","term_type":"data_class"}],
       "lists":{"company":["billing@acme.example"]},
       "relations":[
         {"relation_id":"mail","relation_type":"permits","source_term_id":"actor:assistant",
          "target_term_id":"tool:send_email","conditions":["args.to in company"]},
         {"relation_id":"refund","relation_type":"permits","source_term_id":"actor:customer",
          "target_term_id":"tool:transfer_funds","conditions":["args.amount <= 500"]},
         {"relation_id":"lookup","relation_type":"permits","source_term_id":"actor:assistant",
          "target_term_id":"tool:lookup_customer"},
         {"relation_id":"consent","relation_type":"requires","target_term_id":"tool:lookup_customer",
          "object_term_id":"data:pii","obligation":"customer_consent"}],
       "constraints":[{"name":"big_refund","condition":"args.amount > 100",
          "action":"require_supervisor_approval"}]}
      """;

  static Lexecon.Builder builder() {
    return Lexecon.builder().policyJson(POLICY).checkpointInterval(Duration.ZERO);
  }

  /** Whether a recorded value is a salted commitment {"commitment":"sha256:<hex>"}. */
  static boolean committed(Object node) {
    return node instanceof Map<?, ?> m && m.size() == 1
        && m.get("commitment") instanceof String c && c.matches("sha256:[0-9a-f]{64}");
  }

  static DecisionRequest mail(String to) {
    return DecisionRequest.builder("agent:support-1", "send_email").tool("send_email")
        .argument("to", to).userIntent("tell billing about order 4711").build();
  }

  static List<DecisionRequest> requests() {
    return List.of(
        mail("billing@acme.example"),
        mail("attacker@evil.example"),
        DecisionRequest.builder("customer:c-1001", "transfer_funds").tool("transfer_funds")
            .argument("amount", 40).build(),
        DecisionRequest.builder("customer:c-1001", "transfer_funds").tool("transfer_funds")
            .argument("amount", 250).context("channel", "chat").build(),
        DecisionRequest.builder("agent:support-1", "lookup_customer").tool("lookup_customer")
            .dataClasses("pii").argument("customer", "C-1001").build(),
        DecisionRequest.builder("agent:support-1", "lookup_customer").tool("lookup_customer")
            .dataClasses("pii").context("customer_consent", true).mode(PolicyMode.PARANOID)
            .riskLevel(2).resource("crm").requestId("r-9").build(),
        DecisionRequest.builder("agent:x", "exec_shell").build());
  }

  @Test
  @DisplayName("building records genesis and the starting policy, complete and canonical")
  void policyLoadedOnBuild() {
    try (Lexecon lexecon = builder().build()) {
      Ledger ledger = lexecon.ledger();
      assertThat(ledger.size()).isEqualTo(2);
      LedgerEntry loaded = ledger.entry(1).orElseThrow();
      assertThat(loaded.eventType()).isEqualTo("policy_loaded");
      assertThat(loaded.payload()).containsEntry("policy_hash", lexecon.policyHash())
          .containsEntry("policy_id", "tools").containsEntry("version", "1")
          .doesNotContainKey("engine_mode");
      String recorded = Jcs.canonicalString(loaded.payload().get("policy"));
      assertThat(Jcs.sha256Hex(Jcs.parse(recorded))).isEqualTo(lexecon.policyHash());
      assertThat(PolicyLoader.parse(recorded).policy()).isEqualTo(lexecon.policy());
    }
  }

  @Test
  @DisplayName("decide() appends one decision entry and names it; evaluate() appends nothing")
  void decideRecords() {
    try (Lexecon lexecon = builder().build()) {
      Ledger ledger = lexecon.ledger();
      Decision d = lexecon.decide(mail("billing@acme.example"));
      assertThat(d.ledgerEntryId()).isEqualTo("entry_2");
      LedgerEntry e = ledger.entry(d.ledgerEntryId()).orElseThrow();
      assertThat(e.eventType()).isEqualTo("decision");
      assertThat(e.timestamp()).isEqualTo(d.evaluatedAt());
      Map<String, Object> p = e.payload();
      assertThat(p).containsEntry("decision_id", d.decisionId())
          .containsEntry("request_id", d.requestId())
          .containsEntry("outcome", "approved")
          .containsEntry("mode", "strict")
          .containsEntry("obligations", List.of())
          .containsEntry("advisories", List.of())
          .containsEntry("policy", Map.of("policy_id", "tools", "version", "1",
              "hash", d.policyHash()));
      assertThat((List<?>) p.get("reasons")).hasSize(1);
      Map<?, ?> reason = (Map<?, ?>) ((List<?>) p.get("reasons")).get(0);
      assertThat(reason.get("code")).isEqualTo("permitted");
      assertThat(reason.get("rule_id")).isEqualTo("mail");
      Map<?, ?> request = (Map<?, ?>) p.get("request");
      assertThat(request.get("actor")).as("an agent is not a natural person")
          .isEqualTo("agent:support-1");
      assertThat(request.get("action")).isEqualTo("send_email");
      assertThat(committed(request.get("user_intent"))).isTrue();
      assertThat(committed(((Map<?, ?>) request.get("arguments")).get("to"))).isTrue();
      assertThat(e.personalData())
          .containsEntry("/payload/request/user_intent", "tell billing about order 4711")
          .containsEntry("/payload/request/arguments/to", "billing@acme.example");

      Decision dry = lexecon.evaluate(mail("billing@acme.example"));
      assertThat(dry.ledgerEntryId()).isNull();
      assertThat(ledger.size()).isEqualTo(3);
      assertThat(ledger.report().count(EventType.DECISION)).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("actors that name natural persons are recorded as commitments")
  void naturalPersons() {
    try (Lexecon lexecon = builder().build()) {
      Decision d = lexecon.decide(requests().get(2));
      Map<?, ?> request = (Map<?, ?>) lexecon.ledger().entry(d.ledgerEntryId()).orElseThrow()
          .payload().get("request");
      assertThat(committed(request.get("actor"))).isTrue();
    }
    try (Lexecon lexecon = builder().naturalPersonActors(a -> false).build()) {
      Decision d = lexecon.decide(requests().get(2));
      Map<?, ?> request = (Map<?, ?>) lexecon.ledger().entry(d.ledgerEntryId()).orElseThrow()
          .payload().get("request");
      assertThat(request.get("actor")).isEqualTo("customer:c-1001");
    }
    assertThat(DecisionEvents.DEFAULT_NATURAL_PERSON)
        .accepts("user:alice", "alice@example.com", "Patient:42", "operator:jo")
        .rejects("agent:support-1", "ai_agent:assistant", "service:billing", "user");
  }

  @Test
  @DisplayName("swapping a policy records it before any decision can be made under it")
  void swapRecords() {
    try (Lexecon lexecon = builder().mode(PolicyMode.PERMISSIVE).build()) {
      String first = lexecon.policyHash();
      lexecon.swapPolicyJson(POLICY.replace("\"version\":\"1\"", "\"version\":\"2\""));
      List<LedgerEntry> loads = lexecon.ledger().entries(EventType.POLICY_LOADED, 0, 10);
      assertThat(loads).hasSize(2);
      assertThat(loads.get(0).payload()).containsEntry("policy_hash", first)
          .containsEntry("engine_mode", "permissive");
      assertThat(loads.get(1).payload()).containsEntry("policy_hash", lexecon.policyHash())
          .containsEntry("version", "2");
    }
  }

  @Test
  @DisplayName("every recorded decision replays to the same outcome and reasons, across policy swaps")
  void replay() {
    try (Lexecon lexecon = builder().build()) {
      List<Decision> decisions = new ArrayList<>();
      for (DecisionRequest r : requests()) {
        decisions.add(lexecon.decide(r));
      }
      lexecon.swapPolicyJson(POLICY.replace("<= 500", "<= 5").replace("\"version\":\"1\"",
          "\"version\":\"2\""));
      decisions.add(lexecon.decide(requests().get(2)));
      assertThat(decisions.get(2).outcome()).isEqualTo(Outcome.APPROVED);
      assertThat(decisions.get(decisions.size() - 1).outcome()).isEqualTo(Outcome.DENIED);
      assertThat(decisions).extracting(Decision::outcome).contains(Outcome.CONDITIONAL);
      for (Decision d : decisions) {
        ReplayResult r = lexecon.replay(d.decisionId());
        assertThat(r.reproduced()).as(r.message()).isTrue();
        assertThat(r.entryId()).isEqualTo(d.ledgerEntryId());
        assertThat(r.recordedOutcome()).isEqualTo(d.outcome());
        assertThat(r.replayedOutcome()).isEqualTo(d.outcome());
        assertThat(r.replayedReasons()).isEqualTo(d.reasons());
        assertThat(r.policyHash()).isEqualTo(d.policyHash());
      }
      assertThatThrownBy(() -> lexecon.replay("dec_unknown"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dec_unknown");
    }
  }

  @Test
  @DisplayName("another engine over the same storage replays decisions from the ledger alone")
  void replayElsewhere() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    Lexecon writer = builder().ledger(storage).build();
    List<Decision> decisions = new ArrayList<>();
    for (DecisionRequest r : requests()) {
      decisions.add(writer.decide(r));
    }
    writer.ledger().flush();
    String other = POLICY.replace("\"policy_id\":\"tools\"", "\"policy_id\":\"other\"")
        .replace("<= 500", "<= 1");
    try (Lexecon reader = Lexecon.builder().policyJson(other).ledger(storage).build()) {
      for (Decision d : decisions) {
        assertThat(reader.replay(d.decisionId()).reproduced()).isTrue();
      }
    }
  }

  @Test
  @DisplayName("replay runs the domain plugins at the recorded decision time, not the replaying clock")
  void replayWithDomainPlugins() {
    Policy desk = Policy.builder("open_desk", "1").mode(PolicyMode.STRICT)
        .actor("actor:algo", "trading_algorithm:*")
        .action("action:place_order", "place_order")
        .permits("actor:algo", "action:place_order").build();
    Instant fridayMorning = Instant.parse("2026-11-27T15:30:00Z"); // New York session open
    Instant sunday = Instant.parse("2026-11-29T15:30:00Z");
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    Lexecon trading = Lexecon.builder().policy(desk).ledger(storage)
        .clock(Clock.fixed(fridayMorning, ZoneOffset.UTC)).domain(new FinancePlugin()).build();
    Decision small = trading.decide(DecisionRequest.builder("trading_algorithm:m7", "place_order")
        .resource("security:AAPL").argument("order_value", 5_000).build());
    Decision huge = trading.decide(DecisionRequest.builder("trading_algorithm:m7", "place_order")
        .resource("security:AAPL").argument("order_value", 50_000_000).build());
    assertThat(small.outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(huge.outcome()).isEqualTo(Outcome.DENIED);
    trading.ledger().flush();

    // Engines sharing one storage: only the last one closes it.
    Lexecon weekend = Lexecon.builder().policy(desk).ledger(storage)
        .clock(Clock.fixed(sunday, ZoneOffset.UTC)).domain(new FinancePlugin()).build();
    assertThat(weekend.replay(small.decisionId()).reproduced()).isTrue();
    assertThat(weekend.replay(huge.decisionId()).reproduced()).isTrue();
    weekend.ledger().flush();
    try (Lexecon withoutPlugin = Lexecon.builder().policy(desk).ledger(storage).build()) {
      ReplayResult r = withoutPlugin.replay(huge.decisionId());
      assertThat(r.status()).isEqualTo(ReplayResult.Status.DIVERGED);
      assertThat(r.replayedOutcome()).isEqualTo(Outcome.APPROVED);
    }
  }

  @Test
  @DisplayName("a decision whose personal data was erased cannot be replayed, and says why")
  void replayAfterErasure() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    try (Lexecon lexecon = builder().ledger(storage).build()) {
      Decision d = lexecon.decide(mail("billing@acme.example"));
      long seq = lexecon.ledger().entry(d.ledgerEntryId()).orElseThrow().seq();
      assertThat(storage.eraseSideRecord(seq)).isTrue();
      ReplayResult r = lexecon.replay(d.decisionId());
      assertThat(r.status()).isEqualTo(ReplayResult.Status.INPUTS_ERASED);
      assertThat(r.message()).contains("/payload/request/arguments/to")
          .doesNotContain("billing@acme.example");
      assertThat(r.replayedOutcome()).isNull();
      assertThat(lexecon.ledger().verify().valid()).isTrue();
    }
  }

  @Test
  @DisplayName("a recorded outcome the policy does not reproduce is reported as diverged")
  void replayDiverges() {
    InMemoryLedgerStorage inner = new InMemoryLedgerStorage();
    LedgerStorage lying = new Rewriting(inner, bytes -> new String(bytes, StandardCharsets.UTF_8)
        .replace("\"outcome\":\"approved\"", "\"outcome\":\"denied\""));
    try (Lexecon lexecon = builder().ledger(lying).build()) {
      Decision d = lexecon.decide(mail("billing@acme.example"));
      ReplayResult r = lexecon.replay(d.decisionId());
      assertThat(r.status()).isEqualTo(ReplayResult.Status.DIVERGED);
      assertThat(r.message()).contains("APPROVED").contains("DENIED");
      assertThat(lexecon.ledger().verify().valid()).as("the rewrite is also a tampering").isFalse();
    }
  }

  @Test
  @DisplayName("the ledger verifies after many decisions, and an export verifies offline with the checkpoint key")
  void verifyAndExport() {
    NoteSigner signer = NoteSigner.generate("lexecon.test/ledger");
    try (Lexecon lexecon = builder().checkpointEvery(16).checkpointSigner(signer)
        .durability(Durability.GROUP).build()) {
      for (int i = 0; i < 100; i++) {
        lexecon.decide(requests().get(i % requests().size()));
      }
      Ledger ledger = lexecon.ledger();
      ledger.flush();
      VerificationResult r = ledger.verify();
      assertThat(r.valid()).as(r.toString()).isTrue();
      assertThat(r.checkpointsVerified()).isEqualTo(ledger.report().count(EventType.CHECKPOINT))
          .isPositive();
      assertThat(ledger.checkpointKey()).isEqualTo(signer.verifier());
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      ledger.export(out, false);
      VerificationResult offline = LedgerVerifier.create().trusting(signer.verifier())
          .verifyExport(new java.io.ByteArrayInputStream(out.toByteArray()));
      assertThat(offline.valid()).as(offline.toString()).isTrue();
      assertThat(offline.rootHash()).isEqualTo(ledger.rootHash());
    }
  }

  @Test
  @DisplayName("after close, decide() fails and the storage is closed")
  void close() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    Lexecon lexecon = builder().ledger(storage).build();
    lexecon.decide(mail("billing@acme.example"));
    lexecon.close();
    assertThatThrownBy(() -> lexecon.decide(mail("billing@acme.example")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> builder().ledger(storage).ledger(storage))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> builder().checkpointEvery(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A storage that rewrites entry bytes on the way out, to simulate a lying database. */
  static final class Rewriting implements LedgerStorage {
    private final LedgerStorage inner;
    private final java.util.function.Function<byte[], String> rewrite;

    Rewriting(LedgerStorage inner, java.util.function.Function<byte[], String> rewrite) {
      this.inner = inner;
      this.rewrite = rewrite;
    }

    private LedgerRecord lie(LedgerRecord r) {
      return new LedgerRecord(r.seq(), r.eventType(), r.timestamp(), r.previousHash(),
          r.entryHash(), rewrite.apply(r.entry()).getBytes(StandardCharsets.UTF_8), r.sideRecord());
    }

    @Override
    public void append(long expectedNextSeq, List<LedgerRecord> records) {
      inner.append(expectedNextSeq, records);
    }

    @Override
    public Optional<LedgerRecord> head() {
      return inner.head().map(this::lie);
    }

    @Override
    public long size() {
      return inner.size();
    }

    @Override
    public Optional<LedgerRecord> read(long seq) {
      return inner.read(seq).map(this::lie);
    }

    @Override
    public List<LedgerRecord> read(long fromSeq, int maxCount) {
      return inner.read(fromSeq, maxCount).stream().map(this::lie).toList();
    }

    @Override
    public void scan(long fromSeq, long toSeqExclusive, Consumer<LedgerRecord> consumer) {
      inner.scan(fromSeq, toSeqExclusive, r -> consumer.accept(lie(r)));
    }

    @Override
    public List<LedgerRecord> findByType(String eventType, long offset, int limit) {
      return inner.findByType(eventType, offset, limit).stream().map(this::lie).toList();
    }

    @Override
    public boolean eraseSideRecord(long seq) {
      return inner.eraseSideRecord(seq);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}

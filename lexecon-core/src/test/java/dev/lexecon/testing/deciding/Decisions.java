package dev.lexecon.testing.deciding;

import dev.lexecon.Lexecon;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.Durability;
import dev.lexecon.api.ledger.LedgerStorage;
import dev.lexecon.ledger.NoteSigner;
import java.time.Duration;
import java.util.List;

/**
 * What the decide()-level tests and measurements decide: a small policy with conditions,
 * obligations and natural-person actors, and requests that carry personal data (so entries have
 * side records), approved and denied alike. Shared by the SQLite and JDBC storage modules' crash and
 * multi-process tests through lexecon-core's test jar, so that every storage is driven the same way.
 */
public final class Decisions {
  public static final String POLICY = """
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
          "object_term_id":"data:pii","obligation":"customer_consent"}]}
      """;

  /** Four requests: approved and denied, with user intent, arguments, context and a person. */
  public static final List<DecisionRequest> REQUESTS = List.of(
      DecisionRequest.builder("agent:support-1", "send_email").tool("send_email")
          .argument("to", "billing@acme.example").userIntent("tell billing about order 4711").build(),
      DecisionRequest.builder("agent:support-1", "send_email").tool("send_email")
          .argument("to", "attacker@evil.example").userIntent("forward the invoice").build(),
      DecisionRequest.builder("customer:c-1001", "transfer_funds").tool("transfer_funds")
          .argument("amount", 40).context("channel", "chat").build(),
      DecisionRequest.builder("agent:support-1", "lookup_customer").tool("lookup_customer")
          .dataClasses("pii").argument("customer", "C-1001").context("customer_consent", true).build());

  private Decisions() {}

  /**
   * An engine over {@code storage} that signs checkpoints with {@code signer}, every {@code
   * checkpointEvery} entries and never by time (so what a test sees does not depend on timing).
   */
  public static Lexecon engine(LedgerStorage storage, Durability durability, NoteSigner signer, long checkpointEvery) {
    return Lexecon.builder()
        .policyJson(POLICY)
        .ledger(storage)
        .durability(durability)
        .checkpointSigner(signer)
        .checkpointEvery(checkpointEvery)
        .checkpointInterval(Duration.ZERO)
        .build();
  }
}

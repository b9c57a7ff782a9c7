package dev.lexecon.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.ledger.ReplayResult;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.ledger.Checkpoint;
import dev.lexecon.ledger.Ledger;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.ledger.SignedNote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the README's ledger snippet (its second {@code java} block) compiled and running. */
@DisplayName("README ledger snippet")
class ReadmeLedgerSnippetTest {

  record Results(VerificationResult check, SignedNote checkpoint, LedgerEntry entry,
      InclusionProof proof, ReplayResult replay) {}

  Results snippet(Lexecon lexecon, Decision decision) {
    // README-SNIPPET-START
    Ledger ledger = lexecon.ledger();                   // in memory unless .ledger(storage) is set
    VerificationResult check = ledger.verify();         // every hash, link, checkpoint and the root
    SignedNote checkpoint = ledger.checkpoint();        // C2SP signed note of every entry so far
    LedgerEntry entry = ledger.entry(decision.ledgerEntryId()).orElseThrow();
    InclusionProof proof = ledger.inclusionProof(entry.seq());   // "this decision is in the ledger"
    ReplayResult replay = lexecon.replay(decision.decisionId()); // re-decided from the ledger alone
    // README-SNIPPET-END
    return new Results(check, checkpoint, entry, proof, replay);
  }

  @Test
  @DisplayName("the README ledger snippet is this compiled code")
  void readmeMatches() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).isTrue();
    assertThat(block.find()).as("README has a second ```java block").isTrue();
    String source = Files.readString(
        Path.of("src/test/java/dev/lexecon/docs/ReadmeLedgerSnippetTest.java"),
        StandardCharsets.UTF_8);
    String body = source.substring(
        source.indexOf("// README-SNIPPET-START") + "// README-SNIPPET-START".length(),
        source.indexOf("    // README-SNIPPET-END"));
    String dedented = body.lines().skip(1).map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(block.group(1)).isEqualTo(dedented);
  }

  @Test
  @DisplayName("the README ledger snippet runs: the ledger verifies and the decision is proven and replayed")
  void snippetRuns() {
    try (Lexecon lexecon = Lexecon.builder().policyJson(ReadmeSnippetTest.POLICY).build()) {
      Decision decision = lexecon.decide(
          DecisionRequest.builder("agent:support-1", "send_email").tool("send_email")
              .argument("to", "bob@acme.example").build());
      Results r = snippet(lexecon, decision);
      assertThat(r.check().valid()).isTrue();
      Checkpoint cp = Checkpoint.parse(r.checkpoint().text());
      assertThat(r.checkpoint().verify(lexecon.ledger().checkpointKey()).accepted()).isTrue();
      assertThat(cp.treeSize()).isEqualTo(r.proof().treeSize() - 1); // all but the checkpoint
      assertThat(LedgerVerifier.verifyInclusion(r.entry(), r.proof(),
          lexecon.ledger().rootHash(r.proof().treeSize()))).isTrue();
      assertThat(r.replay().reproduced()).isTrue();
    }
  }
}

package dev.lexecon.token;

import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.Reason;
import dev.lexecon.api.risk.RiskAssessment;
import dev.lexecon.api.ReasonCode;
import dev.lexecon.api.token.ExpectedCall;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixed keys, clock, ids, decisions and requests shared by the token tests. */
final class TokenFixtures {
  /** RFC 8032 §7.1 TEST 1 secret key; its RFC 8037 §A.3 thumbprint is known. */
  static final byte[] ED25519_SEED =
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  /** RFC 8037 Appendix A.3: the JWK thumbprint of the TEST 1 public key. */
  static final String ED25519_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

  static final byte[] HMAC_SECRET =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  static final String HMAC_KID = "hs256-vector";

  static final Instant NOW = Instant.parse("2026-11-27T10:00:00.654321Z");
  /** A well-formed 64-hex policy hash. */
  static final String POLICY_HASH =
      "3f1c2a9b8e7d6c5b4a392817161514131211100f0e0d0c0b0a09080706050403";

  private TokenFixtures() {}

  static SigningKey ed25519() {
    return SigningKey.ed25519(ED25519_SEED);
  }

  static SigningKey hmac() {
    return SigningKey.hmacSha256(HMAC_KID, HMAC_SECRET);
  }

  static DecisionRequest request() {
    return DecisionRequest.builder("ai_agent:assistant", "send_email")
        .tool("smtp.send")
        .resource("mailbox:ops")
        .argument("to", "ops@example.com")
        .argument("subject", "Q3 report")
        .argument("attachments", List.of("q3.pdf"))
        .build();
  }

  static ExpectedCall call() {
    return ExpectedCall.of(request());
  }

  static Decision decision(Outcome outcome) {
    return new Decision(
        "dec_01JDZ8Y4Q6M7N8P9R0S1T2V3W4",
        "req_01JDZ8Y4Q6M7N8P9R0S1T2V3W5",
        outcome,
        List.of(
            new Reason(
                ReasonCode.PERMITTED,
                "rel_email",
                List.of("actor:ai_agent", "action:send_email"),
                "assistants may send email to internal mailboxes")),
        outcome == Outcome.CONDITIONAL ? List.of("manager_cc") : List.of(),
        List.of(),
        "email-policy",
        "1.0",
        POLICY_HASH,
        PolicyMode.STRICT,
        NOW,
        null,
        RiskAssessment.none(),
        null);
  }

  static Decision approved() {
    return decision(Outcome.APPROVED);
  }

  /** Ids {@code ID0001}, {@code ID0002}, ... so every token differs yet runs are reproducible. */
  static dev.lexecon.api.IdGenerator counterIds() {
    AtomicInteger n = new AtomicInteger();
    return () -> String.format("ID%04d", n.incrementAndGet());
  }

  static TokenIssuer.Builder issuer(KeyRing ring, MutableClock clock) {
    return TokenIssuer.builder(ring).clock(clock).idGenerator(counterIds());
  }

  /** Signs an arbitrary header and payload text, for hand-made (hostile) tokens. */
  static String sign(SigningKey key, String headerJson, String payloadJson) {
    String input =
        Base64Url.encode(headerJson.getBytes(StandardCharsets.UTF_8))
            + "."
            + Base64Url.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
    return "cap_" + input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Signs a header and payload given as JSON models (written canonically). */
  static String sign(SigningKey key, Map<String, Object> header, Map<String, Object> payload) {
    return sign(
        key,
        dev.lexecon.json.Jcs.canonicalString(header),
        dev.lexecon.json.Jcs.canonicalString(payload));
  }
}

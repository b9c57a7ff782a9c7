package dev.lexecon.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.json.Jcs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The published test vectors of {@code docs/token-format.md}: each file under {@code
 * docs/vectors/} holds inputs (fixed keys, clock and ids) and the exact outputs, and this test
 * recomputes the outputs from the inputs byte for byte. Run with {@code
 * -Dlexecon.writeVectors=true} to regenerate the files after a deliberate format change.
 */
@DisplayName("Published token and decision-signature vectors")
class TokenVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  static final String TOKENS = "docs/vectors/tokens/capability-tokens.json";
  static final String DIGESTS = "docs/vectors/tokens/arguments-digest.json";
  static final String DECISION_SIGNATURES = "docs/vectors/decision-signatures/ed25519.json";
  static final String DOC = "docs/token-format.md";

  /** The project root: the nearest ancestor of the working directory with a docs/vectors folder. */
  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("docs/vectors"))) {
        return dir;
      }
    }
    throw new AssertionError("docs/vectors not found above " + Path.of("").toAbsolutePath());
  }

  static Map<?, ?> read(String file) throws IOException {
    return (Map<?, ?>) Jcs.parse(Files.readAllBytes(root().resolve(file)));
  }

  static List<Map<?, ?>> vectors(Map<?, ?> doc) {
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object o : (List<?>) doc.get("vectors")) {
      out.add((Map<?, ?>) o);
    }
    return out;
  }

  // ---- computing outputs from inputs ----

  static SigningKey key(Map<?, ?> key) {
    if ("EdDSA".equals(key.get("alg"))) {
      return SigningKey.ed25519(HEX.parseHex((String) key.get("ed25519_seed_hex")));
    }
    return SigningKey.hmacSha256((String) key.get("kid"), HEX.parseHex((String) key.get("hmac_secret_hex")));
  }

  @SuppressWarnings("unchecked")
  static DecisionRequest request(Map<?, ?> r) {
    DecisionRequest.Builder b = DecisionRequest.builder((String) r.get("actor"), (String) r.get("action"))
        .tool((String) r.get("tool"))
        .resource((String) r.get("resource"))
        .arguments((Map<String, ?>) r.get("arguments"));
    return b.build();
  }

  static CapabilityToken issue(Map<?, ?> v) {
    Map<?, ?> in = (Map<?, ?>) v.get("issuer");
    Clock clock = Clock.fixed(Instant.parse((String) in.get("now")), ZoneOffset.UTC);
    String id = (String) in.get("id");
    TokenIssuer.Builder b = TokenIssuer.builder(KeyRing.of(key((Map<?, ?>) v.get("key"))))
        .clock(clock)
        .idGenerator(() -> id)
        .ttl(Duration.ofSeconds((Long) in.get("ttl_seconds")))
        .issuer((String) in.get("iss"))
        .audience((String) in.get("aud"));
    return b.build().issue(
        DecisionJson.fromJson((Map<?, ?>) v.get("decision")),
        request((Map<?, ?>) v.get("request")),
        (String) v.get("ledger_entry_id"));
  }

  static Map<String, Object> expected(Map<?, ?> v, CapabilityToken t) {
    String[] parts = t.jws().split("\\.");
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("kid", t.keyId());
    e.put("header_json", new String(Base64Url.decode(parts[0]), StandardCharsets.UTF_8));
    e.put("payload_json", new String(Base64Url.decode(parts[1]), StandardCharsets.UTF_8));
    Object args = ((Map<?, ?>) v.get("request")).get("arguments");
    e.put("arguments_canonical_json", Jcs.canonicalString(Jcs.normalizeNumbers(args)));
    e.put("arguments_digest", t.claims().argumentsDigest());
    e.put("signing_input", parts[0] + "." + parts[1]);
    e.put("signature_hex", HEX.formatHex(Base64Url.decode(parts[2])));
    e.put("token", t.value());
    return e;
  }

  static Map<String, Object> decisionSignatureExpected(Map<?, ?> v) {
    SigningKey key = SigningKey.ed25519(HEX.parseHex((String) v.get("ed25519_seed_hex")));
    Decision d = DecisionJson.fromJson((Map<?, ?>) v.get("decision"));
    DecisionSignature sig = new DecisionSigner(key).sign(d);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("public_key_pem", key.verificationKey().toPem());
    e.put("public_key_fingerprint", key.verificationKey().fingerprint());
    e.put("canonical_json", DecisionJson.canonicalString(d));
    e.put("signature", sig.toJson());
    return e;
  }

  // ---- the checks ----

  @Test
  @DisplayName("every capability token vector is reproduced byte for byte and verifies at its own clock")
  void tokens() throws IOException {
    List<Map<?, ?>> vs = vectors(read(TOKENS));
    assertThat(vs).hasSizeGreaterThanOrEqualTo(3);
    String doc = Files.readString(root().resolve(DOC));
    for (Map<?, ?> v : vs) {
      CapabilityToken t = issue(v);
      assertThat(Jcs.canonicalString(expected(v, t)))
          .as((String) v.get("name"))
          .isEqualTo(Jcs.canonicalString(v.get("expected")));
      Map<?, ?> in = (Map<?, ?>) v.get("issuer");
      Clock clock = Clock.fixed(Instant.parse((String) in.get("now")), ZoneOffset.UTC);
      KeyRing ring = KeyRing.of(key((Map<?, ?>) v.get("key")));
      TokenVerifier verifier = TokenVerifier.builder(ring).clock(clock)
          .issuer((String) in.get("iss")).audience((String) in.get("aud")).build();
      assertThat(verifier.verify(t.value(), ExpectedCall.of(request((Map<?, ?>) v.get("request")))).accepted())
          .as((String) v.get("name")).isTrue();
      assertThat(doc).as("docs/token-format.md quotes vector %s", v.get("name")).contains(t.value());
    }
  }

  @Test
  @DisplayName("every arguments-digest vector is reproduced")
  void digests() throws IOException {
    for (Map<?, ?> v : vectors(read(DIGESTS))) {
      @SuppressWarnings("unchecked")
      Map<String, ?> args = (Map<String, ?>) v.get("arguments");
      assertThat(Jcs.canonicalString(Jcs.normalizeNumbers(args))).as((String) v.get("name"))
          .isEqualTo(v.get("canonical_json"));
      assertThat(TokenVerifier.argumentsDigest(args)).as((String) v.get("name")).isEqualTo(v.get("digest"));
    }
  }

  @Test
  @DisplayName("the Ed25519 decision-signature vector is reproduced and verifies from its canonical JSON")
  void decisionSignature() throws IOException {
    for (Map<?, ?> v : vectors(read(DECISION_SIGNATURES))) {
      Map<String, Object> e = decisionSignatureExpected(v);
      assertThat(Jcs.canonicalString(e)).isEqualTo(Jcs.canonicalString(v.get("expected")));
      Map<?, ?> expected = (Map<?, ?>) v.get("expected");
      DecisionVerifier verifier = new DecisionVerifier(PublicKeySet.fromPem((String) expected.get("public_key_pem")));
      assertThat(verifier.verify((String) expected.get("canonical_json"),
          DecisionSignature.fromJson((Map<?, ?>) expected.get("signature")))).isTrue();
    }
  }

  // ---- regeneration ----

  private static final String TOKEN_INPUTS = """
      [
        {"name": "ed25519-approved",
         "description": "Ed25519 (RFC 8032 TEST 1 key), APPROVED, with audience, resource and ledger entry",
         "key": {"alg": "EdDSA", "ed25519_seed_hex": "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"},
         "issuer": {"iss": "lexecon", "aud": "tool-executor", "ttl_seconds": 300,
                    "now": "2026-11-27T10:00:00.654321Z", "id": "01JDZ8Y4Q6M7N8P9R0S1T2V3W6"},
         "decision": %s,
         "request": {"actor": "ai_agent:assistant", "action": "send_email", "tool": "smtp.send",
                     "resource": "mailbox:ops",
                     "arguments": {"to": "ops@example.com", "subject": "Q3 report", "attachments": ["q3.pdf"]}},
         "ledger_entry_id": "entry_42"},
        {"name": "ed25519-conditional-minimal",
         "description": "Ed25519, CONDITIONAL with obligations; no audience, resource, ledger entry or arguments",
         "key": {"alg": "EdDSA", "ed25519_seed_hex": "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"},
         "issuer": {"iss": "lexecon", "aud": null, "ttl_seconds": 60,
                    "now": "2026-11-27T10:00:00Z", "id": "01JDZ8Y4Q6M7N8P9R0S1T2V3W7"},
         "decision": %s,
         "request": {"actor": "ai_agent:assistant", "action": "send_email", "tool": "smtp.send",
                     "resource": null, "arguments": {}},
         "ledger_entry_id": null},
        {"name": "hs256-approved-unicode-numbers",
         "description": "HS256, arguments with non-ASCII text, a decimal, nested objects and null",
         "key": {"alg": "HS256", "kid": "hs256-vector",
                 "hmac_secret_hex": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"},
         "issuer": {"iss": "lexecon", "aud": null, "ttl_seconds": 300,
                    "now": "2026-11-27T10:00:00.999999Z", "id": "01JDZ8Y4Q6M7N8P9R0S1T2V3W8"},
         "decision": %s,
         "request": {"actor": "ai_agent:assistant", "action": "send_email", "tool": "smtp.send",
                     "resource": "mailbox:ops",
                     "arguments": {"subject": "Caf\\u00e9 \\u2615 r\\u00e9sum\\u00e9", "amount": 1250.50,
                                   "ids": [3, 1, 2], "options": {"z": true, "a": null}}},
         "ledger_entry_id": "entry_43"}
      ]
      """;

  private static final String DIGEST_INPUTS = """
      [
        {"name": "empty", "arguments": {}},
        {"name": "member order does not matter", "arguments": {"b": 1, "a": "x"}},
        {"name": "numbers in ECMAScript form", "arguments": {"d": 1.50, "e": 1E+3, "i": -0, "f": 0.000001}},
        {"name": "integer beyond 2^53 becomes an exact string", "arguments": {"n": 9007199254740993}},
        {"name": "non-ASCII and escapes", "arguments": {"s": "\\u00e9\\u2028\\"\\\\\\n", "emoji": "\\ud83d\\ude00"}}
      ]
      """;

  @Test
  @EnabledIfSystemProperty(named = "lexecon.writeVectors", matches = "true")
  @DisplayName("regenerates the vector files (only with -Dlexecon.writeVectors=true)")
  void write() throws IOException {
    Path root = root();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    String approved = DecisionJson.canonicalString(TokenFixtures.approved());
    String conditional = DecisionJson.canonicalString(TokenFixtures.decision(dev.lexecon.api.Outcome.CONDITIONAL));
    List<Map<String, Object>> tokens = new ArrayList<>();
    for (Object o : (List<?>) Jcs.parse(TOKEN_INPUTS.formatted(approved, conditional, approved))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> v = (Map<String, Object>) o;
      v.put("expected", expected(v, issue(v)));
      tokens.add(v);
    }
    writeDoc(json, root.resolve(TOKENS), "Lexecon capability token test vectors (docs/token-format.md). "
        + "Recompute 'expected' from the other members: key, fixed clock ('now') and id, decision (DecisionJson form), "
        + "request and ledger entry id. Binary values are lowercase hex.", tokens);

    List<Map<String, Object>> digests = new ArrayList<>();
    for (Object o : (List<?>) Jcs.parse(DIGEST_INPUTS)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> v = (Map<String, Object>) o;
      @SuppressWarnings("unchecked")
      Map<String, ?> args = (Map<String, ?>) v.get("arguments");
      v.put("canonical_json", Jcs.canonicalString(Jcs.normalizeNumbers(args)));
      v.put("digest", TokenVerifier.argumentsDigest(args));
      digests.add(v);
    }
    writeDoc(json, root.resolve(DIGESTS), "The 'arg' claim: lowercase hex SHA-256 of the RFC 8785 canonical JSON "
        + "of the tool-call arguments, after integers beyond 2^53 and inexact decimals are replaced by strings.", digests);

    Map<String, Object> sig = new LinkedHashMap<>();
    sig.put("name", "ed25519-approved-decision");
    sig.put("ed25519_seed_hex", HEX.formatHex(TokenFixtures.ED25519_SEED));
    sig.put("decision", Jcs.parse(approved));
    sig.put("expected", decisionSignatureExpected(sig));
    writeDoc(json, root.resolve(DECISION_SIGNATURES), "Ed25519 signature over the RFC 8785 canonical JSON of a "
        + "decision (DecisionJson). Ed25519 is deterministic, so the signature is reproducible.", List.of(sig));
  }

  private static void writeDoc(ObjectMapper json, Path file, String description, List<?> vectors) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("description", description);
    doc.put("vectors", vectors);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json.writeValueAsString(doc) + "\n");
  }
}

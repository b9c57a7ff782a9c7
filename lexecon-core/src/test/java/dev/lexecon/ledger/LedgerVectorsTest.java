package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.ConsistencyProof;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.Hash;
import dev.lexecon.api.ledger.InclusionProof;
import dev.lexecon.api.ledger.LedgerRecord;
import dev.lexecon.api.ledger.VerificationResult;
import dev.lexecon.json.Jcs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Produces the ledger test vectors published in {@code docs/vectors/ledger/} from fixed clock,
 * ids, salts and keys, and checks that the published files are exactly what the code produces.
 * Run with {@code -Dlexecon.vectors.write=true} to rewrite them after an intended format change
 * (which, for a released format, must never happen).
 */
@DisplayName("Ledger test vectors (docs/vectors/ledger)")
class LedgerVectorsTest {
  static final Path DIR = Path.of("..", "docs", "vectors", "ledger");
  static final String KEY_NAME = "lexecon.dev/ledger/ledger_VECTORS";

  /** The test signer: an Ed25519 seed of 32 bytes 0x01..0x20. Never use it for anything real. */
  static NoteSigner signer() {
    SecureRandom fixed = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) (i + 1);
        }
      }
    };
    return NoteSigner.generate(KEY_NAME, fixed);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** The small ledger: genesis, a policy, two decisions, evidence, a checkpoint, an override. */
  static Map<String, String> produce() {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    NoteSigner signer = signer();
    Map<String, String> files = new TreeMap<>();
    Instant[] now = {Instant.parse("2026-11-27T10:00:00.000001Z")};
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    try (LedgerEngine ledger = LedgerEngine.builder(storage)
        .clock(clock)
        .idGenerator(() -> "VECTORS")
        .checkpointSigner(signer)
        .checkpointEvery(0)
        .checkpointInterval(Duration.ZERO)
        .salts(SaltSource.seeded(8785))
        .build()) {
      Map<String, Object> policy = map(
          "policy_id", "vectors", "version", "1", "mode", "strict",
          "terms", List.of(
              map("term_id", "actor:assistant", "term_type", "actor", "value", "agent:*"),
              map("term_id", "tool:send_email", "term_type", "tool")),
          "relations", List.of(map("relation_id", "mail", "relation_type", "permits",
              "source_term_id", "actor:assistant", "target_term_id", "tool:send_email",
              "conditions", List.of("args.to in company"))),
          "lists", map("company", List.of("billing@acme.example")));
      String policyHash = Jcs.sha256Hex(policy);
      now[0] = Instant.parse("2026-11-27T10:00:01.250000Z");
      ledger.append(EventType.POLICY_LOADED, map("policy_id", "vectors", "version", "1",
          "policy_hash", policyHash, "policy", policy));
      now[0] = Instant.parse("2026-11-27T10:00:02.123456Z");
      ledger.append(EventType.DECISION, map(
          "decision_id", "dec_01KVECTORS0000000000000001", "request_id", "req_1",
          "request", map("actor", "agent:support-1", "action", "send_email",
              "tool", "send_email", "user_intent", Redactable.of("Tell billing about order 4711"),
              "data_classes", List.of("pii"), "risk_level", 1,
              "context", map("channel", Redactable.of("chat")),
              "arguments", map("to", Redactable.of("billing@acme.example"),
                  "cc", Redactable.of(List.of("a@acme.example", "b@acme.example")))),
          "outcome", "approved",
          "reasons", List.of(map("code", "permitted", "rule_id", "mail",
              "term_ids", List.of("actor:assistant", "tool:send_email"),
              "message", "actor:assistant permits tool:send_email")),
          "obligations", List.of(), "advisories", List.of(),
          "policy", map("policy_id", "vectors", "version", "1", "hash", policyHash),
          "mode", "strict"));
      now[0] = Instant.parse("2026-11-27T10:00:03.500017Z");
      ledger.append(EventType.DECISION, map(
          "decision_id", "dec_01KVECTORS0000000000000002", "request_id", "req_2",
          "request", map("actor", "agent:x", "action", "exec_shell", "tool", "exec_shell",
              "data_classes", List.of(), "risk_level", 1, "context", map(), "arguments", map()),
          "outcome", "denied",
          "reasons", List.of(map("code", "default_deny", "term_ids", List.of(),
              "message", "no relation permits this request; STRICT mode denies by default")),
          "obligations", List.of(), "advisories", List.of(),
          "policy", map("policy_id", "vectors", "version", "1", "hash", policyHash),
          "mode", "strict"));
      now[0] = Instant.parse("2026-11-27T10:00:04Z");
      ledger.append(EventType.EVIDENCE, map(
          "artifact", "art_" + "ab".repeat(32),
          "exact_integer", 9007199254740992L,
          "big_integer", new BigInteger("9007199254740993"),
          "decimal", new BigDecimal("0.10000000000000000001"),
          "double", 0.1,
          "text", "caf\u00e9 \u20ac \ud83d\ude00 \"quoted\" \\ \n"));
      now[0] = Instant.parse("2026-11-27T10:00:05Z");
      ledger.checkpoint();
      now[0] = Instant.parse("2026-11-27T10:00:06.999999Z");
      ledger.append(EventType.OVERRIDE, map("decision_id", "dec_01KVECTORS0000000000000002",
          "original_outcome", "denied", "new_outcome", "approved",
          "by", Redactable.of("user:jo@acme.example"),
          "justification", "one-off maintenance approved by the on-call lead"));
      ledger.flush();

      files.put("signer.txt", "# Test key for the ledger vectors. Never use it for anything real.\n"
          + signer.encodedPrivateKey() + "\n" + signer.verifier().encoded() + "\n");
      ByteArrayOutputStream export = new ByteArrayOutputStream();
      ledger.export(export, true);
      files.put("ledger.jsonl", export.toString(StandardCharsets.UTF_8));
      files.put("checkpoint.txt", ledger.latestCheckpoint().orElseThrow().encoded());
      files.put("proofs.json", proofs(ledger) + "\n");
      files.put("commitments.json", commitments(storage.read(2).orElseThrow(), storage.read(6).orElseThrow()) + "\n");
      storage.eraseSideRecord(2);
      ByteArrayOutputStream erased = new ByteArrayOutputStream();
      ledger.export(erased, true);
      files.put("ledger-erased.jsonl", erased.toString(StandardCharsets.UTF_8));
    }
    return files;
  }

  static String proofs(LedgerEngine ledger) {
    long n = ledger.size();
    List<Object> roots = new ArrayList<>();
    for (long size = 0; size <= n; size++) {
      roots.add(map("tree_size", size, "root_hash", ledger.rootHash(size).hex()));
    }
    List<Object> inclusion = new ArrayList<>();
    for (long seq = 0; seq < n; seq++) {
      InclusionProof p = ledger.inclusionProof(seq, n);
      inclusion.add(map("seq", seq, "tree_size", n,
          "entry_hash", ledger.entry(seq).orElseThrow().entryHash(),
          "leaf_hash", MerkleTree.hashLeaf(Hash.fromHex(ledger.entry(seq).orElseThrow().entryHash()).bytes()).hex(),
          "path", p.path().stream().map(Hash::hex).toList()));
    }
    List<Object> consistency = new ArrayList<>();
    for (long old : new long[] {1, 3, 4, 6, n}) {
      ConsistencyProof p = ledger.consistencyProof(old, n);
      consistency.add(map("old_size", old, "new_size", n,
          "path", p.path().stream().map(Hash::hex).toList()));
    }
    return Jcs.canonicalString(map("roots", roots, "inclusion", inclusion, "consistency", consistency));
  }

  static String commitments(LedgerRecord... records) {
    List<Object> out = new ArrayList<>();
    for (LedgerRecord r : records) {
      Map<?, ?> fields = (Map<?, ?>) ((Map<?, ?>) Jcs.parse(r.sideRecord())).get("fields");
      fields.forEach((pointer, f) -> {
        Map<?, ?> field = (Map<?, ?>) f;
        Object value = field.get("value");
        String salt = (String) field.get("salt");
        out.add(map("seq", r.seq(), "pointer", pointer, "salt", salt, "value", value,
            "value_jcs", Jcs.canonicalString(value),
            "commitment", Commitments.commit(Commitments.unhex(salt), value)));
      });
    }
    return Jcs.canonicalString(map("commitments", out));
  }

  @Test
  @DisplayName("the published vectors are reproduced byte for byte")
  void reproduce() throws IOException {
    Map<String, String> files = produce();
    if (Boolean.getBoolean("lexecon.vectors.write")) {
      Files.createDirectories(DIR);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(DIR.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      assertThat(Files.readString(DIR.resolve(f.getKey()), StandardCharsets.UTF_8))
          .as(f.getKey()).isEqualTo(f.getValue());
    }
    List<String> expected = new ArrayList<>(files.keySet());
    expected.add("check.py"); // the independent Python checker, written by hand
    assertThat(Files.list(DIR).map(p -> p.getFileName().toString()).sorted().toList())
        .containsExactlyElementsOf(expected.stream().sorted().toList());
  }

  @Test
  @DisplayName("the published vectors verify: export, checkpoint, proofs and commitments")
  void publishedVectorsVerify() throws IOException {
    List<String> signer = Files.readAllLines(DIR.resolve("signer.txt"));
    NoteVerifier key = NoteVerifier.parse(signer.get(2));
    assertThat(NoteSigner.parse(signer.get(1)).verifier()).isEqualTo(key);
    for (String name : List.of("ledger.jsonl", "ledger-erased.jsonl")) {
      VerificationResult r = LedgerVerifier.create().trusting(key).verifyExport(DIR.resolve(name));
      assertThat(r.valid()).as(name + ": " + r).isTrue();
      assertThat(r.checkpointsVerified()).isEqualTo(1);
    }
    SignedNote checkpoint = SignedNote.parse(Files.readString(DIR.resolve("checkpoint.txt")));
    assertThat(checkpoint.verify(key).accepted()).isTrue();

    Map<?, ?> proofs = (Map<?, ?>) Jcs.parse(Files.readString(DIR.resolve("proofs.json")));
    List<?> roots = (List<?>) proofs.get("roots");
    Hash root = Hash.fromHex((String) ((Map<?, ?>) roots.get(roots.size() - 1)).get("root_hash"));
    for (Object o : (List<?>) proofs.get("inclusion")) {
      Map<?, ?> p = (Map<?, ?>) o;
      InclusionProof proof = new InclusionProof((Long) p.get("seq"), (Long) p.get("tree_size"),
          ((List<?>) p.get("path")).stream().map(h -> Hash.fromHex((String) h)).toList());
      assertThat(LedgerVerifier.verifyInclusion((String) p.get("entry_hash"), proof, root)).isTrue();
    }
    for (Object o : (List<?>) proofs.get("consistency")) {
      Map<?, ?> p = (Map<?, ?>) o;
      long old = (Long) p.get("old_size");
      Hash oldRoot = Hash.fromHex((String) ((Map<?, ?>) roots.get((int) old)).get("root_hash"));
      ConsistencyProof proof = new ConsistencyProof(old, (Long) p.get("new_size"),
          ((List<?>) p.get("path")).stream().map(h -> Hash.fromHex((String) h)).toList());
      assertThat(MerkleProofs.verifyConsistency(proof, oldRoot, root)).isTrue();
    }
    Map<?, ?> commitments = (Map<?, ?>) Jcs.parse(Files.readString(DIR.resolve("commitments.json")));
    for (Object o : (List<?>) commitments.get("commitments")) {
      Map<?, ?> c = (Map<?, ?>) o;
      byte[] preimage = concat(Commitments.unhex((String) c.get("salt")),
          ((String) c.get("value_jcs")).getBytes(StandardCharsets.UTF_8));
      assertThat("sha256:" + Commitments.hex(Commitments.sha256().digest(preimage)))
          .isEqualTo(c.get("commitment"));
    }
    // Entry hashes are SHA-256 of the canonical entry, which is what each export line carries.
    for (String line : Files.readAllLines(DIR.resolve("ledger.jsonl")).subList(1, 8)) {
      Map<?, ?> m = (Map<?, ?>) Jcs.parse(line);
      assertThat(Jcs.sha256Hex(m.get("entry"))).isEqualTo(m.get("entry_hash"));
    }
    assertThat(new ByteArrayInputStream(new byte[0]).available()).isZero();
  }

  @Test
  @DisplayName("the examples quoted in docs/ledger-format.md are the vectors' bytes")
  void formatDocQuotesTheVectors() throws IOException {
    String doc = Files.readString(DIR.resolve("../../ledger-format.md"), StandardCharsets.UTF_8);
    List<String> export = Files.readAllLines(DIR.resolve("ledger.jsonl"), StandardCharsets.UTF_8);
    Map<?, ?> entry6 = (Map<?, ?>) Jcs.parse(export.get(7));
    assertThat(doc).contains("\n" + Jcs.canonicalString(entry6.get("entry")) + "\n")
        .contains((String) entry6.get("entry_hash"))
        .contains(Files.readString(DIR.resolve("checkpoint.txt"), StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

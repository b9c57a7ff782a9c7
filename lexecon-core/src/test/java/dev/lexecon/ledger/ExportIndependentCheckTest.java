package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the published export vectors the way an auditor without Lexecon would: with the JDK's
 * SHA-256 and Ed25519, Jackson for JSON, and nothing from Lexecon's code, following only
 * docs/export-format.md, the C2SP signed-note format and RFC 9162. Each file of the export (JSON
 * Lines, CSV, Markdown, HTML) is checked on its own: the signed checkpoint with the pinned key, the
 * manifest's signature, the inclusion proofs of head, first and last entries, and every embedded
 * entry's hash, link, count and digest. A changed byte of an entry must fail the same check.
 */
@DisplayName("Export vectors checked without Lexecon's code")
class ExportIndependentCheckTest {
  static final Path DIR = Path.of("..", "docs", "vectors", "export");
  static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"audit-export.jsonl", "audit-export.csv", "audit-export.md", "audit-export.html",
      "decisions-with-personal-data.jsonl", "decisions-with-personal-data.csv"})
  @DisplayName("each vector file verifies on its own with JDK crypto and the pinned key, and fails when an entry byte changes")
  void independentCheck(String name) throws Exception {
    String text = Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
    String key = Files.readAllLines(DIR.resolve("signer.txt")).get(2);
    assertThat(problem(text, name, key)).isNull();

    // the same check must see a change to one entry: the year of the third entry's timestamp
    long seq = JSON.readTree(File.read(text, name).entries().get(2)).get("entry").get("seq").asLong();
    String pattern = "\"seq\":" + seq + ",\"timestamp\":\"2026";
    if (name.endsWith(".csv")) {
      pattern = pattern.replace("\"", "\"\"");
    }
    assertThat(text).contains(pattern);
    String tampered = text.replaceFirst(java.util.regex.Pattern.quote(pattern),
        java.util.regex.Matcher.quoteReplacement(pattern.replace("2026", "2025")));
    assertThat(problem(tampered, name, key)).isEqualTo("entry " + seq + " does not hash to "
        + JSON.readTree(File.read(text, name).entries().get(2)).get("entry_hash").asText());
  }

  /** What is wrong with the export in {@code text}, or null. */
  static @Nullable String problem(String text, String name, String pinnedKey) throws Exception {
    File f = File.read(text, name);
    JsonNode m = JSON.readTree(f.manifest);

    // the pinned C2SP verifier key: name+hash+base64(0x01 || Ed25519 public key)
    String[] k = pinnedKey.split("\\+", 3);
    byte[] keyBytes = Base64.getDecoder().decode(k[2]);
    byte[] keyId = Arrays.copyOf(sha256(cat(k[0].getBytes(StandardCharsets.UTF_8), new byte[] {'\n'}, keyBytes)), 4);
    if (keyBytes[0] != 1 || !HexFormat.of().formatHex(keyId).equals(k[1])) {
      return "the pinned key is not an Ed25519 C2SP key";
    }
    PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
        cat(HexFormat.of().parseHex("302a300506032b6570032100"), Arrays.copyOfRange(keyBytes, 1, 33))));

    // 1. the checkpoint is signed by the pinned key for exactly tree_size and root_hash
    String checkpoint = m.get("checkpoint").asText();
    if (!verifyNote(checkpoint, k[0], keyId, pub)) {
      return "checkpoint signature";
    }
    String[] body = checkpoint.substring(0, checkpoint.indexOf("\n\n")).split("\n");
    long size = m.get("tree_size").asLong();
    byte[] root = HexFormat.of().parseHex(m.get("root_hash").asText());
    if (Long.parseLong(body[1]) != size || !Arrays.equals(Base64.getDecoder().decode(body[2]), root)) {
      return "checkpoint does not sign the manifest's tree";
    }

    // 2. the manifest's signature covers the SHA-256 of its RFC 8785 form without "signature"
    Map<?, ?> members = JSON.convertValue(m, Map.class);
    String signature = (String) members.remove("signature");
    String digest = HexFormat.of().formatHex(sha256(JSON.writeValueAsBytes(members)));
    if (!verifyNote(signature, k[0], keyId, pub)
        || !signature.startsWith("lexecon.dev/audit-export/v1\n" + digest + "\n\n")) {
      return "manifest signature";
    }

    // 3. inclusion proofs (RFC 9162 2.1.3.2) of head, first and last lead to the signed root
    for (String member : List.of("head", "first", "last")) {
      JsonNode p = m.get(member);
      List<byte[]> path = new ArrayList<>();
      p.get("proof").forEach(h -> path.add(HexFormat.of().parseHex(h.asText())));
      if (!included(p.get("seq").asLong(), size, HexFormat.of().parseHex(p.get("entry_hash").asText()), path, root)) {
        return member + " inclusion proof";
      }
    }

    // 4. every entry hashes to its line's hash; contiguous entries link; count, digest, first, last
    MessageDigest all = MessageDigest.getInstance("SHA-256");
    String previous = null;
    long previousSeq = -1;
    boolean contiguous = m.get("contiguous").asBoolean();
    for (String line : f.entries) {
      // the entry's bytes are what the line holds between {"entry": and ,"entry_hash":"
      int start = "{\"entry\":".length();
      int end = line.indexOf(",\"entry_hash\":\"");
      byte[] entry = line.substring(start, end).getBytes(StandardCharsets.UTF_8);
      JsonNode parsed = JSON.readTree(line);
      long seq = parsed.get("entry").get("seq").asLong();
      String claimed = parsed.get("entry_hash").asText();
      if (!HexFormat.of().formatHex(sha256(entry)).equals(claimed)) {
        return "entry " + seq + " does not hash to " + claimed;
      }
      if (contiguous && previous != null && (seq != previousSeq + 1
          || !parsed.get("entry").get("previous_hash").asText().equals(previous))) {
        return "entry " + seq + " does not follow entry " + previousSeq;
      }
      if (!contiguous) {
        List<byte[]> path = new ArrayList<>();
        parsed.get("proof").forEach(h -> path.add(HexFormat.of().parseHex(h.asText())));
        if (!included(seq, size, HexFormat.of().parseHex(claimed), path, root)) {
          return "entry " + seq + " inclusion proof";
        }
      }
      if (previous == null && !claimed.equals(m.get("first").get("entry_hash").asText())) {
        return "entry " + seq + " is not the first entry the manifest proves";
      }
      all.update(HexFormat.of().parseHex(claimed));
      previous = claimed;
      previousSeq = seq;
    }
    if (f.entries.size() != m.get("counts").get("entries").asLong()
        || !m.get("last").get("entry_hash").asText().equals(previous)
        || !HexFormat.of().formatHex(all.digest()).equals(m.get("entries_digest").asText())) {
      return "the entries are not the ones the manifest counts and digests";
    }
    return null;
  }

  /** The manifest and the entry lines of one export file, found as docs/export-format.md §7 says. */
  record File(String manifest, List<String> entries) {
    static File read(String text, String name) {
      List<String> lines = text.lines().toList();
      List<String> entries = new ArrayList<>();
      String manifest = null;
      if (name.endsWith(".jsonl")) {
        manifest = readTree(lines.get(0)).get("manifest").toString();
        entries.addAll(lines.subList(1, lines.size()));
      } else if (name.endsWith(".csv")) {
        for (String l : lines) {
          List<String> fields = csv(l);
          if (fields.get(0).equals("manifest")) {
            manifest = fields.get(8);
          } else if (fields.get(0).equals("entry")) {
            entries.add(fields.get(9));
          }
        }
      } else {
        boolean html = name.endsWith(".html");
        String open = html ? "<script type=\"application/json\" id=\"lexecon-audit-entries\">"
            : "<!-- lexecon-audit-entries -->";
        for (int i = 0; i < lines.size(); i++) {
          if (manifest == null && lines.get(i).contains("lexecon-audit-manifest")) {
            manifest = lines.get(html ? i + 1 : i + 2);
          }
          if (lines.get(i).equals(open)) {
            for (int j = html ? i + 1 : i + 2; !lines.get(j).equals(html ? "</script>" : "```"); j++) {
              // the data block writes <, > and & as JSON escapes; the entry's own bytes have them raw
              entries.add(html ? lines.get(j).replace("\\u003c", "<").replace("\\u003e", ">")
                  .replace("\\u0026", "&") : lines.get(j));
            }
          }
        }
      }
      return new File(manifest, entries);
    }
  }

  static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** RFC 4180 fields of one CSV line (the vectors' fields hold no line breaks). */
  static List<String> csv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        f.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    fields.add(f.toString());
    return fields;
  }

  /** A C2SP signed note: its text (through the blank line's first newline) signed by the key. */
  static boolean verifyNote(String note, String keyName, byte[] keyId, PublicKey pub) throws Exception {
    int blank = note.indexOf("\n\n");
    byte[] signed = note.substring(0, blank + 1).getBytes(StandardCharsets.UTF_8);
    for (String line : note.substring(blank + 2).split("\n")) {
      String prefix = "\u2014 " + keyName + " ";
      if (line.startsWith(prefix)) {
        byte[] sig = Base64.getDecoder().decode(line.substring(prefix.length()));
        if (sig.length == 68 && Arrays.equals(Arrays.copyOf(sig, 4), keyId)) {
          Signature v = Signature.getInstance("Ed25519");
          v.initVerify(pub);
          v.update(signed);
          return v.verify(Arrays.copyOfRange(sig, 4, 68));
        }
      }
    }
    return false;
  }

  /** RFC 9162 section 2.1.3.2, with the leaf data being the 32-byte entry hash. */
  static boolean included(long index, long size, byte[] entryHash, List<byte[]> path, byte[] root) throws Exception {
    if (index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = sha256(cat(new byte[] {0}, entryHash));
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = sha256(cat(new byte[] {1}, p, r));
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = sha256(cat(new byte[] {1}, r, p));
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }

  static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}

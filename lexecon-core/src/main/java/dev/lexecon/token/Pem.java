package dev.lexecon.token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The textual encoding of RFC 7468: {@code -----BEGIN LABEL-----}, base64 in lines of 64
 * characters, {@code -----END LABEL-----}. Reading tolerates explanatory text between blocks and
 * any whitespace inside one, as §2 allows, and insists that labels match. Stateless and
 * thread-safe.
 */
final class Pem {
  static final String PUBLIC_KEY = "PUBLIC KEY";
  static final String PRIVATE_KEY = "PRIVATE KEY";

  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END ([A-Z0-9 ]+)-----");

  private Pem() {}

  /** One decoded block. */
  record Block(String label, byte[] der) {}

  static String encode(String label, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
  }

  /**
   * Returns every block in {@code text}, in order.
   *
   * @throws IllegalArgumentException if there is none, a label pair does not match, or the base64
   *     is invalid
   */
  static List<Block> decodeAll(String text) {
    List<Block> blocks = new ArrayList<>(1);
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String label = m.group(1);
      if (!label.equals(m.group(3))) {
        throw new IllegalArgumentException(
            "PEM block BEGIN " + label + " ends with END " + m.group(3));
      }
      String b64 = m.group(2).replaceAll("\\s+", "");
      try {
        blocks.add(new Block(label, Base64.getDecoder().decode(b64)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("PEM block " + label + " has invalid base64", e);
      }
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no PEM block (-----BEGIN ...-----) found");
    }
    return blocks;
  }
}

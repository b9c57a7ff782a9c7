package dev.lexecon.token;

import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.internal.JsonEscape;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes the token payload of {@link TokenFormat#payload} in RFC 8785 canonical form straight from
 * the {@link TokenClaims}, without building a map, sorting its names and walking it generically:
 * the claim names are fixed, so their canonical order is too. Returns {@code null} for the rare
 * claims it does not write itself (a lone surrogate, a time beyond 2^53 seconds), which the caller
 * hands to {@link dev.lexecon.json.Jcs#canonicalize} so that they fail with its message.
 * {@code ClaimsWriterTest} checks the bytes against that generic path on many generated claim
 * sets.
 *
 * <p>Why: the generic path was 40% of HS256 issuing. Not thread-safe: one instance per call.
 */
final class ClaimsWriter {
  /** I-JSON's and RFC 8785's safe integer range: beyond it JCS refuses to write a number. */
  private static final long MAX_EXACT_INTEGER = 1L << 53;


  private byte[] buffer;
  private int size;

  private ClaimsWriter(int capacity) {
    buffer = new byte[capacity];
  }

  /**
   * Writes the canonical payload; returns the writer, whose {@link #bytes()} hold it in the first
   * {@link #size()} bytes, or {@code null} if the generic writer must decide.
   */
  static @Nullable ClaimsWriter write(TokenClaims c) {
    ClaimsWriter w = new ClaimsWriter(160 + estimatedChars(c));
    return w.writeClaims(c) ? w : null;
  }

  /** The buffer; only the first {@link #size()} bytes are the payload. */
  byte[] bytes() {
    return buffer;
  }

  int size() {
    return size;
  }

  /** Total length of the claim strings: the payload's size when they are ASCII. */
  private static int estimatedChars(TokenClaims c) {
    int n = c.issuer().length() + c.subject().length() + c.tokenId().length() + c.action().length()
        + c.tool().length() + c.decisionId().length() + c.policyHash().length()
        + c.argumentsDigest().length();
    n += c.resource() == null ? 0 : c.resource().length();
    n += c.ledgerEntryId() == null ? 0 : c.ledgerEntryId().length();
    for (String s : c.audience()) {
      n += s.length() + 3;
    }
    for (String s : c.obligations()) {
      n += s.length() + 3;
    }
    return n;
  }

  /** Members in RFC 8785 §3.2.3 order (UTF-16 code units of the names), as the generic writer sorts them. */
  private boolean writeClaims(TokenClaims c) {
    append('{');
    boolean ok = string("act", c.action(), false)
        && string("arg", c.argumentsDigest(), true)
        && audience(c.audience())
        && string("dec", c.decisionId(), true)
        && number("exp", c.expiresAt().getEpochSecond())
        && number("iat", c.issuedAt().getEpochSecond())
        && string("iss", c.issuer(), true)
        && string("jti", c.tokenId(), true)
        && (c.ledgerEntryId() == null || string("led", c.ledgerEntryId(), true))
        && number("nbf", c.notBefore().getEpochSecond())
        && (c.obligations().isEmpty() || strings("obl", c.obligations()))
        && string("pol", c.policyHash(), true)
        && (c.resource() == null || string("res", c.resource(), true))
        && string("sub", c.subject(), true)
        && string("tool", c.tool(), true);
    append('}');
    return ok;
  }

  private boolean audience(List<String> audience) {
    if (audience.size() == 1) {
      return string("aud", audience.get(0), true); // RFC 7519 §4.1.3: one audience as a string
    }
    return audience.isEmpty() || strings("aud", audience);
  }

  private void name(String name, boolean comma) {
    ensure(name.length() + 4);
    if (comma) {
      buffer[size++] = ',';
    }
    buffer[size++] = '"';
    for (int i = 0; i < name.length(); i++) {
      buffer[size++] = (byte) name.charAt(i); // claim names are ASCII
    }
    buffer[size++] = '"';
    buffer[size++] = ':';
  }

  private boolean string(String name, String value, boolean comma) {
    name(name, comma);
    return value(value);
  }

  private boolean strings(String name, List<String> values) {
    name(name, true);
    append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        append(',');
      }
      if (!value(values.get(i))) {
        return false;
      }
    }
    append(']');
    return true;
  }

  private boolean number(String name, long value) {
    if (value < -MAX_EXACT_INTEGER || value > MAX_EXACT_INTEGER) {
      return false;
    }
    name(name, true);
    String text = Long.toString(value);
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      buffer[size++] = (byte) text.charAt(i);
    }
    return true;
  }

  /**
   * RFC 8785 §3.2.2.2, as the generic writer does it: escape only {@code "}, {@code \} and C0
   * controls (two-letter escapes where JSON has them, else lowercase <code>&#92;u00xx</code>),
   * everything else as literal UTF-8; {@code false} for a lone surrogate.
   */
  private boolean value(String s) {
    int length = s.length();
    ensure(length + 2); // enough for ASCII without escapes, the common case
    byte[] out = buffer;
    int at = size;
    out[at++] = '"';
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        out[at++] = (byte) c;
        continue;
      }
      if (out.length - at < 6 * (length - i) + 1) {
        // Room for the rest at the longest form of a UTF-16 unit (a 6-byte escape) and the quote.
        size = at;
        ensure(6 * (length - i) + 1);
        out = buffer;
      }
      if (c < 0x80) {
        at = JsonEscape.write(out, at, c);
      } else if (c < 0x800) {
        out[at++] = (byte) (0xc0 | c >> 6);
        out[at++] = (byte) (0x80 | c & 0x3f);
      } else if (!Character.isSurrogate(c)) {
        out[at++] = (byte) (0xe0 | c >> 12);
        out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
        out[at++] = (byte) (0x80 | c & 0x3f);
      } else {
        char low = i + 1 < length ? s.charAt(i + 1) : 0;
        if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
          return false; // the generic writer refuses it with the JSON path in its message
        }
        int codePoint = Character.toCodePoint(c, low);
        i++;
        out[at++] = (byte) (0xf0 | codePoint >> 18);
        out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
        out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
        out[at++] = (byte) (0x80 | codePoint & 0x3f);
      }
    }
    out[at++] = '"';
    size = at;
    return true;
  }

  private void append(char c) {
    ensure(1);
    buffer[size++] = (byte) c;
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(size + extra, buffer.length * 2));
    }
  }
}

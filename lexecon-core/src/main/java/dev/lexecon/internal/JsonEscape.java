package dev.lexecon.internal;

/**
 * The RFC 8785 escape of an ASCII character that JSON strings must not hold raw: {@code "}, {@code
 * \}, and the control characters below U+0020. The short forms ({@code \n}, {@code \t}, ...)
 * where JSON has one, else a backslash, {@code u00} and two lowercase hex digits. Shared by the
 * canonical writer and the token claims writer so that both write the very same bytes.
 */
public final class JsonEscape {
  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  private JsonEscape() {}

  /**
   * Writes the escape of {@code c} (below U+0080, and {@code "}, {@code \} or a control character)
   * at {@code out[at]}, which must have room for 6 bytes, and returns the index after it.
   */
  public static int write(byte[] out, int at, char c) {
    out[at++] = '\\';
    switch (c) {
      case '"' -> out[at++] = '"';
      case '\\' -> out[at++] = '\\';
      case '\b' -> out[at++] = 'b';
      case '\f' -> out[at++] = 'f';
      case '\n' -> out[at++] = 'n';
      case '\r' -> out[at++] = 'r';
      case '\t' -> out[at++] = 't';
      default -> {
        out[at++] = 'u';
        out[at++] = '0';
        out[at++] = '0';
        out[at++] = HEX[c >> 4];
        out[at++] = HEX[c & 0xf];
      }
    }
    return at;
  }
}

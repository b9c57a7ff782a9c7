package dev.lexecon.export;

/**
 * Escaping for the report formats. Values in entries come from requests an agent made, so every
 * one of them is escaped for the format it lands in, and control characters never reach a report.
 */
final class Escapes {
  /** Summaries and cells longer than this are cut, so that one entry cannot flood a report. */
  static final int MAX_TEXT = 300;

  private Escapes() {}

  /** One line of plain text: control characters become spaces, long text is cut with an ellipsis. */
  static String oneLine(String s) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_TEXT + 1));
    for (int i = 0; i < s.length() && out.length() < MAX_TEXT; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    if (s.length() > MAX_TEXT) {
      if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
        out.setLength(out.length() - 1);
      }
      out.append('…');
    }
    return out.toString();
  }

  static String html(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Text for a Markdown paragraph or table cell: markup characters escaped, HTML neutralised. */
  static String markdown(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '#', '|', '!', '~' -> out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        default -> out.append(c < 0x20 ? ' ' : c);
      }
    }
    return out.toString();
  }

  /** A Markdown code span holding {@code s}, fenced with more backticks than any run inside it. */
  static String markdownCode(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String body = s.replace("|", "\\|");
    boolean pad = body.startsWith("`") || body.endsWith("`");
    return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
  }

  /**
   * An RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. A cell a
   * spreadsheet would read as a formula ({@code = + - @}, tab, carriage return) gets a leading
   * apostrophe (OWASP CSV injection guidance).
   */
  static String csv(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }
}

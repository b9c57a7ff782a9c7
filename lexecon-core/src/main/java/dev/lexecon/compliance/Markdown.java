package dev.lexecon.compliance;

import java.util.Map;

/** Escaping for the Markdown the compliance records render. */
final class Markdown {
  private Markdown() {}

  /**
   * Text safe in a paragraph: Markdown punctuation that could start markup is escaped and HTML is
   * neutralised, because values may come from requests an agent made.
   */
  static String text(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '#', '|', '!' -> out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Text safe in a table cell (no line breaks, escaped pipes). */
  static String cell(String s) {
    return text(s);
  }

  /** A JSON tree as nested bullet lists. */
  static void tree(StringBuilder md, Object node, int depth) {
    String indent = "  ".repeat(depth);
    if (node instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        md.append(indent).append("- (none)\n");
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object v = e.getValue();
        if (v instanceof Map<?, ?> || v instanceof Iterable<?> && !isScalarList(v)) {
          md.append(indent).append("- ").append(text(String.valueOf(e.getKey()))).append(":\n");
          tree(md, v, depth + 1);
        } else {
          md.append(indent).append("- ").append(text(String.valueOf(e.getKey()))).append(": ")
              .append(scalar(v)).append('\n');
        }
      }
    } else if (node instanceof Iterable<?> list) {
      boolean any = false;
      for (Object o : list) {
        any = true;
        if (o instanceof Map<?, ?> || o instanceof Iterable<?>) {
          md.append(indent).append("-\n");
          tree(md, o, depth + 1);
        } else {
          md.append(indent).append("- ").append(scalar(o)).append('\n');
        }
      }
      if (!any) {
        md.append(indent).append("- (none)\n");
      }
    } else {
      md.append(indent).append("- ").append(scalar(node)).append('\n');
    }
  }

  private static boolean isScalarList(Object v) {
    for (Object o : (Iterable<?>) v) {
      if (o instanceof Map<?, ?> || o instanceof Iterable<?>) {
        return false;
      }
    }
    return true;
  }

  private static String scalar(Object v) {
    if (v instanceof Iterable<?> list) {
      StringBuilder s = new StringBuilder();
      for (Object o : list) {
        s.append(s.length() == 0 ? "" : ", ").append(text(String.valueOf(o)));
      }
      return s.length() == 0 ? "(none)" : s.toString();
    }
    return text(String.valueOf(v));
  }
}

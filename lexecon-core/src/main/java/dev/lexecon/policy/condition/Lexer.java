package dev.lexecon.policy.condition;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits a condition into tokens. Characters that start no token become {@link Kind#ILLEGAL}
 * tokens rather than errors here, so that the parser, which knows what it expected at that point,
 * can say so; malformed strings and numbers are reported directly.
 */
final class Lexer {

  enum Kind {
    NUMBER,
    STRING,
    PATH,
    TRUE,
    FALSE,
    NULL,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    AND,
    OR,
    NOT,
    IN,
    MATCHES,
    ILLEGAL,
    END
  }

  /**
   * @param value the literal (String, Boolean, Long, BigInteger, DecimalLiteral) or, for a path,
   *     its segments as a {@code String[]}
   */
  record Token(Kind kind, int start, String text, @Nullable Object value) {}

  private final String source;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private Lexer(String source) {
    this.source = source;
  }

  static List<Token> tokenize(String source) {
    Lexer lexer = new Lexer(source);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    int length = source.length();
    while (pos < length) {
      char c = source.charAt(pos);
      int start = pos;
      switch (c) {
        case ' ':
        case '\t':
        case '\r':
        case '\n':
          pos++;
          break;
        case '(':
          symbol(Kind.LPAREN, 1);
          break;
        case ')':
          symbol(Kind.RPAREN, 1);
          break;
        case '[':
          symbol(Kind.LBRACKET, 1);
          break;
        case ']':
          symbol(Kind.RBRACKET, 1);
          break;
        case ',':
          symbol(Kind.COMMA, 1);
          break;
        case '=':
          symbol(next('=') ? Kind.EQ : Kind.ILLEGAL, next('=') ? 2 : 1);
          break;
        case '!':
          symbol(next('=') ? Kind.NE : Kind.NOT, next('=') ? 2 : 1);
          break;
        case '<':
          symbol(next('=') ? Kind.LE : Kind.LT, next('=') ? 2 : 1);
          break;
        case '>':
          symbol(next('=') ? Kind.GE : Kind.GT, next('=') ? 2 : 1);
          break;
        case '&':
          symbol(next('&') ? Kind.AND : Kind.ILLEGAL, next('&') ? 2 : 1);
          break;
        case '|':
          symbol(next('|') ? Kind.OR : Kind.ILLEGAL, next('|') ? 2 : 1);
          break;
        case '"':
        case '\'':
          string(c);
          break;
        default:
          if (isDigit(c) || (c == '-' && pos + 1 < length && isDigit(source.charAt(pos + 1)))) {
            number();
          } else if (isIdentifierStart(c)) {
            path();
          } else {
            // One code point, so that the message quotes a whole character.
            pos += Character.charCount(source.codePointAt(pos));
            tokens.add(new Token(Kind.ILLEGAL, start, source.substring(start, pos), null));
          }
      }
    }
    tokens.add(new Token(Kind.END, length, "", null));
  }

  private boolean next(char expected) {
    return pos + 1 < source.length() && source.charAt(pos + 1) == expected;
  }

  private void symbol(Kind kind, int width) {
    tokens.add(new Token(kind, pos, source.substring(pos, pos + width), null));
    pos += width;
  }

  private void number() {
    int start = pos;
    if (source.charAt(pos) == '-') {
      pos++;
    }
    skipDigits();
    boolean decimal = false;
    if (pos < source.length() && source.charAt(pos) == '.') {
      pos++;
      if (pos >= source.length() || !isDigit(source.charAt(pos))) {
        throw new ConditionSyntaxException(source, pos, "expected a digit after the decimal point");
      }
      skipDigits();
      decimal = true;
    }
    String text = source.substring(start, pos);
    Object value;
    if (decimal) {
      value = new DecimalLiteral(text);
    } else {
      BigInteger integer = new BigInteger(text);
      value = integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
    }
    tokens.add(new Token(Kind.NUMBER, start, text, value));
  }

  private void skipDigits() {
    while (pos < source.length() && isDigit(source.charAt(pos))) {
      pos++;
    }
  }

  private void string(char quote) {
    int start = pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= source.length()) {
        throw new ConditionSyntaxException(
            source,
            start,
            "unterminated string: expected a closing "
                + (quote == '"' ? "double" : "single")
                + " quote for the string");
      }
      char c = source.charAt(pos);
      if (c == quote) {
        pos++;
        break;
      }
      if (c != '\\') {
        value.append(c);
        pos++;
        continue;
      }
      int escape = pos;
      if (pos + 1 >= source.length()) {
        pos++;
        continue; // reported as unterminated on the next turn
      }
      char e = source.charAt(pos + 1);
      pos += 2;
      switch (e) {
        case '"':
        case '\'':
        case '\\':
          value.append(e);
          break;
        case 'n':
          value.append('\n');
          break;
        case 't':
          value.append('\t');
          break;
        case 'u':
          value.append(unicodeEscape(escape));
          break;
        default:
          throw new ConditionSyntaxException(
              source,
              escape,
              "unknown escape '\\"
                  + e
                  + "': expected one of \\\" \\' \\\\ \\n \\t \\uXXXX");
      }
    }
    tokens.add(new Token(Kind.STRING, start, source.substring(start, pos), value.toString()));
  }

  private char unicodeEscape(int escape) {
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = pos < source.length() ? Character.digit(source.charAt(pos), 16) : -1;
      // Character.digit also accepts non-ASCII digits; the escape is ASCII hex only.
      if (digit < 0 || source.charAt(pos) > 'f') {
        throw new ConditionSyntaxException(
            source, escape, "expected four hexadecimal digits after \\u");
      }
      code = code * 16 + digit;
      pos++;
    }
    return (char) code;
  }

  private void path() {
    int start = pos;
    List<String> segments = new ArrayList<>(4);
    while (true) {
      int segmentStart = pos;
      pos++;
      while (pos < source.length() && isIdentifierPart(source.charAt(pos))) {
        pos++;
      }
      segments.add(source.substring(segmentStart, pos));
      if (pos >= source.length() || source.charAt(pos) != '.') {
        break;
      }
      pos++;
      if (pos >= source.length() || !isIdentifierStart(source.charAt(pos))) {
        throw new ConditionSyntaxException(source, pos, "expected a name after '.' in a path");
      }
    }
    String text = source.substring(start, pos);
    if (segments.size() == 1) {
      Kind keyword = keyword(text);
      if (keyword != null) {
        Object value =
            keyword == Kind.TRUE ? Boolean.TRUE : keyword == Kind.FALSE ? Boolean.FALSE : null;
        tokens.add(new Token(keyword, start, text, value));
        return;
      }
    }
    tokens.add(new Token(Kind.PATH, start, text, segments.toArray(new String[0])));
  }

  private static @Nullable Kind keyword(String word) {
    switch (word) {
      case "true":
        return Kind.TRUE;
      case "false":
        return Kind.FALSE;
      case "null":
        return Kind.NULL;
      case "and":
        return Kind.AND;
      case "or":
        return Kind.OR;
      case "not":
        return Kind.NOT;
      case "in":
        return Kind.IN;
      case "matches":
        return Kind.MATCHES;
      default:
        return null;
    }
  }

  static boolean isKeyword(String word) {
    return keyword(word) != null;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentifierStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c);
  }
}

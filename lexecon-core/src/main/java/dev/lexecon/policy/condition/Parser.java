package dev.lexecon.policy.condition;

import dev.lexecon.internal.Glob;
import dev.lexecon.policy.condition.Lexer.Kind;
import dev.lexecon.policy.condition.Lexer.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser from tokens to a {@link Node} tree. The grammar, lowest precedence
 * first:
 *
 * <pre>
 * condition  = or END
 * or         = and { ("||" | "or") and }
 * and        = unary { ("&amp;&amp;" | "and") unary }
 * unary      = ("!" | "not") unary | "(" or ")" | "exists" "(" PATH ")" | predicate
 * predicate  = operand [ compare operand | ["not"] "in" (list | PATH) | "matches" STRING ]
 * operand    = NUMBER | STRING | "true" | "false" | list | PATH
 * list       = "[" [ literal { "," literal } ] "]"
 * </pre>
 *
 * A predicate holds at most one comparison, which is what makes {@code a < b < c} an error. Every
 * error names what the parser expected at the token where it stopped.
 */
final class Parser {
  /** Bounds the recursion of the parser, and with it of evaluation, for hostile input. */
  static final int MAX_NESTING = 64;

  private final String source;
  private final NamedLists lists;
  private final List<Token> tokens;
  private final Set<String> paths = new LinkedHashSet<>();
  private int pos;
  private int nesting;
  /** Whether the last predicate was a lone operand, which changes what may follow it. */
  private boolean loneOperand;

  private Parser(String source, NamedLists lists) {
    this.source = source;
    this.lists = lists;
    this.tokens = Lexer.tokenize(source);
  }

  /** The tree and the paths it reads. */
  record Result(Node root, Set<String> paths) {}

  static Result parse(String source, NamedLists lists) {
    Parser parser = new Parser(source, lists);
    Node root = parser.condition();
    return new Result(root, Collections.unmodifiableSet(parser.paths));
  }

  private Node condition() {
    Node root = or(null);
    Token end = peek();
    if (end.kind() != Kind.END) {
      throw error(end, followers("the end of the condition"));
    }
    return root;
  }

  private String followers(String closer) {
    return loneOperand
        ? "expected a comparison, 'in', 'matches', '&&', '||' or " + closer
        : "expected '&&', '||' or " + closer;
  }

  private Node or(@Nullable Token after) {
    Node first = and(after);
    if (peek().kind() != Kind.OR) {
      return first;
    }
    List<Node> terms = new ArrayList<>();
    addFlattened(terms, first, Node.Or.class);
    while (peek().kind() == Kind.OR) {
      Token operator = advance();
      addFlattened(terms, and(operator), Node.Or.class);
    }
    return new Node.Or(terms.toArray(new Node[0]));
  }

  private Node and(@Nullable Token after) {
    Node first = unary(after);
    if (peek().kind() != Kind.AND) {
      return first;
    }
    List<Node> terms = new ArrayList<>();
    addFlattened(terms, first, Node.And.class);
    while (peek().kind() == Kind.AND) {
      Token operator = advance();
      addFlattened(terms, unary(operator), Node.And.class);
    }
    return new Node.And(terms.toArray(new Node[0]));
  }

  /** {@code (a && b) && c} is {@code a && b && c}: both operators are associative. */
  private static void addFlattened(List<Node> terms, Node term, Class<? extends Node> type) {
    if (term instanceof Node.And && type == Node.And.class) {
      Collections.addAll(terms, ((Node.And) term).terms);
    } else if (term instanceof Node.Or && type == Node.Or.class) {
      Collections.addAll(terms, ((Node.Or) term).terms);
    } else {
      terms.add(term);
    }
  }

  private Node unary(@Nullable Token after) {
    Token token = peek();
    if (token.kind() == Kind.NOT) {
      advance();
      enter(token);
      Node operand = unary(token);
      nesting--;
      // Kleene negation is an involution, so !!x can be x.
      return operand instanceof Node.Not ? ((Node.Not) operand).operand : new Node.Not(operand);
    }
    if (token.kind() == Kind.LPAREN) {
      advance();
      enter(token);
      Node inner = or(token);
      Token close = peek();
      if (close.kind() != Kind.RPAREN) {
        throw error(close, followers("')'"));
      }
      advance();
      nesting--;
      loneOperand = false;
      return inner;
    }
    if (token.kind() == Kind.PATH && token.text().equals("exists") && peek(1).kind() == Kind.LPAREN) {
      return exists();
    }
    return predicate(after);
  }

  private void enter(Token token) {
    if (++nesting > MAX_NESTING) {
      throw error(token, "expected at most " + MAX_NESTING + " nested '(' and '!'");
    }
  }

  private Node exists() {
    advance();
    Token open = advance();
    Token argument = peek();
    if (argument.kind() != Kind.PATH) {
      throw error(argument, "expected a path after '" + open.text() + "' in exists()");
    }
    advance();
    Token close = peek();
    if (close.kind() != Kind.RPAREN) {
      throw error(close, "expected ')' after the path in exists()");
    }
    advance();
    loneOperand = false;
    return new Node.Exists(pathOf(argument));
  }

  private Node predicate(@Nullable Token after) {
    Token first = peek();
    Operand left =
        operand(after == null ? "expected a condition" : "expected a condition after " + quote(after));
    Token operator = peek();
    loneOperand = false;
    switch (operator.kind()) {
      case EQ:
      case NE:
      case LT:
      case LE:
      case GT:
      case GE:
        advance();
        Operand right = operand("expected an operand after " + quote(operator));
        Token next = peek();
        if (isComparison(next.kind())) {
          throw error(next, "expected '&&' or '||' before another comparison; comparisons do not chain");
        }
        return new Node.Compare(left, comparison(operator.kind()), right);
      case IN:
        advance();
        return in(left, operator, false);
      case NOT:
        if (operator.text().equals("not")) {
          advance();
          Token in = peek();
          if (in.kind() != Kind.IN) {
            throw error(in, "expected 'in' after 'not'");
          }
          advance();
          return in(left, in, true);
        }
        break;
      case MATCHES:
        advance();
        Token pattern = peek();
        if (pattern.kind() != Kind.STRING) {
          throw error(pattern, "expected a string literal glob after 'matches'");
        }
        advance();
        return new Node.Matches(left, Glob.compile((String) pattern.value()));
      default:
        break;
    }
    if (left.isPath()) {
      loneOperand = true;
      return new Node.Flag(pathOf(first));
    }
    if (left.literalValue() instanceof Boolean) {
      loneOperand = true;
      return new Node.Constant(Truth.of((Boolean) left.literalValue()));
    }
    String what = first.kind() == Kind.LBRACKET ? "the list literal" : quote(first);
    throw error(operator, "expected a comparison, 'in' or 'matches' after " + what);
  }

  private Node in(Operand left, Token in, boolean negated) {
    Token right = peek();
    if (right.kind() == Kind.LBRACKET) {
      return Node.In.ofSet(left, new ValueSet(listLiteral()), negated);
    }
    if (right.kind() == Kind.PATH) {
      advance();
      String[] segments = (String[]) right.value();
      ValueSet named = segments.length == 1 ? lists.set(segments[0]) : null;
      if (named != null) {
        return Node.In.ofSet(left, named, negated);
      }
      paths.add(right.text());
      return Node.In.ofPath(left, segments, negated);
    }
    throw error(right, "expected a list, a named list or a path after " + quote(in));
  }

  private Operand operand(String expectation) {
    Token token = peek();
    switch (token.kind()) {
      case NUMBER:
      case STRING:
      case TRUE:
      case FALSE:
        advance();
        return Operand.literal(token.value());
      case LBRACKET:
        return Operand.literal(listLiteral());
      case PATH:
        advance();
        return Operand.path(pathOf(token));
      case NULL:
        throw error(token, expectation + "; there is no null literal, test with exists(path)");
      default:
        throw error(token, expectation);
    }
  }

  private List<Object> listLiteral() {
    Token open = advance();
    List<Object> values = new ArrayList<>();
    if (peek().kind() == Kind.RBRACKET) {
      advance();
      return List.of();
    }
    Token previous = open;
    while (true) {
      Token element = peek();
      switch (element.kind()) {
        case NUMBER:
        case STRING:
        case TRUE:
        case FALSE:
          values.add(element.value());
          advance();
          break;
        default:
          throw error(
              element,
              "expected a number, string or boolean after "
                  + quote(previous)
                  + " (list literals hold only literals)");
      }
      Token separator = peek();
      if (separator.kind() == Kind.RBRACKET) {
        advance();
        return List.copyOf(values);
      }
      if (separator.kind() != Kind.COMMA) {
        throw error(
            separator, "expected ',' or ']' in the list that starts at column " + open.start());
      }
      previous = advance();
    }
  }

  private String[] pathOf(Token token) {
    paths.add(token.text());
    return (String[]) token.value();
  }

  private static boolean isComparison(Kind kind) {
    switch (kind) {
      case EQ:
      case NE:
      case LT:
      case LE:
      case GT:
      case GE:
        return true;
      default:
        return false;
    }
  }

  private static Node.Compare.Operator comparison(Kind kind) {
    switch (kind) {
      case EQ:
        return Node.Compare.Operator.EQ;
      case NE:
        return Node.Compare.Operator.NE;
      case LT:
        return Node.Compare.Operator.LT;
      case LE:
        return Node.Compare.Operator.LE;
      case GT:
        return Node.Compare.Operator.GT;
      default:
        return Node.Compare.Operator.GE;
    }
  }

  private static String quote(Token token) {
    return "'" + token.text() + "'";
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token advance() {
    return tokens.get(pos++);
  }

  private ConditionSyntaxException error(Token token, String expected) {
    String message = expected;
    if (token.kind() != Kind.END) {
      message += ", found " + found(token);
    }
    return new ConditionSyntaxException(source, token.start(), message);
  }

  private static String found(Token token) {
    String text = token.text();
    String shown = text.length() > 24 ? text.substring(0, 24) + "..." : text;
    String hint = "";
    if (token.kind() == Kind.ILLEGAL) {
      switch (text) {
        case "&":
          hint = " (did you mean '&&'?)";
          break;
        case "|":
          hint = " (did you mean '||'?)";
          break;
        case "=":
          hint = " (did you mean '=='?)";
          break;
        default:
          break;
      }
    }
    return "'" + shown + "'" + hint;
  }
}

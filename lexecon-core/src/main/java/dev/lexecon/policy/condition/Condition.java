package dev.lexecon.policy.condition;

import java.util.Objects;
import java.util.Set;

/**
 * A compiled policy condition, such as {@code args.amount <= 1000 && context.region in
 * eu_regions} or the flag {@code context.human_confirmed}.
 *
 * <p>Compile once, when the policy loads, and evaluate on every decision: {@link #evaluate} does
 * not parse, does not allocate in the common cases, and never throws for any input value. Results
 * are three-valued; a condition that reads an absent value or compares values of different types
 * is {@link Truth#UNKNOWN}, which a policy treats as not satisfied (fail closed). The language is
 * specified in {@code docs/policy-language.md}, section "Conditions".
 *
 * <pre>{@code
 * NamedLists lists = NamedLists.of(Map.of("eu_regions", List.of("EU", "EEA")));
 * Condition condition = Condition.compile("args.amount <= 1000 && context.region in eu_regions", lists);
 * Truth result = condition.evaluate(ConditionInput.ofMap(request));
 * }</pre>
 *
 * <p>Immutable and thread-safe. Two conditions are never {@code equals} unless they are the same
 * object: the same text can mean different things under different named lists.
 *
 * @since 0.1
 */
public final class Condition {
  private final String source;
  private final Node root;
  private final Set<String> paths;

  private Condition(String source, Node root, Set<String> paths) {
    this.source = source;
    this.root = root;
    this.paths = paths;
  }

  /**
   * Parses and compiles a condition.
   *
   * @param source the condition text
   * @param lists the named lists the policy declares; an identifier on the right of {@code in}
   *     that names one of them refers to it, any other identifier is a path
   * @throws ConditionSyntaxException if {@code source} is not a well-formed condition; the message
   *     names the column and what was expected there
   */
  public static Condition compile(String source, NamedLists lists) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(lists, "lists");
    Parser.Result parsed = Parser.parse(source, lists);
    return new Condition(source, parsed.root(), parsed.paths());
  }

  /**
   * Parses and compiles a condition that refers to no named lists.
   *
   * @throws ConditionSyntaxException if {@code source} is not a well-formed condition
   */
  public static Condition compile(String source) {
    return compile(source, NamedLists.empty());
  }

  /**
   * Evaluates the condition against one input. Never throws because of the values the input
   * returns; exceptions thrown by {@link ConditionInput#resolve} itself propagate.
   */
  public Truth evaluate(ConditionInput input) {
    Objects.requireNonNull(input, "input");
    return root.evaluate(input);
  }

  /** The text this condition was compiled from. */
  public String source() {
    return source;
  }

  /**
   * Every path the condition reads, dotted ({@code args.url}), in order of first appearance, so
   * that policy validation can warn about names no request will carry. References to named lists
   * are not paths and are not included; a misspelt list name is, since it then reads as a path.
   */
  public Set<String> paths() {
    return paths;
  }

  /**
   * Whether the whole condition is a bare path, such as {@code context.human_confirmed}, which is
   * true only when the value is boolean {@code true}.
   */
  public boolean isFlag() {
    return root instanceof Node.Flag;
  }

  /** Returns {@link #source()}. */
  @Override
  public String toString() {
    return source;
  }
}

package dev.lexecon.policy.condition;

import dev.lexecon.internal.Glob;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The compiled syntax tree of a condition: every node evaluates itself to a {@link Truth}. Nodes
 * are immutable, so one tree serves all threads. Evaluation allocates nothing: results are enum
 * constants, paths are pre-split, and lists are walked by index when they allow it.
 */
abstract sealed class Node {

  abstract Truth evaluate(ConditionInput input);

  static boolean isMissing(@Nullable Object value) {
    return value == null || value == ConditionInput.ABSENT;
  }

  /** {@code true} or {@code false} used as a predicate. */
  static final class Constant extends Node {
    private final Truth value;

    Constant(Truth value) {
      this.value = value;
    }

    @Override
    Truth evaluate(ConditionInput input) {
      return value;
    }
  }

  /**
   * A bare path used as a predicate: true only for boolean {@code true}; absent, null and {@code
   * false} are false (a flag that is not set is off); any other type is unknown.
   */
  static final class Flag extends Node {
    private final String[] path;

    Flag(String[] path) {
      this.path = path;
    }

    @Override
    Truth evaluate(ConditionInput input) {
      Object value = input.resolve(path);
      if (value instanceof Boolean) {
        return (Boolean) value ? Truth.TRUE : Truth.FALSE;
      }
      return isMissing(value) ? Truth.FALSE : Truth.UNKNOWN;
    }
  }

  /** {@code exists(path)}: present and not null. Never unknown. */
  static final class Exists extends Node {
    private final String[] path;

    Exists(String[] path) {
      this.path = path;
    }

    @Override
    Truth evaluate(ConditionInput input) {
      return isMissing(input.resolve(path)) ? Truth.FALSE : Truth.TRUE;
    }
  }

  static final class Not extends Node {
    final Node operand;

    Not(Node operand) {
      this.operand = operand;
    }

    @Override
    Truth evaluate(ConditionInput input) {
      return operand.evaluate(input).not();
    }
  }

  /** {@code &&} over any number of terms, so long chains cost a loop rather than deep recursion. */
  static final class And extends Node {
    final Node[] terms;

    And(Node[] terms) {
      this.terms = terms;
    }

    @Override
    Truth evaluate(ConditionInput input) {
      Truth result = Truth.TRUE;
      for (Node term : terms) {
        Truth t = term.evaluate(input);
        if (t == Truth.FALSE) {
          return Truth.FALSE; // Kleene: FALSE wins whatever the other terms are.
        }
        if (t == Truth.UNKNOWN) {
          result = Truth.UNKNOWN;
        }
      }
      return result;
    }
  }

  static final class Or extends Node {
    final Node[] terms;

    Or(Node[] terms) {
      this.terms = terms;
    }

    @Override
    Truth evaluate(ConditionInput input) {
      Truth result = Truth.FALSE;
      for (Node term : terms) {
        Truth t = term.evaluate(input);
        if (t == Truth.TRUE) {
          return Truth.TRUE; // Kleene: TRUE wins whatever the other terms are.
        }
        if (t == Truth.UNKNOWN) {
          result = Truth.UNKNOWN;
        }
      }
      return result;
    }
  }

  /** {@code == != < <= > >=}. */
  static final class Compare extends Node {
    enum Operator {
      EQ,
      NE,
      LT,
      LE,
      GT,
      GE
    }

    private final Operand left;
    private final Operator operator;
    private final Operand right;

    Compare(Operand left, Operator operator, Operand right) {
      this.left = left;
      this.operator = operator;
      this.right = right;
    }

    @Override
    Truth evaluate(ConditionInput input) {
      Object l = left.value(input);
      if (isMissing(l)) {
        return Truth.UNKNOWN;
      }
      Object r = right.value(input);
      if (isMissing(r)) {
        return Truth.UNKNOWN;
      }
      if (operator == Operator.EQ) {
        return Values.equal(l, r);
      }
      if (operator == Operator.NE) {
        return Values.equal(l, r).not();
      }
      int c = Values.order(l, r);
      if (c == Values.INCOMPARABLE) {
        return Truth.UNKNOWN;
      }
      switch (operator) {
        case LT:
          return Truth.of(c < 0);
        case LE:
          return Truth.of(c <= 0);
        case GT:
          return Truth.of(c > 0);
        default:
          return Truth.of(c >= 0);
      }
    }
  }

  /**
   * {@code in} and {@code not in}. The right side is either a {@link ValueSet} built at compile
   * time (list literal, named list) or a path that must resolve to a list.
   */
  static final class In extends Node {
    private final Operand left;
    private final @Nullable ValueSet set;
    private final String @Nullable [] listPath;
    private final boolean negated;

    private In(Operand left, @Nullable ValueSet set, String @Nullable [] listPath, boolean negated) {
      this.left = left;
      this.set = set;
      this.listPath = listPath;
      this.negated = negated;
    }

    static In ofSet(Operand left, ValueSet set, boolean negated) {
      return new In(left, set, null, negated);
    }

    static In ofPath(Operand left, String[] listPath, boolean negated) {
      return new In(left, null, listPath, negated);
    }

    @Override
    Truth evaluate(ConditionInput input) {
      Truth result = membership(input);
      return negated ? result.not() : result;
    }

    private Truth membership(ConditionInput input) {
      Object value = left.value(input);
      if (isMissing(value)) {
        return Truth.UNKNOWN;
      }
      ValueSet s = set;
      if (s != null) {
        if (value instanceof String) {
          return s.containsString((String) value);
        }
        return value instanceof List ? everyIn((List<?>) value, s) : s.contains(value);
      }
      Object list = input.resolve(listPath);
      if (!(list instanceof List)) {
        return Truth.UNKNOWN; // absent, null, or not a list
      }
      List<?> candidates = (List<?>) list;
      return value instanceof List
          ? everyIn((List<?>) value, candidates)
          : scan(value, candidates);
    }

    /** A list on the left: every element must be in the right-hand list (Kleene AND). */
    private static Truth everyIn(List<?> values, ValueSet s) {
      Truth result = Truth.TRUE;
      if (values instanceof RandomAccess) {
        for (int i = 0, n = values.size(); i < n; i++) {
          Object value = values.get(i);
          Truth t = isMissing(value) ? Truth.UNKNOWN : s.contains(value);
          if (t == Truth.FALSE) {
            return Truth.FALSE;
          }
          if (t == Truth.UNKNOWN) {
            result = Truth.UNKNOWN;
          }
        }
      } else {
        for (Object value : values) {
          Truth t = isMissing(value) ? Truth.UNKNOWN : s.contains(value);
          if (t == Truth.FALSE) {
            return Truth.FALSE;
          }
          if (t == Truth.UNKNOWN) {
            result = Truth.UNKNOWN;
          }
        }
      }
      return result;
    }

    private static Truth everyIn(List<?> values, List<?> candidates) {
      Truth result = Truth.TRUE;
      for (Object value : values) {
        Truth t = isMissing(value) ? Truth.UNKNOWN : scan(value, candidates);
        if (t == Truth.FALSE) {
          return Truth.FALSE;
        }
        if (t == Truth.UNKNOWN) {
          result = Truth.UNKNOWN;
        }
      }
      return result;
    }

    /** Membership in a list only known at evaluation time: compare with each element. */
    private static Truth scan(Object value, List<?> candidates) {
      boolean unknown = false;
      if (candidates instanceof RandomAccess) {
        for (int i = 0, n = candidates.size(); i < n; i++) {
          Truth equal = Values.equal(value, candidates.get(i));
          if (equal == Truth.TRUE) {
            return Truth.TRUE;
          }
          unknown |= equal == Truth.UNKNOWN;
        }
      } else {
        for (Object candidate : candidates) {
          Truth equal = Values.equal(value, candidate);
          if (equal == Truth.TRUE) {
            return Truth.TRUE;
          }
          unknown |= equal == Truth.UNKNOWN;
        }
      }
      return unknown ? Truth.UNKNOWN : Truth.FALSE;
    }
  }

  /** {@code matches} with a glob compiled at load time; only a string can match. */
  static final class Matches extends Node {
    private final Operand left;
    private final Glob glob;

    Matches(Operand left, Glob glob) {
      this.left = left;
      this.glob = glob;
    }

    @Override
    Truth evaluate(ConditionInput input) {
      Object value = left.value(input);
      return value instanceof String ? Truth.of(glob.matches((String) value)) : Truth.UNKNOWN;
    }
  }
}

package dev.lexecon.domain.finance;

import dev.lexecon.api.FieldViolation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Exact decimal reading of the JSON numbers that orders carry, and their display. */
final class Amounts {
  private Amounts() {}

  /**
   * The exact value of a JSON number, or {@code null} for anything else (strings such as {@code
   * "100"} included: a quantity the model wrote as text is malformed, not silently converted).
   * Doubles convert through their shortest decimal form, so {@code 0.1} is exactly {@code 0.1}.
   */
  static @Nullable BigDecimal decimal(@Nullable Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    if (value instanceof Float f) {
      return Float.isFinite(f) ? new BigDecimal(f.toString()) : null;
    }
    return null;
  }

  /** The positive number at {@code key}, or {@code null} when absent, null or not usable. */
  static @Nullable BigDecimal positive(Map<String, @Nullable Object> map, String key) {
    BigDecimal d = decimal(map.get(key));
    return d != null && d.signum() > 0 ? d : null;
  }

  /** Adds a violation when {@code key} is present, not null, and not a positive number. */
  static void checkPositive(
      List<FieldViolation> out, String root, Map<String, @Nullable Object> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      return;
    }
    BigDecimal d = decimal(value);
    if (d == null) {
      out.add(new FieldViolation(root + "." + key,
          "must be a JSON number, was " + (value instanceof String ? "a string" : value.getClass().getSimpleName())));
    } else if (d.signum() <= 0) {
      out.add(new FieldViolation(root + "." + key, "must be positive, was " + d.toPlainString()));
    }
  }

  /** {@code 10000000.010} as {@code 10,000,000.01}: grouped, exact, no trailing zeros. */
  static String format(BigDecimal amount) {
    String plain = amount.stripTrailingZeros().toPlainString();
    boolean negative = plain.startsWith("-");
    String digits = negative ? plain.substring(1) : plain;
    int dot = digits.indexOf('.');
    String whole = dot < 0 ? digits : digits.substring(0, dot);
    StringBuilder out = new StringBuilder(plain.length() + whole.length() / 3 + 1);
    if (negative) {
      out.append('-');
    }
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        out.append(',');
      }
      out.append(whole.charAt(i));
    }
    if (dot >= 0) {
      out.append(digits, dot, digits.length());
    }
    return out.toString();
  }
}

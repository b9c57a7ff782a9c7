package dev.lexecon.json;

import java.math.BigDecimal;

/**
 * The messages of every {@link IllegalArgumentException} thrown for a bad value in the JSON
 * model, in one place so that the writer and {@link Jcs#normalizeNumbers} say the same thing.
 * Messages name the JSON path and the Java type; they quote numbers but never strings or
 * arbitrary objects, which may hold personal data.
 */
final class ModelErrors {
  /** Deeper than this, a model is far more likely cyclic than real; the parser has the same cap. */
  static final int MAX_DEPTH = 1000;

  private ModelErrors() {}

  static IllegalArgumentException unsupportedType(JsonPath path, Object value) {
    return new IllegalArgumentException(
        "Value at "
            + path
            + " has unsupported type "
            + value.getClass().getName()
            + "; the JSON model is Map<String, ?>, List<?>, String, Boolean, null and"
            + " Integer, Long, Short, Byte, Double, Float, BigInteger or BigDecimal");
  }

  static IllegalArgumentException nonStringKey(JsonPath path, Object key) {
    return new IllegalArgumentException(
        "Object at "
            + path
            + " has a key of type "
            + key.getClass().getName()
            + "; JSON object keys must be Strings");
  }

  static IllegalArgumentException nullKey(JsonPath path) {
    return new IllegalArgumentException(
        "Object at " + path + " has a null key; JSON object keys must be Strings");
  }

  static IllegalArgumentException duplicateKey(JsonPath path) {
    return new IllegalArgumentException(
        "Object at "
            + path
            + " has two keys with the same characters; RFC 8785 §3.1 requires unique names");
  }

  static IllegalArgumentException nonFinite(JsonPath path, Number number) {
    return new IllegalArgumentException(
        "Number at " + path + " is " + number + "; JSON has no NaN or Infinity (RFC 8785 §3.2.2.3)");
  }

  static IllegalArgumentException inexact(JsonPath path, Number number) {
    return new IllegalArgumentException(
        "Number at "
            + path
            + " ("
            + describe(number)
            + ") cannot be written as a JSON number without losing precision: RFC 8785 numbers"
            + " are IEEE-754 doubles, so integers must stay within ±2^53 and decimals must equal"
            + " their shortest double rendering. Send it as a string, or call"
            + " Jcs.normalizeNumbers first");
  }

  /** Quotes a number exactly, but never as hundreds of digits: 1E-400 rather than 0.000... */
  private static String describe(Number number) {
    String exact = JsonNumbers.exactText(number);
    if (exact.length() <= 80) {
      return exact;
    }
    if (number instanceof BigDecimal decimal) {
      String scientific = decimal.stripTrailingZeros().toString();
      if (scientific.length() <= 80) {
        return scientific;
      }
    }
    return exact.substring(0, 40) + "... (" + exact.length() + " characters)";
  }

  static IllegalArgumentException loneSurrogate(
      JsonPath path, boolean isKey, char surrogate, int index) {
    return new IllegalArgumentException(
        (isKey ? "A key of the object at " : "String at ")
            + path
            + String.format(" has a lone surrogate \\u%04x at index %d", (int) surrogate, index)
            + "; JCS needs well-formed Unicode (RFC 8785 §3.2.2.2, I-JSON RFC 7493 §2.1)");
  }

  static IllegalArgumentException tooDeep(JsonPath path) {
    return new IllegalArgumentException(
        "Value at "
            + path
            + " is nested more than "
            + MAX_DEPTH
            + " objects or arrays deep; is the structure cyclic?");
  }
}

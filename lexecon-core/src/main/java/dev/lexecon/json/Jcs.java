package dev.lexecon.json;

import dev.lexecon.internal.Sha256;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Canonicalization Scheme of RFC 8785 (JCS): one byte sequence per JSON value, so that
 * ledger entries, policies and token arguments hash and sign the same way on every machine and in
 * every language with a conforming implementation.
 *
 * <h2>The JSON model</h2>
 *
 * Values are plain Java objects: {@code Map<String, ?>} (any map; keys must be {@code String}s),
 * {@code List<?>}, {@code String}, {@code Boolean}, {@code null}, and the numbers {@code Integer},
 * {@code Long}, {@code Short}, {@code Byte}, {@code Double}, {@code Float}, {@code BigInteger} and
 * {@code BigDecimal}. Anything else (a record, an {@code Instant}, an array, an {@code Optional})
 * is rejected with an {@link IllegalArgumentException} naming the JSON path, such as
 * {@code $.payload.items[2]}, and the Java type. Models nested more than 1,000 levels deep are
 * rejected too, which also catches cyclic ones. {@link #parse(String)} produces this model.
 *
 * <h2>Canonical form</h2>
 *
 * Members of every object are sorted by the UTF-16 code units of their names (RFC 8785 §3.2.3),
 * strings escape only {@code "}, {@code \} and control characters (§3.2.2.2), there is no
 * whitespace, and the result is UTF-8 (§3.2.4). Strings with lone surrogates are rejected, as
 * I-JSON (RFC 7493 §2.1) requires.
 *
 * <h2>Numbers</h2>
 *
 * RFC 8785 numbers are IEEE-754 doubles printed as ECMAScript's {@code Number.prototype.toString}
 * prints them (§3.2.2.3): {@code 1e+21}, {@code 1.5e-7}, {@code 0.000001}, {@code -0} as
 * {@code 0}. A number whose value a double cannot carry would silently change in every other
 * implementation, so this class refuses to write one:
 *
 * <ul>
 *   <li>{@code Integer}, {@code Long}, {@code Short}, {@code Byte} and {@code BigInteger} values
 *       are written when {@code |v| <= 2^53} (9,007,199,254,740,992), and refused above.
 *   <li>A {@code BigDecimal} is written when it equals, as a decimal, the JCS rendering of the
 *       double nearest to it: {@code 0.1}, {@code 4.50} (written {@code 4.5}), {@code 1E+30}
 *       (written {@code 1e+30}) and {@code 56.0} (written {@code 56}) qualify;
 *       {@code 0.10000000000000000001} and {@code 9007199254740993.0} do not.
 *   <li>A {@code Double} is written as itself; NaN and the infinities are refused.
 *   <li>A {@code Float} is widened to the double of exactly the same value, which is what a
 *       reader sees: {@code 0.1f} is written {@code 0.10000000149011612}. Prefer
 *       {@code Double} or {@code BigDecimal}.
 * </ul>
 *
 * A refused number makes {@link #canonicalize} throw an {@link IllegalArgumentException} with its
 * path and value. Callers that must accept arbitrary input call {@link #normalizeNumbers} first,
 * which replaces each such number by a string of its exact value.
 *
 * <p>All methods are static, stateless and thread-safe. The model must not change while a method
 * reads it.
 *
 * @since 0.1
 */
public final class Jcs {
  private static final HexFormat HEX = HexFormat.of();

  private Jcs() {}

  /**
   * Returns the canonical form of {@code json} as UTF-8 bytes, without a trailing newline.
   *
   * @throws IllegalArgumentException if {@code json} holds a value JCS cannot express exactly;
   *     the message names its path
   * @since 0.1
   */
  public static byte[] canonicalize(@Nullable Object json) {
    CanonicalWriter writer = CanonicalWriter.acquire();
    try {
      return writer.write(json).toByteArray();
    } finally {
      writer.release();
    }
  }

  /**
   * Replaces, while {@link #canonicalize(Object, Substitution)} writes, a value that JCS cannot
   * express as it is: an unsupported type (say, a wrapper the caller defined), NaN or an
   * infinity, or a number that is not exactly a double. The writer has not written anything for
   * the value yet; it writes the returned replacement instead, which must be plain JSON (it is
   * not substituted again).
   *
   * @since 0.1
   */
  @FunctionalInterface
  public interface Substitution {
    /**
     * @param value the value that cannot be written as it is
     * @param at where it is, relative to the value being canonicalized; valid during the call only
     * @return the JSON value to write in its place
     * @throws IllegalArgumentException to refuse the value; the message should name {@code at}
     */
    @Nullable Object substitute(Object value, JsonPath at);
  }

  /**
   * Returns the canonical form of {@code json} as UTF-8 bytes, asking {@code substitution} for a
   * replacement of every value JCS cannot express as it is, in one pass over the model: the way
   * to canonicalize a model with values of your own (the ledger's redactable values) without
   * first copying it.
   *
   * @throws IllegalArgumentException if {@code json} holds a value JCS cannot express exactly
   *     and {@code substitution} refuses it, or a replacement is not plain JSON
   * @since 0.1
   */
  public static byte[] canonicalize(@Nullable Object json, Substitution substitution) {
    return canonicalizeFramed(json, substitution, 0, 0);
  }

  /**
   * {@link #canonicalize(Object, Substitution)} into a new array with {@code before} bytes free in
   * front of the canonical form and {@code after} bytes free behind it: for a caller that frames
   * the form with bytes of its own (the ledger writes an entry's members around its payload), so
   * that the form is copied once, into its final place.
   *
   * @return an array of {@code before + n + after} bytes, the canonical form's {@code n} bytes at
   *     offset {@code before} and zeros around them
   * @throws IllegalArgumentException as {@link #canonicalize(Object, Substitution)} does, or if
   *     {@code before} or {@code after} is negative
   * @since 0.1
   */
  public static byte[] canonicalizeFramed(
      @Nullable Object json, Substitution substitution, int before, int after) {
    Objects.requireNonNull(substitution, "substitution");
    if (before < 0 || after < 0) {
      throw new IllegalArgumentException(
          "frame sizes must be >= 0, were before=" + before + ", after=" + after);
    }
    CanonicalWriter writer = CanonicalWriter.acquire();
    try {
      return writer.write(json, substitution).toFramedArray(before, after);
    } finally {
      writer.release();
    }
  }

  /**
   * Returns the canonical form of {@code json} as a string; its UTF-8 encoding is {@link
   * #canonicalize}'s result.
   *
   * @throws IllegalArgumentException if {@code json} holds a value JCS cannot express exactly
   * @since 0.1
   */
  public static String canonicalString(@Nullable Object json) {
    CanonicalWriter writer = CanonicalWriter.acquire();
    try {
      return writer.write(json).toUtf8String();
    } finally {
      writer.release();
    }
  }

  /**
   * Returns the SHA-256 digest of the canonical form of {@code json}, computed without copying
   * the canonical bytes.
   *
   * @throws IllegalArgumentException if {@code json} holds a value JCS cannot express exactly
   * @since 0.1
   */
  public static byte[] sha256(@Nullable Object json) {
    CanonicalWriter writer = CanonicalWriter.acquire();
    try {
      writer.write(json);
      MessageDigest digest = Sha256.newDigest();
      writer.digestInto(digest);
      return digest.digest();
    } finally {
      writer.release();
    }
  }

  /**
   * Returns {@link #sha256} as 64 lowercase hexadecimal characters.
   *
   * @throws IllegalArgumentException if {@code json} holds a value JCS cannot express exactly
   * @since 0.1
   */
  public static String sha256Hex(@Nullable Object json) {
    return HEX.formatHex(sha256(json));
  }

  /**
   * Parses one JSON text (RFC 8259) into the model this class writes: {@code LinkedHashMap} in
   * document order, {@code ArrayList}, {@code String}, {@code Boolean}, {@code null}, and exact
   * numbers: {@code Long} for integers that fit, {@code BigInteger} for larger ones,
   * {@code BigDecimal} for anything with a fraction or exponent. Whether a number may then be
   * canonicalized is decided by the rules above, not by the parser.
   *
   * <p>The parser is strict: no comments, trailing commas, {@code NaN}, leading zeros or content
   * after the value; member names must be unique within an object (RFC 8785 §3.1); strings must
   * not contain lone surrogates; nesting is limited to 1,000 levels.
   *
   * @return the parsed value; {@code null} for the text {@code null}
   * @throws IllegalArgumentException if {@code json} is not such a JSON text; the message gives
   *     the line and column
   * @since 0.1
   */
  public static @Nullable Object parse(String json) {
    return JsonTextParser.parse(json);
  }

  /**
   * Parses one JSON text encoded in UTF-8, the only encoding RFC 8259 §8.1 allows between
   * systems; malformed UTF-8 and a byte order mark are rejected. Otherwise the same as {@link
   * #parse(String)}.
   *
   * @throws IllegalArgumentException if {@code json} is not valid UTF-8 or not a JSON text
   * @since 0.1
   */
  public static @Nullable Object parse(byte[] json) {
    return JsonTextParser.parse(json);
  }

  /**
   * Returns a copy of {@code json} in which every number that {@link #canonicalize} would refuse
   * is replaced by a string of its exact value, so that any input canonicalizes without loss and
   * equal values always give equal bytes: integers as {@code toString()} writes them
   * ({@code "9007199254740993"}), decimals as {@code stripTrailingZeros().toPlainString()}
   * ({@code "0.10000000000000000001"}). A decimal whose exponent exceeds ±1,000 keeps
   * scientific notation ({@code "1E+5000"}) so that a few bytes of input cannot expand into
   * megabytes. Numbers that can be written stay as they are, the same instances.
   *
   * <p>Objects are copied into {@code LinkedHashMap}s in their iteration order, arrays into
   * {@code ArrayList}s; strings, booleans and numbers are shared. The input is not modified.
   *
   * @return the copy; {@code null} if {@code json} is {@code null}
   * @throws IllegalArgumentException if {@code json} holds NaN, an infinity, a non-string key or
   *     an unsupported type; the message names its path
   * @since 0.1
   */
  public static @Nullable Object normalizeNumbers(@Nullable Object json) {
    return new NumberNormalizer().normalize(json);
  }
}

package dev.lexecon.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON text into the plain-Java model with Jackson's streaming parser, strictly: one value,
 * unique member names, well-formed Unicode, and numbers kept exact (Long, BigInteger or
 * BigDecimal) so that {@link JsonNumbers} rather than the parser decides what they may become. The
 * one exception: an integer beyond 2^53 that is exactly how JCS writes a double is read as that
 * double, so that canonical text always reads back to a model that canonicalizes to it again.
 *
 * <p>Stateless and thread-safe; Jackson's factory is thread-safe once built.
 */
final class JsonTextParser {
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          // Untrusted keys must not fill the JVM's string intern pool.
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(ModelErrors.MAX_DEPTH).build())
          .build();

  private JsonTextParser() {}

  static @Nullable Object parse(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return readDocument(parser);
    } catch (JsonProcessingException e) {
      throw invalid(e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read JSON text: " + e.getMessage(), e);
    }
  }

  static @Nullable Object parse(byte[] json) {
    char[] chars = decodeUtf8(json);
    try (JsonParser parser = FACTORY.createParser(chars, 0, chars.length)) {
      return readDocument(parser);
    } catch (JsonProcessingException e) {
      throw invalid(e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read JSON text: " + e.getMessage(), e);
    }
  }

  /**
   * RFC 8259 §8.1 makes UTF-8 the only encoding for exchanged JSON. Decoding up front with a
   * reporting decoder rejects malformed bytes, encoded surrogates and a byte order mark (which
   * becomes U+FEFF, not whitespace), where Jackson would otherwise sniff UTF-16 or UTF-32.
   */
  private static char[] decodeUtf8(byte[] json) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(json);
    CharBuffer out = CharBuffer.allocate(json.length); // UTF-8 never yields more units than bytes
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new IllegalArgumentException(
          "JSON text is not valid UTF-8: bad byte sequence at offset " + in.position());
    }
    return out.position() == out.capacity() ? out.array() : Arrays.copyOf(out.array(), out.position());
  }

  private static @Nullable Object readDocument(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new IllegalArgumentException("JSON text is empty");
    }
    Object value = readValue(parser, first);
    if (parser.nextToken() != null) {
      throw new IllegalArgumentException(
          "JSON text has content after its value, at " + where(parser.currentTokenLocation()));
    }
    return value;
  }

  private static @Nullable Object readValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        return readArray(parser);
      case VALUE_STRING:
        return checkedText(parser, parser.getText(), false);
      case VALUE_NUMBER_INT:
        return integer(parser);
      case VALUE_NUMBER_FLOAT:
        return parser.getDecimalValue(); // exact; JsonNumbers decides later whether it fits
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalStateException("Unexpected token " + token);
    }
  }

  /**
   * An integer token as a Long or BigInteger, except one beyond 2^53 that spells exactly the JCS
   * rendering of a double: JCS writes the double 1e20 as {@code 100000000000000000000}, and
   * reading that back as an integer would leave a value that {@link JsonNumbers} refuses to
   * write (integers beyond 2^53 are not JSON numbers), so canonical text would not read back to
   * itself. Read as that double, it canonicalizes to the very same text again. Any other large
   * integer ({@code 9007199254740993}) stays exact and is refused or normalized as before.
   */
  private static Object integer(JsonParser parser) throws IOException {
    if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long value = parser.getLongValue();
      if (-JsonNumbers.MAX_EXACT_INTEGER <= value && value <= JsonNumbers.MAX_EXACT_INTEGER) {
        return value;
      }
      return doubleSpelledBy(parser.getText(), value);
    }
    BigInteger value = parser.getBigIntegerValue();
    return doubleSpelledBy(parser.getText(), value);
  }

  private static Object doubleSpelledBy(String text, Number exact) {
    double nearest = exact.doubleValue();
    return Double.isFinite(nearest) && Es6NumberFormat.format(nearest).equals(text) ? (Object) nearest : exact;
  }

  private static Map<String, @Nullable Object> readObject(JsonParser parser) throws IOException {
    Map<String, @Nullable Object> object = new LinkedHashMap<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = checkedText(parser, parser.currentName(), true);
      if (object.containsKey(name)) {
        // RFC 8785 §3.1 and I-JSON (RFC 7493 §2.3): names must be unique, or the meaning of
        // the object depends on which duplicate a reader keeps.
        throw new IllegalArgumentException(
            "JSON object at "
                + pathOf(parser.getParsingContext().getParent())
                + " repeats a member name, at "
                + where(parser.currentTokenLocation())
                + "; RFC 8785 requires unique names");
      }
      object.put(name, readValue(parser, parser.nextToken()));
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalStateException("Unexpected token " + token);
    }
    return object;
  }

  private static List<@Nullable Object> readArray(JsonParser parser) throws IOException {
    List<@Nullable Object> array = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      array.add(readValue(parser, token));
    }
    return array;
  }

  /** Jackson decodes an escaped lone surrogate as is; I-JSON (RFC 7493 §2.1) forbids it. */
  private static String checkedText(JsonParser parser, String text, boolean isName)
      throws IOException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new IllegalArgumentException(
            String.format(
                "JSON %s at %s has a lone surrogate \\u%04x, at %s; RFC 8785 needs well-formed"
                    + " Unicode",
                isName ? "member name in the object" : "string",
                pathOf(
                    isName
                        ? parser.getParsingContext().getParent()
                        : parser.getParsingContext()),
                (int) c,
                where(parser.currentTokenLocation())));
      }
    }
    return text;
  }

  private static IllegalArgumentException invalid(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String at = location == null ? "" : " at " + where(location);
    return new IllegalArgumentException("Invalid JSON" + at + ": " + e.getOriginalMessage(), e);
  }

  private static String where(JsonLocation location) {
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** The path of the value the context is positioned on, in the notation of {@link JsonPath}. */
  private static String pathOf(@Nullable JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      chain.push(at);
    }
    JsonPath path = new JsonPath();
    for (JsonStreamContext at : chain) {
      if (at.inArray()) {
        path.pushIndex(Math.max(0, at.getCurrentIndex()));
      } else {
        String name = at.getCurrentName();
        path.pushKey(name == null ? "" : name);
      }
    }
    return path.toString();
  }
}

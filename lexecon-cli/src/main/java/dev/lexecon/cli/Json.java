package dev.lexecon.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * JSON in and out of the tool. Input: duplicate keys are errors (a second {@code "actor"} must not
 * silently win) and decimals are read exactly. Output: two-space indentation, {@code "key": value},
 * {@code \n} line ends on every platform, one document per command.
 */
final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final ObjectWriter PRETTY;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    PRETTY = MAPPER.writer(printer);
  }

  private Json() {}

  /** Parses {@code text}; {@code source} names it in the error message. */
  static JsonNode parse(String text, String source) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw CliException.failure(source + " is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
          + ")");
    }
  }

  /** A JSON value as plain Java (maps, lists, strings, booleans, exact numbers, null). */
  static @org.jspecify.annotations.Nullable Object toJava(JsonNode node) {
    return MAPPER.convertValue(node, Object.class);
  }

  /** Pretty JSON text of a plain Java value, ending with a newline. */
  static String pretty(@org.jspecify.annotations.Nullable Object value) {
    try {
      return PRETTY.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the tool's own output is always serializable", e);
    }
  }

  /** Prints {@code value} as pretty JSON. */
  static void print(PrintWriter out, @org.jspecify.annotations.Nullable Object value) {
    out.print(pretty(value));
    out.flush();
  }

  /**
   * Reads a UTF-8 text file, or standard input for {@code -}; {@code what} names it in errors
   * ("request file").
   */
  static String readText(String pathOrDash, LexeconCli.Terminal terminal, String what) {
    try {
      if ("-".equals(pathOrDash)) {
        return new String(terminal.in().readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(pathOrDash), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.failure("cannot read " + what + " " + pathOrDash + ": no such file");
    } catch (IOException | UncheckedIOException e) {
      throw CliException.failure("cannot read " + what + " " + pathOrDash + ": " + e.getMessage());
    }
  }
}

package dev.lexecon.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads an audit export of any format (docs/export-format.md §7 and §8) in one forward pass: first
 * its manifest, then the JSON Lines entry lines the file carries (the lines themselves in JSON
 * Lines, the {@code ledger_entry} column of CSV entry rows, the fenced block after the {@code
 * lexecon-audit-entries} marker in Markdown, the {@code lexecon-audit-entries} data block in
 * HTML). Both the ledger's verifier and the report verifier read files through this one class, so
 * they cannot disagree about where a file keeps its entries.
 *
 * <p>Not thread-safe; the caller closes the stream.
 */
public final class AuditReportLines {
  /** The file kinds, told apart by where their manifest is. */
  public enum Kind {
    JSON_LINES, CSV, MARKDOWN, HTML
  }

  public static final String MANIFEST_MARKER = "lexecon-audit-manifest";
  public static final String ENTRIES_MARKER = "lexecon-audit-entries";
  public static final String MARKDOWN_ENTRIES = "<!-- " + ENTRIES_MARKER + " -->";
  public static final String HTML_ENTRIES = "<script type=\"application/json\" id=\"" + ENTRIES_MARKER + "\">";
  /** The column of a CSV entry row holding its entry line. */
  public static final int CSV_ENTRY_COLUMN = 9;

  private final BufferedReader reader;
  private final Kind kind;
  private final String manifest;
  private long lineNumber;
  private boolean inSection;
  private boolean done;
  private long entryStart;

  private AuditReportLines(BufferedReader reader) {
    this.reader = reader;
    boolean afterMarker = false;
    Kind markerKind = Kind.MARKDOWN;
    Kind found = null;
    String json = null;
    for (String line; found == null && (line = readLine()) != null; ) {
      if (lineNumber == 1 && line.startsWith("{\"format\":\"lexecon-audit-export\"")) {
        found = Kind.JSON_LINES;
        json = line;
      } else if (line.startsWith("manifest,")) {
        found = Kind.CSV;
        List<String> fields = csvFields(line);
        if (fields.size() < CSV_ENTRY_COLUMN) {
          throw new IllegalArgumentException("line " + lineNumber + ": the manifest row has "
              + fields.size() + " fields, not " + (CSV_ENTRY_COLUMN + 1));
        }
        json = fields.get(CSV_ENTRY_COLUMN - 1);
      } else if (afterMarker && line.startsWith("{")) {
        found = markerKind;
        json = line;
      } else if (line.contains(MANIFEST_MARKER)) {
        afterMarker = true;
        markerKind = line.startsWith("<script") ? Kind.HTML : Kind.MARKDOWN;
      } else {
        // in Markdown the opening fence comes between the marker and the JSON
        afterMarker = afterMarker && line.startsWith("```");
      }
    }
    if (found == null || json == null) {
      throw new IllegalArgumentException("no " + MANIFEST_MARKER + " found in the file");
    }
    this.kind = found;
    this.manifest = json;
  }

  /**
   * Reads {@code in} up to and including its manifest.
   *
   * @throws IllegalArgumentException when the file has no manifest where a manifest can be
   * @throws UncheckedIOException when reading fails
   */
  public static AuditReportLines open(InputStream in) {
    return new AuditReportLines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
  }

  /** The kind of file, told by where its manifest was found. */
  public Kind kind() {
    return kind;
  }

  /** The manifest's JSON; for JSON Lines the whole header line. */
  public String manifestJson() {
    return manifest;
  }

  /** The number (from 1) of the file line the last line returned starts on. */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * The next entry line, or null when there are no more.
   *
   * @throws IllegalArgumentException when the file's structure is broken (a CSV row that is not an
   *     entry row, an unterminated entries section)
   */
  public @Nullable String next() {
    if (done) {
      return null;
    }
    switch (kind) {
      case JSON_LINES -> {
        String line = readLine();
        done = line == null;
        return line;
      }
      case CSV -> {
        long start = lineNumber + 1;
        String row = readCsvRecord();
        if (row == null) {
          done = true;
          return null;
        }
        List<String> fields = csvFields(row);
        lineNumber = Math.max(lineNumber, start);
        if (!"entry".equals(fields.get(0))) {
          throw new IllegalArgumentException("line " + start + ": a row that is not an entry row");
        }
        if (fields.size() != CSV_ENTRY_COLUMN + 1) {
          throw new IllegalArgumentException("line " + start + ": an entry row with " + fields.size()
              + " fields, not " + (CSV_ENTRY_COLUMN + 1));
        }
        entryStart = start;
        return fields.get(CSV_ENTRY_COLUMN);
      }
      default -> {
        String open = kind == Kind.HTML ? HTML_ENTRIES : MARKDOWN_ENTRIES;
        while (!inSection) {
          String line = readLine();
          if (line == null) {
            done = true;
            return null;
          }
          if (line.equals(open)) {
            if (kind == Kind.MARKDOWN) {
              String fence = readLine();
              if (fence == null || !fence.startsWith("```")) {
                throw new IllegalArgumentException("line " + lineNumber + ": the entries marker is not"
                    + " followed by a fenced block");
              }
            }
            inSection = true;
          }
        }
        String line = readLine();
        if (line == null) {
          throw new IllegalArgumentException("the file ends inside its entries section");
        }
        if (kind == Kind.HTML ? line.equals("</script>") : line.startsWith("```")) {
          done = true;
          return null;
        }
        return line;
      }
    }
  }

  /** The file line the last entry returned starts on. */
  public long entryLineNumber() {
    return kind == Kind.CSV ? entryStart : lineNumber;
  }

  private @Nullable String readLine() {
    try {
      String line = reader.readLine();
      if (line != null) {
        lineNumber++;
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the export: " + e.getMessage(), e);
    }
  }

  /** One RFC 4180 record, which spans lines where a quoted field holds a line break. */
  private @Nullable String readCsvRecord() {
    String line = readLine();
    if (line == null) {
      return null;
    }
    StringBuilder record = new StringBuilder(line);
    while (quoteOpen(record)) {
      String more = readLine();
      if (more == null) {
        throw new IllegalArgumentException("the file ends inside a quoted CSV field");
      }
      record.append('\n').append(more);
    }
    return record.toString();
  }

  private static boolean quoteOpen(CharSequence s) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '"') {
        quoted = !quoted;
      }
    }
    return quoted;
  }

  /** The fields of one RFC 4180 record; quoted fields double their quotes; CR before LF dropped. */
  public static List<String> csvFields(String record) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c != '\r') {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}

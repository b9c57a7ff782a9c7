package dev.lexecon.api.export;

/**
 * The formats of an audit export. Every format carries the signed verification manifest; the JSON
 * Lines format also carries the full entries, which is what an offline verifier checks.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum ExportFormat {
  /** JSON Lines: a header line with the manifest, then one line per entry with its hash. */
  JSON("json", "jsonl", "application/jsonl"),
  /** RFC 4180 CSV: a manifest row, then one row per entry. */
  CSV("csv", "csv", "text/csv"),
  /** A Markdown report: summary, counts, decisions over time, the manifest and the entries. */
  MARKDOWN("markdown", "md", "text/markdown"),
  /**
   * A self-contained HTML report (inline styles, an inline SVG chart, no scripts, no external
   * resources) that reads offline in any browser.
   */
  HTML("html", "html", "text/html");

  private final String jsonName;
  private final String extension;
  private final String mediaType;

  ExportFormat(String jsonName, String extension, String mediaType) {
    this.jsonName = jsonName;
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /** The name manifests record ({@code json}, {@code csv}, {@code markdown}, {@code html}). */
  public String jsonName() {
    return jsonName;
  }

  /** The usual file extension, without the dot. */
  public String fileExtension() {
    return extension;
  }

  /** The media type. */
  public String mediaType() {
    return mediaType;
  }
}

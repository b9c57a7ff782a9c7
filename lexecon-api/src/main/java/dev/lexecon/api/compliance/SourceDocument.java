package dev.lexecon.api.compliance;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The document a control comes from, with the edition the catalog follows.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the catalog's key for the document ({@code pci-dss-4.0.1})
 * @param framework the framework it defines
 * @param title the document's title as published
 * @param version the edition or version followed ("4.0.1 (June 2024)")
 * @param publisher who publishes it
 * @param url a stable address of the official text, or {@code null} where there is none
 * @since 0.1
 */
public record SourceDocument(
    String id,
    ComplianceFramework framework,
    String title,
    String version,
    String publisher,
    @Nullable String url) {
  public SourceDocument {
    Checks.requireText(id, "id");
    Objects.requireNonNull(framework, "framework");
    Checks.requireText(title, "title");
    Checks.requireText(version, "version");
    Checks.requireText(publisher, "publisher");
    if (url != null && url.isBlank()) {
      throw new IllegalArgumentException("url must be null or non-blank");
    }
  }
}

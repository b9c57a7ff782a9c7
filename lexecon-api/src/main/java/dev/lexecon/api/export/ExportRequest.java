package dev.lexecon.api.export;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to export and how: a format, a scope and include flags.
 *
 * <p>Immutable and thread-safe.
 *
 * @param format the format
 * @param scope which entries
 * @param includes what beyond the defaults (empty: no personal data, no payloads in CSV, Markdown
 *     and HTML, proofs only where a filtered export needs them)
 * @since 0.1
 */
public record ExportRequest(ExportFormat format, ExportScope scope, Set<ExportInclude> includes) {
  public ExportRequest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(scope, "scope");
    includes = Set.copyOf(includes);
  }

  /** A request for {@code format} and {@code scope} with the given include flags. */
  public static ExportRequest of(ExportFormat format, ExportScope scope, ExportInclude... includes) {
    return new ExportRequest(format, scope, new HashSet<>(Arrays.asList(includes)));
  }

  /** Whether {@code include} was asked for. */
  public boolean includes(ExportInclude include) {
    return includes.contains(include);
  }

  /** The same request in another format. */
  public ExportRequest withFormat(ExportFormat format) {
    return new ExportRequest(format, scope, includes);
  }
}
